import { FAILURE_STATUSES, IRunQuery, RunStatus, RunTrigger } from '../api';

export type StatusFilter = 'all' | 'failures' | RunStatus;
export type RangeFilter = 'all' | '24h' | '7d' | '30d';
/** 'runs': the schedule's own runs, every kind but test runs. */
export type KindFilter = 'all' | 'runs' | RunTrigger;

const SCHEDULE_TRIGGERS: RunTrigger[] = ['scheduled', 'backfill', 'manual'];

/** What the filter bar holds; turned into a server query by `toRunQuery`. */
export interface IRunFilters {
  schedule: string;
  status: StatusFilter;
  range: RangeFilter;
  search: string;
  kind: KindFilter;
}

export const NO_FILTERS: IRunFilters = {
  schedule: '',
  status: 'all',
  range: 'all',
  search: '',
  kind: 'all'
};

const RANGE_HOURS: Record<Exclude<RangeFilter, 'all'>, number> = {
  '24h': 24,
  '7d': 24 * 7,
  '30d': 24 * 30
};

/** The filters as a server query; `now` fixes the time range's start. */
export function toRunQuery(
  filters: IRunFilters,
  now: Date,
  limit: number
): IRunQuery {
  const query: IRunQuery = { limit };
  if (filters.schedule) {
    query.schedule = filters.schedule;
  }
  if (filters.status === 'failures') {
    query.status = [...FAILURE_STATUSES];
  } else if (filters.status !== 'all') {
    query.status = [filters.status];
  }
  if (filters.range !== 'all') {
    const hours = RANGE_HOURS[filters.range];
    query.since = new Date(now.getTime() - hours * 3600_000).toISOString();
  }
  if (filters.kind === 'runs') {
    query.trigger = [...SCHEDULE_TRIGGERS];
  } else if (filters.kind !== 'all') {
    query.trigger = [filters.kind];
  }
  const search = filters.search.trim();
  if (search) {
    query.search = search;
  }
  return query;
}

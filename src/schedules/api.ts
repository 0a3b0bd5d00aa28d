/**
 * Typed calls of the Schedules view (nbschedule/api/openapi.yaml: /schedule-states,
 * /schedules/{name}/detail, /schedules/{name}/pause, /schedules/{name}/fire-times).
 */
import { URLExt } from '@jupyterlab/coreutils';

import { INbScheduleClient, ISpecLoadError, RunStatus } from '../api';
import { ScheduleSpec } from '../spec';

export interface IPauseState {
  paused: boolean;
  changed_at: string;
  changed_by: string;
}

/** A run as a row's outcome strip shows it. */
export interface IOutcome {
  id: number;
  status: RunStatus;
}

export interface IRecentRun extends IOutcome {
  trigger: string;
  logical_date: string;
}

/** What a row shows; the spec and full runs are in the schedule's detail. */
export interface IScheduleFacts {
  name: string;
  notebook: string;
  cron: string;
  timezone: string;
  owner: string;
  zone: string;
  next_fire_time: string | null;
  /** Null unless the schedule is paused. */
  pause: IPauseState | null;
  /** [run id, status] of the latest 10 runs, newest first. */
  outcomes: [number, RunStatus][];
}

/** One active schedule as its detail and actions need it. */
export interface IScheduleDetail {
  name: string;
  spec: ScheduleSpec;
  next_fire_time: string | null;
  pause: IPauseState | null;
  /** Newest first, at most 10. */
  recent_runs: IRecentRun[];
  now: string;
}

export interface IPendingReview {
  branch: string;
  commit: string;
  name: string;
  spec: ScheduleSpec | null;
  error: string | null;
}

export interface IScheduleStates {
  schedules: IScheduleFacts[];
  errors: ISpecLoadError[];
  /** The scheduler's clock. */
  now: string;
  review: {
    mode: 'local' | 'github';
    /** The checked-out (local) or base (GitHub) branch reviews merge into. */
    branch: string | null;
    /** Local mode: review branches not merged yet. */
    pending: IPendingReview[];
  };
}

export interface IFireTimesPreview {
  fire_times: string[];
  /** Fire times that already have a run: a backfill skips them. */
  existing: string[];
  /** The range holds more than `limit` fire times. */
  more: boolean;
  limit: number;
  now: string;
}

export function fetchScheduleStates(
  client: INbScheduleClient
): Promise<IScheduleStates> {
  return client.requestJson<IScheduleStates>('schedule-states');
}

export function fetchScheduleDetail(
  client: INbScheduleClient,
  name: string
): Promise<IScheduleDetail> {
  return client.requestJson<IScheduleDetail>(
    `schedules/${encodeURIComponent(name)}/detail`
  );
}

export function setPaused(
  client: INbScheduleClient,
  name: string,
  paused: boolean
): Promise<IPauseState> {
  return client.requestJson<IPauseState>(
    `schedules/${encodeURIComponent(name)}/pause`,
    paused ? { method: 'POST', body: '{}' } : { method: 'DELETE' }
  );
}

export function previewBackfill(
  client: INbScheduleClient,
  name: string,
  start: string,
  end: string,
  signal?: AbortSignal
): Promise<IFireTimesPreview> {
  const query = URLExt.objectToQueryString({ start, end });
  return client.requestJson<IFireTimesPreview>(
    `schedules/${encodeURIComponent(name)}/fire-times${query}`,
    { signal }
  );
}

export interface IRetireResult {
  branch: string;
  commit: string;
  base: string;
  diff_command: string;
}

/** A review (local git) that removes the schedule's spec and DAG. */
export function retireSchedule(
  client: INbScheduleClient,
  name: string
): Promise<IRetireResult> {
  return client.requestJson<IRetireResult>(
    `schedules/${encodeURIComponent(name)}/retire`,
    { method: 'POST', body: '{}' }
  );
}

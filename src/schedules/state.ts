/**
 * Each schedule's state, derived from the server's facts (and, in GitHub mode, its
 * pull requests): in review, active, paused, failing or broken spec.
 */
import { FAILURE_STATUSES, RunStatus } from '../api';
import { ScheduleSpec } from '../spec';
import { IOutcome, IPauseState, IScheduleStates } from './api';

export type ScheduleState =
  'in-review' | 'active' | 'paused' | 'failing' | 'broken';

/** Worst first: the order the view lists states in. */
export const STATES: ScheduleState[] = [
  'broken',
  'failing',
  'in-review',
  'paused',
  'active'
];

/** A schedule is failing when this many of its latest finished runs all failed. */
export const FAILING_STREAK = 3;

const FINISHED: RunStatus[] = [
  'success',
  'failed',
  'refused',
  'lost',
  'cancelled'
];

export type ReviewStatus = 'open' | 'merged' | 'closed';

export interface IReview {
  branch: string;
  status: ReviewStatus;
  /** GitHub only. */
  number?: number;
  url?: string;
}

/** A pull request of a review branch, as the GitHub proxy reports it. */
export interface IPullRequest {
  number: number;
  url: string;
  branch: string;
  status: ReviewStatus;
}

export interface IScheduleItem {
  name: string;
  state: ScheduleState;
  /** In review: the branch's spec; active ones load theirs with their detail. */
  spec: ScheduleSpec | null;
  notebook: string;
  cron: string;
  timezone: string;
  owner: string;
  zone: string;
  /** Null while paused, in review or broken. */
  nextFireTime: string | null;
  /** Newest first, at most 10. */
  recentRuns: IOutcome[];
  pause: IPauseState | null;
  /** The review that makes it active, or a change of an active schedule under review. */
  review: IReview | null;
  /** Why the spec does not load (broken), or why a review branch cannot be read. */
  error: string | null;
}

/** True when the latest FAILING_STREAK finished runs (all of them, if fewer) failed. */
export function isFailing(recent: IOutcome[]): boolean {
  const finished = recent
    .filter(run => FINISHED.includes(run.status))
    .slice(0, FAILING_STREAK);
  return (
    finished.length > 0 &&
    finished.every(run => FAILURE_STATUSES.includes(run.status))
  );
}

const REVIEW_PREFIX = 'nbschedule/';

function scheduleOfBranch(branch: string): string | null {
  return branch.startsWith(REVIEW_PREFIX)
    ? branch.slice(REVIEW_PREFIX.length)
    : null;
}

function fromSpec(
  name: string,
  spec: ScheduleSpec | null
): Omit<IScheduleItem, 'state' | 'review' | 'error'> {
  return {
    name,
    spec,
    notebook: spec?.notebook ?? '',
    cron: spec?.cron ?? '',
    timezone: spec?.timezone ?? '',
    owner: spec?.owner ?? '',
    zone: spec?.zone ?? '',
    nextFireTime: null,
    recentRuns: [],
    pause: null
  };
}

/**
 * One item per schedule: the active ones, broken spec files, and reviews not merged
 * yet (pull requests: open, or merged/closed without the spec on this server).
 */
export function deriveSchedules(
  facts: IScheduleStates,
  pullRequests: IPullRequest[] = []
): IScheduleItem[] {
  const reviews = new Map<string, IReview>();
  for (const pending of facts.review.pending) {
    reviews.set(pending.name, { branch: pending.branch, status: 'open' });
  }
  // Newest pull request per branch wins: an old closed one must not hide a new open one.
  const sortedPulls = [...pullRequests].sort((a, b) => a.number - b.number);
  for (const pull of sortedPulls) {
    const name = scheduleOfBranch(pull.branch);
    if (name) {
      reviews.set(name, {
        branch: pull.branch,
        status: pull.status,
        number: pull.number,
        url: pull.url
      });
    }
  }

  const items: IScheduleItem[] = [];
  const seen = new Set<string>();
  for (const schedule of facts.schedules) {
    seen.add(schedule.name);
    const review = reviews.get(schedule.name);
    const recentRuns = schedule.outcomes.map(([id, status]) => ({
      id,
      status
    }));
    const state: ScheduleState = schedule.pause
      ? 'paused'
      : isFailing(recentRuns)
        ? 'failing'
        : 'active';
    items.push({
      name: schedule.name,
      spec: null,
      state,
      notebook: schedule.notebook,
      cron: schedule.cron,
      timezone: schedule.timezone,
      owner: schedule.owner,
      zone: schedule.zone,
      nextFireTime: schedule.pause ? null : schedule.next_fire_time,
      recentRuns,
      pause: schedule.pause,
      // A merged or closed review of a live schedule is history, not news.
      review: review?.status === 'open' ? review : null,
      error: null
    });
  }
  for (const error of facts.errors) {
    const name = error.file.replace(/\.json$/, '');
    if (!seen.has(name)) {
      seen.add(name);
      items.push({
        ...fromSpec(name, null),
        state: 'broken',
        review: null,
        error: error.message
      });
    }
  }
  const pendingSpecs = new Map(
    facts.review.pending.map(pending => [pending.name, pending])
  );
  for (const [name, review] of reviews) {
    if (seen.has(name) || review.status === 'closed') {
      continue;
    }
    const pending = pendingSpecs.get(name);
    items.push({
      ...fromSpec(name, pending?.spec ?? null),
      state: 'in-review',
      review,
      error: pending?.error ?? null
    });
  }
  return items.sort(
    (a, b) =>
      STATES.indexOf(a.state) - STATES.indexOf(b.state) ||
      a.name.localeCompare(b.name)
  );
}

export interface IScheduleFilter {
  /** Matched against name, owner, notebook and zone, ignoring case. */
  text: string;
  state: ScheduleState | 'all';
}

export const NO_FILTER: IScheduleFilter = { text: '', state: 'all' };

export function filterSchedules(
  items: IScheduleItem[],
  filter: IScheduleFilter
): IScheduleItem[] {
  const text = filter.text.trim().toLowerCase();
  return items.filter(
    item =>
      (filter.state === 'all' || item.state === filter.state) &&
      (!text ||
        [item.name, item.owner, item.notebook, item.zone].some(field =>
          field.toLowerCase().includes(text)
        ))
  );
}

/** How many items are in each state, for the filter's labels. */
export function countByState(
  items: IScheduleItem[]
): Record<ScheduleState, number> {
  const counts = Object.fromEntries(STATES.map(state => [state, 0])) as Record<
    ScheduleState,
    number
  >;
  for (const item of items) {
    counts[item.state] += 1;
  }
  return counts;
}

import { TranslationBundle } from '@jupyterlab/translation';

import { FAILURE_STATUSES, IRun, RunStatus } from '../api';

export function isFailure(status: RunStatus): boolean {
  return FAILURE_STATUSES.includes(status);
}

export function isActive(status: RunStatus): boolean {
  return status === 'queued' || status === 'running';
}

function wordedSeconds(seconds: number, trans: TranslationBundle): string {
  if (seconds < 60) {
    return trans.__('%1 s', seconds);
  }
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) {
    return trans.__('%1 min %2 s', minutes, seconds % 60);
  }
  return trans.__('%1 h %2 min', Math.floor(minutes / 60), minutes % 60);
}

function secondsBetween(start: string, end: string | null, now: Date): number {
  const until = end ? new Date(end) : now;
  return Math.max(
    0,
    Math.round((until.getTime() - new Date(start).getTime()) / 1000)
  );
}

/** "45 s", "3 min 20 s", "2 h 5 min"; null when the run has not started. */
export function formatDuration(
  startedAt: string | null,
  endedAt: string | null,
  now: Date,
  trans: TranslationBundle
): string | null {
  return startedAt
    ? wordedSeconds(secondsBetween(startedAt, endedAt, now), trans)
    : null;
}

/** Time spent running, summed over attempts: the waits between retries are not work. */
export function attemptsDuration(
  attempts: { started_at: string; ended_at: string | null }[],
  now: Date,
  trans: TranslationBundle
): string | null {
  if (!attempts.length) {
    return null;
  }
  const total = attempts.reduce(
    (sum, attempt) =>
      sum + secondsBetween(attempt.started_at, attempt.ended_at, now),
    0
  );
  return wordedSeconds(total, trans);
}

/** A queued run that has failed before and waits for its next try. */
export function awaitsRetry(run: IRun): boolean {
  return run.status === 'queued' && run.attempts > 0 && !!run.next_try_at;
}

/** The status as a row shows it: a waiting retry says when it will be tried. */
export function statusText(run: IRun, trans: TranslationBundle): string {
  return awaitsRetry(run)
    ? trans.__('Retry at %1', formatTime(run.next_try_at!))
    : statusLabel(run.status, trans);
}

/** A time of day in the reader's locale, 24 h, to the minute. */
export function formatTime(iso: string, locale?: string): string {
  return new Date(iso).toLocaleTimeString(locale, {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23'
  });
}

/** A date-time in the reader's locale, 24 h, to the minute. */
export function formatInstant(iso: string | null, locale?: string): string {
  if (!iso) {
    return '';
  }
  return new Date(iso).toLocaleString(locale, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23'
  });
}

export function statusLabel(
  status: RunStatus,
  trans: TranslationBundle
): string {
  return {
    queued: trans.__('Queued'),
    running: trans.__('Running'),
    success: trans.__('Succeeded'),
    failed: trans.__('Failed'),
    refused: trans.__('Refused'),
    lost: trans.__('Lost'),
    cancelled: trans.__('Cancelled'),
    upstream_failed: trans.__('Upstream failed')
  }[status];
}

/** How the run came about; a run tried more than once also says it was retried. */
export function triggerLabel(run: IRun, trans: TranslationBundle): string {
  const trigger = {
    scheduled: trans.__('scheduled'),
    manual: trans.__('manual'),
    backfill: trans.__('backfill'),
    test: trans.__('test run'),
    workflow: trans.__('workflow item')
  }[run.trigger];
  return run.attempts > 1
    ? trans.__('%1, retry %2', trigger, run.attempts - 1)
    : trigger;
}

/**
 * Datasets as the schedule names them (`warehouse:orders`); the lineage namespace
 * (`sqlite:///…/warehouse.db`) only for datasets that have no connection name.
 */
export function datasetNames(
  datasets: Record<string, unknown>[] | undefined
): string[] {
  return (datasets ?? []).map(dataset =>
    dataset.connection
      ? `${dataset.connection}:${dataset.table}`
      : `${dataset.namespace}/${dataset.name}`
  );
}

/** The runs panel's count: how many runs are listed, and whether more load on scroll. */
export function runCountText(
  count: number,
  complete: boolean,
  trans: TranslationBundle
): string {
  return complete
    ? trans._n('%1 run', '%1 runs', count)
    : trans._n(
        '%1 run loaded, more on scroll',
        '%1 runs loaded, more on scroll',
        count
      );
}

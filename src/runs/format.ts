import { TranslationBundle } from '@jupyterlab/translation';

import { FAILURE_STATUSES, IRun, RunStatus } from '../api';

export function isFailure(status: RunStatus): boolean {
  return FAILURE_STATUSES.includes(status);
}

export function isActive(status: RunStatus): boolean {
  return status === 'queued' || status === 'running';
}

/** "45 s", "3 min 20 s", "2 h 5 min"; null when the run has not started. */
export function formatDuration(
  startedAt: string | null,
  endedAt: string | null,
  now: Date
): string | null {
  if (!startedAt) {
    return null;
  }
  const end = endedAt ? new Date(endedAt) : now;
  const seconds = Math.max(
    0,
    Math.round((end.getTime() - new Date(startedAt).getTime()) / 1000)
  );
  if (seconds < 60) {
    return `${seconds} s`;
  }
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) {
    return `${minutes} min ${seconds % 60} s`;
  }
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
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
    cancelled: trans.__('Cancelled')
  }[status];
}

/** How the run came about; a run tried more than once also says it was retried. */
export function triggerLabel(run: IRun, trans: TranslationBundle): string {
  const trigger = {
    scheduled: trans.__('scheduled'),
    manual: trans.__('manual'),
    backfill: trans.__('backfill'),
    test: trans.__('test run')
  }[run.trigger];
  return run.attempts > 1
    ? trans.__('%1, retry %2', trigger, run.attempts - 1)
    : trigger;
}

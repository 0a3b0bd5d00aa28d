/**
 * Typed calls for the run history, schedules and failure notices
 * (nbschedule/api/openapi.yaml: /runs, /schedules, /notifications).
 */
import { URLExt } from '@jupyterlab/coreutils';

import { IRunRecord } from './runRecord';
import { INbScheduleClient } from './tokens';

export type RunStatus =
  | 'queued'
  | 'running'
  | 'success'
  | 'failed'
  | 'refused'
  | 'lost'
  | 'cancelled'
  /** A workflow item not run because a run it needs did not succeed. */
  | 'upstream_failed';

/**
 * 'test': a wizard test run, in the history as its own kind, never a schedule's run.
 * 'workflow': a node or item run, started by its workflow run.
 */
export type RunTrigger =
  'scheduled' | 'backfill' | 'manual' | 'test' | 'workflow';

/** Statuses of runs that ended badly: a filter for "failures only". */
export const FAILURE_STATUSES: RunStatus[] = ['failed', 'lost', 'refused'];

export interface IRun {
  id: number;
  schedule: string;
  run_id: string;
  owner: string;
  trigger: RunTrigger;
  logical_date: string;
  status: RunStatus;
  exit_reason: string | null;
  message: string | null;
  attempts: number;
  created_at: string;
  started_at: string | null;
  ended_at: string | null;
  next_try_at: string | null;
  cancel_requested: boolean;
  output_uri: string | null;
  /** The output notebook relative to the server root, ready to open. */
  output_path: string | null;
  /** A workflow's node or item run: its workflow run's id, node and item. */
  parent?: number | null;
  node?: string | null;
  item_index?: number | null;
  /** A fan-out item named by its parameter values, e.g. "region=eu". */
  item_label?: string | null;
  /** Asked for with `children`: a workflow run's node and item runs, in graph order. */
  children?: IRun[];
}

export interface IAttempt {
  number: number;
  reason: 'first' | 'retry' | 'rerun' | 'recovery';
  status: Exclude<RunStatus, 'queued'>;
  exit_reason: string | null;
  message: string | null;
  started_at: string;
  ended_at: string | null;
  host: string;
  worker_pid: number | null;
  output_path: string | null;
}

export interface IRunDetail extends IRun {
  attempt_list: IAttempt[];
  /** record.json of the latest attempt that wrote one. */
  record: IRunRecord | null;
  /** OpenLineage RunEvents of that attempt. */
  lineage: Record<string, unknown>[];
}

export interface IRunPage {
  runs: IRun[];
  /** Pass back as `cursor` for the next (older) page; null on the last page. */
  next_cursor: string | null;
}

export interface IRunQuery {
  schedule?: string;
  status?: RunStatus[];
  trigger?: RunTrigger[];
  /** Logical dates from (inclusive), ISO 8601. */
  since?: string;
  /** Logical dates until (exclusive), ISO 8601. */
  until?: string;
  /** Text the schedule name or the run id contains. */
  search?: string;
  cursor?: string;
  limit?: number;
  /** Each run with its node and item runs (`children`). */
  children?: boolean;
  /** The node and item runs of this workflow run instead of top-level runs. */
  parent?: number;
}

export interface IScheduleSummary {
  name: string;
  file: string;
  notebook: string;
  cron: string;
  timezone: string;
  owner: string;
  catchup: 'none' | 'latest' | 'all';
  max_active_runs: number;
  next_fire_time: string | null;
  last_run: { id: number; status: RunStatus; logical_date: string } | null;
}

export interface ISpecLoadError {
  file: string;
  message: string;
}

export interface ISchedules {
  schedules: IScheduleSummary[];
  errors: ISpecLoadError[];
}

export interface IBackfillResult {
  created: string[];
  existing: string[];
}

export interface IFailureNotice {
  id: number;
  run: number;
  schedule: string;
  run_id: string;
  attempt: number;
  status: 'failed' | 'lost' | 'refused';
  exit_reason: string | null;
  message: string | null;
  owner: string;
  created_at: string;
}

export interface IFailureNotices {
  notices: IFailureNotice[];
  /** Send back as `after` on the next poll. */
  cursor: number;
  /** The owner the server filtered on; null when it showed every schedule's notices. */
  owner: string | null;
}

function post(body: unknown = {}): RequestInit {
  return { method: 'POST', body: JSON.stringify(body) };
}

export function listRuns(
  client: INbScheduleClient,
  query: IRunQuery = {}
): Promise<IRunPage> {
  const params: Record<string, string> = {};
  for (const key of ['schedule', 'since', 'until', 'cursor'] as const) {
    const value = query[key];
    if (value) {
      params[key] = value;
    }
  }
  if (query.search) {
    params.q = query.search;
  }
  if (query.status?.length) {
    params.status = query.status.join(',');
  }
  if (query.trigger?.length) {
    params.trigger = query.trigger.join(',');
  }
  if (query.limit !== undefined) {
    params.limit = String(query.limit);
  }
  if (query.children) {
    params.children = 'include';
  }
  if (query.parent !== undefined) {
    params.parent = String(query.parent);
  }
  return client.requestJson<IRunPage>(
    `runs${URLExt.objectToQueryString(params)}`
  );
}

export function getRun(
  client: INbScheduleClient,
  id: number
): Promise<IRunDetail> {
  return client.requestJson<IRunDetail>(`runs/${id}`);
}

export function rerunRun(client: INbScheduleClient, id: number): Promise<IRun> {
  return client.requestJson<IRun>(`runs/${id}/rerun`, post());
}

export function cancelRun(
  client: INbScheduleClient,
  id: number
): Promise<IRun> {
  return client.requestJson<IRun>(`runs/${id}/cancel`, post());
}

export function listSchedules(client: INbScheduleClient): Promise<ISchedules> {
  return client.requestJson<ISchedules>('schedules');
}

export function backfillSchedule(
  client: INbScheduleClient,
  name: string,
  start: string,
  end: string
): Promise<IBackfillResult> {
  return client.requestJson<IBackfillResult>(
    `schedules/${encodeURIComponent(name)}/backfill`,
    post({ start, end })
  );
}

export function runScheduleNow(
  client: INbScheduleClient,
  name: string,
  parameters?: Record<string, unknown>
): Promise<IRun> {
  return client.requestJson<IRun>(
    `schedules/${encodeURIComponent(name)}/runs`,
    post(parameters ? { parameters } : {})
  );
}

/** Without `after`: no notices, only the current cursor to poll from. */
export function failureNotices(
  client: INbScheduleClient,
  after?: number
): Promise<IFailureNotices> {
  const query =
    after === undefined
      ? ''
      : URLExt.objectToQueryString({ after: String(after) });
  return client.requestJson<IFailureNotices>(`notifications${query}`);
}

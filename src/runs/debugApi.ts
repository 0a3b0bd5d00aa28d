/** Calls to the runs panel's own endpoints (nbschedule/api/debug_handlers.py). */
import { URLExt } from '@jupyterlab/coreutils';

import { IRunPage, IRunQuery, NbScheduleClient } from '../api';

export interface IDebugCopy {
  /** Relative to the server root, ready to open. */
  path: string;
  /** False when an earlier debug copy was found and left as it was. */
  created: boolean;
  failing_cell: { index: number; id: string } | null;
  warnings: string[];
}

export function createDebugCopy(
  client: NbScheduleClient,
  id: number
): Promise<IDebugCopy> {
  return client.requestJson<IDebugCopy>(`runs/${id}/debug`, {
    method: 'POST',
    body: '{}'
  });
}

/** Runs whose schedule name or run id contains `text`, paged like `listRuns`. */
export function searchRuns(
  client: NbScheduleClient,
  text: string,
  query: IRunQuery
): Promise<IRunPage> {
  const params: Record<string, string> = { q: text };
  for (const key of ['schedule', 'since', 'until', 'cursor'] as const) {
    const value = query[key];
    if (value) {
      params[key] = value;
    }
  }
  if (query.status?.length) {
    params.status = query.status.join(',');
  }
  if (query.limit !== undefined) {
    params.limit = String(query.limit);
  }
  return client.requestJson<IRunPage>(
    `run-search${URLExt.objectToQueryString(params)}`
  );
}

import { URLExt } from '@jupyterlab/coreutils';
import { INotebookContent, IOutput } from '@jupyterlab/nbformat';
import { ServerConnection } from '@jupyterlab/services';

import { INbScheduleClient } from '../api';
import type { ITestRun } from '../review';
import { ScheduleSpec } from '../spec';

/** One reason a notebook is not lite, about a 0-based cell of the source notebook. */
export interface INotLite {
  cell: number;
  reason: string;
}

export interface ILiteCheck {
  lite: boolean;
  problems: INotLite[];
  /** Where the worker loads Pyodide from (this server, or a configured distribution). */
  pyodide_url: string;
  kernel_url: string;
  wheels_url: string;
  /** A full distribution is configured: packages of its lock file may be loaded. */
  full: boolean;
}

/** What the browser executes: the server's prepared output notebook and staged inputs. */
export interface ILiteWork {
  notebook: INotebookContent;
  staged: Record<string, string>;
  staging_folder: string;
  cell_timeout_seconds: number;
  timeout_seconds: number;
}

export interface ILiteRun extends ITestRun {
  lite: true;
  run?: ILiteWork;
}

export interface ICellReport {
  outputs: IOutput[];
  execution_count: number | null;
  start_time: string;
  end_time: string;
}

export type LiteExitReason =
  'completed' | 'cell_error' | 'cell_timeout' | 'run_timeout';

export interface ILiteReport {
  cells: ICellReport[];
  exit_reason: LiteExitReason;
  exited: boolean;
}

export function checkLite(
  client: INbScheduleClient,
  notebook: string
): Promise<ILiteCheck> {
  return client.requestJson<ILiteCheck>('lite/check', {
    method: 'POST',
    body: JSON.stringify({ notebook })
  });
}

/** The server prepares the run exactly as a scheduled one; 409 when the notebook is not lite. */
export function startLiteRun(
  client: INbScheduleClient,
  spec: ScheduleSpec
): Promise<ILiteRun> {
  return client.requestJson<ILiteRun>('lite/runs', {
    method: 'POST',
    body: JSON.stringify({ spec })
  });
}

/** The cells the browser ran; the server marks, saves and records the run. */
export function reportLiteRun(
  client: INbScheduleClient,
  id: string,
  report: ILiteReport
): Promise<ILiteRun> {
  return client.requestJson<ILiteRun>(`lite/runs/${encodeURIComponent(id)}`, {
    method: 'POST',
    body: JSON.stringify(report)
  });
}

export async function cancelLiteRun(
  client: INbScheduleClient,
  id: string
): Promise<void> {
  await client.requestJson<null>(`lite/runs/${encodeURIComponent(id)}`, {
    method: 'DELETE'
  });
}

/** The notebook as saved on the server, for the analysis' side-effect warnings. */
export async function savedNotebook(
  client: INbScheduleClient,
  path: string
): Promise<INotebookContent> {
  const settings = client.serverSettings;
  const url = URLExt.join(
    settings.baseUrl,
    'api/contents',
    URLExt.encodeParts(path)
  );
  const response = await ServerConnection.makeRequest(
    `${url}?type=notebook&content=1`,
    {},
    settings
  );
  if (!response.ok) {
    throw new ServerConnection.ResponseError(response);
  }
  return (await response.json()).content as INotebookContent;
}

/** Saves `content` as the notebook at `path` through the contents API. */
export async function saveNotebook(
  client: INbScheduleClient,
  path: string,
  content: INotebookContent
): Promise<void> {
  const settings = client.serverSettings;
  const url = URLExt.join(
    settings.baseUrl,
    'api/contents',
    URLExt.encodeParts(path)
  );
  const response = await ServerConnection.makeRequest(
    url,
    {
      method: 'PUT',
      body: JSON.stringify({ type: 'notebook', format: 'json', content })
    },
    settings
  );
  if (!response.ok) {
    throw new ServerConnection.ResponseError(response);
  }
}

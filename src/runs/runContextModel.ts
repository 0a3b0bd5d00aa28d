/**
 * The run behind the main area's notebook, when it is a run's output notebook: which run
 * it is and its context (record, schedule in words, lineage, workflow), loaded once per
 * notebook and run. `changed` fires whenever any of it changes.
 */
import { Contents } from '@jupyterlab/services';
import { NotebookPanel } from '@jupyterlab/notebook';
import { IDisposable } from '@lumino/disposable';
import { ISignal, Signal } from '@lumino/signaling';

import {
  describeError,
  INbScheduleClient,
  IRun,
  IRunRecord,
  listRuns,
  listSchedules
} from '../api';
import { datasetNames } from './format';
import {
  DEFAULT_RUNS_FOLDER,
  IRunNotebookMeta,
  recordPathFor,
  runOfNotebook
} from './runContext';

export interface IRunContext {
  record: IRunRecord;
  cron: string | null;
  lineage: { inputs: string[]; outputs: string[] };
  /** For a workflow's node or item run: its workflow run, with its node and item runs. */
  workflow: IRun | null;
}

async function workflowOf(
  client: INbScheduleClient,
  record: IRunRecord
): Promise<IRun | null> {
  const parentRunId = record.workflow?.parent_run_id;
  if (typeof parentRunId !== 'string' || !parentRunId) {
    return null;
  }
  const page = await listRuns(client, {
    schedule: record.schedule,
    search: parentRunId,
    children: true,
    limit: 5
  });
  return page.runs.find(run => run.run_id === parentRunId) ?? null;
}

async function cronWords(cron: string, languageCode: string): Promise<string> {
  // cronstrue and the user's locale only load once an output notebook is shown.
  const { cronInWords, loadCronLocale } = await import('../cron/cronWords');
  await loadCronLocale(languageCode);
  const words = cronInWords(cron, languageCode);
  return words.ok ? words.text : cron;
}

async function loadContext(
  contents: Contents.IManager,
  client: INbScheduleClient,
  path: string,
  run: IRunNotebookMeta,
  languageCode: string
): Promise<IRunContext> {
  const file = await contents.get(recordPathFor(path), {
    type: 'file',
    format: 'text',
    content: true
  });
  const record: IRunRecord = JSON.parse(file.content as string);
  const schedule = (await listSchedules(client)).schedules.find(
    s => s.name === run.schedule
  );
  const workflow = await workflowOf(client, record);
  const cron = schedule
    ? `${await cronWords(schedule.cron, languageCode)} (${schedule.timezone})`
    : null;
  return {
    record,
    cron,
    workflow,
    lineage: {
      inputs: datasetNames(record.inputs),
      outputs: datasetNames(record.outputs)
    }
  };
}

export class RunContextModel implements IDisposable {
  constructor(
    private readonly client: INbScheduleClient,
    private readonly contents: Contents.IManager,
    /** JupyterLab's language ("de-DE"): the schedule is worded in it. */
    private readonly languageCode = 'en'
  ) {}

  get changed(): ISignal<this, void> {
    return this._changed;
  }

  get isDisposed(): boolean {
    return this._isDisposed;
  }

  /** The notebook in the main area, or null when something else is current. */
  get notebook(): NotebookPanel | null {
    return this._notebook;
  }

  set notebook(panel: NotebookPanel | null) {
    this._notebook = panel;
    this._follow();
  }

  /** The runs folder setting: notebooks in it are run outputs. */
  get runsFolder(): string {
    return this._runsFolder;
  }

  set runsFolder(folder: string) {
    this._runsFolder = folder;
    this._follow();
  }

  get path(): string {
    return this._notebook?.context.path ?? '';
  }

  /** The run the notebook is an output of, or null for any other notebook. */
  get run(): IRunNotebookMeta | null {
    return this._run;
  }

  get loading(): boolean {
    return this._loading;
  }

  /** The run's context once loaded. */
  get context(): IRunContext | null {
    return this._context;
  }

  /** Why the context could not be loaded, as a sentence. */
  get error(): string | null {
    return this._error;
  }

  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    Signal.clearData(this);
  }

  /** Loads the context again only when the notebook or its run changed. */
  private _follow(): void {
    const panel = this._notebook;
    const path = this.path;
    this._run = panel
      ? runOfNotebook(
          path,
          panel.context.model.metadata as Record<string, unknown>,
          this._runsFolder
        )
      : null;
    const key = this._run ? `${path}\n${this._run.run_id}` : null;
    if (key === this._key) {
      this._changed.emit();
      return;
    }
    this._key = key;
    this._context = null;
    this._error = null;
    this._loading = this._run !== null;
    this._changed.emit();
    if (!this._run) {
      return;
    }
    // An answer for a notebook or run no longer shown is dropped.
    const settle = (apply: () => void) => {
      if (this._key === key && !this._isDisposed) {
        apply();
        this._loading = false;
        this._changed.emit();
      }
    };
    loadContext(
      this.contents,
      this.client,
      path,
      this._run,
      this.languageCode
    ).then(
      context => settle(() => (this._context = context)),
      error => settle(() => (this._error = describeError(error)))
    );
  }

  private _changed = new Signal<this, void>(this);
  private _isDisposed = false;
  private _notebook: NotebookPanel | null = null;
  private _runsFolder = DEFAULT_RUNS_FOLDER;
  private _run: IRunNotebookMeta | null = null;
  private _key: string | null = null;
  private _loading = false;
  private _context: IRunContext | null = null;
  private _error: string | null = null;
}

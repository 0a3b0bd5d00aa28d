/**
 * The right-sidebar pane showing the run behind the current output notebook: record,
 * schedule in words, parameters, zone, lineage and error, with a way to the failing cell.
 */
import { ReactWidget } from '@jupyterlab/apputils';
import { Contents } from '@jupyterlab/services';
import { NotebookPanel } from '@jupyterlab/notebook';
import { TranslationBundle } from '@jupyterlab/translation';
import React from 'react';

import {
  INbScheduleClient,
  IRun,
  IRunRecord,
  listRuns,
  listSchedules,
  useLoaded
} from '../api';
import { datasetNames, formatInstant, statusLabel } from './format';
import { landOnCell, markedCellOf } from './openOutput';
import {
  DEFAULT_RUNS_FOLDER,
  IRunNotebookMeta,
  recordPathFor,
  runOfNotebook
} from './runContext';
import { runsIcon } from './icon';
import { WorkflowGraph } from './WorkflowGraph';

interface IRunContext {
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

async function cronWords(cron: string): Promise<string> {
  // cronstrue only loads once an output notebook is shown.
  const { default: cronstrue } = await import('cronstrue');
  try {
    return cronstrue.toString(cron, { use24HourTimeFormat: true });
  } catch {
    return cron;
  }
}

async function loadContext(
  contents: Contents.IManager,
  client: INbScheduleClient,
  path: string,
  run: IRunNotebookMeta
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
    ? `${await cronWords(schedule.cron)} (${schedule.timezone})`
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

function Facts(props: { rows: [string, React.ReactNode][] }): JSX.Element {
  return (
    <dl className="nbs-RunContext-facts">
      {props.rows.map(([term, value]) => (
        <React.Fragment key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </React.Fragment>
      ))}
    </dl>
  );
}

function RunContextView(props: {
  panel: NotebookPanel | null;
  client: INbScheduleClient;
  contents: Contents.IManager;
  trans: TranslationBundle;
  runsFolder: string;
}): JSX.Element {
  const { panel, trans } = props;
  const path = panel?.context.path ?? '';
  const run = panel
    ? runOfNotebook(
        path,
        panel.context.model.metadata as Record<string, unknown>,
        props.runsFolder
      )
    : null;
  const loaded = useLoaded(
    () => (run ? loadContext(props.contents, props.client, path, run) : null),
    [path, run?.run_id]
  );

  if (!panel || !run) {
    return (
      <p className="nbs-RunContext-empty">
        {trans.__(
          'Open an output notebook of a scheduled run to see its run here.'
        )}
      </p>
    );
  }
  const context = loaded.loading ? null : loaded.value;
  if (loaded.error !== null || !context) {
    return (
      <p className="nbs-RunContext-empty">
        {loaded.loading || loaded.error === null
          ? trans.__('Loading…')
          : trans.__('The run record beside %1 cannot be read.', path)}
      </p>
    );
  }
  const { record } = context;
  const error = record.error;
  const goToFailingCell = () => landOnCell(panel, markedCellOf(panel));
  return (
    <section className="nbs-RunContext" aria-label={trans.__('Run context')}>
      <h3 className="nbs-RunContext-title">
        {trans.__('Run %1', record.run_id)}
      </h3>
      <Facts
        rows={[
          [trans.__('Schedule'), record.schedule],
          [
            trans.__('Runs'),
            context.cron ?? trans.__('(schedule no longer active)')
          ],
          [
            trans.__('Status'),
            trans.__(
              '%1 (%2)',
              statusLabel(record.status, trans),
              record.exit_reason
            )
          ],
          [trans.__('Logical date'), formatInstant(record.logical_date)],
          [trans.__('Started'), formatInstant(record.started_at)],
          [trans.__('Ended'), formatInstant(record.ended_at)],
          [trans.__('Attempt'), record.attempt],
          [trans.__('Zone'), record.zone?.title ?? record.zone?.name]
        ]}
      />
      {context.workflow?.children?.length ? (
        <>
          <h4>{trans.__('Workflow %1', context.workflow.run_id)}</h4>
          <WorkflowGraph
            items={context.workflow.children}
            selectedId={
              context.workflow.children.find(
                item => item.run_id === record.run_id
              )?.id ?? null
            }
            trans={trans}
          />
        </>
      ) : null}
      <h4>{trans.__('Parameters')}</h4>
      <Facts
        rows={Object.entries(record.parameters ?? {}).map(([name, value]) => [
          name,
          JSON.stringify(value)
        ])}
      />
      <h4>{trans.__('Lineage')}</h4>
      <Facts
        rows={[
          [trans.__('Inputs'), context.lineage.inputs.join(', ') || '—'],
          [trans.__('Outputs'), context.lineage.outputs.join(', ') || '—']
        ]}
      />
      {error?.ename && (
        <>
          <p className="nbs-RunContext-error" role="alert">
            {error.ename}: {error.evalue}
          </p>
          <button
            className="jp-mod-styled jp-mod-accept"
            onClick={goToFailingCell}
          >
            {trans.__('Go to the failing cell')}
          </button>
        </>
      )}
    </section>
  );
}

export const RUN_CONTEXT_ID = 'nbschedule-run-context';

export class RunContextPane extends ReactWidget {
  constructor(
    private readonly client: INbScheduleClient,
    private readonly contents: Contents.IManager,
    private readonly trans: TranslationBundle
  ) {
    super();
    this.id = RUN_CONTEXT_ID;
    this.addClass('nbs-RunContextPane');
    this.title.icon = runsIcon;
    this.title.caption = trans.__('Run context');
  }

  /** The notebook in the main area, or null when something else is current. */
  set notebook(panel: NotebookPanel | null) {
    this._notebook = panel;
    this.update();
  }

  /** The runs folder setting: notebooks in it are run outputs. */
  set runsFolder(folder: string) {
    this._runsFolder = folder;
    this.update();
  }

  render(): JSX.Element {
    return (
      <RunContextView
        panel={this._notebook}
        client={this.client}
        contents={this.contents}
        trans={this.trans}
        runsFolder={this._runsFolder}
      />
    );
  }

  private _notebook: NotebookPanel | null = null;
  private _runsFolder = DEFAULT_RUNS_FOLDER;
}

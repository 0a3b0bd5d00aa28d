/** "Compare with the last successful run": loaded on first use, with the diff view. */
import { JupyterFrontEnd } from '@jupyterlab/application';
import { MainAreaWidget } from '@jupyterlab/apputils';
import { INotebookContent } from '@jupyterlab/nbformat';
import { TranslationBundle } from '@jupyterlab/translation';

import { INbScheduleClient, IRun, listRuns } from '../api';
import { DiffWidget } from './DiffView';
import { diffNotebooks } from './notebookDiff';
import { runsIcon } from './icon';

async function readNotebook(
  app: JupyterFrontEnd,
  path: string
): Promise<INotebookContent> {
  const model = await app.serviceManager.contents.get(path, {
    type: 'notebook',
    content: true
  });
  return model.content as INotebookContent;
}

/**
 * The newest successful run of the same schedule that has an output notebook; for a
 * workflow's node or item run, of the same node and item in the schedule's workflow runs.
 */
export async function lastSuccess(
  client: INbScheduleClient,
  run: IRun
): Promise<IRun | null> {
  if (run.parent !== null && run.parent !== undefined) {
    const page = await listRuns(client, {
      schedule: run.schedule,
      children: true,
      limit: 20
    });
    const same = page.runs.flatMap(workflow =>
      (workflow.children ?? []).filter(
        other =>
          other.node === run.node &&
          other.item_label === run.item_label &&
          other.status === 'success'
      )
    );
    return same.find(other => other.id !== run.id && other.output_path) ?? null;
  }
  const page = await listRuns(client, {
    schedule: run.schedule,
    status: ['success'],
    limit: 20
  });
  return (
    page.runs.find(other => other.id !== run.id && other.output_path) ?? null
  );
}

export async function compareWithLastSuccess(
  app: JupyterFrontEnd,
  client: INbScheduleClient,
  run: IRun,
  trans: TranslationBundle
): Promise<void> {
  const success = await lastSuccess(client, run);
  if (!success?.output_path || !run.output_path) {
    throw new Error(
      trans.__(
        'Schedule %1 has no successful run with an output notebook to compare with.',
        run.schedule
      )
    );
  }
  const [before, after] = await Promise.all([
    readNotebook(app, success.output_path),
    readNotebook(app, run.output_path)
  ]);
  const content = new DiffWidget(diffNotebooks(before, after), trans, {
    before: success.run_id,
    after: run.run_id
  });
  const widget = new MainAreaWidget({ content });
  widget.id = `nbschedule-diff-${success.id}-${run.id}`;
  widget.title.label = trans.__(
    '%1: %2 vs %3',
    run.schedule,
    run.run_id,
    success.run_id
  );
  widget.title.icon = runsIcon;
  widget.title.closable = true;
  app.shell.add(widget, 'main');
  app.shell.activateById(widget.id);
}

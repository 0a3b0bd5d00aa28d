import {
  ILabShell,
  ILayoutRestorer,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette } from '@jupyterlab/apputils';
import { INotebookTracker, NotebookPanel } from '@jupyterlab/notebook';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';

import { INbScheduleClient, NbScheduleClient } from '../api';
import { RunContextPane } from './RunContextPane';
import { runActions } from './runActions';
import { RunsPanel } from './RunsPanel';

export const SHOW_RUNS_COMMAND = 'nbschedule:show-runs';
export const SHOW_RUN_CONTEXT_COMMAND = 'nbschedule:show-run-context';

/** Rank among the left sidebar's panels: after the file browser and the others. */
const SIDEBAR_RANK = 700;

export const runsPanelPlugin: JupyterFrontEndPlugin<void> = {
  id: 'nbschedule:runs-panel',
  description:
    'Run history across schedules in the left sidebar: open, debug, re-run, cancel and compare runs.',
  autoStart: true,
  requires: [INbScheduleClient],
  optional: [ILayoutRestorer, ICommandPalette, ITranslator],
  activate: (
    app: JupyterFrontEnd,
    client: NbScheduleClient,
    restorer: ILayoutRestorer | null,
    palette: ICommandPalette | null,
    translator: ITranslator | null
  ) => {
    const trans = (translator ?? nullTranslator).load('nbschedule');
    const panel = new RunsPanel(client, runActions(app, client, trans), trans);
    app.shell.add(panel, 'left', { rank: SIDEBAR_RANK });
    restorer?.add(panel, 'nbschedule-runs');
    app.commands.addCommand(SHOW_RUNS_COMMAND, {
      label: trans.__('Show Scheduled Runs'),
      caption: trans.__('Run history of every schedule, failures first-class'),
      execute: args => {
        app.shell.activateById(panel.id);
        // From the Schedules view: one schedule's runs, optionally one run selected.
        if (typeof args.schedule === 'string') {
          panel.showRuns({
            schedule: args.schedule,
            run: typeof args.run === 'number' ? args.run : undefined
          });
        }
      }
    });
    palette?.addItem({
      command: SHOW_RUNS_COMMAND,
      category: trans.__('Notebook Operations')
    });
  }
};

export const runContextPlugin: JupyterFrontEndPlugin<void> = {
  id: 'nbschedule:run-context',
  description:
    'Shows the run record (schedule, parameters, lineage, error) of the output notebook in view.',
  autoStart: true,
  requires: [INbScheduleClient, INotebookTracker],
  optional: [ILabShell, ILayoutRestorer, ICommandPalette, ITranslator],
  activate: (
    app: JupyterFrontEnd,
    client: NbScheduleClient,
    notebooks: INotebookTracker,
    labShell: ILabShell | null,
    restorer: ILayoutRestorer | null,
    palette: ICommandPalette | null,
    translator: ITranslator | null
  ) => {
    const trans = (translator ?? nullTranslator).load('nbschedule');
    const pane = new RunContextPane(client, app.serviceManager.contents, trans);
    app.shell.add(pane, 'right', { rank: SIDEBAR_RANK });
    restorer?.add(pane, 'nbschedule-run-context');

    // Follows the main area's current widget: a notebook, or nothing (a console, a diff).
    const follow = () => {
      const current = labShell?.currentWidget ?? notebooks.currentWidget;
      if (current instanceof NotebookPanel) {
        void current.context.ready.then(() => {
          if (
            (labShell?.currentWidget ?? notebooks.currentWidget) === current
          ) {
            pane.notebook = current;
          }
        });
      } else {
        pane.notebook = null;
      }
    };
    labShell?.currentChanged.connect(follow);
    notebooks.currentChanged.connect(follow);

    app.commands.addCommand(SHOW_RUN_CONTEXT_COMMAND, {
      label: trans.__('Show Run Context'),
      execute: () => app.shell.activateById(pane.id)
    });
    palette?.addItem({
      command: SHOW_RUN_CONTEXT_COMMAND,
      category: trans.__('Notebook Operations')
    });
  }
};

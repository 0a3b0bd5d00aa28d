import {
  ILabShell,
  ILayoutRestorer,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette } from '@jupyterlab/apputils';
import { INotebookTracker, NotebookPanel } from '@jupyterlab/notebook';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';

import { getRun, INbScheduleClient } from '../api';
import { IRunActions } from './actions';
import { OPEN_RUN_COMMAND } from './failureNotices';
import { RunContextPane } from './RunContextPane';
import { RunsPanel } from './RunsPanel';

export const SHOW_RUNS_COMMAND = 'nbschedule:show-runs';
export const SHOW_RUN_CONTEXT_COMMAND = 'nbschedule:show-run-context';

/** Rank among the left sidebar's panels: after the file browser and the others. */
const SIDEBAR_RANK = 700;

const RUNS_PANEL_PLUGIN_ID = 'nbschedule:runs-panel';

export const runsPanelPlugin: JupyterFrontEndPlugin<void> = {
  id: RUNS_PANEL_PLUGIN_ID,
  description:
    'Run history across schedules in the left sidebar: open, debug, re-run, cancel and compare runs.',
  autoStart: true,
  requires: [INbScheduleClient],
  optional: [ILayoutRestorer, ICommandPalette, ITranslator, ISettingRegistry],
  activate: (
    app: JupyterFrontEnd,
    client: INbScheduleClient,
    restorer: ILayoutRestorer | null,
    palette: ICommandPalette | null,
    translator: ITranslator | null,
    settingRegistry: ISettingRegistry | null
  ) => {
    const trans = (translator ?? nullTranslator).load('nbschedule');
    // In the runs panel's content chunk: opening a run from a notice shows the panel too.
    let actions: Promise<IRunActions> | undefined;
    const loadActions = () =>
      (actions ??= import(
        /* webpackChunkName: "RunsView" */ './runActions'
      ).then(module => module.runActions(app, client, trans)));
    const panel = new RunsPanel(client, loadActions, trans);
    void settingRegistry?.load(RUNS_PANEL_PLUGIN_ID).then(settings => {
      const apply = () =>
        (panel.pageSize = settings.composite.historyPageSize as number);
      apply();
      settings.changed.connect(apply);
    });
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
    app.commands.addCommand(OPEN_RUN_COMMAND, {
      label: trans.__('Open Run Output'),
      describedBy: {
        args: {
          type: 'object',
          properties: { id: { type: 'number' } },
          required: ['id']
        }
      },
      execute: async args => {
        app.shell.activateById(panel.id);
        const [run, loaded] = await Promise.all([
          getRun(client, args.id as number),
          loadActions()
        ]);
        if (run.output_path) {
          await loaded.openOutput(run);
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
  optional: [
    ILabShell,
    ILayoutRestorer,
    ICommandPalette,
    ITranslator,
    ISettingRegistry
  ],
  activate: (
    app: JupyterFrontEnd,
    client: INbScheduleClient,
    notebooks: INotebookTracker,
    labShell: ILabShell | null,
    restorer: ILayoutRestorer | null,
    palette: ICommandPalette | null,
    translator: ITranslator | null,
    settingRegistry: ISettingRegistry | null
  ) => {
    const translation = translator ?? nullTranslator;
    const trans = translation.load('nbschedule');
    const pane = new RunContextPane(
      client,
      app.serviceManager.contents,
      trans,
      translation.languageCode || 'en'
    );
    // The runs folder setting lives with the runs panel's other settings.
    void settingRegistry?.load(RUNS_PANEL_PLUGIN_ID).then(settings => {
      const apply = () =>
        (pane.runsFolder = settings.composite.runsFolder as string);
      apply();
      settings.changed.connect(apply);
    });
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

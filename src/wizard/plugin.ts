import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import {
  CommandToolbarButton,
  ICommandPalette,
  IToolbarWidgetRegistry
} from '@jupyterlab/apputils';
import { IEditorLanguageRegistry } from '@jupyterlab/codemirror';
import { INotebookContent } from '@jupyterlab/nbformat';
import { INotebookTracker, NotebookPanel } from '@jupyterlab/notebook';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';

import { fetchZones, INbScheduleClient, IZoneCatalogue } from '../api';
import { ScheduleSpec, withDefaults } from '../spec';
import { DraftStore } from './draftStore';
import { scheduleIcon } from './icon';
import { isRunArtifact, ownerFromIdentity } from './defaults';
import { IWizardSettings, wizardSettings } from './settings';

export const OPEN_WIZARD_COMMAND = 'nbschedule:open-wizard';
export const EDIT_SCHEDULE_COMMAND = 'nbschedule:edit-schedule';
/** The Schedules view's command; run by name so the wizard needs no import of it. */
const SHOW_SCHEDULES_COMMAND = 'nbschedule:show-schedules';
const WIZARD_PLUGIN_ID = 'nbschedule:wizard';
/** Holds the runs folder setting, which tells run outputs from notebooks to schedule. */
const RUNS_PANEL_PLUGIN_ID = 'nbschedule:runs-panel';
/** The toolbar item's name in schema/wizard.json. */
const TOOLBAR_ITEM = 'nbschedule-schedule';

/** Outputs and debug copies are results of a schedule, not notebooks to schedule. */
function schedulable(
  panel: NotebookPanel | null,
  runsFolder: string
): panel is NotebookPanel {
  return (
    panel !== null &&
    !isRunArtifact(
      panel.context.path,
      panel.context.model?.metadata as Record<string, unknown> | undefined,
      runsFolder
    )
  );
}

/** Loads once and shares the answer; a failed load is tried again next time. */
function cachedUntilFailure<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | null = null;
  return () => {
    pending ??= load();
    pending.catch(() => (pending = null));
    return pending;
  };
}

/**
 * The Schedule button: a command shown in the palette and, through this plugin's
 * settings schema (`jupyter.lab.toolbars`), in every notebook's toolbar.
 */
export const wizardPlugin: JupyterFrontEndPlugin<void> = {
  id: WIZARD_PLUGIN_ID,
  description: 'Adds the Schedule button and the schedule wizard to notebooks.',
  autoStart: true,
  requires: [INbScheduleClient, INotebookTracker, IEditorLanguageRegistry],
  optional: [
    ICommandPalette,
    ITranslator,
    ISettingRegistry,
    IToolbarWidgetRegistry
  ],
  activate: (
    app: JupyterFrontEnd,
    client: INbScheduleClient,
    notebooks: INotebookTracker,
    languages: IEditorLanguageRegistry,
    palette: ICommandPalette | null,
    translator: ITranslator | null,
    settingRegistry: ISettingRegistry | null,
    toolbars: IToolbarWidgetRegistry | null
  ) => {
    let settings: IWizardSettings = wizardSettings(null);
    void settingRegistry?.load(WIZARD_PLUGIN_ID).then(loaded => {
      settings = wizardSettings(loaded.composite);
      loaded.changed.connect(
        () => (settings = wizardSettings(loaded.composite))
      );
    });
    let runsFolder = '';
    void settingRegistry?.load(RUNS_PANEL_PLUGIN_ID).then(loaded => {
      const apply = () => {
        runsFolder = loaded.composite.runsFolder as string;
        app.commands.notifyCommandChanged(OPEN_WIZARD_COMMAND);
      };
      apply();
      loaded.changed.connect(apply);
    });
    const trans = (translator ?? nullTranslator).load('nbschedule');
    const locale = (translator ?? nullTranslator).languageCode || 'en';
    const drafts = new DraftStore();
    const loadTimezones = cachedUntilFailure(() =>
      client.timezones().then(reply => reply.timezones)
    );
    // The catalogue can change on the server; read it afresh for each wizard.
    const loadCatalogue = (): Promise<IZoneCatalogue> => fetchZones(client);

    const showSchedule = (name: string) =>
      void app.commands.execute(SHOW_SCHEDULES_COMMAND, { name });
    const common = () => ({
      client,
      trans,
      locale,
      languages,
      drafts,
      owner: ownerFromIdentity(app.serviceManager.user.identity),
      defaults: settings,
      openFile: (path: string) =>
        app.commands.execute('docmanager:open', { path }),
      timezones: loadTimezones(),
      catalogue: loadCatalogue(),
      showSchedule,
      contents: app.serviceManager.contents,
      runsFolder
    });

    app.commands.addCommand(EDIT_SCHEDULE_COMMAND, {
      label: trans.__('Edit Schedule'),
      caption: trans.__(
        'Open the wizard on a saved schedule; submitting makes a new review'
      ),
      execute: async args => {
        const spec = args.spec as unknown as ScheduleSpec;
        const { openWizard } = await import('./openWizard');
        // Unsaved edits in an open editor are saved first; otherwise the file on disk
        // is the truth (a merge may have replaced it under an open editor).
        const open = notebooks.find(
          panel => panel.context.path === spec.notebook
        );
        const load = async (): Promise<INotebookContent> => {
          if (open?.context.model.dirty) {
            await open.context.save();
            return open.context.model.toJSON() as unknown as INotebookContent;
          }
          const file = await app.serviceManager.contents.get(spec.notebook, {
            type: 'notebook',
            content: true
          });
          return file.content as INotebookContent;
        };
        await openWizard({
          ...common(),
          notebookPath: spec.notebook,
          notebook: await load(),
          saveNotebook: load,
          savedSpec: withDefaults(spec)
        });
      }
    });

    app.commands.addCommand(OPEN_WIZARD_COMMAND, {
      // The toolbar shows a short label; menus add the ellipsis of a command that asks first.
      label: args =>
        args.toolbar ? trans.__('Schedule') : trans.__('Schedule…'),
      caption: trans.__('Schedule this notebook as a reviewed production job'),
      icon: args => (args.isPalette ? undefined : scheduleIcon),
      isEnabled: args =>
        !!args.fromFileBrowser ||
        schedulable(notebooks.currentWidget, runsFolder),
      isVisible: args =>
        !!args.fromFileBrowser ||
        schedulable(notebooks.currentWidget, runsFolder),
      execute: async args => {
        if (args.fromFileBrowser) {
          // Opens the notebook selected in the file browser and makes it current.
          await app.commands.execute('filebrowser:open');
        }
        const panel = notebooks.currentWidget;
        if (!schedulable(panel, runsFolder)) {
          return;
        }
        await panel.context.ready;
        // The wizard, its analysis and cronstrue load on first use, not at start-up.
        const { openWizard } = await import('./openWizard');
        await openWizard({
          ...common(),
          notebookPath: panel.context.path,
          notebook: panel.context.model.toJSON() as unknown as INotebookContent,
          saveNotebook: async () => {
            await panel.context.save();
            return panel.context.model.toJSON() as unknown as INotebookContent;
          }
        });
      }
    });
    // A labelled button, left out of run outputs and debug copies.
    toolbars?.addFactory<NotebookPanel>('Notebook', TOOLBAR_ITEM, panel => {
      const button = new CommandToolbarButton({
        commands: app.commands,
        id: OPEN_WIZARD_COMMAND,
        args: { toolbar: true },
        label: trans.__('Schedule')
      });
      const hideOnArtifacts = () =>
        button.setHidden(!schedulable(panel, runsFolder));
      hideOnArtifacts();
      void panel.context.ready.then(hideOnArtifacts);
      return button;
    });
    notebooks.currentChanged.connect(() =>
      app.commands.notifyCommandChanged(OPEN_WIZARD_COMMAND)
    );
    palette?.addItem({
      command: OPEN_WIZARD_COMMAND,
      category: trans.__('Notebook Operations')
    });
  }
};

import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette } from '@jupyterlab/apputils';
import { INotebookTracker } from '@jupyterlab/notebook';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';

import { INbScheduleClient, NbScheduleClient } from '../api';
import { DraftStore } from './draft';
import { scheduleIcon } from './icon';
import { openWizard } from './openWizard';

export const OPEN_WIZARD_COMMAND = 'nbschedule:open-wizard';

/**
 * The Schedule button: a command shown in the palette and, through this plugin's
 * settings schema (`jupyter.lab.toolbars`), in every notebook's toolbar.
 */
export const wizardPlugin: JupyterFrontEndPlugin<void> = {
  id: 'nbschedule:wizard',
  description: 'Adds the Schedule button and the schedule wizard to notebooks.',
  autoStart: true,
  requires: [INbScheduleClient, INotebookTracker],
  optional: [ICommandPalette, ITranslator],
  activate: (
    app: JupyterFrontEnd,
    client: NbScheduleClient,
    notebooks: INotebookTracker,
    palette: ICommandPalette | null,
    translator: ITranslator | null
  ) => {
    const trans = (translator ?? nullTranslator).load('nbschedule');
    const locale = (translator ?? nullTranslator).languageCode || 'en';
    const drafts = new DraftStore();
    let timezones: Promise<string[]> | null = null;
    const loadTimezones = () => {
      timezones ??= client.timezones().then(reply => reply.timezones);
      // A failed load is retried the next time the wizard opens.
      timezones.catch(() => (timezones = null));
      return timezones;
    };

    app.commands.addCommand(OPEN_WIZARD_COMMAND, {
      label: trans.__('Schedule'),
      caption: trans.__('Schedule this notebook as a reviewed production job'),
      icon: args => (args.isPalette ? undefined : scheduleIcon),
      isEnabled: () => notebooks.currentWidget !== null,
      execute: async () => {
        const panel = notebooks.currentWidget;
        if (!panel) {
          return;
        }
        await openWizard({
          client,
          trans,
          locale,
          drafts,
          notebookPath: panel.context.path,
          timezones: loadTimezones()
        });
      }
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

import {
  ILayoutRestorer,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette } from '@jupyterlab/apputils';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';

import { INbScheduleClient } from '../api';
import { schedulesActions } from './actions';
import { SchedulesModel } from './model';
import { SCHEDULES_PANEL_ID, SchedulesPanel } from './SchedulesPanel';

export const SHOW_SCHEDULES_COMMAND = 'nbschedule:show-schedules';

/** Just above the runs panel (700) in the left sidebar. */
const SIDEBAR_RANK = 690;

/** Runs `work` when the browser is idle (at the latest after `timeout` ms). */
function whenIdle(work: () => void, timeout = 10_000): void {
  if (typeof requestIdleCallback === 'function') {
    requestIdleCallback(work, { timeout });
  } else {
    setTimeout(work, 1_000);
  }
}

export const schedulesPlugin: JupyterFrontEndPlugin<void> = {
  id: 'nbschedule:schedules',
  description:
    'Every schedule with its state (in review, active, paused, failing, broken) and its actions in the left sidebar.',
  autoStart: true,
  requires: [INbScheduleClient],
  optional: [ILayoutRestorer, ICommandPalette, ITranslator],
  activate: (
    app: JupyterFrontEnd,
    client: INbScheduleClient,
    restorer: ILayoutRestorer | null,
    palette: ICommandPalette | null,
    translator: ITranslator | null
  ) => {
    const trans = (translator ?? nullTranslator).load('nbschedule');
    const languageCode = (translator ?? nullTranslator).languageCode || 'en';
    let panel: SchedulesPanel | null = null;
    const model = new SchedulesModel({
      client,
      loadPullRequests: async () => {
        const [{ fetchReviewConfig }, { reviewPullRequests }] =
          await Promise.all([import('../review'), import('./pullRequests')]);
        const config = await fetchReviewConfig(client);
        return reviewPullRequests(client.serverSettings, config.repo);
      },
      isVisible: () => panel?.isVisible ?? false
    });
    const actions = schedulesActions(app, client, trans, () =>
      model.refreshSoon()
    );
    panel = new SchedulesPanel(model, actions, trans, languageCode);
    app.shell.add(panel, 'left', { rank: SIDEBAR_RANK });
    restorer?.add(panel, 'nbschedule-schedules');
    // The view's code and facts, read once JupyterLab is idle after start-up: a first
    // show then waits for neither.
    void app.restored.then(() =>
      whenIdle(() => {
        // A user-timing mark: tests and benches tell the read-ahead from start-up by it.
        performance.mark('nbschedule:schedules-read-ahead');
        panel?.prefetch();
      })
    );

    app.commands.addCommand(SHOW_SCHEDULES_COMMAND, {
      label: args =>
        args.name
          ? trans.__('Show Schedule %1', String(args.name))
          : trans.__('Show Schedules'),
      caption: trans.__(
        'Every schedule with its state, next fire time and latest runs'
      ),
      execute: async args => {
        app.shell.activateById(SCHEDULES_PANEL_ID);
        if (typeof args.name === 'string') {
          await model.refresh();
          model.reveal(args.name);
        }
      }
    });
    palette?.addItem({
      command: SHOW_SCHEDULES_COMMAND,
      category: trans.__('Notebook Operations')
    });
  }
};

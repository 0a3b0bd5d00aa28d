import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { IDisposable } from '@lumino/disposable';
import { Poll } from '@lumino/polling';

import { failureNotices, IFailureNotice, INbScheduleClient } from '../api';

const INTERVAL_MS = 15_000;
const MAX_BACKOFF_MS = 5 * 60_000;

/** The command that opens a run's output (registered by the runs panel). */
export const OPEN_RUN_COMMAND = 'nbschedule:open-run';

/**
 * Polls the server for failure notices from a cursor. The first poll only learns the
 * current cursor, so opening JupyterLab never replays old failures; the cursor survives
 * failed polls, so reconnecting shows only what happened since, at most once.
 */
export class FailureNoticeWatcher implements IDisposable {
  constructor(
    private readonly client: INbScheduleClient,
    private readonly show: (notices: IFailureNotice[]) => void
  ) {
    this.poll = new Poll({
      name: 'nbschedule:failure-notices',
      factory: () => this.check(),
      frequency: { interval: INTERVAL_MS, backoff: true, max: MAX_BACKOFF_MS },
      // Hidden tabs stop asking; failures in the meantime show once the tab is back.
      standby: 'when-hidden'
    });
  }

  get isDisposed(): boolean {
    return this.poll.isDisposed;
  }

  /** Ask now, outside the poll's rhythm. */
  async check(): Promise<void> {
    if (this.cursor === null) {
      this.cursor = (await failureNotices(this.client)).cursor;
      return;
    }
    const reply = await failureNotices(this.client, this.cursor);
    this.cursor = reply.cursor;
    if (reply.notices.length) {
      this.show(reply.notices);
    }
  }

  dispose(): void {
    this.poll.dispose();
  }

  private cursor: number | null = null;
  private readonly poll: Poll;
}

const FAILURE_NOTICES_PLUGIN_ID = 'nbschedule:failure-notices';

export const failureNoticesPlugin: JupyterFrontEndPlugin<void> = {
  id: FAILURE_NOTICES_PLUGIN_ID,
  description:
    "Shows a notification when one of the user's scheduled runs fails, is lost or is refused.",
  autoStart: true,
  requires: [INbScheduleClient],
  optional: [ITranslator, ISettingRegistry],
  activate: (
    app: JupyterFrontEnd,
    client: INbScheduleClient,
    translator: ITranslator | null,
    settingRegistry: ISettingRegistry | null
  ) => {
    const trans = (translator ?? nullTranslator).load('nbschedule');
    let show = true;
    void settingRegistry?.load(FAILURE_NOTICES_PLUGIN_ID).then(settings => {
      const apply = () =>
        (show = settings.composite.showFailureToasts as boolean);
      apply();
      settings.changed.connect(apply);
    });
    new FailureNoticeWatcher(client, notices => {
      if (!show) {
        return;
      }
      // The wording and the toasts load with the first notice, not at start-up.
      void import('./failureToasts').then(({ showFailureToasts }) =>
        showFailureToasts(notices, trans, run =>
          app.commands.execute(OPEN_RUN_COMMAND, { id: run })
        )
      );
    });
  }
};

import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { Notification } from '@jupyterlab/apputils';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import {
  ITranslator,
  nullTranslator,
  TranslationBundle
} from '@jupyterlab/translation';
import { IDisposable } from '@lumino/disposable';
import { Poll } from '@lumino/polling';

import { failureNotices, IFailureNotice, INbScheduleClient } from '../api';

/** Beyond this many notices at once (e.g. after a long disconnection) one summary is shown. */
export const MAX_SEPARATE_NOTICES = 3;

const INTERVAL_MS = 15_000;
const MAX_BACKOFF_MS = 5 * 60_000;

/** JupyterLab's notifications cut messages at this length. */
export const TOAST_MAX_CHARS = 140;

/** The command that opens a run's output (registered by the runs panel). */
export const OPEN_RUN_COMMAND = 'nbschedule:open-run';

export interface IFailureToast {
  message: string;
  /** The run to open from the toast; null for a summary of several. */
  run: number | null;
}

function shortened(text: string, room: number): string {
  return text.length <= room
    ? text
    : `${text.slice(0, Math.max(0, room - 1))}…`;
}

/**
 * One toast per notice, short enough to be read whole (the run itself has the
 * details); a single summary when there are too many to read one by one.
 */
export function describeNotices(
  notices: IFailureNotice[],
  trans: TranslationBundle
): IFailureToast[] {
  if (notices.length > MAX_SEPARATE_NOTICES) {
    const schedules = [...new Set(notices.map(notice => notice.schedule))];
    const message = trans.__(
      '%1 scheduled runs ended badly (%2). See the runs panel.',
      notices.length,
      schedules.join(', ')
    );
    return [{ message: shortened(message, TOAST_MAX_CHARS), run: null }];
  }
  return notices.map(notice => {
    const reason =
      notice.message ?? notice.exit_reason ?? trans.__('no reason given');
    const headline = {
      failed: trans.__(
        '%1: attempt %2 failed',
        notice.schedule,
        notice.attempt
      ),
      lost: trans.__(
        '%1: attempt %2 was lost',
        notice.schedule,
        notice.attempt
      ),
      refused: trans.__(
        '%1: attempt %2 was refused',
        notice.schedule,
        notice.attempt
      )
    }[notice.status];
    const room = TOAST_MAX_CHARS - headline.length - 2;
    return {
      message: `${headline}. ${shortened(reason, room)}`,
      run: notice.run
    };
  });
}

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
      for (const toast of describeNotices(notices, trans)) {
        const run = toast.run;
        Notification.error(toast.message, {
          autoClose: false,
          actions:
            run === null
              ? []
              : [
                  {
                    label: trans.__('Open run'),
                    caption: trans.__('Open the output notebook of this run'),
                    callback: () =>
                      void app.commands.execute(OPEN_RUN_COMMAND, { id: run })
                  }
                ]
        });
      }
    });
  }
};

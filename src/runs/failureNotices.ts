import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { Notification } from '@jupyterlab/apputils';
import {
  ITranslator,
  nullTranslator,
  TranslationBundle
} from '@jupyterlab/translation';
import { IDisposable } from '@lumino/disposable';
import { Poll } from '@lumino/polling';

import {
  failureNotices,
  IFailureNotice,
  INbScheduleClient,
  NbScheduleClient
} from '../api';

/** Beyond this many notices at once (e.g. after a long disconnection) one summary is shown. */
export const MAX_SEPARATE_NOTICES = 3;

const INTERVAL_MS = 15_000;
const MAX_BACKOFF_MS = 5 * 60_000;

/** One sentence per notice; a single summary when there are too many to read one by one. */
export function describeNotices(
  notices: IFailureNotice[],
  trans: TranslationBundle
): string[] {
  if (notices.length > MAX_SEPARATE_NOTICES) {
    const schedules = [...new Set(notices.map(notice => notice.schedule))];
    return [
      trans.__(
        '%1 scheduled runs ended badly (%2). See the runs panel for details.',
        notices.length,
        schedules.join(', ')
      )
    ];
  }
  return notices.map(notice => {
    const outcome = {
      failed: trans.__('failed'),
      lost: trans.__('was lost'),
      refused: trans.__('was refused')
    }[notice.status];
    return trans.__(
      'Schedule %1: run %2 (attempt %3) %4: %5',
      notice.schedule,
      notice.run_id,
      notice.attempt,
      outcome,
      notice.message ?? notice.exit_reason ?? trans.__('no reason given')
    );
  });
}

/**
 * Polls the server for failure notices from a cursor. The first poll only learns the
 * current cursor, so opening JupyterLab never replays old failures; the cursor survives
 * failed polls, so reconnecting shows only what happened since, at most once.
 */
export class FailureNoticeWatcher implements IDisposable {
  constructor(
    private readonly client: NbScheduleClient,
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

export const failureNoticesPlugin: JupyterFrontEndPlugin<void> = {
  id: 'nbschedule:failure-notices',
  description:
    "Shows a notification when one of the user's scheduled runs fails, is lost or is refused.",
  autoStart: true,
  requires: [INbScheduleClient],
  optional: [ITranslator],
  activate: (
    app: JupyterFrontEnd,
    client: NbScheduleClient,
    translator: ITranslator | null
  ) => {
    const trans = (translator ?? nullTranslator).load('nbschedule');
    new FailureNoticeWatcher(client, notices => {
      for (const message of describeNotices(notices, trans)) {
        Notification.error(message, { autoClose: false });
      }
    });
  }
};

/**
 * Failure notices as toasts: one per notice, short enough to be read whole (the run
 * itself has the details), or one summary when there are too many to read one by one.
 */
import { Notification } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';

import { IFailureNotice } from '../api';

/** Beyond this many notices at once (e.g. after a long disconnection) one summary is shown. */
export const MAX_SEPARATE_NOTICES = 3;

/** JupyterLab's notifications cut messages at this length. */
export const TOAST_MAX_CHARS = 140;

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

/** The toasts for `notices`, each with the run it opens. */
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

/** Shows the toasts for `notices`; "Open run" calls `openRun` with the run's id. */
export function showFailureToasts(
  notices: IFailureNotice[],
  trans: TranslationBundle,
  openRun: (run: number) => Promise<unknown>
): void {
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
                callback: () => void openRun(run)
              }
            ]
    });
  }
}

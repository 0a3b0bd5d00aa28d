/**
 * A lite test run started outside the wizard (Schedules and Runs views): one
 * notification follows it from the check to the output notebook.
 */
import { Notification } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';

import { describeError, INbScheduleClient } from '../api';
import type { ITestRun } from '../review';
import { ScheduleSpec } from '../spec';
import { runLite, stopLiteRuns } from './liteRun';

/** The notification's line for a run under way or finished. */
export function liteRunText(
  name: string,
  run: ITestRun | null,
  trans: TranslationBundle
): string {
  if (!run || run.status === 'queued') {
    return trans.__('Lite test run of %1: preparing…', name);
  }
  switch (run.status) {
    case 'running':
      return trans.__(
        'Lite test run of %1: %2 of %3 cells done…',
        name,
        run.cells_done,
        run.cells_total
      );
    case 'success':
      return trans.__('Lite test run of %1 succeeded.', name);
    case 'refused':
      return trans.__(
        'Lite test run of %1 was refused: %2',
        name,
        run.message ?? ''
      );
    default:
      return trans.__(
        'Lite test run of %1 failed: %2',
        name,
        run.message ?? ''
      );
  }
}

/**
 * Runs `spec` in the browser with a notification following it, then `open`s the
 * output notebook (landed on the failing cell by the viewer).
 */
export async function liteTestRunWithNotice(
  client: INbScheduleClient,
  spec: ScheduleSpec,
  trans: TranslationBundle,
  open: (run: ITestRun) => Promise<void>
): Promise<void> {
  const cancel = {
    label: trans.__('Cancel'),
    callback: () => stopLiteRuns()
  };
  const id = Notification.emit(
    liteRunText(spec.name, null, trans),
    'in-progress',
    { autoClose: false, actions: [cancel] }
  );
  const show = (run: ITestRun) =>
    Notification.update({
      id,
      message: liteRunText(spec.name, run, trans),
      type: 'in-progress',
      actions: [cancel]
    });
  try {
    const outcome = await runLite(client, spec, {
      prepared: show,
      progress: show
    });
    if (!outcome.lite) {
      Notification.update({
        id,
        message: trans.__(
          '%1 is not lite, so it cannot run in the browser: %2',
          spec.name,
          outcome.reason
        ),
        type: 'warning',
        actions: []
      });
      return;
    }
    const run = outcome.run;
    Notification.update({
      id,
      message: liteRunText(spec.name, run, trans),
      type: run.status === 'success' ? 'success' : 'error',
      autoClose: run.status === 'success' ? 5000 : false,
      actions: []
    });
    if (run.output_path) {
      await open(run);
    }
  } catch (failure) {
    Notification.update({
      id,
      message: trans.__(
        'Lite test run of %1 stopped: %2',
        spec.name,
        describeError(failure)
      ),
      type: 'error',
      actions: []
    });
  }
}

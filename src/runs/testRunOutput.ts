/**
 * A test run's output in the run viewer, for the Schedules view and the runs panel. In
 * the plugin entry (the Schedules view's actions import it); the viewer loads on use.
 */
import { JupyterFrontEnd } from '@jupyterlab/application';
import { TranslationBundle } from '@jupyterlab/translation';

import type { ITestRun } from '../review';
import type { IRunBannerFacts } from './openOutput';

/** The banner's facts from a test run (lite or on the server). */
export function testRunBannerFacts(run: ITestRun): IRunBannerFacts {
  const error = run.record?.error;
  return {
    schedule: run.schedule,
    runId: run.record?.run_id ?? run.id,
    parameters: run.record?.parameters ?? {},
    error: error ? `${error.ename}: ${error.evalue}` : null
  };
}

/** A test run's output notebook in the run viewer, landed on its failing cell. */
export async function openTestRunOutput(
  app: JupyterFrontEnd,
  run: ITestRun,
  trans: TranslationBundle
): Promise<void> {
  if (run.output_path) {
    const { openOutputNotebook } = await import('./openOutput');
    await openOutputNotebook(
      app,
      run.output_path,
      testRunBannerFacts(run),
      trans
    );
  }
}

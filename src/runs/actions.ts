import { IRun } from '../api';
import type { ILiteCheck } from '../lite/api';

/** What a person can do with a run; the plugin wires each to JupyterLab. */
export interface IRunActions {
  openOutput(run: IRun): Promise<void>;
  debug(run: IRun): Promise<void>;
  rerun(run: IRun): Promise<IRun | void>;
  cancel(run: IRun): Promise<IRun | void>;
  compare(run: IRun): Promise<void>;
  /** Whether the run's schedule can be test-run in the browser, and why not. */
  liteCheck(run: IRun): Promise<ILiteCheck>;
  /** Runs the schedule's notebook with the run's parameters in the browser. */
  liteTestRun(run: IRun): Promise<void>;
}

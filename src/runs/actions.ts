import { IRun } from '../api';

/** What a person can do with a run; the plugin wires each to JupyterLab. */
export interface IRunActions {
  openOutput(run: IRun): Promise<void>;
  debug(run: IRun): Promise<void>;
  rerun(run: IRun): Promise<IRun | void>;
  cancel(run: IRun): Promise<IRun | void>;
  compare(run: IRun): Promise<void>;
}

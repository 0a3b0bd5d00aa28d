import { IRunRecord } from '../../api';
import { finishedRecord } from '../../api/__tests__/finishedRecord';
import { ITestRun } from '../types';

/**
 * A test run that finished with `finishedRecord()` changed by `record`; `run` changes
 * the run's own fields. Tests change only what they are about.
 */
export function finishedTestRun(
  record: Partial<IRunRecord> = {},
  run: Partial<ITestRun> = {}
): ITestRun {
  const finished = { ...finishedRecord(), ...record };
  return {
    id: finished.run_id,
    schedule: finished.schedule,
    status: finished.status,
    cells_done: 1,
    cells_total: 1,
    current_cell: null,
    message: null,
    record: finished,
    ...run
  };
}

import { INbScheduleClient } from '../api';
import { ScheduleSpec } from '../spec';
import { ITestRun } from './types';

/** Statuses after which a test run changes no more. */
export const FINISHED_STATUSES: ReadonlyArray<ITestRun['status']> = [
  'success',
  'failed',
  'refused'
];

export function isFinished(run: ITestRun): boolean {
  return FINISHED_STATUSES.includes(run.status);
}

/** Starts the notebook once, exactly as the scheduler would; the server validates the spec. */
export function startTestRun(
  client: INbScheduleClient,
  spec: ScheduleSpec
): Promise<ITestRun> {
  return client.requestJson<ITestRun>('test-runs', {
    method: 'POST',
    body: JSON.stringify({ spec })
  });
}

export function getTestRun(
  client: INbScheduleClient,
  id: string,
  signal?: AbortSignal
): Promise<ITestRun> {
  return client.requestJson<ITestRun>(`test-runs/${encodeURIComponent(id)}`, {
    signal
  });
}

/** Stops the run and its kernel; the server forgets it. */
export async function cancelTestRun(
  client: INbScheduleClient,
  id: string
): Promise<void> {
  await client.requestJson<null>(`test-runs/${encodeURIComponent(id)}`, {
    method: 'DELETE'
  });
}

import { useCallback, useEffect, useRef, useState } from 'react';

import { ApiError, describeError, INbScheduleClient } from '../api';
import { ScheduleSpec } from '../spec';
import {
  cancelTestRun,
  getTestRun,
  isFinished,
  startTestRun
} from './testRuns';
import { ITestRun } from './types';

export const POLL_INTERVAL_MS = 1000;

export interface ITestRunState {
  run: ITestRun | null;
  /** The last failure to start, follow or cancel the run, in one sentence. */
  error: string | null;
  starting: boolean;
  start: () => void;
  cancel: () => void;
}

/**
 * A test run of `spec`, followed by polling until it finishes; `onResult` hears of
 * the finished run, and of null whenever a new run starts or one is cancelled.
 */
export function useTestRun(
  client: INbScheduleClient,
  spec: ScheduleSpec,
  onResult: (run: ITestRun | null) => void,
  prepare: () => Promise<void>
): ITestRunState {
  const [run, setRun] = useState<ITestRun | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  // The latest callback without restarting the polling effect when the parent re-renders.
  const reported = useRef(onResult);
  reported.current = onResult;

  const runId = run && !isFinished(run) ? run.id : null;
  useEffect(() => {
    if (runId === null) {
      return;
    }
    const controller = new AbortController();
    const timer = window.setTimeout(async () => {
      try {
        const next = await getTestRun(client, runId, controller.signal);
        setError(null);
        setRun(next);
        if (isFinished(next)) {
          reported.current(next);
        }
      } catch (failure) {
        if (controller.signal.aborted) {
          return;
        }
        setError(describeError(failure));
        if (failure instanceof ApiError && failure.status === 404) {
          setRun(null); // the server forgot the run (restarted or cancelled elsewhere)
        } else {
          setRun(current => (current ? { ...current } : current)); // poll again
        }
      }
    }, POLL_INTERVAL_MS);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [client, runId, run]);

  const start = useCallback(() => {
    setStarting(true);
    setError(null);
    reported.current(null);
    prepare()
      .then(() => startTestRun(client, spec))
      .then(setRun)
      .catch(failure => setError(describeError(failure)))
      .finally(() => setStarting(false));
  }, [client, spec, prepare]);

  const cancel = useCallback(() => {
    if (!runId) {
      return;
    }
    cancelTestRun(client, runId)
      .then(() => {
        setRun(null);
        reported.current(null);
      })
      .catch(failure => setError(describeError(failure)));
  }, [client, runId]);

  return { run, error, starting, start, cancel };
}

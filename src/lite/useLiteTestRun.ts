import { useCallback, useEffect, useRef, useState } from 'react';

import { describeError, INbScheduleClient } from '../api';
import type { ITestRun } from '../review';
import { ScheduleSpec } from '../spec';
import { ILiteCheck } from './api';
import { fullCheck, runLite, stopLiteRuns } from './liteRun';

export interface ILiteTestRunState {
  check: ILiteCheck | null;
  /** Why the last lite run started on the server instead, in one sentence. */
  fellBack: string | null;
  run: ITestRun | null;
  error: string | null;
  starting: boolean;
  /** The last run started was a lite one: show it rather than the server's. */
  active: boolean;
  /** `onServer` starts the server test run, for a notebook that is not lite. */
  start: (onServer: () => void) => void;
  cancel: () => void;
  /** The user turned to the server test run. */
  leave: () => void;
}

/** A lite test run of `spec`: checked on opening, run in Pyodide in a web worker. */
export function useLiteTestRun(
  client: INbScheduleClient,
  spec: ScheduleSpec,
  onResult: (run: ITestRun | null) => void,
  prepare: () => Promise<void>
): ILiteTestRunState {
  const [check, setCheck] = useState<ILiteCheck | null>(null);
  const [fellBack, setFellBack] = useState<string | null>(null);
  const [run, setRun] = useState<ITestRun | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const [active, setActive] = useState(false);
  const reported = useRef(onResult);
  reported.current = onResult;
  const current = useRef<string | null>(null);
  const cancelled = useRef(false);

  useEffect(() => {
    let live = true;
    fullCheck(client, spec.notebook)
      .then(result => live && setCheck(result))
      .catch(failure => live && setError(describeError(failure)));
    return () => {
      live = false;
    };
  }, [client, spec.notebook]);

  const start = useCallback(
    (onServer: () => void) => {
      setStarting(true);
      cancelled.current = false;
      setError(null);
      setFellBack(null);
      setActive(true);
      setRun(null);
      reported.current(null);
      const fallBack = (why: string) => {
        setActive(false);
        setFellBack(why);
        onServer();
      };
      const go = async () => {
        await prepare();
        try {
          const outcome = await runLite(client, spec, {
            checked: setCheck,
            prepared: prepared => {
              current.current = prepared.id;
              setRun(prepared);
              setStarting(false);
            },
            progress: setRun
          });
          if (!outcome.lite) {
            return fallBack(outcome.reason);
          }
          setRun(outcome.run);
          reported.current(outcome.run);
        } catch (failure) {
          setRun(null);
          throw failure;
        } finally {
          current.current = null;
        }
      };
      go()
        .catch(failure => cancelled.current || setError(describeError(failure)))
        .finally(() => setStarting(false));
    },
    [client, spec, prepare]
  );

  // Stopping the worker ends the run under way, which then cancels it on the server.
  const cancel = useCallback(() => {
    if (current.current) {
      cancelled.current = true;
      stopLiteRuns();
    }
  }, []);

  const leave = useCallback(() => setActive(false), []);

  return {
    check,
    fellBack,
    run,
    error,
    starting,
    active,
    start,
    cancel,
    leave
  };
}

import { useCallback, useEffect, useRef, useState } from 'react';

import { analyzeNotebook } from '../analysis';
import { ApiError, describeError, INbScheduleClient } from '../api';
import type { ITestRun } from '../review';
import { ScheduleSpec } from '../spec';
import {
  cancelLiteRun,
  checkLite,
  ILiteCheck,
  INotLite,
  reportLiteRun,
  savedNotebook,
  startLiteRun
} from './api';
import type { LiteKernel } from './kernel';

// Side effects a lite run must not have (the analysis' other kinds are about syntax).
const SIDE_EFFECTS = [
  'network',
  'subprocess',
  'shell',
  'file_write',
  'sql_write'
];

// One warm kernel per page and Pyodide location: later runs skip loading Pyodide.
const kernels = new Map<string, LiteKernel>();

// Loaded on the first lite run: nothing of the worker's side is in the initial bundle.
async function kernelFor(check: ILiteCheck): Promise<LiteKernel> {
  const { LiteKernel } = await import('./kernel');
  let kernel = kernels.get(check.pyodide_url);
  if (!kernel) {
    kernel = new LiteKernel({
      kind: 'load',
      pyodideUrl: check.pyodide_url,
      kernelUrl: check.kernel_url,
      wheelsUrl: check.wheels_url,
      full: check.full
    });
    kernels.set(check.pyodide_url, kernel);
  }
  return kernel;
}

/** The server's lite check with the analysis' side-effect warnings added. */
export async function fullCheck(
  client: INbScheduleClient,
  notebook: string
): Promise<ILiteCheck> {
  const [check, content] = await Promise.all([
    checkLite(client, notebook),
    savedNotebook(client, notebook)
  ]);
  const sideEffects: INotLite[] = analyzeNotebook(content)
    .warnings.filter(warning => SIDE_EFFECTS.includes(warning.kind))
    .map(warning => ({ cell: warning.cell, reason: warning.message }));
  const problems = [...check.problems, ...sideEffects].sort(
    (a, b) => a.cell - b.cell
  );
  return { ...check, problems, lite: problems.length === 0 };
}

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
        const checked = await fullCheck(client, spec.notebook);
        setCheck(checked);
        if (!checked.lite) {
          return fallBack(checked.problems[0]?.reason ?? '');
        }
        let prepared;
        try {
          prepared = await startLiteRun(client, spec);
        } catch (failure) {
          if (failure instanceof ApiError && failure.status === 409) {
            return fallBack(failure.message);
          }
          throw failure;
        }
        current.current = prepared.id;
        setRun(prepared);
        setStarting(false);
        if (!prepared.run) {
          return reported.current(prepared); // refused or failed before any cell
        }
        try {
          const { executeCells } = await import('./execute');
          const report = await executeCells(
            await kernelFor(checked),
            prepared.run,
            (done, total) =>
              setRun(shown => ({
                ...(shown ?? prepared),
                status: 'running',
                cells_done: done,
                cells_total: total,
                current_cell: done < total ? done : null
              }))
          );
          const finished = await reportLiteRun(client, prepared.id, report);
          setRun(finished);
          reported.current(finished);
        } catch (failure) {
          await cancelLiteRun(client, prepared.id).catch(() => undefined);
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
      kernels.forEach(kernel => kernel.dispose());
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

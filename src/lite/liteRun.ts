/**
 * One lite test run of a spec, from the check to the recorded result: shared by the
 * wizard's test-run step and the Schedules and Runs views.
 */
import { analyzeNotebook } from '../analysis';
import { ApiError, INbScheduleClient } from '../api';
import type { ITestRun } from '../review';
import { ScheduleSpec } from '../spec';
import {
  cancelLiteRun,
  checkLite,
  ILiteCheck,
  ILiteRun,
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

/** The prepared run as shown while its cells execute. */
export function progressOf(
  prepared: ITestRun,
  done: number,
  total: number
): ITestRun {
  return {
    ...prepared,
    status: 'running',
    cells_done: done,
    cells_total: total,
    current_cell: done < total ? done : null
  };
}

/** `spec` injecting `values` (a run's exact parameters) instead of its own. */
export function specWithValues(
  spec: ScheduleSpec,
  values: Record<string, unknown>
): ScheduleSpec {
  const parameters = (spec.parameters ?? []).map(parameter => {
    if (!(parameter.name in values)) {
      return parameter;
    }
    // A computed value would replace the run's exact one.
    const fixed = { ...parameter, value: values[parameter.name] };
    delete fixed.template;
    return fixed;
  });
  return { ...spec, parameters };
}

export interface ILiteRunEvents {
  checked?: (check: ILiteCheck) => void;
  /** The server prepared the run (or refused it); cells start next. */
  prepared?: (run: ILiteRun) => void;
  progress: (run: ITestRun) => void;
}

/** A finished lite run, or why the notebook must run on the server instead. */
export type LiteRunOutcome =
  { lite: true; run: ITestRun } | { lite: false; reason: string };

/**
 * Checks `spec`'s notebook, has the server prepare the run exactly as a scheduled one,
 * runs its cells in Pyodide in a web worker and reports them for the server to mark
 * and record. A run that fails in the browser is cancelled on the server.
 */
export async function runLite(
  client: INbScheduleClient,
  spec: ScheduleSpec,
  on: ILiteRunEvents
): Promise<LiteRunOutcome> {
  const checked = await fullCheck(client, spec.notebook);
  on.checked?.(checked);
  if (!checked.lite) {
    return { lite: false, reason: checked.problems[0]?.reason ?? '' };
  }
  let prepared: ILiteRun;
  try {
    prepared = await startLiteRun(client, spec);
  } catch (failure) {
    if (failure instanceof ApiError && failure.status === 409) {
      return { lite: false, reason: failure.message };
    }
    throw failure;
  }
  on.prepared?.(prepared);
  if (!prepared.run) {
    return { lite: true, run: prepared }; // refused or failed before any cell
  }
  try {
    const { executeCells } = await import('./execute');
    const report = await executeCells(
      await kernelFor(checked),
      prepared.run,
      (done, total) => on.progress(progressOf(prepared, done, total))
    );
    return {
      lite: true,
      run: await reportLiteRun(client, prepared.id, report)
    };
  } catch (failure) {
    await cancelLiteRun(client, prepared.id).catch(() => undefined);
    throw failure;
  }
}

/** Stops the lite runs under way: each then cancels itself on the server. */
export function stopLiteRuns(): void {
  kernels.forEach(kernel => kernel.dispose());
}

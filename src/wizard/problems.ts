import { TranslationBundle } from '@jupyterlab/translation';

import { ISpecCheck, ISpecProblem } from '../api';

/** Problems about the field at `path` or anything inside it. */
export function problemsAt(
  problems: ReadonlyArray<ISpecProblem>,
  path: string
): ISpecProblem[] {
  return problems.filter(
    problem => problem.path === path || problem.path.startsWith(`${path}/`)
  );
}

/** The one sentence shown under a field, or null. */
export function messageAt(
  problems: ReadonlyArray<ISpecProblem>,
  path: string
): string | null {
  const found = problemsAt(problems, path);
  return found.length ? found.map(problem => problem.message).join(' ') : null;
}

const REQUIRED = /^'([a-z_]+)' is required$/;

/** The wizard's own names for the fields the schema can find missing. */
function fieldNames(trans: TranslationBundle): Record<string, string> {
  return {
    name: trans.__('The schedule name'),
    notebook: trans.__('The notebook'),
    cron: trans.__('The cron expression'),
    timezone: trans.__('The time zone'),
    start_date: trans.__('The start date'),
    zone: trans.__('The zone'),
    owner: trans.__('The owner'),
    url: trans.__('The webhook URL'),
    to: trans.__('The e-mail address')
  };
}

/** Schema wording ("'zone' is required") in the wizard's words. */
export function inUserWords(
  problem: ISpecProblem,
  trans: TranslationBundle
): ISpecProblem {
  const missing = REQUIRED.exec(problem.message);
  if (!missing) {
    return problem;
  }
  const field = fieldNames(trans)[missing[1]];
  return {
    ...problem,
    message: field
      ? trans.__('%1 is required.', field)
      : trans.__('%1 is required.', missing[1])
  };
}

/** The server's check with every problem in the wizard's words. */
export function checkInUserWords(
  check: ISpecCheck | null,
  trans: TranslationBundle
): ISpecCheck | null {
  return (
    check && {
      ...check,
      problems: check.problems.map(problem => inUserWords(problem, trans))
    }
  );
}

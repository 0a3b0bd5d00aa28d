import { ISpecProblem } from '../api';

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

/**
 * `%%sql` cells of a lite debug copy, answered from what the server staged for a lite
 * run of the copy's schedule, exactly as the lite test run's cells read them.
 */
import type { INotebookContent } from '@jupyterlab/nbformat';

// What the lite run's preparation puts after the cell's commented original.
const LITE_MARKER = '\n# nbschedule: ';
const READS_STAGED = 'from nbschedule_lite import read_staged';
// The warning line a debug copy adds to a `%%sql` cell it kept live.
const DEBUG_WARNING = /^\s*-- nbschedule debug:/;

function sourceOf(cell: { source: string | string[] }): string {
  return Array.isArray(cell.source) ? cell.source.join('') : cell.source;
}

export function isSqlCell(source: string): boolean {
  return /^\s*%%sql\b/.test(source);
}

/** What identifies a query: its cell's text without the debug warning, lines trimmed. */
export function queryKey(source: string): string {
  return source
    .split('\n')
    .filter(line => !DEBUG_WARNING.test(line))
    .map(line => line.trim())
    .filter(line => line)
    .join('\n');
}

function uncommented(source: string): string {
  return source
    .split('\n')
    .map(line => line.replace(/^# ?/, ''))
    .join('\n');
}

/**
 * Query → the Python a lite run executes for it (`frame = read_staged(...)`), read
 * from the server's prepared lite notebook, whose `%%sql` cells hold their commented
 * original before that code.
 */
export function stagedAnswers(prepared: INotebookContent): Map<string, string> {
  const answers = new Map<string, string>();
  for (const cell of prepared.cells) {
    const source = sourceOf(cell);
    if (cell.cell_type !== 'code' || !source.includes(READS_STAGED)) {
      continue;
    }
    const at = source.lastIndexOf(LITE_MARKER);
    if (at >= 0) {
      answers.set(
        queryKey(uncommented(source.slice(0, at))),
        source.slice(at + 1)
      );
    }
  }
  return answers;
}

/** The code the lite kernel runs for `code`: a staged query's answer, else `code`. */
export function answerSql(code: string, answers: Map<string, string>): string {
  return (isSqlCell(code) && answers.get(queryKey(code))) || code;
}

/** The schedule and exact parameters of the run a debug copy was made from, if any. */
export function debuggedRun(
  content: INotebookContent
): { schedule: string; parameters: Record<string, unknown> } | null {
  const debug = content.metadata?.nbschedule_debug as
    { schedule?: unknown; run_id?: unknown; parameters?: unknown } | undefined;
  if (typeof debug?.schedule !== 'string' || !debug.run_id) {
    return null;
  }
  const parameters = debug.parameters;
  return {
    schedule: debug.schedule,
    parameters:
      parameters && typeof parameters === 'object'
        ? (parameters as Record<string, unknown>)
        : {}
  };
}

/** Whether a notebook still holds a `%%sql` query a kernel must answer. */
export function hasLiveSql(content: INotebookContent): boolean {
  return content.cells.some(
    cell => cell.cell_type === 'code' && isSqlCell(sourceOf(cell))
  );
}

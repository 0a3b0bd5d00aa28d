/**
 * A cell-level diff of two output notebooks: sources and the text of their outputs.
 * Cells are matched by id (output notebooks keep the source notebook's ids); the
 * injected-parameters cell gets a fresh id every run, so it is matched by its tag.
 */
import { ICell, INotebookContent, IOutput } from '@jupyterlab/nbformat';

export type CellChange = 'same' | 'changed' | 'added' | 'removed';

export interface ICellSide {
  index: number;
  source: string;
  outputs: string;
}

export interface ICellDiff {
  change: CellChange;
  /** The older (successful) run's cell. */
  before: ICellSide | null;
  /** The newer run's cell. */
  after: ICellSide | null;
}

export interface ILineChange {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

const INJECTED_KEY = '\u0000injected-parameters';

function text(value: string | string[] | undefined): string {
  return Array.isArray(value) ? value.join('') : (value ?? '');
}

/** What a reader sees of an output: stream text, plain text, or the error line. */
export function outputText(output: IOutput): string {
  switch (output.output_type) {
    case 'stream':
      return text(output.text as string | string[]);
    case 'error':
      return `${output.ename}: ${output.evalue}\n`;
    case 'execute_result':
    case 'display_data': {
      const data = output.data as Record<string, string | string[]>;
      return text(data?.['text/plain']) + '\n';
    }
    default:
      return '';
  }
}

/**
 * Each run stages its inputs in a temporary folder of its own
 * (`/tmp/nbs-…/nbschedule-run-…/`): a path through it is the same path in two runs.
 */
const RUN_FOLDER = /(?:\/[^\s'"/]+)*\/nbschedule-run-[A-Za-z0-9_]+/g;
export const RUN_FOLDER_MARK = '<run folder>';

export function withoutRunFolders(value: string): string {
  return value.replace(RUN_FOLDER, RUN_FOLDER_MARK);
}

function side(cell: ICell, index: number): ICellSide {
  const outputs = (cell.outputs as IOutput[] | undefined) ?? [];
  return {
    index,
    source: withoutRunFolders(text(cell.source)),
    outputs: withoutRunFolders(outputs.map(outputText).join(''))
  };
}

function key(cell: ICell, index: number): string {
  const tags = (cell.metadata?.tags as string[] | undefined) ?? [];
  if (tags.includes('injected-parameters')) {
    return INJECTED_KEY;
  }
  return (cell.id as string | undefined) ?? `index-${index}`;
}

/** Pairs of indices of a longest common subsequence of `a` and `b`. */
export function commonPairs<T>(a: T[], b: T[]): [number, number][] {
  const lengths = Array.from({ length: a.length + 1 }, () =>
    new Array<number>(b.length + 1).fill(0)
  );
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lengths[i][j] =
        a[i] === b[j]
          ? lengths[i + 1][j + 1] + 1
          : Math.max(lengths[i + 1][j], lengths[i][j + 1]);
    }
  }
  const pairs: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      pairs.push([i, j]);
      i++;
      j++;
    } else if (lengths[i + 1][j] >= lengths[i][j + 1]) {
      i++;
    } else {
      j++;
    }
  }
  return pairs;
}

/** Walks two sequences along their common pairs, reporting removals before additions. */
function align<T, R>(
  a: T[],
  b: T[],
  pairs: [number, number][],
  removed: (i: number) => R,
  added: (j: number) => R,
  matched: (i: number, j: number) => R
): R[] {
  const result: R[] = [];
  let i = 0;
  let j = 0;
  for (const [pi, pj] of [...pairs, [a.length, b.length]]) {
    for (; i < pi; i++) {
      result.push(removed(i));
    }
    for (; j < pj; j++) {
      result.push(added(j));
    }
    if (pi < a.length && pj < b.length) {
      result.push(matched(pi, pj));
      i = pi + 1;
      j = pj + 1;
    }
  }
  return result;
}

export function diffNotebooks(
  before: INotebookContent,
  after: INotebookContent
): ICellDiff[] {
  const keysBefore = before.cells.map(key);
  const keysAfter = after.cells.map(key);
  return align<string, ICellDiff>(
    keysBefore,
    keysAfter,
    commonPairs(keysBefore, keysAfter),
    i => ({
      change: 'removed',
      before: side(before.cells[i], i),
      after: null
    }),
    j => ({ change: 'added', before: null, after: side(after.cells[j], j) }),
    (i, j) => {
      const left = side(before.cells[i], i);
      const right = side(after.cells[j], j);
      const same =
        left.source === right.source && left.outputs === right.outputs;
      return { change: same ? 'same' : 'changed', before: left, after: right };
    }
  );
}

/** A line diff of two texts, for showing what changed inside a cell. */
export function diffLines(before: string, after: string): ILineChange[] {
  const a = before ? before.split('\n') : [];
  const b = after ? after.split('\n') : [];
  return align<string, ILineChange>(
    a,
    b,
    commonPairs(a, b),
    i => ({ kind: 'removed', text: a[i] }),
    j => ({ kind: 'added', text: b[j] }),
    i => ({ kind: 'same', text: a[i] })
  );
}

export interface ISkippedLines {
  kind: 'skipped';
  count: number;
}

/**
 * The changed lines with `context` unchanged lines around each; longer unchanged
 * stretches (an identical output table) shrink to a count.
 */
export function changedLines(
  lines: ILineChange[],
  context = 2
): (ILineChange | ISkippedLines)[] {
  const near = lines.map((_, index) =>
    lines
      .slice(Math.max(0, index - context), index + context + 1)
      .some(line => line.kind !== 'same')
  );
  const result: (ILineChange | ISkippedLines)[] = [];
  lines.forEach((line, index) => {
    if (near[index]) {
      result.push(line);
      return;
    }
    const last = result[result.length - 1];
    if (last?.kind === 'skipped') {
      last.count++;
    } else {
      result.push({ kind: 'skipped', count: 1 });
    }
  });
  return result;
}

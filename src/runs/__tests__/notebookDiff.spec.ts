import { ICell, INotebookContent } from '@jupyterlab/nbformat';

import {
  changedLines,
  diffLines,
  diffNotebooks,
  RUN_FOLDER_MARK
} from '../notebookDiff';
import { markedFailingCell, recordPathFor, runOfNotebook } from '../runContext';

function cell(
  id: string,
  source: string,
  outputs: any[] = [],
  tags: string[] = []
): ICell {
  return {
    id,
    cell_type: 'code',
    source,
    metadata: { tags },
    outputs,
    execution_count: 1
  } as ICell;
}

function notebook(...cells: ICell[]): INotebookContent {
  return { cells, metadata: {}, nbformat: 4, nbformat_minor: 5 };
}

const stream = (text: string) => ({
  output_type: 'stream',
  name: 'stdout',
  text
});

describe('diffNotebooks', () => {
  it('matches cells by id and the injected cell by its tag', () => {
    const success = notebook(
      cell('a', 'x = 1'),
      cell('p1', 'day = "2026-01-01"', [], ['injected-parameters']),
      cell('b', 'print(x)', [stream('1\n')])
    );
    const failed = notebook(
      cell('a', 'x = 1'),
      cell('p2', 'day = "2026-01-02"', [], ['injected-parameters']),
      cell('b', 'print(x)', [
        {
          output_type: 'error',
          ename: 'KeyError',
          evalue: "'x'",
          traceback: []
        }
      ]),
      cell('c', 'y = 2')
    );
    const diff = diffNotebooks(success, failed);
    expect(diff.map(d => d.change)).toEqual([
      'same',
      'changed',
      'changed',
      'added'
    ]);
    expect(diff[2].before?.outputs).toBe('1\n');
    expect(diff[2].after?.outputs).toBe("KeyError: 'x'\n");
  });

  it('reports cells only the successful run had as removed', () => {
    const diff = diffNotebooks(
      notebook(cell('a', '1'), cell('b', '2')),
      notebook(cell('b', '2'))
    );
    expect(diff.map(d => [d.change, d.before?.index, d.after?.index])).toEqual([
      ['removed', 0, undefined],
      ['same', 1, 0]
    ]);
  });

  it('diffs lines inside a cell', () => {
    expect(diffLines('a\nb\nc', 'a\nc\nd')).toEqual([
      { kind: 'same', text: 'a' },
      { kind: 'removed', text: 'b' },
      { kind: 'same', text: 'c' },
      { kind: 'added', text: 'd' }
    ]);
  });
});

describe('comparing runs without noise', () => {
  it("treats paths through each run's staging folder as the same path", () => {
    const before = notebook(
      cell('a', 'df = load()', [
        stream(
          'read /tmp/nbs-1a2b/nbschedule-run-h7risq_g/staging/orders.parquet\n'
        )
      ])
    );
    const after = notebook(
      cell('a', 'df = load()', [
        stream(
          'read /tmp/nbs-9z8y/nbschedule-run-x0_k3c1/staging/orders.parquet\n'
        )
      ])
    );
    const [diff] = diffNotebooks(before, after);
    expect(diff.change).toBe('same');
    expect(diff.after!.outputs).toBe(
      `read ${RUN_FOLDER_MARK}/staging/orders.parquet\n`
    );
  });

  it('shrinks a long unchanged stretch, such as a table, to a count', () => {
    const table = Array.from({ length: 20 }, (_, row) => `row ${row}`);
    const lines = diffLines(
      [...table, 'total 1'].join('\n'),
      [...table, 'total 2'].join('\n')
    );
    expect(changedLines(lines)).toEqual([
      { kind: 'skipped', count: 18 },
      { kind: 'same', text: 'row 18' },
      { kind: 'same', text: 'row 19' },
      { kind: 'removed', text: 'total 1' },
      { kind: 'added', text: 'total 2' }
    ]);
  });
});

describe('runContext', () => {
  it('knows a run by its metadata or by its path in the run store', () => {
    expect(
      runOfNotebook('x.ipynb', {
        nbschedule: { schedule: 'daily', run_id: 'm1', attempt: 2 }
      })
    ).toEqual({ schedule: 'daily', run_id: 'm1', attempt: 2 });
    expect(
      runOfNotebook(
        'nbschedule-runs/daily/manual__1/attempt-3/output.ipynb',
        {}
      )
    ).toEqual({ schedule: 'daily', run_id: 'manual__1', attempt: 3 });
    expect(runOfNotebook('reports/daily.ipynb', {})).toBeNull();
  });

  it('looks for outputs in the runs folder the setting names', () => {
    const output = 'archive/runs/daily/manual__1/attempt-1/output.ipynb';
    expect(runOfNotebook(output, {})).toBeNull();
    expect(runOfNotebook(output, {}, 'archive/runs')).toEqual({
      schedule: 'daily',
      run_id: 'manual__1',
      attempt: 1
    });
  });

  it('finds the record beside the output and the marked failing cell', () => {
    expect(recordPathFor('nbschedule-runs/d/r/attempt-1/output.ipynb')).toBe(
      'nbschedule-runs/d/r/attempt-1/record.json'
    );
    expect(
      markedFailingCell([
        { metadata: { tags: ['parameters'] } },
        { metadata: {} },
        { metadata: { tags: ['nbschedule-failed'] } }
      ])
    ).toBe(2);
    expect(markedFailingCell([{ metadata: {} }])).toBe(-1);
  });
});

import { nullTranslator } from '@jupyterlab/translation';

import { failingCellText, testRunStatusText } from '../TestRunStep';
import { ITestRun } from '../types';

const trans = nullTranslator.load('nbschedule');

function testRun(change: Partial<ITestRun>): ITestRun {
  return {
    id: 't1',
    schedule: 'daily',
    status: 'running',
    cells_done: 0,
    cells_total: 3,
    current_cell: null,
    message: null,
    ...change
  };
}

describe('test run wording numbers cells from 1, as JupyterLab does', () => {
  it('counts the running cell from 1', () => {
    expect(testRunStatusText(testRun({ current_cell: 0 }), trans)).toBe(
      'Running cell 1 of 3…'
    );
    expect(testRunStatusText(testRun({ current_cell: 2 }), trans)).toBe(
      'Running cell 3 of 3…'
    );
  });

  it('names the failing cell of the notebook, or of the output', () => {
    expect(
      failingCellText({ index: 5, source_index: 4, id: 'c5' }, trans)
    ).toBe('cell 5 of the notebook');
    expect(
      failingCellText({ index: 1, source_index: null, id: 'p' }, trans)
    ).toBe('the injected parameters (output cell 2)');
  });
});

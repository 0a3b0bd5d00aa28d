import type { INotebookContent } from '@jupyterlab/nbformat';

import { runsOnLiteKernel } from '../debugKernel';

function notebookOf(...sources: string[]): INotebookContent {
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: sources.map(source => ({
      cell_type: 'code',
      source,
      metadata: {},
      outputs: [],
      execution_count: null
    }))
  };
}

describe('runsOnLiteKernel', () => {
  it('takes a debug copy with plain Python cells and staged inputs', () => {
    expect(
      runsOnLiteKernel(
        notebookOf(
          'limit = 7',
          "assert limit < 5, 'too many'",
          '# %%sql orders'
        )
      )
    ).toBe(true);
  });

  it('leaves a copy with a live %%sql query to the server kernel', () => {
    expect(
      runsOnLiteKernel(
        notebookOf('limit = 7', '  %%sql orders\nSELECT * FROM orders')
      )
    ).toBe(false);
    expect(runsOnLiteKernel(notebookOf('%%sql\nSELECT 1'))).toBe(false);
  });
});

import type { INotebookContent } from '@jupyterlab/nbformat';

export interface ICellSketch {
  source: string;
  tags?: string[];
  type?: 'code' | 'markdown';
}

/** A notebook from cell sources; a string is a code cell. */
export function notebook(...cells: (string | ICellSketch)[]): INotebookContent {
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: cells.map(sketch => {
      const { source, tags, type } =
        typeof sketch === 'string' ? { source: sketch } : sketch;
      // nbformat stores sources as lists of lines; the analysis must join them.
      const lines = source.split(/(?<=\n)/);
      return type === 'markdown'
        ? { cell_type: 'markdown', source: lines, metadata: {} }
        : {
            cell_type: 'code',
            source: lines,
            metadata: tags ? { tags } : {},
            outputs: [],
            execution_count: null
          };
    })
  };
}

import type { ICell, INotebookContent } from '@jupyterlab/nbformat';

import { Input, Output, Parameter } from '../spec';
import { DEFAULT_CONNECTION, magicProblems, readCellMagic } from './magics';
import { readParameters } from './parameters';
import { ImportedNames, sideEffects } from './sideEffects';
import { analyzeSql } from './sqlTables';
import {
  analysisWarning,
  IAnalysisWarning,
  IWarningText,
  warningText
} from './warnings';

export interface INotebookAnalysis {
  /** From the first cell tagged `parameters`, as papermill reads it. */
  parameters: Parameter[];
  /** Tables the SQL cells read, each (connection, table) once, first cell kept. */
  inputs: Input[];
  /** Tables the upload cells write, in cell order. */
  outputs: Output[];
  /** What keeps the notebook from running as a scheduled job, in cell order. */
  warnings: IAnalysisWarning[];
  hasParametersCell: boolean;
}

const sourceText = (cell: ICell): string =>
  Array.isArray(cell.source) ? cell.source.join('') : cell.source;

const isParametersCell = (cell: ICell): boolean => {
  const tags = cell.metadata?.tags;
  return Array.isArray(tags) && tags.includes('parameters');
};

const MODES: Output['mode'][] = ['replace', 'append'];

/**
 * What a notebook declares for scheduling: parameters, the datasets its SQL
 * cells read and its upload cells write, and the side effects that make it
 * ineligible to run unattended. Cell numbers are 0-based indices into `cells`.
 */
export function analyzeNotebook(notebook: INotebookContent): INotebookAnalysis {
  const analysis: INotebookAnalysis = {
    parameters: [],
    inputs: [],
    outputs: [],
    warnings: [],
    hasParametersCell: false
  };
  const imported: ImportedNames = new Map();

  notebook.cells.forEach((cell, index) => {
    if (cell.cell_type !== 'code') {
      return;
    }
    const source = sourceText(cell);
    if (isParametersCell(cell) && !analysis.hasParametersCell) {
      analysis.hasParametersCell = true;
      const { parameters, warnings } = readParameters(source, index);
      analysis.parameters = parameters;
      analysis.warnings.push(...warnings);
    }
    const magic = readCellMagic(source);
    const warn = (kind: IAnalysisWarning['kind'], text: IWarningText) =>
      analysis.warnings.push(analysisWarning(index, kind, text));

    if (magic?.name === 'sql') {
      magicProblems(magic, ['conn']).forEach(problem => warn('magic', problem));
      const connection = magic.options.conn ?? DEFAULT_CONNECTION;
      const sql = analyzeSql(magic.body);
      for (const table of sql.tables) {
        const known = analysis.inputs.some(
          input => input.connection === connection && input.table === table
        );
        if (!known) {
          analysis.inputs.push({ connection, table, cell: index });
        }
      }
      for (const verb of sql.writes) {
        warn(
          'sql_write',
          warningText(
            '%1 statement changes the warehouse; SQL cells may only read',
            verb
          )
        );
      }
    } else if (magic?.name === 'upload') {
      const problems = magicProblems(
        magic,
        ['table', 'conn', 'mode'],
        ['table']
      );
      const mode = (magic.options.mode ?? 'replace') as Output['mode'];
      if (!MODES.includes(mode)) {
        problems.push(
          warningText(
            '--mode must be replace or append, not %1',
            magic.options.mode
          )
        );
      }
      problems.forEach(problem => warn('magic', problem));
      if (problems.length === 0) {
        analysis.outputs.push({
          connection: magic.options.conn ?? DEFAULT_CONNECTION,
          table: magic.options.table,
          cell: index,
          mode
        });
      }
    } else {
      analysis.warnings.push(...sideEffects(source, index, magic, imported));
    }
  });
  analysis.warnings.sort((a, b) => a.cell - b.cell);
  return analysis;
}

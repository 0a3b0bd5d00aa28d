/**
 * Why a notebook cannot run as a scheduled job as it is:
 * - `network`, `subprocess`, `shell`, `file_write`: side effects the sandbox
 *   forbids or the run folder cannot contain;
 * - `sql_write`: an SQL cell that changes the warehouse instead of reading it;
 * - `magic`: a `%%sql` or `%%upload` line the operator cannot follow;
 * - `parameter`: a parameter whose default cannot be read as a literal.
 */
export type AnalysisWarningKind =
  | 'network'
  | 'subprocess'
  | 'shell'
  | 'file_write'
  | 'sql_write'
  | 'magic'
  | 'parameter';

export interface IAnalysisWarning {
  /** 0-based index of the cell in the notebook. */
  cell: number;
  kind: AnalysisWarningKind;
  message: string;
}

import { ICellReport, ILiteReport, ILiteWork } from './api';
import { LiteKernel, WorkerTimeout } from './kernel';

function sourceOf(cell: { source: string | string[] }): string {
  return Array.isArray(cell.source) ? cell.source.join('') : cell.source;
}

/**
 * Runs the prepared notebook's cells in order as the operator does: every cell is
 * reported (markdown too, for papermill's marks), code cells with text get the next
 * execution count, the first error, timeout or SystemExit(0) stops the run.
 * `onCell(done, total)` follows the progress.
 */
export async function executeCells(
  kernel: LiteKernel,
  work: ILiteWork,
  onCell: (done: number, total: number) => void
): Promise<ILiteReport> {
  const deadline = Date.now() + work.timeout_seconds * 1000;
  const cellLimit = work.cell_timeout_seconds * 1000;
  await kernel.request({
    kind: 'begin',
    folder: work.staging_folder,
    files: work.staged
  });
  const cells = work.notebook.cells;
  const reports: ICellReport[] = [];
  let count = 0;
  onCell(0, cells.length);
  for (const cell of cells) {
    const start_time = new Date().toISOString();
    const source = sourceOf(cell);
    const report: ICellReport = {
      outputs: [],
      execution_count: null,
      start_time,
      end_time: start_time
    };
    reports.push(report);
    if (cell.cell_type !== 'code' || !source.trim()) {
      onCell(reports.length, cells.length);
      continue;
    }
    report.execution_count = ++count;
    const remaining = deadline - Date.now();
    const runLimited = remaining < cellLimit;
    let reply;
    try {
      reply = await kernel.request(
        { kind: 'run', source, count },
        Math.max(1, runLimited ? remaining : cellLimit)
      );
    } catch (error) {
      report.end_time = new Date().toISOString();
      if (error instanceof WorkerTimeout) {
        const exit_reason = runLimited ? 'run_timeout' : 'cell_timeout';
        return { cells: reports, exit_reason, exited: false };
      }
      throw error;
    }
    report.end_time = new Date().toISOString();
    if (reply.kind === 'cell') {
      report.outputs = reply.outputs;
      if (reply.status === 'error') {
        return { cells: reports, exit_reason: 'cell_error', exited: false };
      }
      if (reply.status === 'exit') {
        return { cells: reports, exit_reason: 'completed', exited: true };
      }
    }
    onCell(reports.length, cells.length);
  }
  return { cells: reports, exit_reason: 'completed', exited: false };
}

/**
 * Recognising an output notebook of a run and finding its run record next to it.
 * Output notebooks live at `nbschedule-runs/<schedule>/<run_id>/attempt-<n>/output.ipynb`
 * and carry `metadata.nbschedule`; either is enough.
 */

export interface IRunNotebookMeta {
  schedule: string;
  run_id: string;
  attempt: number;
  trigger?: string;
  logical_date?: string;
  status?: string;
}

const OUTPUT_PATH =
  /(?:^|\/)nbschedule-runs\/([^/]+)\/([^/]+)\/attempt-(\d+)\/output\.ipynb$/;

/** The run an open notebook belongs to, or null for any other notebook. */
export function runOfNotebook(
  path: string,
  metadata: Record<string, unknown> | undefined
): IRunNotebookMeta | null {
  const meta = metadata?.nbschedule as Partial<IRunNotebookMeta> | undefined;
  if (meta && typeof meta.schedule === 'string' && meta.run_id) {
    return {
      ...meta,
      schedule: meta.schedule,
      run_id: String(meta.run_id),
      attempt: Number(meta.attempt ?? 1)
    };
  }
  const match = OUTPUT_PATH.exec(path);
  if (!match) {
    return null;
  }
  return { schedule: match[1], run_id: match[2], attempt: Number(match[3]) };
}

/** `record.json` beside an output notebook (contents API paths use `/`). */
export function recordPathFor(outputPath: string): string {
  const slash = outputPath.lastIndexOf('/');
  return `${slash < 0 ? '' : outputPath.slice(0, slash + 1)}record.json`;
}

/** Index of the cell the operator marked as the run's failure, or -1. */
export function markedFailingCell(
  cells: { metadata?: Record<string, unknown> }[]
): number {
  return cells.findIndex(cell =>
    ((cell.metadata?.tags as string[] | undefined) ?? []).includes(
      'nbschedule-failed'
    )
  );
}

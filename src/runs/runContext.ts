/**
 * Recognising an output notebook of a run and finding its run record next to it.
 * Output notebooks live at `<runs folder>/<schedule>/<run_id>/attempt-<n>/output.ipynb`
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

/** The run store's folder under the Jupyter root unless the runs folder setting says otherwise. */
export const DEFAULT_RUNS_FOLDER = 'nbschedule-runs';

function escaped(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The runs folder as a setting may write it: no leading, trailing or doubled slashes. */
function folderPattern(folder: string): string {
  const parts = folder.split('/').filter(Boolean);
  return escaped((parts.length ? parts : [DEFAULT_RUNS_FOLDER]).join('/'));
}

/** Whether a contents path lies in a runs folder (at the root or in a subfolder). */
export function inRunsFolder(
  path: string,
  folder: string = DEFAULT_RUNS_FOLDER
): boolean {
  return new RegExp(`(?:^|/)${folderPattern(folder)}/`).test(path);
}

/** The run an open notebook belongs to, or null for any other notebook. */
export function runOfNotebook(
  path: string,
  metadata: Record<string, unknown> | undefined,
  runsFolder: string = DEFAULT_RUNS_FOLDER
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
  const match = new RegExp(
    `(?:^|/)${folderPattern(runsFolder)}/([^/]+)/([^/]+)/attempt-(\\d+)/output\\.ipynb$`
  ).exec(path);
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

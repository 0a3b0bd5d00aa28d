import type { INotebookContent } from '@jupyterlab/nbformat';

import { NbScheduleClient } from '../api';
import { savedNotebook, saveNotebook } from './api';
import { LITE_KERNEL } from './services';
import { fullCheck } from './liteRun';

function sourceOf(cell: { source: string | string[] }): string {
  return Array.isArray(cell.source) ? cell.source.join('') : cell.source;
}

/**
 * Whether a lite notebook's debug copy can run on "Python (lite)": not when a cell is
 * still a live `%%sql` query (the run kept no staged input for it), which only a server
 * kernel with the warehouse magics answers.
 */
export function runsOnLiteKernel(content: INotebookContent): boolean {
  return !content.cells.some(
    cell => cell.cell_type === 'code' && /^\s*%%sql\b/.test(sourceOf(cell))
  );
}

/**
 * A run's debug copy opens on "Python (lite)" in the browser when it passes the lite
 * check, so the failure is reproduced with no server kernel. A notebook opens on the
 * kernel its metadata names, so the copy is saved naming the lite kernel before it
 * opens; otherwise (or when the check cannot say) it keeps its own server kernel.
 */
export async function preferLiteKernel(
  client: NbScheduleClient,
  copyPath: string
): Promise<boolean> {
  let content: INotebookContent;
  try {
    const [check, saved] = await Promise.all([
      fullCheck(client, copyPath),
      savedNotebook(client, copyPath)
    ]);
    if (!check.lite || !runsOnLiteKernel(saved)) {
      return false;
    }
    content = saved;
  } catch {
    return false;
  }
  content.metadata.kernelspec = {
    name: LITE_KERNEL,
    display_name: 'Python (lite)',
    language: 'python'
  };
  await saveNotebook(client, copyPath, content);
  return true;
}

import type { INotebookContent } from '@jupyterlab/nbformat';

import { NbScheduleClient } from '../api';
import { savedNotebook, saveNotebook } from './api';
import { debuggedRun, hasLiveSql } from './debugSql';
import { LITE_KERNEL } from './services';
import { fullCheck } from './liteRun';

/**
 * Whether a lite notebook's debug copy can run on "Python (lite)": a live `%%sql` query
 * (the run kept no staged input for it) needs the copy to name its schedule's run, whose
 * inputs the lite kernel has the server stage; otherwise only a server kernel answers it.
 */
export function runsOnLiteKernel(content: INotebookContent): boolean {
  return !hasLiveSql(content) || debuggedRun(content) !== null;
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

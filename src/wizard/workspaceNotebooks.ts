import type { Contents } from '@jupyterlab/services';
import { INotebookContent } from '@jupyterlab/nbformat';

import { analyzeNotebook, INotebookAnalysis } from '../analysis';
import { isRunArtifact } from './defaults';

/** What a node's notebook declares: its parameters cell, and the datasets its cells name. */
export type INotebookDeclarations = Pick<
  INotebookAnalysis,
  'parameters' | 'inputs' | 'outputs'
>;

/** What the workflow step reads from the workspace: its notebooks and what they declare. */
export interface IWorkspaceNotebooks {
  /** Notebook paths the user may add as nodes, sorted. */
  list(): Promise<string[]>;
  /** A notebook's parameters and datasets, as the Parameters and Data steps read them. */
  declarations(path: string): Promise<INotebookDeclarations>;
}

// Enough for a workspace's own notebooks; a bigger tree is typed by path.
const MAX_DEPTH = 4;
const MAX_NOTEBOOKS = 500;

/** The workspace through JupyterLab's contents manager, skipping hidden folders and run artifacts. */
export function workspaceNotebooks(
  contents: Contents.IManager,
  runsFolder?: string
): IWorkspaceNotebooks {
  const list = async (): Promise<string[]> => {
    const found: string[] = [];
    const walk = async (folder: string, depth: number): Promise<void> => {
      const listing = await contents.get(folder, { content: true });
      const items = (listing.content ?? []) as Contents.IModel[];
      for (const item of items) {
        if (found.length >= MAX_NOTEBOOKS || item.name.startsWith('.')) {
          continue;
        }
        if (
          item.type === 'notebook' &&
          !isRunArtifact(item.path, undefined, runsFolder)
        ) {
          found.push(item.path);
        } else if (item.type === 'directory' && depth < MAX_DEPTH) {
          await walk(item.path, depth + 1);
        }
      }
    };
    await walk('', 0);
    return found.sort();
  };
  const declarations = async (path: string): Promise<INotebookDeclarations> => {
    const file = await contents.get(path, { type: 'notebook', content: true });
    const { parameters, inputs, outputs } = analyzeNotebook(
      file.content as INotebookContent
    );
    return { parameters, inputs, outputs };
  };
  return { list, declarations };
}

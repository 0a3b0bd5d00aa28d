import { INotebookContent } from '@jupyterlab/nbformat';
import { Drive, ServerConnection } from '@jupyterlab/services';

import { describeError } from '../api';
import { ScheduleSpec } from '../spec';

/** The notebooks of a workflow's other nodes, by workspace path. */
export type NodeNotebooks = Record<string, INotebookContent>;

/** A node whose notebook the review cannot commit. */
export interface INodeNotebookProblem {
  node: string;
  path: string;
  /** Null when the notebook does not exist; otherwise why it could not be read. */
  error: string | null;
}

export interface IReadNodeNotebooks {
  notebooks: NodeNotebooks;
  problems: INodeNotebookProblem[];
}

/**
 * The nodes whose notebook is not the opened one: the opened notebook comes from its
 * editor, these from the workspace.
 */
export function otherNodes(
  spec: Pick<ScheduleSpec, 'notebook' | 'nodes'>
): { id: string; notebook: string }[] {
  return (spec.nodes ?? []).filter(node => node.notebook !== spec.notebook);
}

/** The nodes whose notebook is absent from `notebooks`, as the review reports them. */
export function missingNodeNotebooks(
  spec: Pick<ScheduleSpec, 'notebook' | 'nodes'>,
  notebooks: NodeNotebooks
): INodeNotebookProblem[] {
  return otherNodes(spec)
    .filter(node => !(node.notebook in notebooks))
    .map(node => ({ node: node.id, path: node.notebook, error: null }));
}

/**
 * Reads the other nodes' notebooks from the workspace through the Jupyter contents
 * API, as saved on disk (what the scheduler will run). Never throws: a notebook
 * that cannot be read is a problem naming its node.
 */
export async function readNodeNotebooks(
  settings: ServerConnection.ISettings,
  spec: Pick<ScheduleSpec, 'notebook' | 'nodes'>
): Promise<IReadNodeNotebooks> {
  const drive = new Drive({ serverSettings: settings });
  const paths = [...new Set(otherNodes(spec).map(node => node.notebook))];
  const notebooks: NodeNotebooks = {};
  const errors = new Map<string, string | null>();
  await Promise.all(
    paths.map(async path => {
      try {
        const file = await drive.get(path, { type: 'notebook', content: true });
        notebooks[path] = file.content as INotebookContent;
      } catch (error) {
        const missing =
          error instanceof ServerConnection.ResponseError &&
          error.response.status === 404;
        errors.set(path, missing ? null : describeError(error));
      }
    })
  );
  const problems = otherNodes(spec)
    .filter(node => errors.has(node.notebook))
    .map(node => ({
      node: node.id,
      path: node.notebook,
      error: errors.get(node.notebook) ?? null
    }));
  return { notebooks, problems };
}

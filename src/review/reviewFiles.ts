import { ICell, INotebookContent, MultilineString } from '@jupyterlab/nbformat';

import { generateDag, sortedJson, specToJson } from '../pipeline';
import { ScheduleSpec } from '../spec';
import { missingNodeNotebooks, NodeNotebooks } from './nodeNotebooks';
import { percentScript, sourceText } from './percentScript';
import { ReviewFiles } from './types';

/** A notebook's reviewable percent-format mirror beside it. */
export function mirrorPath(notebook: string): string {
  return notebook.replace(/\.ipynb$/, '.py');
}

/** Where a schedule's review files live: fixed by its name, so updates touch the same files. */
export function reviewPaths(spec: Pick<ScheduleSpec, 'name' | 'notebook'>): {
  spec: string;
  dag: string;
  notebook: string;
  mirror: string;
} {
  return {
    spec: `schedules/${spec.name}.json`,
    dag: `schedules/${spec.name}_dag.py`,
    notebook: spec.notebook,
    mirror: mirrorPath(spec.notebook)
  };
}

/** The branch a schedule's review is committed on, new or updated. */
export function reviewBranch(spec: Pick<ScheduleSpec, 'name'>): string {
  return `nbschedule/${spec.name}`;
}

/** The notebook without outputs or execution counts; cell ids and metadata stay. */
export function strippedNotebook(notebook: INotebookContent): INotebookContent {
  const cells = notebook.cells.map((cell): ICell => {
    if (cell.cell_type !== 'code') {
      return { ...cell };
    }
    return { ...cell, outputs: [], execution_count: null };
  });
  return { ...notebook, cells };
}

// nbformat stores multi-line strings as lists of lines, each keeping its newline.
function lines(source: MultilineString): string[] {
  return sourceText(source).match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** The notebook file as nbformat writes it. */
export function notebookFile(notebook: INotebookContent): string {
  const cells = notebook.cells.map(cell => ({
    ...cell,
    source: lines(cell.source)
  }));
  // Sorted keys and one-space indents: byte for byte what Jupyter writes on saving.
  return sortedJson({ ...notebook, cells }, ' ') + '\n';
}

/**
 * Everything a review commits, by repository path: the spec, the generated pipeline,
 * the notebook without outputs and its reviewable percent-format mirror; for a
 * workflow, every node's notebook and mirror too (`nodeNotebooks` holds the other
 * nodes' notebooks by path). Throws when one of them is missing: a review without a
 * notebook the workflow runs would merge a schedule that cannot run.
 */
export function buildReviewFiles(
  spec: ScheduleSpec,
  notebook: INotebookContent,
  nodeNotebooks: NodeNotebooks = {}
): ReviewFiles {
  const missing = missingNodeNotebooks(spec, nodeNotebooks);
  if (missing.length > 0) {
    const { node, path } = missing[0];
    throw new Error(`The notebook ${path} of node ${node} is missing.`);
  }
  const paths = reviewPaths(spec);
  const files: ReviewFiles = {
    [paths.spec]: specToJson(spec),
    [paths.dag]: generateDag(spec)
  };
  const notebooks = { ...nodeNotebooks, [spec.notebook]: notebook };
  const committed = [
    spec.notebook,
    ...(spec.nodes ?? []).map(node => node.notebook)
  ];
  for (const path of new Set(committed)) {
    const stripped = strippedNotebook(notebooks[path]);
    files[path] = notebookFile(stripped);
    files[mirrorPath(path)] = percentScript(stripped);
  }
  return files;
}

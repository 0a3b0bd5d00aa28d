/**
 * A workflow run's graph as a layered list: its nodes in run order (each after the nodes
 * it needs), each with its state, a fan-out node with one entry per item named by its
 * parameter values. Choosing an entry selects that node or item run.
 */
import { TranslationBundle } from '@jupyterlab/translation';
import React from 'react';

import { IRun } from '../api';
import { statusLabel } from './format';
import { STATUS_ICONS } from './RunRow';

export interface IWorkflowNode {
  node: string;
  runs: IRun[];
}

/** The node and item runs of a workflow run, grouped by node in graph order. */
export function workflowNodes(children: readonly IRun[]): IWorkflowNode[] {
  const nodes: IWorkflowNode[] = [];
  for (const run of children) {
    const node = run.node ?? run.run_id;
    const last = nodes[nodes.length - 1];
    if (last?.node === node) {
      last.runs.push(run);
    } else {
      nodes.push({ node, runs: [run] });
    }
  }
  return nodes;
}

/** The node's state: every item's, or how many items are in each state. */
function nodeState(runs: IRun[], trans: TranslationBundle): string {
  if (runs.length === 1) {
    return statusLabel(runs[0].status, trans);
  }
  const counts = new Map<string, number>();
  for (const run of runs) {
    const label = statusLabel(run.status, trans);
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  return [...counts]
    .map(([label, count]) => trans.__('%1 %2', count, label))
    .join(', ');
}

export interface IWorkflowGraphProps {
  /** The workflow run's node and item runs, in graph order. */
  items: readonly IRun[];
  selectedId: number | null;
  trans: TranslationBundle;
  onSelect?: (run: IRun) => void;
}

export function WorkflowGraph(props: IWorkflowGraphProps): JSX.Element {
  const { trans } = props;
  const entry = (run: IRun, name: string) => {
    const Icon = STATUS_ICONS[run.status].react;
    const text = trans.__('%1: %2', name, statusLabel(run.status, trans));
    return props.onSelect ? (
      <button
        className={`nbs-WorkflowGraph-entry nbs-mod-${run.status}${
          run.id === props.selectedId ? ' nbs-mod-selected' : ''
        }`}
        aria-pressed={run.id === props.selectedId}
        onClick={() => props.onSelect!(run)}
      >
        <Icon tag="span" className="nbs-WorkflowGraph-icon" />
        {text}
      </button>
    ) : (
      <span className={`nbs-WorkflowGraph-entry nbs-mod-${run.status}`}>
        <Icon tag="span" className="nbs-WorkflowGraph-icon" />
        {text}
      </span>
    );
  };
  return (
    <ol
      className="nbs-WorkflowGraph"
      aria-label={trans.__('Workflow graph, in run order')}
    >
      {workflowNodes(props.items).map(({ node, runs }) => (
        <li
          key={node}
          className="nbs-WorkflowGraph-node"
          data-node={node}
          aria-label={trans.__('Node %1: %2', node, nodeState(runs, trans))}
        >
          {runs.length === 1 && !runs[0].item_label ? (
            entry(runs[0], node)
          ) : (
            <>
              <span className="nbs-WorkflowGraph-name">
                {trans._n('%2 (%1 item)', '%2 (%1 items)', runs.length, node)}
              </span>
              <ul className="nbs-WorkflowGraph-items">
                {runs.map(run => (
                  <li key={run.id} data-item={run.item_label ?? ''}>
                    {entry(run, run.item_label ?? run.run_id)}
                  </li>
                ))}
              </ul>
            </>
          )}
        </li>
      ))}
    </ol>
  );
}

import { TranslationBundle } from '@jupyterlab/translation';
import React, { useId, useMemo } from 'react';

import { WorkflowNode } from '../spec';
import { GraphNodeInput, layoutGraph } from './graphLayout';

export interface IWorkflowGraphProps {
  nodes: ReadonlyArray<
    Pick<WorkflowNode, 'id' | 'needs' | 'foreach' | 'notebook'>
  >;
  trans: TranslationBundle;
}

const MARGIN = 4;

/** A node's label: its id, and how many runs its fan-out makes. */
export function nodeLabel(
  node: GraphNodeInput,
  trans: TranslationBundle
): string {
  return node.foreach
    ? trans.__('%1 × %2', node.id, node.foreach.length)
    : node.id;
}

/** The workflow as a drawing: nodes in layers by longest path, an arrow per `needs`. */
export function WorkflowGraph(props: IWorkflowGraphProps): JSX.Element {
  const { nodes, trans } = props;
  const markerId = useId().replace(/:/g, '');
  const layout = useMemo(
    () => layoutGraph(nodes, node => nodeLabel(node, trans).length),
    [nodes, trans]
  );
  const edgeCount = layout.edges.length;
  const notebooks = new Map(nodes.map(node => [node.id, node.notebook]));
  return (
    <figure className="nbs-Graph">
      <svg
        className="nbs-Graph-svg"
        role="img"
        aria-label={trans.__(
          'Workflow graph: %1, %2',
          trans._n('%1 node', '%1 nodes', nodes.length, nodes.length),
          trans._n('%1 dependency', '%1 dependencies', edgeCount, edgeCount)
        )}
        width={layout.width + 2 * MARGIN}
        height={layout.height + 2 * MARGIN}
        viewBox={`${-MARGIN} ${-MARGIN} ${layout.width + 2 * MARGIN} ${layout.height + 2 * MARGIN}`}
      >
        <defs>
          <marker
            id={markerId}
            viewBox="0 0 10 10"
            refX="10"
            refY="5"
            markerWidth="8"
            markerHeight="8"
            orient="auto-start-reverse"
          >
            <path d="M 0 0 L 10 5 L 0 10 z" className="nbs-Graph-arrow" />
          </marker>
        </defs>
        {layout.edges.map(edge => (
          <path
            key={`${edge.from}->${edge.to}`}
            className="nbs-Graph-edge"
            data-edge={`${edge.from}->${edge.to}`}
            d={edge.path}
            markerEnd={`url(#${markerId})`}
          />
        ))}
        {layout.nodes.map((node, index) => (
          <g
            key={`${node.id}-${index}`}
            className="nbs-Graph-node"
            data-node={node.id}
            transform={`translate(${node.x} ${node.y})`}
          >
            <title>{notebooks.get(node.id)}</title>
            <rect
              width={layout.nodeWidth}
              height={layout.nodeHeight}
              rx={4}
              className={
                node.fanOut === null
                  ? 'nbs-Graph-box'
                  : 'nbs-Graph-box nbs-mod-fanout'
              }
            />
            <text
              x={layout.nodeWidth / 2}
              y={layout.nodeHeight / 2}
              className="nbs-Graph-label"
              dominantBaseline="central"
              textAnchor="middle"
            >
              {nodeLabel(nodes[index], trans)}
            </text>
          </g>
        ))}
      </svg>
    </figure>
  );
}

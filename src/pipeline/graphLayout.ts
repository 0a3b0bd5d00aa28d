/**
 * Where a workflow's nodes sit in its drawing: layered left to right by longest
 * path from a node that needs nothing, ordered within a layer by the mean position
 * of what they need, so edges mostly run straight.
 */
import { WorkflowNode } from '../spec';

export type GraphNodeInput = Pick<WorkflowNode, 'id' | 'needs' | 'foreach'>;

export interface ILaidOutNode {
  id: string;
  /** Runs per workflow run: the foreach length, null without fan-out. */
  fanOut: number | null;
  layer: number;
  /** Position within its layer, from the top. */
  slot: number;
  x: number;
  y: number;
}

export interface ILaidOutEdge {
  from: string;
  to: string;
  /** SVG path data from the upstream node's right side to the downstream's left. */
  path: string;
}

export interface IGraphLayout {
  nodes: ILaidOutNode[];
  edges: ILaidOutEdge[];
  width: number;
  height: number;
  nodeWidth: number;
  nodeHeight: number;
}

export const NODE_HEIGHT = 32;
const LAYER_GAP = 48;
const SLOT_GAP = 16;
const CHAR_WIDTH = 7.5;
const MIN_NODE_WIDTH = 96;

/**
 * Each node's layer: 0 for a node that needs nothing, else one more than its
 * deepest upstream. Unknown needs are ignored, and an edge closing a cycle is
 * skipped (the spec check names the cycle), so any draft can be drawn.
 */
export function layersOf(
  nodes: ReadonlyArray<GraphNodeInput>
): Map<string, number> {
  const byId = new Map(nodes.map(node => [node.id, node]));
  const layers = new Map<string, number>();
  const visiting = new Set<string>();
  const layerOf = (id: string): number => {
    const known = layers.get(id);
    if (known !== undefined) {
      return known;
    }
    visiting.add(id);
    let layer = 0;
    for (const upstream of byId.get(id)?.needs ?? []) {
      if (byId.has(upstream) && !visiting.has(upstream)) {
        layer = Math.max(layer, layerOf(upstream) + 1);
      }
    }
    visiting.delete(id);
    layers.set(id, layer);
    return layer;
  };
  nodes.forEach(node => layerOf(node.id));
  return layers;
}

/** Node positions and edge paths for a drawing `labelLength` characters wide per node at most. */
export function layoutGraph(
  nodes: ReadonlyArray<GraphNodeInput>,
  labelLength: (node: GraphNodeInput) => number
): IGraphLayout {
  const layers = layersOf(nodes);
  const layerCount = Math.max(0, ...layers.values()) + (nodes.length ? 1 : 0);
  const nodeWidth = Math.max(
    MIN_NODE_WIDTH,
    ...nodes.map(node => Math.ceil(labelLength(node) * CHAR_WIDTH) + 24)
  );
  const slots = new Map<string, number>();
  const columns: GraphNodeInput[][] = [];
  for (let layer = 0; layer < layerCount; layer++) {
    const column = nodes.filter(node => layers.get(node.id) === layer);
    const weight = (node: GraphNodeInput) => {
      const placed = (node.needs ?? []).filter(id => slots.has(id));
      return placed.length
        ? placed.reduce((sum, id) => sum + slots.get(id)!, 0) / placed.length
        : Infinity;
    };
    // A stable sort: nodes with equal weight keep the order the spec lists them in.
    const ordered = column
      .map((node, index) => ({ node, index, weight: weight(node) }))
      .sort((a, b) =>
        a.weight === b.weight ? a.index - b.index : a.weight - b.weight
      )
      .map(entry => entry.node);
    ordered.forEach((node, slot) => slots.set(node.id, slot));
    columns.push(ordered);
  }
  const tallest = Math.max(0, ...columns.map(column => column.length));
  const height = tallest * NODE_HEIGHT + Math.max(0, tallest - 1) * SLOT_GAP;
  const laidOut = new Map<string, ILaidOutNode>();
  columns.forEach((column, layer) => {
    const columnHeight =
      column.length * NODE_HEIGHT + (column.length - 1) * SLOT_GAP;
    const top = (height - columnHeight) / 2;
    column.forEach((node, slot) =>
      laidOut.set(node.id, {
        id: node.id,
        fanOut: node.foreach ? node.foreach.length : null,
        layer,
        slot,
        x: layer * (nodeWidth + LAYER_GAP),
        y: top + slot * (NODE_HEIGHT + SLOT_GAP)
      })
    );
  });
  const edges = nodes.flatMap(node =>
    (node.needs ?? [])
      .filter(upstream => laidOut.has(upstream))
      .map(upstream => {
        const from = laidOut.get(upstream)!;
        const to = laidOut.get(node.id)!;
        const x1 = from.x + nodeWidth;
        const y1 = from.y + NODE_HEIGHT / 2;
        const x2 = to.x;
        const y2 = to.y + NODE_HEIGHT / 2;
        const bend = Math.max(LAYER_GAP / 2, Math.abs(x2 - x1) / 2);
        return {
          from: upstream,
          to: node.id,
          path: `M ${x1} ${y1} C ${x1 + bend} ${y1}, ${x2 - bend} ${y2}, ${x2} ${y2}`
        };
      })
  );
  return {
    nodes: nodes.map(node => laidOut.get(node.id)!),
    edges,
    width: layerCount * nodeWidth + Math.max(0, layerCount - 1) * LAYER_GAP,
    height,
    nodeWidth,
    nodeHeight: NODE_HEIGHT
  };
}

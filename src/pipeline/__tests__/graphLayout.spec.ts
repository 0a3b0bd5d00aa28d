import * as fs from 'fs';
import * as path from 'path';

import { GraphNodeInput, layersOf, layoutGraph } from '../graphLayout';

const demo = JSON.parse(
  fs.readFileSync(
    path.resolve(__dirname, '../../../demo/workflow/regional_reports.json'),
    'utf-8'
  )
);

const byId = (nodes: GraphNodeInput[]) => (id: string) =>
  layoutGraph(nodes, node => node.id.length).nodes.find(
    node => node.id === id
  )!;

describe('workflow graph layout', () => {
  it('lays the demo workflow out as a chain, with its fan-out counted', () => {
    const layout = layoutGraph(demo.nodes, node => node.id.length);
    expect(
      layout.nodes.map(node => [node.id, node.layer, node.fanOut])
    ).toEqual([
      ['collect', 0, null],
      ['enrich', 1, null],
      ['report_region', 2, 3],
      ['report', 3, null]
    ]);
    expect(layout.edges.map(edge => `${edge.from}->${edge.to}`)).toEqual([
      'collect->enrich',
      'enrich->report_region',
      'report_region->report'
    ]);
    // Layers run left to right, one node wide each, nothing overlapping.
    const xs = layout.nodes.map(node => node.x);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    expect(xs[1] - xs[0]).toBeGreaterThan(layout.nodeWidth);
    expect(layout.width).toBe(xs[3] + layout.nodeWidth);
    expect(layout.height).toBe(layout.nodeHeight);
  });

  it('puts a node one layer after its deepest upstream', () => {
    const layers = layersOf([
      { id: 'd', needs: ['a', 'c'] },
      { id: 'a' },
      { id: 'b', needs: ['a'] },
      { id: 'c', needs: ['b'] }
    ]);
    expect(Object.fromEntries(layers)).toEqual({ a: 0, b: 1, c: 2, d: 3 });
  });

  it('stacks the nodes of a layer without overlap, ordered after their upstreams', () => {
    const nodes: GraphNodeInput[] = [
      { id: 'top' },
      { id: 'bottom' },
      { id: 'after_bottom', needs: ['bottom'] },
      { id: 'after_top', needs: ['top'] }
    ];
    const at = byId(nodes);
    expect(at('after_top').slot).toBe(0);
    expect(at('after_bottom').slot).toBe(1);
    expect(at('after_bottom').y - at('after_top').y).toBeGreaterThan(
      layoutGraph(nodes, () => 1).nodeHeight
    );
  });

  it('draws a graph with a cycle or unknown needs instead of failing', () => {
    const layout = layoutGraph(
      [
        { id: 'a', needs: ['c'] },
        { id: 'b', needs: ['a', 'ghost'] },
        { id: 'c', needs: ['b'] }
      ],
      () => 1
    );
    // The walk starts at a; the edge b -> a closes the cycle and is not followed.
    expect(layout.nodes.map(node => node.layer)).toEqual([2, 0, 1]);
    expect(layout.edges).toHaveLength(3);
  });

  it('gives a fan-out label room', () => {
    const narrow = layoutGraph([{ id: 'a' }], () => 1);
    const wide = layoutGraph([{ id: 'a' }], () => 40);
    expect(wide.nodeWidth).toBeGreaterThan(narrow.nodeWidth);
    expect(wide.nodeWidth).toBeGreaterThanOrEqual(40 * 7);
  });

  it('lays out no nodes as an empty drawing', () => {
    expect(layoutGraph([], () => 1)).toMatchObject({
      nodes: [],
      edges: [],
      width: 0,
      height: 0
    });
  });
});

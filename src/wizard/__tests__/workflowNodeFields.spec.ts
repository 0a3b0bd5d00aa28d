import * as fs from 'fs';
import * as path from 'path';

import { defaultSpec, ScheduleSpec, withDefaults } from '../../spec';
import { IScheduleDraft } from '../draft';
import { testedSpec } from '../testedSpec';
import { addNode, removeNode, updateNode } from '../workflowDraft';

const demo: ScheduleSpec = JSON.parse(
  fs.readFileSync(
    path.resolve(__dirname, '../../../demo/workflow/regional_reports.json'),
    'utf-8'
  )
);

const orders = { connection: 'warehouse', table: 'orders', cell: 2 };
const customers = { connection: 'warehouse', table: 'customers', cell: 1 };
const summary = {
  connection: 'warehouse',
  table: 'agg_summary',
  cell: 3,
  mode: 'append' as const
};

/** What review commits and Edit reads back: the draft as JSON, undefined fields gone. */
function saved(draft: IScheduleDraft): ScheduleSpec {
  return JSON.parse(JSON.stringify(draft));
}

/** Edit on a saved schedule opens the wizard on the spec with its defaults filled in. */
function edited(spec: ScheduleSpec): IScheduleDraft {
  return withDefaults(spec);
}

describe("a workflow node's zone, timeout and datasets", () => {
  it('are written on that node only, and a node left as the schedule writes none', () => {
    let draft = edited(demo);
    draft = updateNode(draft, 'enrich', {
      zone: 'customer_care',
      timeout_seconds: 120,
      inputs: [customers],
      outputs: [summary]
    });
    const nodes = saved(draft).nodes!;
    expect(nodes[1]).toEqual({
      id: 'enrich',
      notebook: 'workflow/enrich.ipynb',
      needs: ['collect'],
      from: [{ parameter: 'rows', node: 'collect', value: 'rows' }],
      max_parallel: 4,
      trigger_rule: 'all_success',
      zone: 'customer_care',
      timeout_seconds: 120,
      inputs: [customers],
      outputs: [summary]
    });
    for (const other of [nodes[0], nodes[2], nodes[3]]) {
      expect(Object.keys(other)).not.toContain('zone');
      expect(Object.keys(other)).not.toContain('timeout_seconds');
      expect(Object.keys(other)).not.toContain('inputs');
      expect(Object.keys(other)).not.toContain('outputs');
    }
    // The workflow's own zone and timeout are untouched.
    expect([draft.zone, draft.timeout_seconds]).toEqual(['analytics', 600]);
  });

  it('round-trip through a saved spec opened with Edit, and clear back to the demo', () => {
    const set = saved(
      updateNode(edited(demo), 'report', {
        zone: 'customer_care',
        timeout_seconds: 30,
        outputs: [summary]
      })
    );
    // Opened again with Edit, the node shows what was saved.
    const reopened = edited(set);
    const report = reopened.nodes![3];
    expect([report.zone, report.timeout_seconds, report.outputs]).toEqual([
      'customer_care',
      30,
      [summary]
    ]);
    // Set back to "as the schedule" and no datasets: the fields are gone again.
    const cleared = saved(
      updateNode(reopened, 'report', {
        zone: undefined,
        timeout_seconds: undefined,
        outputs: []
      })
    );
    expect(Object.keys(cleared.nodes![3]).sort()).toEqual([
      'id',
      'max_parallel',
      'needs',
      'notebook',
      'parameters',
      'trigger_rule'
    ]);
    // Apart from the schema defaults Edit fills in, the demo's nodes exactly.
    expect(withDefaults(cleared).nodes).toEqual(withDefaults(demo).nodes);
  });

  it("start with the datasets found in the node notebook's cells", () => {
    const draft = addNode(
      defaultSpec({ notebook: 'workflow/collect.ipynb', zone: 'analytics' }),
      'workflow/care.ipynb',
      { relation: 'after', node: 'collect' },
      { inputs: [customers], outputs: [] }
    );
    expect(saved(draft).nodes![1]).toEqual({
      id: 'care',
      notebook: 'workflow/care.ipynb',
      needs: ['collect'],
      inputs: [customers]
    });
  });

  it("move the opened notebook's datasets into its node, and back when single again", () => {
    const single = defaultSpec({
      notebook: 'workflow/collect.ipynb',
      zone: 'analytics',
      timeout_seconds: 900,
      inputs: [orders],
      outputs: [summary]
    });
    let draft = addNode(single, 'workflow/report.ipynb', null);
    // Checked and run once: on the node, under the zone it runs in.
    expect([draft.inputs, draft.outputs]).toEqual([[], []]);
    expect(draft.nodes![0]).toMatchObject({
      inputs: [orders],
      outputs: [summary]
    });
    expect(testedSpec(draft)).toMatchObject({
      inputs: [orders],
      outputs: [summary]
    });
    draft = updateNode(draft, 'collect', {
      zone: 'customer_care',
      timeout_seconds: 60,
      outputs: []
    });
    // What the opened node set for its runs is what the single spec runs with.
    const back = removeNode(draft, 'report');
    expect('nodes' in back).toBe(false);
    expect(back).toMatchObject({
      zone: 'customer_care',
      timeout_seconds: 60,
      inputs: [orders],
      outputs: []
    });
    // A node that kept the schedule's zone and timeout leaves the spec's as they were.
    const kept = removeNode(
      addNode(single, 'workflow/report.ipynb', null),
      'report'
    );
    expect(kept).toMatchObject({
      zone: 'analytics',
      timeout_seconds: 900,
      inputs: [orders],
      outputs: [summary]
    });
  });
});

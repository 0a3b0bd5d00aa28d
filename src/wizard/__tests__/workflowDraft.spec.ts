import * as fs from 'fs';
import * as path from 'path';

import { defaultSpec, Parameter } from '../../spec';
import { IScheduleDraft } from '../draft';
import { testedSpec } from '../testedSpec';
import {
  addNode,
  fanOutValues,
  removeNode,
  renameNode,
  setFanOut,
  setNeeds,
  setParameterSource,
  sourceOf,
  updateNode
} from '../workflowDraft';

const demo = JSON.parse(
  fs.readFileSync(
    path.resolve(__dirname, '../../../demo/workflow/regional_reports.json'),
    'utf-8'
  )
);

const day: Parameter = { name: 'day', type: 'date', default: '2024-01-01' };
const region: Parameter = { name: 'region', type: 'str', default: 'us' };

function collectDraft(): IScheduleDraft {
  return defaultSpec({
    name: 'regional_reports',
    notebook: 'workflow/collect.ipynb',
    parameters: [day]
  });
}

/** The demo's workflow, built with the edits the workflow step makes. */
function regionalReports(): IScheduleDraft {
  let draft = collectDraft();
  draft = addNode(draft, 'workflow/enrich.ipynb', {
    relation: 'after',
    node: 'collect'
  });
  draft = addNode(draft, 'workflow/report_region.ipynb', {
    relation: 'after',
    node: 'enrich'
  });
  draft = addNode(draft, 'workflow/report.ipynb', {
    relation: 'after',
    node: 'report_region'
  });
  const logicalDate = { kind: 'template', template: 'logical_date' } as const;
  draft = setParameterSource(draft, 'collect', day, logicalDate);
  draft = setParameterSource(
    draft,
    'enrich',
    { name: 'rows', type: 'int' },
    { kind: 'from', node: 'collect', value: 'rows' }
  );
  draft = setFanOut(
    draft,
    'report_region',
    region,
    fanOutValues('us, eu ,apac,')
  );
  draft = updateNode(draft, 'report_region', { max_parallel: 2, retries: 1 });
  return setParameterSource(draft, 'report', day, logicalDate);
}

describe('workflow drafts', () => {
  it('build the nodes of the demo workflow exactly', () => {
    const draft = regionalReports();
    expect(JSON.parse(JSON.stringify(draft.nodes))).toEqual(demo.nodes);
    // The schedule's own fields are not touched by its nodes.
    expect(draft.notebook).toBe('workflow/collect.ipynb');
    expect(draft.parameters).toEqual([day]);
  });

  it('leave a single-notebook draft without nodes', () => {
    const draft = collectDraft();
    expect('nodes' in draft).toBe(false);
    expect(updateNode(draft, 'collect', { retries: 2 }).nodes).toEqual([]);
  });

  it('make the opened notebook the first node, with the parameters chosen for it', () => {
    const draft = defaultSpec({
      notebook: 'workflow/collect.ipynb',
      parameters: [
        { ...day, template: 'logical_date' },
        { name: 'limit', type: 'int', default: 1, value: 5 },
        { name: 'unset', type: 'str', default: 'x' }
      ]
    });
    const nodes = addNode(draft, 'workflow/report.ipynb', null).nodes!;
    expect(nodes).toEqual([
      {
        id: 'collect',
        notebook: 'workflow/collect.ipynb',
        parameters: [
          { name: 'day', type: 'date', template: 'logical_date' },
          { name: 'limit', type: 'int', value: 5 }
        ]
      },
      { id: 'report', notebook: 'workflow/report.ipynb' }
    ]);
  });

  it('place a notebook upstream and give clashing notebooks their own ids', () => {
    let draft = addNode(collectDraft(), 'source/collect.ipynb', {
      relation: 'before',
      node: 'collect'
    });
    draft = addNode(draft, 'other/collect.ipynb', {
      relation: 'before',
      node: 'collect'
    });
    expect(draft.nodes!.map(node => [node.id, node.needs])).toEqual([
      ['collect', ['collect_2', 'collect_3']],
      ['collect_2', undefined],
      ['collect_3', undefined]
    ]);
  });

  it('rename a node wherever it is needed or taken from', () => {
    const draft = renameNode(regionalReports(), 'collect', 'gather');
    const [gather, enrich] = draft.nodes!;
    expect(gather.id).toBe('gather');
    expect(enrich.needs).toEqual(['gather']);
    expect(enrich.from).toEqual([
      { parameter: 'rows', node: 'gather', value: 'rows' }
    ]);
  });

  it('drop what referred to a removed node, and become single again with one node left', () => {
    let draft = removeNode(regionalReports(), 'enrich');
    expect(draft.nodes!.map(node => node.id)).toEqual([
      'collect',
      'report_region',
      'report'
    ]);
    expect(draft.nodes![1].needs).toBeUndefined();
    draft = removeNode(removeNode(draft, 'report'), 'report_region');
    expect('nodes' in draft).toBe(false);
    // The opened node's chosen parameters go back to the Parameters step.
    expect(draft.parameters).toEqual([{ ...day, template: 'logical_date' }]);
  });

  it('drop values taken from a node that is no longer needed', () => {
    const draft = setNeeds(regionalReports(), 'enrich', []);
    const enrich = draft.nodes![1];
    expect(enrich.needs).toBeUndefined();
    expect(enrich.from).toBeUndefined();
    expect(sourceOf(enrich, 'rows')).toEqual({ kind: 'default' });
  });

  it('switch a parameter between its sources without leftovers', () => {
    let draft = regionalReports();
    const rows = { name: 'rows', type: 'int' } as const;
    draft = setParameterSource(draft, 'enrich', rows, {
      kind: 'value',
      value: 3
    });
    expect(draft.nodes![1].from).toBeUndefined();
    expect(draft.nodes![1].parameters).toEqual([
      { name: 'rows', type: 'int', value: 3 }
    ]);
    expect(sourceOf(draft.nodes![1], 'rows')).toEqual({
      kind: 'value',
      value: 3
    });
    draft = setParameterSource(draft, 'enrich', rows, { kind: 'default' });
    expect(draft.nodes![1]).toEqual({
      id: 'enrich',
      notebook: 'workflow/enrich.ipynb',
      needs: ['collect']
    });
  });

  it('type fan-out values as their parameter, and drop the fan-out with no values', () => {
    let draft = setFanOut(
      regionalReports(),
      'report_region',
      { name: 'shard', type: 'int' },
      fanOutValues('1, 2, x')
    );
    expect(draft.nodes![2].foreach).toEqual([
      { shard: 1 },
      { shard: 2 },
      { shard: 'x' }
    ]);
    expect(draft.nodes![2].max_parallel).toBe(2);
    draft = setFanOut(draft, 'report_region', region, []);
    expect(draft.nodes![2].foreach).toBeUndefined();
    expect(draft.nodes![2].max_parallel).toBeUndefined();
  });

  it('test-run a workflow as the opened notebook node alone, a single notebook as it is', () => {
    const single = collectDraft();
    expect(testedSpec(single)).toBe(single);
    const draft = updateNode(regionalReports(), 'collect', { retries: 3 });
    const tested = testedSpec({
      ...draft,
      inputs: [{ connection: 'warehouse', table: 'orders' }]
    });
    expect('nodes' in tested).toBe(false);
    expect(tested).toMatchObject({
      name: 'regional_reports',
      notebook: 'workflow/collect.ipynb',
      parameters: [{ name: 'day', type: 'date', template: 'logical_date' }],
      retries: 3,
      // The node declares no datasets, so its runs read none of the workflow's.
      inputs: [],
      outputs: []
    });
  });
});

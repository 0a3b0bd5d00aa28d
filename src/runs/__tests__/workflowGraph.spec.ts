import { IRun, IRunPage } from '../../api';
import { RunPages } from '../runPages';
import { workflowNodes } from '../WorkflowGraph';

function item(
  id: number,
  node: string,
  label: string | null = null,
  status: IRun['status'] = 'success'
): IRun {
  return {
    id,
    status,
    node,
    parent: 1,
    item_label: label,
    run_id: `w.${node}`
  } as IRun;
}

describe('workflowNodes', () => {
  it('groups node and item runs by node, in graph order', () => {
    const nodes = workflowNodes([
      item(2, 'collect'),
      item(3, 'report_region', 'region=us'),
      item(4, 'report_region', 'region=eu', 'failed'),
      item(5, 'report', null, 'upstream_failed')
    ]);
    expect(nodes.map(n => [n.node, n.runs.map(r => r.id)])).toEqual([
      ['collect', [2]],
      ['report_region', [3, 4]],
      ['report', [5]]
    ]);
  });

  it('lists nothing for a run that is not a workflow run', () => {
    expect(workflowNodes([])).toEqual([]);
  });
});

describe('RunPages.replace', () => {
  it('keeps the node runs a workflow run was listed with when it is read alone', async () => {
    const children = [item(2, 'collect', null, 'running')];
    const page: IRunPage = {
      runs: [{ id: 1, status: 'running', children } as IRun],
      next_cursor: null
    };
    const pages = new RunPages(
      async () => page,
      () => undefined
    );
    await pages.loadMore();
    pages.replace({ id: 1, status: 'failed' } as IRun);
    expect(pages.runs[0].status).toBe('failed');
    expect(pages.runs[0].children).toBe(children);
    const fresh = [item(2, 'collect', null, 'success')];
    pages.replace({ id: 1, status: 'success', children: fresh } as IRun);
    expect(pages.runs[0].children).toBe(fresh);
  });
});

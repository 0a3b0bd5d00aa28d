import { ScheduleSpec, WorkflowNode } from '..';

/** The daily sales schedule several specs start from, changed by `fields`. */
export function salesSpec(fields: Partial<ScheduleSpec> = {}): ScheduleSpec {
  return {
    version: 1,
    name: 'daily_sales',
    notebook: 'reports/sales.ipynb',
    cron: '0 6 * * *',
    timezone: 'Europe/Berlin',
    start_date: '2024-01-01',
    zone: 'analytics',
    owner: 'ada@example.com',
    ...fields
  };
}

/**
 * The demo's regional reports workflow up to its fan-out: collect, enrich, then
 * report_region once per region of `regions`, changed by `fanOut`.
 */
export function regionalNodes(
  [first, ...others]: [string, ...string[]],
  fanOut: Partial<WorkflowNode> = {}
): [WorkflowNode, WorkflowNode, WorkflowNode] {
  return [
    { id: 'collect', notebook: 'workflow/collect.ipynb' },
    { id: 'enrich', notebook: 'workflow/enrich.ipynb', needs: ['collect'] },
    {
      id: 'report_region',
      notebook: 'workflow/report_region.ipynb',
      needs: ['enrich'],
      foreach: [{ region: first }, ...others.map(region => ({ region }))],
      ...fanOut
    }
  ];
}

import { IRunRecord } from '..';

/** A successful run's record.json in full; tests override what they are about. */
export function finishedRecord(): IRunRecord {
  return {
    schedule: 'daily_sales',
    notebook: 'daily_sales.ipynb',
    owner: 'ana',
    run_id: 'test__20240103T060000Z__abc123',
    attempt: 1,
    trigger: 'test',
    logical_date: '2024-01-03T06:00:00+00:00',
    status: 'success',
    exit_reason: 'completed',
    message: 'The notebook ran to the end and its outputs were published.',
    started_at: '2024-01-03T06:00:00+00:00',
    ended_at: '2024-01-03T06:01:12+00:00',
    duration_seconds: 72.4,
    output_uri: null,
    parameters: {},
    warnings: [],
    error: null,
    failing_cell: null,
    cells: [],
    zone: {
      name: 'sales',
      title: 'Sales',
      may_read: ['sales'],
      writes: 'sales'
    },
    zone_violations: [],
    inputs: [],
    outputs: [],
    staged_inputs: [],
    published_outputs: [],
    published: {},
    workflow: null,
    withheld_outputs: [],
    sandbox: null,
    limits: null,
    resources: null,
    notifications: []
  };
}

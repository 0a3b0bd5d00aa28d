import { nullTranslator } from '@jupyterlab/translation';

import { IRun } from '../../api';
import {
  attemptsDuration,
  awaitsRetry,
  datasetNames,
  formatDuration,
  runCountText,
  statusText,
  triggerLabel
} from '../format';

const trans = nullTranslator.load('nbschedule');
const NOW = new Date('2026-03-10T12:00:00Z');

function run(change: Partial<IRun>): IRun {
  return {
    id: 1,
    schedule: 'daily',
    run_id: 'scheduled__20260310T060000Z',
    owner: 'ada',
    trigger: 'scheduled',
    logical_date: '2026-03-10T06:00:00Z',
    status: 'queued',
    exit_reason: null,
    message: null,
    attempts: 0,
    created_at: '2026-03-10T06:00:00Z',
    started_at: null,
    ended_at: null,
    next_try_at: null,
    cancel_requested: false,
    output_uri: null,
    output_path: null,
    ...change
  };
}

describe('retry state', () => {
  const waiting = run({
    attempts: 1,
    started_at: '2026-03-10T11:50:00Z',
    next_try_at: '2026-03-10T12:05:00Z'
  });

  it('a run waiting for its retry says when, not "Queued"', () => {
    expect(awaitsRetry(waiting)).toBe(true);
    expect(statusText(waiting, trans)).toMatch(/^Retry at 12:05$/);
  });

  it('a first queued run is just queued', () => {
    expect(awaitsRetry(run({}))).toBe(false);
    expect(statusText(run({}), trans)).toBe('Queued');
  });

  it('the duration of a retried run leaves out the wait between attempts', () => {
    const attempts = [
      { started_at: '2026-03-10T11:00:00Z', ended_at: '2026-03-10T11:00:30Z' },
      { started_at: '2026-03-10T11:10:00Z', ended_at: '2026-03-10T11:10:45Z' }
    ];
    expect(attemptsDuration(attempts, NOW, trans)).toBe('1 min 15 s');
    expect(
      formatDuration('2026-03-10T11:00:00Z', '2026-03-10T11:10:45Z', NOW, trans)
    ).toBe('10 min 45 s');
    expect(attemptsDuration([], NOW, trans)).toBeNull();
  });
});

describe('lineage names', () => {
  it('uses the connection name the schedule uses, not the database URL', () => {
    expect(
      datasetNames([
        {
          connection: 'warehouse',
          table: 'orders',
          namespace: 'sqlite:////srv/ws/.nbschedule/warehouse.db',
          name: 'orders'
        },
        { namespace: 's3://bucket', name: 'exports/daily.csv' }
      ])
    ).toEqual(['warehouse:orders', 's3://bucket/exports/daily.csv']);
  });
});

describe('plural forms', () => {
  it('counts one run and several runs', () => {
    expect(runCountText(1, true, trans)).toBe('1 run');
    expect(runCountText(2, true, trans)).toBe('2 runs');
    expect(runCountText(0, true, trans)).toBe('0 runs');
    expect(runCountText(1, false, trans)).toBe('1 run loaded, more on scroll');
    expect(runCountText(100, false, trans)).toBe(
      '100 runs loaded, more on scroll'
    );
  });

  it('numbers retries after the first attempt', () => {
    expect(triggerLabel(run({ attempts: 1 }), trans)).toBe('scheduled');
    expect(triggerLabel(run({ attempts: 3 }), trans)).toBe(
      'scheduled, retry 2'
    );
  });
});

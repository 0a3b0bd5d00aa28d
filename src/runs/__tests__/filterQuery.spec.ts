import { nullTranslator } from '@jupyterlab/translation';

import { IRun } from '../../api';
import { formatDuration, triggerLabel } from '../format';
import { NO_FILTERS, toRunQuery } from '../filterQuery';

const trans = nullTranslator.load('nbschedule');
const NOW = new Date('2026-03-10T12:00:00Z');

describe('toRunQuery', () => {
  it('asks for everything, newest first, without filters', () => {
    expect(toRunQuery(NO_FILTERS, NOW, 100)).toEqual({ limit: 100 });
  });

  it('turns "failures only" into the failure statuses', () => {
    const query = toRunQuery(
      { ...NO_FILTERS, status: 'failures', schedule: 'daily' },
      NOW,
      50
    );
    expect(query).toEqual({
      limit: 50,
      schedule: 'daily',
      status: ['failed', 'lost', 'refused']
    });
  });

  it('starts a time range from now and trims the search text', () => {
    const query = toRunQuery(
      { ...NO_FILTERS, status: 'running', range: '7d', search: '  abc1 ' },
      NOW,
      50
    );
    expect(query.search).toBe('abc1');
    expect(query.status).toEqual(['running']);
    expect(query.since).toBe('2026-03-03T12:00:00.000Z');
  });

  it('filters on the kind of run; "schedule runs" leaves test runs out', () => {
    expect(
      toRunQuery({ ...NO_FILTERS, kind: 'test' }, NOW, 50).trigger
    ).toEqual(['test']);
    expect(
      toRunQuery({ ...NO_FILTERS, kind: 'runs' }, NOW, 50).trigger
    ).toEqual(['scheduled', 'backfill', 'manual']);
    expect(toRunQuery(NO_FILTERS, NOW, 50).trigger).toBeUndefined();
  });
});

describe('formatting', () => {
  it('words durations, running ones up to now', () => {
    expect(formatDuration(null, null, NOW, trans)).toBeNull();
    expect(
      formatDuration('2026-03-10T11:59:15Z', '2026-03-10T12:00:00Z', NOW, trans)
    ).toBe('45 s');
    expect(formatDuration('2026-03-10T11:56:40Z', null, NOW, trans)).toBe(
      '3 min 20 s'
    );
    expect(
      formatDuration('2026-03-10T09:55:00Z', '2026-03-10T12:00:00Z', NOW, trans)
    ).toBe('2 h 5 min');
  });

  it('says when a run was retried', () => {
    const run = { trigger: 'scheduled', attempts: 1 } as IRun;
    expect(triggerLabel(run, trans)).toBe('scheduled');
    expect(triggerLabel({ ...run, attempts: 3 }, trans)).toBe(
      'scheduled, retry 2'
    );
    expect(triggerLabel({ ...run, trigger: 'test' }, trans)).toBe('test run');
  });
});

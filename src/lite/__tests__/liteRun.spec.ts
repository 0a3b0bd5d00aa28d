import { nullTranslator } from '@jupyterlab/translation';

import type { ITestRun } from '../../review';
import { ScheduleSpec } from '../../spec';
import { progressOf, specWithValues } from '../liteRun';
import { liteRunText } from '../liteRunNotice';

const spec = {
  name: 'orders_daily',
  notebook: 'orders.ipynb',
  parameters: [
    { name: 'limit', default: 5, value: 7 },
    { name: 'day', default: '2024-01-01', template: 'logical_date' },
    { name: 'region', default: 'eu' }
  ]
} as unknown as ScheduleSpec;

const prepared: ITestRun = {
  id: 'lite-1',
  schedule: 'orders_daily',
  status: 'queued',
  cells_done: 0,
  cells_total: 0,
  current_cell: null,
  message: null
};

describe('specWithValues', () => {
  it("injects a run's exact values, fixed even where the schedule computes them", () => {
    const changed = specWithValues(spec, { limit: 3, day: '2024-05-02' });
    expect(changed.parameters).toEqual([
      { name: 'limit', default: 5, value: 3 },
      { name: 'day', default: '2024-01-01', value: '2024-05-02' },
      { name: 'region', default: 'eu' }
    ]);
    // The schedule's own spec is left as it was.
    expect(spec.parameters![1].template).toBe('logical_date');
  });

  it('keeps the spec as it is without values, and ignores unknown names', () => {
    const changed = specWithValues(spec, { unknown: 1 });
    expect(changed.parameters).toEqual(spec.parameters);
    expect(specWithValues({ ...spec, parameters: undefined }, {})).toEqual({
      ...spec,
      parameters: []
    });
  });
});

describe('progressOf', () => {
  it('points at the next cell while cells remain, at none when all are done', () => {
    expect(progressOf(prepared, 2, 5)).toMatchObject({
      status: 'running',
      cells_done: 2,
      cells_total: 5,
      current_cell: 2
    });
    expect(progressOf(prepared, 5, 5).current_cell).toBeNull();
  });
});

describe('liteRunText', () => {
  const trans = nullTranslator.load('nbschedule');

  it('says how far the run is and how it ended', () => {
    expect(liteRunText('orders_daily', null, trans)).toBe(
      'Lite test run of orders_daily: preparing…'
    );
    expect(liteRunText('orders_daily', progressOf(prepared, 2, 5), trans)).toBe(
      'Lite test run of orders_daily: 2 of 5 cells done…'
    );
    expect(
      liteRunText(
        'orders_daily',
        { ...prepared, status: 'failed', message: 'AssertionError: too many' },
        trans
      )
    ).toBe('Lite test run of orders_daily failed: AssertionError: too many');
    expect(
      liteRunText('orders_daily', { ...prepared, status: 'success' }, trans)
    ).toBe('Lite test run of orders_daily succeeded.');
  });
});

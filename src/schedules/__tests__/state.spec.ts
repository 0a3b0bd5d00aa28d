import { IOutcome, IScheduleFacts, IScheduleStates } from '../api';
import {
  countByState,
  deriveSchedules,
  filterSchedules,
  isFailing,
  NO_FILTER
} from '../state';
import { changedValues, rangeOf } from '../formValues';

let nextId = 1;
function run(status: IOutcome['status']): IOutcome {
  return { id: nextId++, status };
}

/** The list's [id, status] pairs of `runs`. */
function outcomes(...runs: IOutcome[]): IScheduleFacts['outcomes'] {
  return runs.map(({ id, status }) => [id, status]);
}

function specOf(name: string) {
  return {
    version: 1 as const,
    name,
    notebook: `${name}.ipynb`,
    cron: '0 6 * * *',
    timezone: 'Europe/Berlin',
    start_date: '2026-01-01',
    zone: 'analytics',
    owner: 'ada@example.com'
  };
}

function schedule(
  name: string,
  changes: Partial<IScheduleFacts> = {}
): IScheduleFacts {
  const spec = specOf(name);
  return {
    name,
    notebook: spec.notebook,
    cron: spec.cron,
    timezone: spec.timezone,
    owner: spec.owner,
    zone: spec.zone,
    next_fire_time: '2026-03-02T05:00:00+00:00',
    pause: null,
    outcomes: [],
    ...changes
  };
}

function facts(changes: Partial<IScheduleStates> = {}): IScheduleStates {
  return {
    schedules: [],
    errors: [],
    now: '2026-03-01T12:00:00+00:00',
    review: { mode: 'local', branch: 'main', pending: [] },
    ...changes
  };
}

describe('isFailing', () => {
  it('is true when the latest three finished runs all failed', () => {
    expect(
      isFailing([run('failed'), run('lost'), run('refused'), run('success')])
    ).toBe(true);
  });

  it('is false as soon as one of the latest three succeeded', () => {
    expect(isFailing([run('failed'), run('success'), run('failed')])).toBe(
      false
    );
  });

  it('skips runs still queued or running', () => {
    expect(isFailing([run('running'), run('queued'), run('failed')])).toBe(
      true
    );
    expect(isFailing([run('running'), run('success')])).toBe(false);
  });

  it('needs at least one finished run', () => {
    expect(isFailing([])).toBe(false);
    expect(isFailing([run('queued')])).toBe(false);
  });

  it('counts a cancelled run as not failed', () => {
    expect(isFailing([run('cancelled'), run('failed')])).toBe(false);
  });
});

describe('deriveSchedules', () => {
  it('tells active, paused, failing and broken apart, worst first', () => {
    const items = deriveSchedules(
      facts({
        schedules: [
          schedule('calm'),
          schedule('held', {
            pause: {
              paused: true,
              changed_at: '2026-03-01T10:00:00+00:00',
              changed_by: 'ada'
            },
            outcomes: outcomes(run('failed'))
          }),
          schedule('shaky', {
            outcomes: outcomes(run('failed'), run('failed'))
          })
        ],
        errors: [{ file: 'bad.json', message: 'bad.json is not valid JSON.' }]
      })
    );
    expect(items.map(item => [item.name, item.state])).toEqual([
      ['bad', 'broken'],
      ['shaky', 'failing'],
      ['held', 'paused'],
      ['calm', 'active']
    ]);
    expect(items[0].error).toBe('bad.json is not valid JSON.');
    // A paused schedule has no next fire time, whatever the calendar says.
    expect(items[2].nextFireTime).toBeNull();
    expect(items[3].nextFireTime).toBe('2026-03-02T05:00:00+00:00');
  });

  it('makes an active item of a row: its outcomes in order, its spec left to the detail', () => {
    const runs = [run('running'), run('success'), run('failed')];
    const [item] = deriveSchedules(
      facts({
        schedules: [
          schedule('daily', { zone: 'finance', outcomes: outcomes(...runs) })
        ]
      })
    );
    expect(item.state).toBe('active');
    expect(item.recentRuns).toEqual(runs);
    expect(item.zone).toBe('finance');
    expect(item.spec).toBeNull();
  });

  it('lists a pending local branch as in review, with the spec read from it', () => {
    const pendingSpec = specOf('fresh');
    const [item] = deriveSchedules(
      facts({
        review: {
          mode: 'local',
          branch: 'main',
          pending: [
            {
              branch: 'nbschedule/fresh',
              commit: 'a'.repeat(40),
              name: 'fresh',
              spec: pendingSpec,
              error: null
            }
          ]
        }
      })
    );
    expect(item.state).toBe('in-review');
    expect(item.review).toEqual({ branch: 'nbschedule/fresh', status: 'open' });
    expect(item.cron).toBe('0 6 * * *');
    expect(item.owner).toBe('ada@example.com');
    expect(item.nextFireTime).toBeNull();
  });

  it('keeps an active schedule active while a change of it is in review', () => {
    const [item] = deriveSchedules(
      facts({
        schedules: [schedule('daily')],
        review: {
          mode: 'local',
          branch: 'main',
          pending: [
            {
              branch: 'nbschedule/daily',
              commit: 'b'.repeat(40),
              name: 'daily',
              spec: null,
              error: null
            }
          ]
        }
      })
    );
    expect(item.state).toBe('active');
    expect(item.review?.branch).toBe('nbschedule/daily');
  });

  it('follows pull requests in GitHub mode: the newest per branch wins', () => {
    const items = deriveSchedules(
      facts({ review: { mode: 'github', branch: 'main', pending: [] } }),
      [
        { number: 7, url: 'u7', branch: 'nbschedule/sales', status: 'open' },
        { number: 3, url: 'u3', branch: 'nbschedule/sales', status: 'closed' },
        { number: 5, url: 'u5', branch: 'nbschedule/gone', status: 'closed' },
        { number: 9, url: 'u9', branch: 'nbschedule/landed', status: 'merged' },
        { number: 4, url: 'u4', branch: 'feature/x', status: 'open' }
      ]
    );
    expect(
      items.map(item => [item.name, item.state, item.review?.number])
    ).toEqual([
      ['landed', 'in-review', 9],
      ['sales', 'in-review', 7]
    ]);
    expect(items[0].review?.status).toBe('merged');
  });

  it('drops a merged pull request once its schedule is active', () => {
    const [item] = deriveSchedules(facts({ schedules: [schedule('sales')] }), [
      { number: 2, url: 'u2', branch: 'nbschedule/sales', status: 'merged' }
    ]);
    expect(item.state).toBe('active');
    expect(item.review).toBeNull();
  });

  it('does not list a broken file twice when its name is also active', () => {
    const items = deriveSchedules(
      facts({
        schedules: [schedule('daily')],
        errors: [
          { file: 'daily.json', message: 'names a schedule already defined' }
        ]
      })
    );
    expect(items).toHaveLength(1);
  });
});

describe('filterSchedules', () => {
  const items = deriveSchedules(
    facts({
      schedules: [
        schedule('revenue'),
        schedule('costs', { owner: 'grace@example.com' }),
        schedule('churn', { outcomes: outcomes(run('failed')) })
      ]
    })
  );

  it('matches name, owner, notebook or zone, ignoring case', () => {
    expect(
      filterSchedules(items, { text: 'GRACE', state: 'all' }).map(i => i.name)
    ).toEqual(['costs']);
    expect(
      filterSchedules(items, { text: 'revenue.ipynb', state: 'all' }).map(
        i => i.name
      )
    ).toEqual(['revenue']);
    expect(
      filterSchedules(items, { text: 'analytics', state: 'all' })
    ).toHaveLength(3);
  });

  it('filters on one state and counts every state', () => {
    expect(
      filterSchedules(items, { text: '', state: 'failing' }).map(i => i.name)
    ).toEqual(['churn']);
    expect(filterSchedules(items, NO_FILTER)).toHaveLength(3);
    expect(countByState(items)).toEqual({
      broken: 0,
      failing: 1,
      'in-review': 0,
      paused: 0,
      active: 2
    });
  });
});

describe('Run now overrides', () => {
  const parameters = [
    { name: 'threshold', type: 'int' as const, value: 100 },
    { name: 'region', type: 'str' as const, value: 'eu' }
  ];

  it('sends only the values changed from the saved ones', () => {
    expect(changedValues(parameters, { threshold: 5, region: 'eu' })).toEqual({
      threshold: 5
    });
  });

  it('sends nothing for a cleared field or an untouched form', () => {
    expect(changedValues(parameters, { threshold: undefined })).toEqual({});
    expect(changedValues(parameters, {})).toEqual({});
  });
});

describe('Backfill range', () => {
  it('covers whole UTC days', () => {
    expect(
      rangeOf('2026-03-01', '2026-03-03', '2026-03-10T00:00:00+00:00')
    ).toEqual({
      start: '2026-03-01',
      end: '2026-03-03T23:59:59+00:00'
    });
  });

  it('ends at the scheduler clock when the last day is today', () => {
    expect(
      rangeOf('2026-03-01', '2026-03-10', '2026-03-10T06:00:05+00:00')
    ).toEqual({
      start: '2026-03-01',
      end: '2026-03-10T06:00:05+00:00'
    });
  });
});

import { IRun, NbScheduleClient } from '../../api';
import { heldServer, pause } from '../../api/__tests__/heldServer';
import { NO_FILTERS } from '../filterQuery';
import { RunsModel } from '../runsModel';

function run(id: number, status: IRun['status'] = 'success'): IRun {
  return { id, status, run_id: `r${id}`, schedule: 'daily' } as IRun;
}

const runList = (url: URL) => url.pathname === '/nbschedule/runs';
const scheduleList = (url: URL) => url.pathname === '/nbschedule/schedules';

function modelOf(client: NbScheduleClient, pollInterval?: number) {
  let visible = true;
  const model = new RunsModel({
    client,
    isVisible: () => visible,
    pageSize: 2,
    pollInterval
  });
  return { model, setVisible: (shown: boolean) => (visible = shown) };
}

describe('RunsModel', () => {
  it('asks nothing before the first show, then loads the list and the schedules', async () => {
    const { client, asked, answer, pending } = heldServer();
    const { model } = modelOf(client);
    model.showRuns({ schedule: 'daily' });
    await pause(10);
    expect(asked).toHaveLength(0);

    let changes = 0;
    model.changed.connect(() => changes++);
    model.show();
    await pause();
    const [first] = pending(runList);
    expect(first.searchParams.get('schedule')).toBe('daily');
    expect(first.searchParams.get('limit')).toBe('2');
    expect(first.searchParams.get('children')).toBe('include');
    await answer(scheduleList, {
      schedules: [{ name: 'daily' }, { name: 'hourly' }],
      errors: []
    });
    await answer(runList, { runs: [run(2), run(1)], next_cursor: null });
    expect(model.schedules).toEqual(['daily', 'hourly']);
    expect(model.runs.map(r => r.id)).toEqual([2, 1]);
    expect(changes).toBeGreaterThan(0);
    model.dispose();
  });

  it('turns filters into the query and drops a page of replaced filters', async () => {
    const { client, answer, pending } = heldServer();
    const { model } = modelOf(client);
    model.show();
    await pause();
    await answer(scheduleList, { schedules: [], errors: [] });
    const before = pending(runList);
    expect(before.length).toBeGreaterThan(0);

    model.setFilters({ ...NO_FILTERS, status: 'failures', kind: 'runs' });
    await pause();
    const filtered = pending(runList).filter(url => !before.includes(url));
    expect(filtered).toHaveLength(1);
    expect(filtered[0].searchParams.get('status')).toBe('failed,lost,refused');
    expect(filtered[0].searchParams.get('trigger')).toBe(
      'scheduled,backfill,manual'
    );
    await answer(url => filtered.includes(url), {
      runs: [run(7, 'failed')],
      next_cursor: null
    });
    // The unfiltered list answers late: it shows nothing.
    await answer(url => before.includes(url), {
      runs: [run(8), run(7, 'failed')],
      next_cursor: 'c'
    });
    expect(model.runs.map(r => r.id)).toEqual([7]);
    expect(model.complete).toBe(true);
    model.dispose();
  });

  it('waits for the search text to settle before asking', async () => {
    const { client, answer, pending } = heldServer();
    const { model } = modelOf(client);
    model.show();
    await pause();
    await answer(() => true, { runs: [], next_cursor: null, schedules: [] });
    model.setFilters({ ...NO_FILTERS, search: 'e' });
    model.setFilters({ ...NO_FILTERS, search: 'eu' });
    expect(model.filters.search).toBe('eu');
    await pause(50);
    expect(pending(url => url.searchParams.has('q'))).toHaveLength(0);
    await pause(400);
    const searched = pending(url => url.searchParams.has('q'));
    expect(searched.map(url => url.searchParams.get('q'))).toEqual(['eu']);
    model.dispose();
  });

  it('appends older pages by cursor until the last one', async () => {
    const { client, answer, pending } = heldServer();
    const { model } = modelOf(client);
    model.show();
    await pause();
    await answer(scheduleList, { schedules: [], errors: [] });
    await answer(runList, { runs: [run(4), run(3)], next_cursor: 'c1' });
    expect(model.complete).toBe(false);
    model.loadMore();
    model.loadMore(); // one page at a time
    await pause();
    const older = pending(url => url.searchParams.get('cursor') === 'c1');
    expect(older).toHaveLength(1);
    expect(model.loading).toBe(true);
    await answer(url => older.includes(url), {
      runs: [run(2), run(1)],
      next_cursor: null
    });
    expect(model.runs.map(r => r.id)).toEqual([4, 3, 2, 1]);
    expect(model.complete).toBe(true);
    model.dispose();
  });

  it('expands a workflow run into rows and follows the selected run', async () => {
    const { client, answer } = heldServer();
    const { model } = modelOf(client);
    model.show();
    await pause();
    const node = { ...run(11, 'running'), parent: 10, node: 'load' };
    await answer(() => true, {
      runs: [{ ...run(10, 'running'), children: [node] }, run(9)],
      next_cursor: null,
      schedules: []
    });
    expect(model.rows.map(r => r.id)).toEqual([10, 9]);
    model.toggle(model.runs[0], true);
    expect(model.rows.map(r => r.id)).toEqual([10, 11, 9]);
    model.select(node);
    expect(model.workflow?.id).toBe(10);
    model.toggle(model.runs[0], false);
    expect(model.rows.map(r => r.id)).toEqual([10, 9]);
    model.dispose();
  });

  it('polls while shown, stops when hidden or disposed, and shows a failure', async () => {
    const { client, asked, answer } = heldServer();
    const { model } = modelOf(client, 20);
    const polls = () =>
      asked.filter(url => runList(url) && !url.searchParams.has('cursor'))
        .length;
    model.show();
    await pause();
    await answer(scheduleList, { schedules: [], errors: [] });
    const page = { runs: [run(3, 'running')], next_cursor: null };
    const oneRun = (url: URL) => url.pathname === '/nbschedule/runs/3';
    for (let i = 0; i < 4; i++) {
      await answer(runList, page);
      // The active run below the first page is read again on its own.
      await answer(oneRun, run(3, 'running'));
      await pause(30);
    }
    expect(polls()).toBeGreaterThanOrEqual(4);
    expect(asked.filter(oneRun).length).toBeGreaterThanOrEqual(2);

    model.hide();
    await answer(() => true, page);
    const hidden = polls();
    await pause(100);
    expect(polls()).toBe(hidden);

    model.show();
    await pause(30);
    expect(polls()).toBeGreaterThan(hidden);
    await answer(runList, { message: 'The database is locked.' }, 503);
    await pause(30);
    expect(model.problem).toContain('The database is locked.');

    model.dispose();
    await answer(() => true, page);
    const disposed = asked.length;
    await pause(100);
    expect(asked).toHaveLength(disposed);
    expect(model.isDisposed).toBe(true);
  });
});

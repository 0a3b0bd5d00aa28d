import { IRun, IRunPage } from '../../api';
import { RunPages } from '../runPages';

function run(id: number, status: IRun['status'] = 'success'): IRun {
  return { id, status, run_id: `r${id}` } as IRun;
}

describe('RunPages', () => {
  it('appends pages by cursor until the last one', async () => {
    const cursors: (string | null)[] = [];
    const pages: Record<string, IRunPage> = {
      first: { runs: [run(5), run(4)], next_cursor: 'c1' },
      c1: { runs: [run(3)], next_cursor: null }
    };
    const loaded = new RunPages(
      async cursor => {
        cursors.push(cursor);
        return pages[cursor ?? 'first'];
      },
      () => undefined
    );
    await loaded.loadMore();
    expect(loaded.complete).toBe(false);
    await loaded.loadMore();
    await loaded.loadMore();
    expect(cursors).toEqual([null, 'c1']);
    expect(loaded.runs.map(r => r.id)).toEqual([5, 4, 3]);
    expect(loaded.complete).toBe(true);
  });

  it('puts new runs on top and updates known ones on refresh', async () => {
    let top: IRunPage = {
      runs: [run(2, 'running'), run(1)],
      next_cursor: null
    };
    const loaded = new RunPages(
      async () => top,
      () => undefined
    );
    await loaded.loadMore();
    expect(loaded.activeRuns().map(r => r.id)).toEqual([2]);
    top = {
      runs: [run(3, 'queued'), run(2, 'failed'), run(1)],
      next_cursor: null
    };
    await loaded.refreshTop();
    expect(loaded.runs.map(r => [r.id, r.status])).toEqual([
      [3, 'queued'],
      [2, 'failed'],
      [1, 'success']
    ]);
  });
});

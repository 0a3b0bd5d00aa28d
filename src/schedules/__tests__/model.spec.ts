import { NbScheduleClient } from '../../api';
import { heldServer } from '../../api/__tests__/heldServer';
import { IScheduleStates } from '../api';
import { SchedulesModel } from '../model';
import { IPullRequest } from '../state';

function states(...names: string[]): IScheduleStates {
  return {
    schedules: names.map(name => ({
      name,
      notebook: `${name}.ipynb`,
      cron: '0 6 * * *',
      timezone: 'UTC',
      owner: 'ada@example.com',
      zone: 'analytics',
      next_fire_time: '2026-03-02T06:00:00+00:00',
      pause: null,
      outcomes: []
    })),
    errors: [],
    now: '2026-03-01T12:00:00+00:00',
    review: { mode: 'local', branch: 'main', pending: [] }
  };
}

function modelOf(
  client: NbScheduleClient,
  loadPullRequests: () => Promise<IPullRequest[]> = async () => []
): SchedulesModel {
  return new SchedulesModel({
    client,
    loadPullRequests,
    isVisible: () => false
  });
}

describe('SchedulesModel warm-up before the first show', () => {
  it('is the first show’s refresh while it is still in flight', async () => {
    const { client, asked, answerNext } = heldServer();
    const model = modelOf(client);
    model.warm();
    const shown = model.refreshOnShow();
    await answerNext(states('daily'));
    await shown;
    expect(
      asked.filter(url => url.pathname.endsWith('/schedule-states'))
    ).toHaveLength(1);
    expect(model.items.map(item => item.name)).toEqual(['daily']);
    model.dispose();
  });

  it('lists its facts at once on show, then the show reads them afresh', async () => {
    const { client, asked, answerNext } = heldServer();
    const model = modelOf(client);
    model.warm();
    await answerNext(states('daily'));
    model.warm(); // loaded: nothing more to read ahead
    expect(asked).toHaveLength(1);

    const shown = model.refreshOnShow();
    expect(model.loaded).toBe(true);
    expect(model.visible.map(item => item.name)).toEqual(['daily']);
    expect(asked).toHaveLength(2);
    await answerNext(states('daily', 'hourly'));
    await shown;
    expect(model.visible.map(item => item.name)).toEqual(['daily', 'hourly']);
    model.dispose();
  });

  it('reports a failed warm-up like a failed refresh, and the show tries again', async () => {
    const { client, answerNext } = heldServer();
    const model = modelOf(client);
    model.warm();
    await answerNext({ message: 'The scheduler database is locked.' }, 503);
    expect(model.problem).toContain('The scheduler database is locked.');
    expect(model.loaded).toBe(false);

    const shown = model.refreshOnShow();
    await answerNext(states('daily'));
    await shown;
    expect(model.problem).toBeNull();
    expect(model.items.map(item => item.name)).toEqual(['daily']);
    model.dispose();
  });

  it('leaves GitHub out of the read-ahead; the show asks it', async () => {
    const { client, answerNext } = heldServer();
    const asked: string[] = [];
    const model = modelOf(client, async () => {
      asked.push('pulls');
      return [];
    });
    const github = {
      ...states('daily'),
      review: { mode: 'github', branch: 'main', pending: [] }
    };
    model.warm();
    const shown = model.refreshOnShow();
    await answerNext(github);
    expect(asked).toEqual([]);
    await answerNext(github);
    await shown;
    expect(asked).toEqual(['pulls']);
    model.dispose();
  });
});

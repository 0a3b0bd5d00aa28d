import { ServerConnection } from '@jupyterlab/services';

import { NbScheduleClient } from '../../api';
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

/** A real client whose server answers each request when the test says so. */
function heldClient(): {
  client: NbScheduleClient;
  urls: string[];
  answer: (body: unknown, status?: number) => Promise<void>;
} {
  const urls: string[] = [];
  const waiting: ((response: Response) => void)[] = [];
  const settings = ServerConnection.makeSettings({
    baseUrl: 'http://localhost:8888/',
    fetch: (input: RequestInfo | URL) => {
      urls.push(String(input instanceof Request ? input.url : input));
      return new Promise<Response>(resolve => waiting.push(resolve));
    }
  });
  const answer = async (body: unknown, status = 200) => {
    const reply = waiting.shift();
    if (!reply) {
      throw new Error('no request is waiting');
    }
    reply(new Response(JSON.stringify(body), { status }));
    // Let the client read the body and the model derive the items.
    await new Promise(resolve => setTimeout(resolve, 0));
  };
  return { client: new NbScheduleClient(settings), urls, answer };
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
    const { client, urls, answer } = heldClient();
    const model = modelOf(client);
    model.warm();
    const shown = model.refreshOnShow();
    await answer(states('daily'));
    await shown;
    expect(urls.filter(url => url.includes('schedule-states'))).toHaveLength(1);
    expect(model.items.map(item => item.name)).toEqual(['daily']);
    model.dispose();
  });

  it('lists its facts at once on show, then the show reads them afresh', async () => {
    const { client, urls, answer } = heldClient();
    const model = modelOf(client);
    model.warm();
    await answer(states('daily'));
    model.warm(); // loaded: nothing more to read ahead
    expect(urls).toHaveLength(1);

    const shown = model.refreshOnShow();
    expect(model.loaded).toBe(true);
    expect(model.visible.map(item => item.name)).toEqual(['daily']);
    expect(urls).toHaveLength(2);
    await answer(states('daily', 'hourly'));
    await shown;
    expect(model.visible.map(item => item.name)).toEqual(['daily', 'hourly']);
    model.dispose();
  });

  it('reports a failed warm-up like a failed refresh, and the show tries again', async () => {
    const { client, answer } = heldClient();
    const model = modelOf(client);
    model.warm();
    await answer({ message: 'The scheduler database is locked.' }, 503);
    expect(model.problem).toContain('The scheduler database is locked.');
    expect(model.loaded).toBe(false);

    const shown = model.refreshOnShow();
    await answer(states('daily'));
    await shown;
    expect(model.problem).toBeNull();
    expect(model.items.map(item => item.name)).toEqual(['daily']);
    model.dispose();
  });

  it('leaves GitHub out of the read-ahead; the show asks it', async () => {
    const { client, answer } = heldClient();
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
    await answer(github);
    expect(asked).toEqual([]);
    await answer(github);
    await shown;
    expect(asked).toEqual(['pulls']);
    model.dispose();
  });
});

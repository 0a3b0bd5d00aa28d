/// <reference types="node" />
// react-dom directly (it ships no types here) rather than apputils' ReactWidget,
// which would make jest transform all of @jupyterlab/apputils for one test.
import { nullTranslator } from '@jupyterlab/translation';
import React from 'react';

import { NbScheduleClient } from '../../api';
import {
  answeringServer,
  jsonReply
} from '../../api/__tests__/answeringServer';
import { defaultSpec } from '../../spec';
import { CronStep } from '../steps/CronStep';

/** A client whose server answers every fire-time request with `status` and `body`. */
function clientAnswering(status: number, body: object): NbScheduleClient {
  return answeringServer(() => jsonReply(body, status)).client;
}

/** Waits until `read()` gives something other than undefined. */
async function until<T>(read: () => T | undefined): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const value = read();
    if (value !== undefined) {
      return value;
    }
    await new Promise(resolve => setTimeout(resolve, 50));
  }
  throw new Error('the cron step never rendered what was awaited');
}

interface IRoot {
  render(element: JSX.Element): void;
  unmount(): void;
}
const { createRoot } = require('react-dom/client') as {
  createRoot: (node: Element) => IRoot;
};

describe('CronStep', () => {
  let node: HTMLElement;
  let root: IRoot;

  beforeEach(() => {
    node = document.body.appendChild(document.createElement('div'));
    root = createRoot(node);
  });

  afterEach(() => {
    root.unmount();
    node.remove();
  });

  function show(cron: string, client: NbScheduleClient): HTMLElement {
    root.render(
      <CronStep
        client={client}
        trans={nullTranslator.load('nbschedule')}
        locale="en-GB"
        draft={defaultSpec({ cron, timezone: 'UTC' })}
        timezones={['UTC']}
        onChange={() => undefined}
      />
    );
    return node;
  }

  it.each([
    ['0 6 * * *', 'At 06:00, every day'],
    ['30 7 * * 1-5', 'At 07:30, Monday through Friday'],
    ['*/15 * * * *', 'Every 15 minutes, every hour, every day']
  ])('shows %s in words beside its next runs', async (cron, expected) => {
    const node = show(
      cron,
      clientAnswering(200, {
        cron,
        timezone: 'UTC',
        next: ['2026-01-01T06:00:00+00:00']
      })
    );
    await until(() => node.querySelector('.nbs-CronStep-nextRun') ?? undefined);
    expect(node.querySelector('.nbs-CronStep-words')?.textContent).toBe(
      expected
    );
  });

  it('shows the server’s cron error instead of words', async () => {
    const message = 'Field 1 (minute): 61 is out of range 0–59.';
    const node = show(
      '61 * * * *',
      clientAnswering(400, { message, field: 'cron' })
    );
    const alert = await until(
      () => node.querySelector('[role="alert"]')?.textContent || undefined
    );
    expect(alert).toBe(message);
    expect(node.querySelector('.nbs-CronStep-words')?.textContent).toBe('');
  });
});

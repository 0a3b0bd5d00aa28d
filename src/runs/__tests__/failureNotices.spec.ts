import { nullTranslator } from '@jupyterlab/translation';

import { IFailureNotice } from '../../api';
import {
  answeringServer,
  jsonReply
} from '../../api/__tests__/answeringServer';
import {
  describeNotices,
  FailureNoticeWatcher,
  MAX_SEPARATE_NOTICES,
  TOAST_MAX_CHARS
} from '..';

const trans = nullTranslator.load('nbschedule');

function notice(id: number, schedule = 'daily'): IFailureNotice {
  return {
    id,
    run: id,
    schedule,
    run_id: `scheduled__2026010${id}T060000Z`,
    attempt: 2,
    status: 'failed',
    exit_reason: 'cell_error',
    message: 'Output notebook cell 3 raised ValueError: boom',
    owner: 'ada',
    created_at: '2026-01-01T06:01:00+00:00'
  };
}

/** A real client whose server answers from a script of replies, recording each URL. */
function scriptedClient(replies: (() => Response)[]) {
  return answeringServer(() => {
    const next = replies.shift();
    if (!next) {
      throw new Error('no more replies');
    }
    return next();
  });
}

const json = (body: unknown) => () => jsonReply(body);

describe('describeNotices', () => {
  it('names the schedule, the attempt and the reason, and points at the run', () => {
    expect(describeNotices([notice(1)], trans)).toEqual([
      {
        message:
          'daily: attempt 2 failed. Output notebook cell 3 raised ValueError: boom',
        run: 1
      }
    ]);
  });

  it('fits a long reason into what a notification shows whole', () => {
    const long = { ...notice(2), message: `ValueError: ${'x'.repeat(400)}` };
    const [toast] = describeNotices([long], trans);
    expect(toast.message.length).toBeLessThanOrEqual(TOAST_MAX_CHARS);
    expect(toast.message).toMatch(
      /^daily: attempt 2 failed\. ValueError: x+…$/
    );
  });

  it('sums up a burst instead of showing every notice', () => {
    const burst = [1, 2, 3, 4].map(id => notice(id, id % 2 ? 'a' : 'b'));
    expect(burst.length).toBeGreaterThan(MAX_SEPARATE_NOTICES);
    expect(describeNotices(burst, trans)).toEqual([
      {
        message: '4 scheduled runs ended badly (a, b). See the runs panel.',
        run: null
      }
    ]);
  });
});

describe('FailureNoticeWatcher', () => {
  it('starts from the current cursor and keeps it across a failed poll', async () => {
    const shown: IFailureNotice[][] = [];
    const { client, asked } = scriptedClient([
      json({ notices: [], cursor: 7, owner: null }),
      json({ notices: [notice(8)], cursor: 8, owner: null }),
      () => new Response('down', { status: 502 }),
      json({ notices: [], cursor: 8, owner: null })
    ]);
    const watcher = new FailureNoticeWatcher(client, notices =>
      shown.push(notices)
    );
    // Disposed at once: the test drives the checks itself, not the poll's timer.
    watcher.dispose();
    await watcher.check();
    await watcher.check();
    await expect(watcher.check()).rejects.toThrow('502');
    await watcher.check();
    expect(asked.map(url => url.searchParams.get('after'))).toEqual([
      null,
      '7',
      '8',
      '8'
    ]);
    expect(shown).toEqual([[notice(8)]]);
  });
});

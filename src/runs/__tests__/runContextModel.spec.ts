import { NotebookPanel } from '@jupyterlab/notebook';
import { NBTestUtils } from '@jupyterlab/notebook/lib/testutils';
import { ContentsManager } from '@jupyterlab/services';

import { heldServer, pause } from '../../api/__tests__/heldServer';
import { RunContextModel } from '../runContextModel';

/** A real client and contents manager of one held server. */
function clientAndContents() {
  // The model asks for the schedules only once the record's answer is read: each
  // answer leaves time for the next request to be in flight before the test answers it.
  const server = heldServer(20);
  return {
    ...server,
    contents: new ContentsManager({ serverSettings: server.settings })
  };
}

const recordFile = (url: URL) => url.pathname.endsWith('/record.json');
const scheduleList = (url: URL) => url.pathname === '/nbschedule/schedules';

function recordOf(runId: string) {
  return {
    type: 'file',
    format: 'text',
    name: 'record.json',
    path: 'record.json',
    created: '2026-03-01T06:00:00Z',
    last_modified: '2026-03-01T06:05:00Z',
    mimetype: 'application/json',
    writable: false,
    content: JSON.stringify({
      run_id: runId,
      schedule: 'daily',
      status: 'failed',
      inputs: [],
      outputs: []
    })
  };
}

/** A notebook panel whose notebook says it is the output of `runId`. */
async function outputNotebook(runId: string): Promise<NotebookPanel> {
  const context = await NBTestUtils.createMockContext();
  context.model.setMetadata('nbschedule', {
    schedule: 'daily',
    run_id: runId,
    attempt: 1
  });
  return NBTestUtils.createNotebookPanel(context);
}

describe('RunContextModel', () => {
  it('loads the context of the notebook’s run once, whatever else changes', async () => {
    const { client, contents, asked, answer } = clientAndContents();
    const model = new RunContextModel(client, contents);
    let changes = 0;
    model.changed.connect(() => changes++);
    const panel = await outputNotebook('r1');
    model.notebook = panel;
    expect(model.run?.run_id).toBe('r1');
    expect(model.loading).toBe(true);
    await pause();
    await answer(recordFile, recordOf('r1'));
    await answer(scheduleList, {
      schedules: [{ name: 'daily', cron: '0 6 * * *', timezone: 'UTC' }],
      errors: []
    });
    expect(model.loading).toBe(false);
    expect(model.error).toBeNull();
    expect(model.context?.record.run_id).toBe('r1');
    expect(model.context?.cron).toContain('(UTC)');
    expect(changes).toBeGreaterThanOrEqual(2);

    const requests = asked.length;
    model.notebook = panel;
    model.runsFolder = 'elsewhere';
    await pause(20);
    expect(asked).toHaveLength(requests);
    expect(model.context?.record.run_id).toBe('r1');
    model.dispose();
  });

  it('words the schedule in the user’s language', async () => {
    const { client, contents, answer } = clientAndContents();
    const model = new RunContextModel(client, contents, 'de-DE');
    model.notebook = await outputNotebook('r1');
    await pause();
    await answer(recordFile, recordOf('r1'));
    await answer(scheduleList, {
      schedules: [{ name: 'daily', cron: '0 6 * * *', timezone: 'UTC' }],
      errors: []
    });
    await pause(20);
    expect(model.context?.cron).toBe('Um 06:00, jeden Tag (UTC)');
    model.dispose();
  });

  it('drops the answer for a notebook no longer current, and reports a failure', async () => {
    const { client, contents, answer } = clientAndContents();
    const model = new RunContextModel(client, contents);
    model.notebook = await outputNotebook('r1');
    await pause();
    model.notebook = null;
    expect(model.run).toBeNull();
    expect(model.loading).toBe(false);
    await answer(recordFile, recordOf('r1'));
    await answer(scheduleList, { schedules: [], errors: [] });
    expect(model.context).toBeNull();

    model.notebook = await outputNotebook('r2');
    await pause();
    await answer(recordFile, { message: 'No such file: record.json' }, 404);
    expect(model.loading).toBe(false);
    expect(model.context).toBeNull();
    expect(model.error).not.toBeNull();
    model.dispose();
  });
});

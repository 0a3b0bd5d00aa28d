import { NotebookPanel } from '@jupyterlab/notebook';
import { NBTestUtils } from '@jupyterlab/notebook/lib/testutils';
import { ContentsManager, ServerConnection } from '@jupyterlab/services';
import { nullTranslator } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';

import { NbScheduleClient } from '../../api';
import { IRunActions } from '../actions';
import { RunContextPane } from '../RunContextPane';
import { RunsPanel } from '../RunsPanel';

const trans = nullTranslator.load('nbschedule');
const pause = (ms = 0) => new Promise(resolve => setTimeout(resolve, ms));

async function until(condition: () => boolean): Promise<void> {
  for (let tries = 0; !condition(); tries++) {
    if (tries > 200) {
      throw new Error('condition never held');
    }
    await pause(5);
  }
}

/** A real client and contents manager whose server holds every request unanswered. */
function silentServer() {
  const asked: URL[] = [];
  const serverSettings = ServerConnection.makeSettings({
    baseUrl: 'http://localhost:8888/',
    fetch: (input: RequestInfo | URL) => {
      asked.push(new URL(input instanceof Request ? input.url : String(input)));
      return new Promise<Response>(() => undefined);
    }
  });
  return {
    client: new NbScheduleClient(serverSettings),
    contents: new ContentsManager({ serverSettings }),
    asked
  };
}

describe('RunsPanel', () => {
  it('loads its model on first show and applies what was asked of it meanwhile', async () => {
    const { client, asked } = silentServer();
    // The actions are only called by clicks in the list, which this test makes none of.
    const panel = new RunsPanel(
      client,
      () => Promise.resolve({} as IRunActions),
      trans
    );
    panel.pageSize = 7;
    panel.hide();
    Widget.attach(panel, document.body);
    await pause(20);
    expect(panel.model).toBeNull();
    expect(asked).toHaveLength(0);

    panel.show();
    // As "Show runs" from the Schedules view does: shown, then asked for one run.
    panel.showRuns({ schedule: 'daily', run: 12 });
    expect(panel.model).toBeNull();
    await until(() => panel.model !== null);
    await pause();
    expect(panel.model?.filters.schedule).toBe('daily');
    expect(panel.model?.pageSize).toBe(7);
    const list = asked.find(url => url.pathname === '/nbschedule/runs');
    expect(list?.searchParams.get('schedule')).toBe('daily');
    expect(list?.searchParams.get('limit')).toBe('7');
    expect(asked.map(url => url.pathname)).toContain('/nbschedule/runs/12');
    expect(panel.node.textContent).not.toContain('Loading runs…');
    panel.dispose();
  });
});

async function notebookWith(
  metadata: Record<string, unknown> | null
): Promise<NotebookPanel> {
  const context = await NBTestUtils.createMockContext();
  if (metadata) {
    context.model.setMetadata('nbschedule', metadata);
  }
  return NBTestUtils.createNotebookPanel(context);
}

describe('RunContextPane', () => {
  it('answers other notebooks itself and loads its model for a run output', async () => {
    const { client, contents, asked } = silentServer();
    const pane = new RunContextPane(client, contents, trans);
    Widget.attach(pane, document.body);
    pane.runsFolder = 'nbschedule-runs';
    pane.notebook = await notebookWith(null);
    await pause(20);
    expect(pane.model).toBeNull();
    expect(asked).toHaveLength(0);
    expect(pane.node.textContent).toContain('Open an output notebook');

    pane.notebook = await notebookWith({
      schedule: 'daily',
      run_id: 'r1',
      attempt: 1
    });
    await until(() => pane.model !== null);
    await pause(20);
    expect(pane.model?.run?.run_id).toBe('r1');
    expect(asked.some(url => url.pathname.endsWith('/record.json'))).toBe(true);
    expect(pane.node.textContent).toContain('Loading…');

    pane.notebook = null;
    await pause(20);
    expect(pane.model?.run).toBeNull();
    expect(pane.node.textContent).toContain('Open an output notebook');
    pane.dispose();
  });
});

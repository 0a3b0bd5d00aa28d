/// <reference types="node" />
import { nullTranslator } from '@jupyterlab/translation';
import React, { act } from 'react';

import { NbScheduleClient } from '../../api';
import { notebook } from '../../analysis/__tests__/notebook';
import {
  answeringServer,
  jsonReply
} from '../../api/__tests__/answeringServer';
import { ScheduleSpec } from '../../spec';
import { regionalNodes, salesSpec } from '../../spec/__tests__/sampleSpecs';
import { SubmitStep } from '../SubmitStep';
import { finishedTestRun } from './finishedTestRun';

interface IRoot {
  render(element: JSX.Element): void;
  unmount(): void;
}
const { createRoot } = require('react-dom/client') as {
  createRoot: (node: Element) => IRoot;
};

const SPEC = salesSpec({ cron: '30 6 * * 1-5', timezone: 'UTC' });

const PASSED = finishedTestRun({
  message: '',
  run_id: 'test__1',
  ended_at: '2024-01-03T06:00:05+00:00',
  duration_seconds: 5
});

/**
 * A local-review server with no schedules yet. `other` answers the requests it knows
 * (null for the rest); `post` answers the rest from their JSON bodies.
 */
function localReviewServer(
  post: (body: any) => Response,
  other: (url: URL) => Response | null = () => null
): NbScheduleClient {
  return answeringServer(async request => {
    const url = new URL(request.url);
    if (url.pathname.endsWith('review/config')) {
      return jsonReply({
        mode: 'local',
        repo: '',
        base_branch: 'main',
        github_url: ''
      });
    }
    if (url.pathname.endsWith('schedule-states')) {
      return jsonReply({
        schedules: [],
        errors: [],
        review: { mode: 'local', branch: 'main', pending: [] }
      });
    }
    return other(url) ?? post(JSON.parse(await request.text()));
  }).client;
}

/**
 * A server whose local review branch for the schedule exists already, merged (so
 * not pending) and no longer active: only committing tells.
 */
function serverWithMergedBranch(posted: any[]): NbScheduleClient {
  return localReviewServer(body => {
    posted.push(body);
    return body.update
      ? jsonReply(
          {
            branch: body.branch,
            commit: 'abc',
            base: 'main',
            diff_command: 'git diff main...nbschedule/daily_sales'
          },
          201
        )
      : jsonReply(
          { message: 'The branch nbschedule/daily_sales exists already.' },
          409
        );
  });
}

async function until<T>(read: () => T | null | undefined): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const value = read();
    if (value) {
      return value;
    }
    await act(() => new Promise(resolve => setTimeout(resolve, 20)));
  }
  throw new Error('never rendered what was awaited');
}

describe('SubmitStep', () => {
  it('offers updating only once the branch turns out to exist, and commits the edited description', async () => {
    (globalThis as any).IS_REACT_ACT_ENVIRONMENT = true;
    const posted: any[] = [];
    const node = document.body.appendChild(document.createElement('div'));
    const root = createRoot(node);
    act(() =>
      root.render(
        <SubmitStep
          client={serverWithMergedBranch(posted)}
          trans={nullTranslator.load('nbschedule')}
          spec={SPEC}
          notebook={notebook('x = 1')}
          testRun={PASSED}
          onSubmitted={() => undefined}
          reviewTarget="server"
          shown={true}
        />
      )
    );
    const commit = await until(() =>
      [...node.querySelectorAll('button')].find(
        button => button.textContent === 'Commit the branch'
      )
    );
    const update = () =>
      [...node.querySelectorAll('label')].find(label =>
        label.textContent?.startsWith('Update the existing schedule')
      );
    await until(() => node.querySelector('.nbs-SubmitStep-mode'));
    expect(update()).toBeUndefined();

    // The user's own words replace the generated description.
    const description = node.querySelector('textarea')!;
    const setValue = Object.getOwnPropertyDescriptor(
      HTMLTextAreaElement.prototype,
      'value'
    )!.set!;
    act(() => {
      setValue.call(description, 'Reviewed with finance.');
      description.dispatchEvent(new Event('input', { bubbles: true }));
    });

    act(() => commit.click());
    const offered = await until(update);
    expect(node.textContent).toContain('exists already');
    expect(posted[0].update).toBe(false);

    act(() => offered.querySelector('input')!.click());
    act(() => commit.click());
    await until(() => node.querySelector('.nbs-SubmitStep-done'));
    expect(posted[1].update).toBe(true);
    expect(posted[1].message).toBe(
      'Schedule reports/sales.ipynb as daily_sales\n\nReviewed with finance.'
    );
    act(() => root.unmount());
    node.remove();
  });
});

const WORKFLOW: ScheduleSpec = {
  ...SPEC,
  name: 'regional_reports',
  notebook: 'workflow/collect.ipynb',
  nodes: regionalNodes(['us', 'eu'])
};

/** A local-review server whose workspace holds the given notebooks, by path. */
function serverWithWorkspace(
  workspace: Map<string, string>,
  posted: any[]
): NbScheduleClient {
  const notebookFile = (url: URL) => {
    if (!url.pathname.startsWith('/api/contents/')) {
      return null;
    }
    const path = decodeURIComponent(
      url.pathname.slice('/api/contents/'.length)
    );
    const source = workspace.get(path);
    return source === undefined
      ? jsonReply({ message: `No such file or directory: ${path}` }, 404)
      : jsonReply({
          name: path.split('/').pop(),
          path,
          type: 'notebook',
          created: '2024-01-01T00:00:00Z',
          last_modified: '2024-01-01T00:00:00Z',
          mimetype: null,
          format: 'json',
          content: notebook(source)
        });
  };
  return localReviewServer(body => {
    posted.push(body);
    return jsonReply(
      {
        branch: body.branch,
        commit: 'abc',
        base: 'main',
        diff_command: 'git diff main...nbschedule/regional_reports'
      },
      201
    );
  }, notebookFile);
}

describe('SubmitStep of a workflow', () => {
  it('blocks committing while a node notebook is missing, then commits every node notebook', async () => {
    (globalThis as any).IS_REACT_ACT_ENVIRONMENT = true;
    const posted: any[] = [];
    const workspace = new Map([['workflow/enrich.ipynb', 'rows = 0']]);
    const client = serverWithWorkspace(workspace, posted);
    const node = document.body.appendChild(document.createElement('div'));
    const root = createRoot(node);
    const render = (shown: boolean) =>
      act(() =>
        root.render(
          <SubmitStep
            client={client}
            trans={nullTranslator.load('nbschedule')}
            spec={WORKFLOW}
            notebook={notebook('day = None')}
            testRun={PASSED}
            onSubmitted={() => undefined}
            reviewTarget="server"
            shown={shown}
          />
        )
      );
    render(true);
    const commit = await until(() =>
      [...node.querySelectorAll('button')].find(
        button => button.textContent === 'Commit the branch'
      )
    );
    const problem = await until(() => node.querySelector('ul[role="alert"]'));
    expect(problem.textContent).toBe(
      'The notebook workflow/report_region.ipynb of node report_region does not exist in the workspace. Create it, or change the node in the Parameters step, before committing.'
    );
    expect(node.querySelector('.nbs-SubmitStep-files')).toBeNull();
    expect(commit.getAttribute('aria-disabled')).toBe('true');
    act(() => commit.click());
    await act(() => new Promise(resolve => setTimeout(resolve, 50)));
    expect(posted).toEqual([]);

    // The user creates the notebook and comes back to the step: it is read again.
    workspace.set('workflow/report_region.ipynb', "region = 'us'");
    render(false);
    render(true);
    const files = await until(() =>
      node.querySelector('.nbs-SubmitStep-files')
    );
    expect(node.querySelector('ul[role="alert"]')).toBeNull();
    expect(files.textContent).toContain('workflow/report_region.py');
    act(() => commit.click());
    await until(() => node.querySelector('.nbs-SubmitStep-done'));
    expect(Object.keys(posted[0].files).sort()).toEqual([
      'schedules/regional_reports.json',
      'schedules/regional_reports_dag.py',
      'workflow/collect.ipynb',
      'workflow/collect.py',
      'workflow/enrich.ipynb',
      'workflow/enrich.py',
      'workflow/report_region.ipynb',
      'workflow/report_region.py'
    ]);
    expect(posted[0].files['workflow/report_region.py']).toContain(
      "region = 'us'"
    );
    expect(posted[0].files['workflow/collect.py']).toContain('day = None');
    act(() => root.unmount());
    node.remove();
  });
});

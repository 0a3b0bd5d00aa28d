import { ChildProcess, spawn } from 'child_process';
import * as path from 'path';
import * as readline from 'readline';

import { ServerConnection } from '@jupyterlab/services';

import {
  createGitHubReview,
  IGitHubReview,
  proxiedOctokit,
  ReviewError,
  submitReview
} from '..';
import { notebook } from '../../analysis/__tests__/notebook';
import { NbScheduleClient } from '../../api';
import { ScheduleSpec } from '../../spec';
import { regionalNodes } from '../../spec/__tests__/sampleSpecs';
import { finishedTestRun } from './finishedTestRun';

const JUPYTER = 'http://jupyter.test/lab-base/';
const PROXY = `${JUPYTER}nbschedule/github`;

// The review the fixtures in ./fixtures were recorded for.
const REVIEW: IGitHubReview = {
  repo: 'octo-org/reports',
  baseBranch: 'main',
  branch: 'nbschedule/daily',
  update: false,
  title: 'Schedule reports/daily.ipynb as daily',
  body: 'Schedules the notebook.\n\n## Test plan\n\n- [x] Test run: success\n',
  message:
    'Schedule reports/daily.ipynb as daily\n\nSchedules the notebook.\n\n## Test plan\n\n- [x] Test run: success\n',
  files: {
    'schedules/daily.json': '{\n  "name": "daily"\n}\n',
    'reports/daily.py': "print('grüße')\n"
  }
};

let server: ChildProcess;
let fixturesUrl: string;

beforeAll(async () => {
  server = spawn(
    process.execPath,
    [path.join(__dirname, 'fixturesServer.mjs')],
    {
      stdio: ['ignore', 'pipe', 'inherit']
    }
  );
  const firstLine = await new Promise<string>(resolve =>
    readline.createInterface({ input: server.stdout! }).once('line', resolve)
  );
  fixturesUrl = JSON.parse(firstLine).url;
  document.cookie = '_xsrf=xsrf-test';
  // Octokit logs every failed request; the failures here are the point of the tests.
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
}, 30000);

afterAll(() => {
  server.kill();
});

interface IScenario {
  settings: ServerConnection.ISettings;
  /** What the browser sent to the proxy, in order, and what came back. */
  sent: {
    method: string;
    url: string;
    headers: Headers;
    status: number;
    body?: string;
  }[];
}

/**
 * Loads a fixtures scenario and returns Jupyter server settings whose fetch sends the
 * proxy's requests to it, as the nbschedule proxy would send them to GitHub.
 */
async function scenario(name: string): Promise<IScenario> {
  const loaded = await fetch(`${fixturesUrl}/fixtures`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ scenario: name })
  });
  expect(loaded.status).toBe(201);
  const { url } = await loaded.json();
  const sent: IScenario['sent'] = [];
  const settings = ServerConnection.makeSettings({
    baseUrl: JUPYTER,
    token: 'jupyter-test-token',
    fetch: async (input: RequestInfo | URL) => {
      const request = input as Request;
      expect(request.url.startsWith(PROXY)).toBe(true);
      const body = ['GET', 'HEAD'].includes(request.method)
        ? undefined
        : await request.text();
      const response = await fetch(request.url.replace(PROXY, url), {
        method: request.method,
        headers: request.headers,
        body
      });
      sent.push({
        method: request.method,
        url: request.url.slice(PROXY.length),
        headers: request.headers,
        status: response.status,
        body
      });
      return response;
    }
  });
  return { settings, sent };
}

async function failure(name: string, review = REVIEW): Promise<ReviewError> {
  const { settings } = await scenario(name);
  const error = await createGitHubReview(
    proxiedOctokit(settings),
    review
  ).catch(e => e);
  expect(error).toBeInstanceOf(ReviewError);
  return error;
}

describe('createGitHubReview through the proxy', () => {
  it('commits the files on a new branch and opens a pull request', async () => {
    const { settings, sent } = await scenario('create-review');
    const result = await createGitHubReview(proxiedOctokit(settings), REVIEW);
    expect(result).toEqual({
      url: expect.stringMatching(/\/octo-org\/reports\/pull\/7$/),
      number: 7,
      branch: 'nbschedule/daily',
      commit: 'c1'.repeat(20),
      updated: false
    });
    expect(sent.map(r => `${r.method} ${r.url} ${r.status}`)).toEqual([
      'GET /repos/octo-org/reports 200',
      'GET /repos/octo-org/reports/git/ref/heads%2Fmain 200',
      `GET /repos/octo-org/reports/git/commits/${'a'.repeat(40)} 200`,
      'POST /repos/octo-org/reports/git/blobs 201',
      'POST /repos/octo-org/reports/git/blobs 201',
      'POST /repos/octo-org/reports/git/trees 201',
      'POST /repos/octo-org/reports/git/commits 201',
      'POST /repos/octo-org/reports/git/refs 201',
      'POST /repos/octo-org/reports/pulls 201'
    ]);
    for (const request of sent) {
      // Jupyter's own credentials only: the GitHub token is added by the server.
      expect(request.headers.get('authorization')).toBe(
        'token jupyter-test-token'
      );
      expect(request.headers.get('x-xsrftoken')).toBe('xsrf-test');
    }
  });

  it("commits every node's notebook and mirror of a workflow", async () => {
    const { settings, sent } = await scenario('create-workflow-review');
    const spec: ScheduleSpec = {
      version: 1,
      name: 'regional',
      notebook: 'workflow/collect.ipynb',
      cron: '0 2 * * *',
      timezone: 'UTC',
      start_date: '2024-01-01',
      zone: 'analytics',
      owner: 'ada@example.com',
      nodes: regionalNodes(['eu'])
    };
    const result = await submitReview(
      new NbScheduleClient(settings),
      settings,
      {
        mode: 'github',
        repo: 'octo-org/reports',
        base_branch: 'main',
        github_url: 'https://github.com'
      },
      {
        spec,
        notebook: notebook('day = None'),
        nodeNotebooks: {
          'workflow/enrich.ipynb': notebook('rows = 0'),
          'workflow/report_region.ipynb': notebook("region = 'us'")
        },
        testRun: finishedTestRun({}, { id: 'test__1', schedule: 'regional' }),
        override: false,
        update: false,
        body: 'Regional reports.'
      }
    );
    expect(result).toMatchObject({ mode: 'github', number: 7 });
    // One blob per file, in path order (the fixture's tree lists the eight paths).
    const blobs = sent
      .filter(request => request.url.endsWith('/git/blobs'))
      .map(request => {
        const { content } = JSON.parse(request.body!);
        return new TextDecoder().decode(
          Uint8Array.from(atob(content), c => c.charCodeAt(0))
        );
      });
    expect(blobs).toHaveLength(8);
    expect(blobs[3]).toContain('day = None');
    expect(blobs[5]).toContain('rows = 0');
    expect(blobs[7]).toContain("region = 'us'");
    expect(sent.map(r => r.status)).not.toContain(404);
  });

  it('updates an existing branch and reuses its open pull request', async () => {
    const { settings, sent } = await scenario('update-review');
    const result = await createGitHubReview(proxiedOctokit(settings), {
      ...REVIEW,
      update: true
    });
    expect(result).toMatchObject({
      number: 7,
      commit: 'c2'.repeat(20),
      updated: true
    });
    expect(sent.map(r => `${r.method} ${r.url} ${r.status}`)).toEqual([
      'GET /repos/octo-org/reports 200',
      'GET /repos/octo-org/reports/git/ref/heads%2Fnbschedule%2Fdaily 200',
      `GET /repos/octo-org/reports/git/commits/${'c1'.repeat(20)} 200`,
      'POST /repos/octo-org/reports/git/blobs 201',
      'POST /repos/octo-org/reports/git/blobs 201',
      'POST /repos/octo-org/reports/git/trees 201',
      'POST /repos/octo-org/reports/git/commits 201',
      'PATCH /repos/octo-org/reports/git/refs/heads%2Fnbschedule%2Fdaily 200',
      'GET /repos/octo-org/reports/pulls?head=octo-org%3Anbschedule%2Fdaily&state=open 200',
      'PATCH /repos/octo-org/reports/pulls/7 200'
    ]);
  });

  it('says an existing branch should be updated instead', async () => {
    const error = await failure('branch-exists');
    expect(error.kind).toBe('branch-exists');
    expect(error.message).toBe(
      'The branch nbschedule/daily already exists in octo-org/reports: this schedule was submitted before. Update the existing schedule instead.'
    );
  });

  it('says when there is no branch to update', async () => {
    const error = await failure('update-missing-branch', {
      ...REVIEW,
      update: true
    });
    expect(error.kind).toBe('not-found');
    expect(error.message).toMatch(
      /^The branch nbschedule\/daily does not exist in octo-org\/reports/
    );
  });

  it.each([
    [
      'token-invalid',
      'token',
      /^GitHub rejected the server's token: it is invalid or has expired/
    ],
    [
      'repo-missing',
      'not-found',
      /^The repository octo-org\/reports does not exist, or the server's GitHub token cannot see it\.$/
    ],
    [
      'no-permission',
      'permission',
      /has no permission to push to octo-org\/reports/
    ],
    [
      'rate-limited',
      'rate-limit',
      /rate limit .* used up; it resets in \d+ min \(at 00:00 UTC\)\.$/
    ],
    [
      'proxy-unconfigured',
      'refused',
      /^GitHub is not configured on this Jupyter server/
    ],
    [
      'github-unreachable',
      'network',
      /^GitHub cannot be reached at https:\/\/api\.github\.com/
    ]
  ])('words the %s failure in one sentence', async (name, kind, message) => {
    const error = await failure(name);
    expect(error.kind).toBe(kind);
    expect(error.message).toMatch(message);
  });

  it('says when the Jupyter server cannot be reached at all', async () => {
    const settings = ServerConnection.makeSettings({
      baseUrl: JUPYTER,
      fetch: () => Promise.reject(new TypeError('Failed to fetch'))
    });
    const error = await createGitHubReview(
      proxiedOctokit(settings),
      REVIEW
    ).catch(e => e);
    expect(error).toBeInstanceOf(ReviewError);
    expect(error.kind).toBe('network');
  });
});

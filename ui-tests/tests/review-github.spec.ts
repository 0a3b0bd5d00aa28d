/**
 * The wizard's GitHub path end to end: the browser's Octokit talks to the real server
 * proxy, which forwards to a fake GitHub on loopback that keeps Git data and pull
 * requests (tests/review/fake_github_git.py). This spec starts both, with a JupyterLab
 * of its own configured for GitHub, on free loopback ports.
 */
import { expect, test as base } from '@jupyterlab/galata';
import { ChildProcess, spawn } from 'child_process';
import * as net from 'net';
import * as path from 'path';
import * as readline from 'readline';

import {
  fillZoneAndOwner,
  openDemoNotebook,
  SCHEDULE_BUTTON
} from './fixtures';

const FAKE_GITHUB = path.resolve(
  __dirname,
  '../../tests/review/fake_github_git.py'
);

interface IFakeGitHub {
  url: string;
  repo: string;
  token: string;
}

interface IGitHubLab {
  url: string;
  github: IFakeGitHub;
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise(resolve => {
    if (child.exitCode !== null || child.signalCode !== null) {
      return resolve();
    }
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function startFakeGitHub(): Promise<[ChildProcess, IFakeGitHub]> {
  const child = spawn('python3', [FAKE_GITHUB], {
    stdio: ['ignore', 'pipe', 'inherit']
  });
  const [line] = await Promise.race([
    new Promise<string[]>(resolve =>
      readline
        .createInterface({ input: child.stdout! })
        .once('line', text => resolve([text]))
    ),
    new Promise<string[]>((_, reject) =>
      child.once('exit', code =>
        reject(new Error(`fake GitHub exited with ${code}`))
      )
    )
  ]);
  return [child, JSON.parse(line)];
}

async function waitForLab(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) {
      throw new Error(`JupyterLab exited with ${child.exitCode}`);
    }
    try {
      if ((await fetch(`${url}/lab`)).ok) {
        return;
      }
    } catch {
      // not listening yet
    }
    await new Promise(resolve => setTimeout(resolve, 500));
  }
  throw new Error(`JupyterLab did not answer at ${url}`);
}

const test = base.extend<Record<string, never>, { githubLab: IGitHubLab }>({
  githubLab: [
    async ({}, use) => {
      const [fake, github] = await startFakeGitHub();
      const port = await freePort();
      const lab = spawn(
        'jupyter',
        [
          'lab',
          '--config',
          'jupyter_server_test_config.py',
          `--ServerApp.port=${port}`,
          `--NbScheduleReview.github_url=${github.url}`,
          `--NbScheduleReview.github_repo=${github.repo}`
        ],
        {
          cwd: path.resolve(__dirname, '..'),
          // The token reaches the server only, as an operator would set it.
          env: { ...process.env, GITHUB_TOKEN: github.token },
          stdio: ['ignore', 'ignore', 'pipe']
        }
      );
      const log: string[] = [];
      lab.stderr!.on('data', chunk => log.push(String(chunk)));
      const url = `http://127.0.0.1:${port}`;
      try {
        await waitForLab(url, lab);
        await use({ url, github });
      } catch (error) {
        throw new Error(`${error}\n${log.join('').slice(-3000)}`);
      } finally {
        await stop(lab);
        await stop(fake);
      }
    },
    { scope: 'worker' }
  ],
  baseURL: async ({ githubLab }, use) => {
    await use(githubLab.url);
  }
});

async function gitHubState(github: IFakeGitHub): Promise<any> {
  return (await fetch(`${github.url}/_fake/state`)).json();
}

test.describe('Review: test run, then a GitHub pull request through the proxy', () => {
  test('opens a pull request whose branch holds the schedule', async ({
    page,
    tmpPath,
    githubLab
  }) => {
    // A real sandboxed test run on a shared 2-core machine takes its time.
    test.setTimeout(180_000);
    const { github } = githubLab;
    const name = `revenue_${Date.now()}`;
    await openDemoNotebook(page, tmpPath, `${name}.ipynb`);
    await page.locator(SCHEDULE_BUTTON).click();
    const wizard = page.locator('.nbs-WizardDialog');
    const steps = wizard.getByRole('navigation', { name: 'Wizard steps' });
    await fillZoneAndOwner(wizard);

    await steps.getByRole('button', { name: /Test run/ }).click();
    await wizard.getByRole('button', { name: 'Start the test run' }).click();
    await expect(wizard.getByText('The test run succeeded.')).toBeVisible({
      timeout: 120_000
    });

    await steps.getByRole('button', { name: /Submit for review/ }).click();
    await expect(
      wizard.getByText(
        `A pull request from nbschedule/${name} into main of the GitHub repository ${github.repo}.`
      )
    ).toBeVisible();
    await wizard.getByRole('button', { name: 'Open the pull request' }).click();
    const done = wizard.locator('.nbs-SubmitStep-done');
    await expect(done.locator('p').first()).toHaveText(
      `Pull request #1 was opened: https://github.com/${github.repo}/pull/1`,
      { timeout: 30_000 }
    );
    await expect(done).toContainText(
      'Pending review — the schedule starts when PR #1 is merged.'
    );

    // What GitHub received, read back from the fake's own state.
    const state = await gitHubState(github);
    const branch = `heads/nbschedule/${name}`;
    expect(Object.keys(state.refs).sort()).toEqual(['heads/main', branch]);
    expect(Object.keys(state.files[branch])).toEqual(
      expect.arrayContaining([
        'README.md',
        `schedules/${name}.json`,
        `schedules/${name}_dag.py`,
        `${tmpPath}/${name}.ipynb`
      ])
    );
    const spec = JSON.parse(state.files[branch][`schedules/${name}.json`]);
    expect([spec.name, spec.zone]).toEqual([name, 'analytics']);
    expect(state.files[branch][`schedules/${name}_dag.py`]).toContain(
      `dag_id="nbschedule__${name}"`
    );
    expect(state.files['heads/main']).toEqual({ 'README.md': '# reports\n' });
    expect(state.messages[branch]).toContain(name);
    const [pull] = state.pulls;
    expect([pull.head.ref, pull.base.ref]).toEqual([
      `nbschedule/${name}`,
      'main'
    ]);
    expect(pull.body).toContain('**success** (completed)');
    expect(
      state.requests.filter((r: string) => !r.includes('/git/blobs'))
    ).toEqual([
      `GET /repos/${github.repo}`,
      `GET /repos/${github.repo}/git/ref/heads/main`,
      `GET /repos/${github.repo}/git/commits/${state.refs['heads/main']}`,
      `POST /repos/${github.repo}/git/trees`,
      `POST /repos/${github.repo}/git/commits`,
      `POST /repos/${github.repo}/git/refs`,
      `POST /repos/${github.repo}/pulls`
    ]);
    // The token stayed on the server.
    expect(await page.content()).not.toContain(github.token);

    // A review target of "local" sends reviews to a local branch even here.
    await page.evaluate(async () => {
      const settings = await (window as any).galata.getPlugin(
        '@jupyterlab/apputils-extension:settings'
      );
      await settings.set('nbschedule:wizard', 'reviewTarget', 'local');
    });
    await wizard.locator('.jp-Dialog-close-button').click();
    await page.locator(SCHEDULE_BUTTON).click();
    await steps.getByRole('button', { name: /Submit for review/ }).click();
    await expect(
      wizard.getByText(
        `A local git branch nbschedule/${name} in the repository at the Jupyter root, as your review target setting asks (this server would open a pull request on ${github.repo}).`
      )
    ).toBeVisible();
    await expect(
      wizard.getByRole('button', { name: 'Commit the branch' })
    ).toBeVisible();
  });
});

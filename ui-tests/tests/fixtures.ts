/**
 * What several specs start from: notebook files, a wizard filled in, schedules put in
 * place and run through the REST API, and a schedule with one failed run made by the
 * real scheduler and operator.
 */
import { expect, IJupyterLabPageFixture } from '@jupyterlab/galata';
import type { Locator } from '@playwright/test';
import * as fs from 'fs';
import * as path from 'path';

export const SCHEDULE_BUTTON =
  '.jp-NotebookPanel-toolbar [data-command="nbschedule:open-wizard"]';

const DEMO_NOTEBOOK = path.resolve(__dirname, '../../demo/daily_revenue.ipynb');

export function notebookJson(sources: [string, string[]][]): string {
  return JSON.stringify({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      kernelspec: {
        name: 'python3',
        display_name: 'Python 3',
        language: 'python'
      }
    },
    cells: sources.map(([source, tags]) => ({
      cell_type: 'code',
      source,
      metadata: { tags },
      outputs: [],
      execution_count: null
    }))
  });
}

/**
 * Uploads the demo notebook, changed by `edit`, as `tmpPath/name` and opens it: a
 * notebook of its own per test, so its schedule and branch names are new.
 */
export async function openDemoNotebook(
  page: IJupyterLabPageFixture,
  tmpPath: string,
  name: string,
  edit?: (notebook: any) => void
): Promise<void> {
  let content = fs.readFileSync(DEMO_NOTEBOOK, 'utf-8');
  if (edit) {
    const notebook = JSON.parse(content);
    edit(notebook);
    content = JSON.stringify(notebook);
  }
  await page.contents.uploadContent(content, 'text', `${tmpPath}/${name}`);
  await page.notebook.openByPath(`${tmpPath}/${name}`);
  await page.notebook.activate(name);
}

/** Fills what the open wizard cannot guess for a complete schedule: zone and owner. */
export async function fillZoneAndOwner(wizard: Locator): Promise<void> {
  const steps = wizard.getByRole('navigation', { name: 'Wizard steps' });
  await steps.getByRole('button', { name: /Data and zone/ }).click();
  await wizard.getByLabel('Purpose policy zone').selectOption('analytics');
  // Galata's user is anonymous: the owner is not guessed from its random id.
  await steps.getByRole('button', { name: /Owner and alerts/ }).click();
  await wizard.getByLabel('Owner', { exact: true }).fill('ada@example.com');
}

/** Uploads a notebook of `cells` (source and tags) to `notebookPath`. */
export async function uploadNotebook(
  page: IJupyterLabPageFixture,
  notebookPath: string,
  cells: [string, string[]][]
): Promise<void> {
  await page.contents.uploadContent(notebookJson(cells), 'text', notebookPath);
}

/**
 * A schedule of `notebook` that fires once a year and never catches up, so its only
 * runs are the ones a test starts; `fields` add to or replace its fields.
 */
export function scheduleSpec(
  name: string,
  notebook: string,
  fields: Record<string, unknown> = {}
): Record<string, unknown> & { name: string } {
  return {
    version: 1,
    name,
    notebook,
    cron: '0 0 1 1 *',
    timezone: 'UTC',
    start_date: '2026-01-01',
    zone: 'analytics',
    owner: 'ada@example.com',
    catchup: 'none',
    ...fields
  };
}

/** Puts `spec` in the workspace's schedules folder, where the scheduler finds it. */
export async function putSchedule(
  page: IJupyterLabPageFixture,
  spec: { name: string }
): Promise<void> {
  await page.contents.uploadContent(
    JSON.stringify(spec),
    'text',
    `schedules/${spec.name}.json`
  );
}

/** Starts a manual run of the schedule `name` once the scheduler lists it. */
export async function startRun(
  page: IJupyterLabPageFixture,
  name: string
): Promise<void> {
  await expect(async () => {
    const reply = await page.request.get('/nbschedule/schedules');
    const names = (await reply.json()).schedules.map((s: any) => s.name);
    expect(names).toContain(name);
  }).toPass({ timeout: 30_000 });
  const started = await page.request.post(
    `/nbschedule/schedules/${name}/runs`,
    { data: {} }
  );
  expect(started.status()).toBe(201);
}

/** Fails for the threshold of 100 that the threshold notebook's schedule sets. */
const FAILING_CELL = "assert threshold < 50, f'threshold is {threshold}'";

/** A notebook with a `threshold` parameter that its last cell, `lastCell`, uses. */
export function thresholdNotebook(lastCell = FAILING_CELL): string {
  return notebookJson([
    ['threshold = 1', ['parameters']],
    ['doubled = threshold * 2', []],
    [lastCell, []]
  ]);
}

/**
 * Uploads the threshold notebook to `folder/name.ipynb` and puts its schedule `name`,
 * with a threshold of 100, in place; `fields` change the schedule. Resolves to the
 * notebook's path.
 */
export async function scheduleFailingNotebook(
  page: IJupyterLabPageFixture,
  folder: string,
  name: string,
  fields: Record<string, unknown> = {}
): Promise<string> {
  const notebookPath = `${folder}/${name}.ipynb`;
  await page.contents.uploadContent(thresholdNotebook(), 'text', notebookPath);
  await putSchedule(
    page,
    scheduleSpec(name, notebookPath, {
      parameters: [{ name: 'threshold', type: 'int', value: 100 }],
      ...fields
    })
  );
  return notebookPath;
}

/**
 * Schedules the threshold notebook as `name` and runs it once; resolves when the run
 * has failed.
 */
export async function failedRun(
  page: IJupyterLabPageFixture,
  folder: string,
  name: string
): Promise<void> {
  await scheduleFailingNotebook(page, folder, name);
  await startRun(page, name);
  await expect(async () => {
    const reply = await page.request.get(`/nbschedule/runs?q=${name}`);
    const runs = (await reply.json()).runs;
    expect(runs.map((run: { status: string }) => run.status)).toEqual([
      'failed'
    ]);
  }).toPass({ timeout: 180_000 });
}

/** Shows the runs panel searched for `name`; resolves to the panel and the run's row. */
export async function showRunsOf(
  page: IJupyterLabPageFixture,
  name: string
): Promise<{ panel: Locator; row: Locator }> {
  await page.evaluate(() =>
    (window as any).jupyterapp.commands.execute('nbschedule:show-runs')
  );
  const panel = page.locator('#nbschedule-runs-panel');
  await panel.getByLabel('Search runs by schedule name or run id').fill(name);
  return { panel, row: panel.locator('.nbs-RunRow', { hasText: name }) };
}

/** Opens the runs panel, finds the run of `name` and opens its output notebook. */
export async function openFailedOutput(
  page: IJupyterLabPageFixture,
  name: string
): Promise<void> {
  const { panel, row } = await showRunsOf(page, name);
  await row.click();
  await panel.getByRole('button', { name: 'Open output' }).click();
  await expect(
    page.locator('.jp-NotebookPanel:visible .nbs-RunBanner')
  ).toContainText(name);
}

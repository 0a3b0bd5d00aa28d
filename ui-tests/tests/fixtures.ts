/**
 * What several specs start from: a notebook file, and a schedule with one failed
 * run made by the real scheduler and operator.
 */
import { expect, IJupyterLabPageFixture } from '@jupyterlab/galata';

export const SCHEDULE_BUTTON =
  '.jp-NotebookPanel-toolbar [data-command="nbschedule:open-wizard"]';

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
 * Uploads a notebook whose last cell fails, schedules it and runs it once; resolves
 * when the run has failed. The schedule's name is `name`.
 */
export async function failedRun(
  page: IJupyterLabPageFixture,
  folder: string,
  name: string
): Promise<void> {
  const path = `${folder}/${name}.ipynb`;
  await page.contents.uploadContent(
    notebookJson([
      ['threshold = 1', ['parameters']],
      ['doubled = threshold * 2', []],
      ["assert threshold < 50, f'threshold is {threshold}'", []]
    ]),
    'text',
    path
  );
  const spec = {
    version: 1,
    name,
    notebook: path,
    cron: '0 0 1 1 *',
    timezone: 'UTC',
    start_date: '2026-01-01',
    zone: 'analytics',
    owner: 'ada@example.com',
    catchup: 'none',
    parameters: [{ name: 'threshold', type: 'int', value: 100 }]
  };
  await page.contents.uploadContent(
    JSON.stringify(spec),
    'text',
    `schedules/${name}.json`
  );
  await expect(async () => {
    const reply = await page.request.post(
      `/nbschedule/schedules/${name}/runs`,
      {
        data: {}
      }
    );
    expect(reply.status()).toBe(201);
  }).toPass({ timeout: 30_000 });
  await expect(async () => {
    const reply = await page.request.get(`/nbschedule/runs?q=${name}`);
    const runs = (await reply.json()).runs;
    expect(runs.map((run: { status: string }) => run.status)).toEqual([
      'failed'
    ]);
  }).toPass({ timeout: 180_000 });
}

/** Opens the runs panel, finds the run of `name` and opens its output notebook. */
export async function openFailedOutput(
  page: IJupyterLabPageFixture,
  name: string
): Promise<void> {
  await page.evaluate(() =>
    (window as any).jupyterapp.commands.execute('nbschedule:show-runs')
  );
  const panel = page.locator('#nbschedule-runs-panel');
  await panel.getByLabel('Search runs by schedule name or run id').fill(name);
  await panel.locator('.nbs-RunRow', { hasText: name }).click();
  await panel.getByRole('button', { name: 'Open output' }).click();
  await expect(
    page.locator('.jp-NotebookPanel:visible .nbs-RunBanner')
  ).toContainText(name);
}

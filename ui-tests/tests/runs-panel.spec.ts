import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import { notebookJson } from './fixtures';

const BASE = '/nbschedule';

function notebook(failingSource: string): string {
  return notebookJson([
    ['threshold = 1', ['parameters']],
    ['doubled = threshold * 2', []],
    [failingSource, []]
  ]);
}

const FAILING = "assert threshold < 50, f'threshold is {threshold}'";

async function startRun(
  page: IJupyterLabPageFixture,
  name: string
): Promise<void> {
  await expect(async () => {
    const reply = await page.request.get(`${BASE}/schedules`);
    const names = (await reply.json()).schedules.map((s: any) => s.name);
    expect(names).toContain(name);
  }).toPass({ timeout: 30_000 });
  const started = await page.request.post(`${BASE}/schedules/${name}/runs`, {
    data: {}
  });
  expect(started.status()).toBe(201);
}

test.describe('Runs panel', () => {
  test('a failed run: open it at the failing cell, debug it, fix and re-run', async ({
    page,
    tmpPath
  }) => {
    test.setTimeout(300_000);
    const name = `failing_${Date.now()}`;
    const notebookPath = `${tmpPath}/${name}.ipynb`;
    await page.contents.uploadContent(notebook(FAILING), 'text', notebookPath);
    const spec = {
      version: 1,
      name,
      notebook: notebookPath,
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
    await startRun(page, name);

    // The runs list is a lazy chunk: JupyterLab's start-up fetched the extension's entry but
    // not the list; showing the panel fetches it (the browser's own record of fetched files).
    const extensionFiles = () =>
      page.evaluate(() =>
        performance
          .getEntriesByType('resource')
          .map(entry => entry.name)
          .filter(url => url.includes('/lab/extensions/nbschedule/static/'))
      );
    const atStartup = await extensionFiles();
    expect(
      await page.evaluate(() => performance.getEntriesByType('resource').length)
    ).toBeLessThan(250); // the browser's record keeps 250 files: not full, so nothing is missing
    expect(atStartup.some(url => url.includes('remoteEntry.'))).toBe(true);
    // Nor the Schedules view and its cron wording (cronstrue): each loads when first shown.
    expect(
      atStartup.filter(url => /RunsView|SchedulesView|cronstrue/.test(url))
    ).toEqual([]);
    await page.evaluate(() =>
      (window as any).jupyterapp.commands.execute('nbschedule:show-runs')
    );
    const panel = page.locator('#nbschedule-runs-panel');
    await expect
      .poll(async () =>
        (await extensionFiles()).some(url => url.includes('RunsView'))
      )
      .toBe(true);
    await panel.getByLabel('Search runs by schedule name or run id').fill(name);
    const row = panel.locator('.nbs-RunRow', { hasText: name });
    await expect(row).toContainText('Failed', { timeout: 180_000 });
    await expect(row).toHaveClass(/nbs-mod-failure/);

    // Open the output: read-only, on the failing cell, with the run's banner.
    await row.click();
    await panel.getByRole('button', { name: 'Open output' }).click();
    const banner = page.locator('.jp-NotebookPanel:visible .nbs-RunBanner');
    await expect(banner).toContainText(name);
    await expect(banner).toContainText('threshold = 100');
    await expect(banner).toContainText('AssertionError: threshold is 100');
    const active = page.locator(
      '.jp-NotebookPanel:visible .jp-Cell.jp-mod-active'
    );
    await expect(active).toContainText('assert threshold < 50');
    await expect(active).toHaveClass(/nbs-FailingCell/);

    // The run context pane follows the output notebook.
    await page.evaluate(() =>
      (window as any).jupyterapp.commands.execute('nbschedule:show-run-context')
    );
    const context = page.locator('#nbschedule-run-context');
    await expect(context).toContainText(name);
    await expect(
      context.getByRole('button', { name: 'Go to the failing cell' })
    ).toBeVisible();

    // Debug: an editable copy on a live kernel, with the injected values.
    await panel.getByRole('button', { name: 'Debug' }).click();
    await expect(page.locator('.jp-mod-current[role="tab"]')).toContainText(
      '.debug-',
      {
        timeout: 30_000
      }
    );
    const copy = page.locator('.jp-NotebookPanel:visible');
    await expect(copy.locator('.nbs-RunBanner')).toContainText('Debug copy');
    await expect(copy.locator('.jp-Cell.jp-mod-active')).toContainText(
      'assert threshold'
    );
    // Run every cell up to and including the failing one, one by one, on the kernel.
    await page.evaluate(async () => {
      const app = (window as any).jupyterapp;
      const panel = app.shell.currentWidget;
      await panel.sessionContext.ready;
      const failing = panel.content.activeCellIndex;
      for (let index = 0; index <= failing; index++) {
        panel.content.activeCellIndex = index;
        await app.commands.execute('notebook:run-cell');
      }
      panel.content.activeCellIndex = failing;
    });
    await expect(
      copy.locator('.jp-Cell.jp-mod-active .jp-OutputArea')
    ).toContainText('AssertionError: threshold is 100', { timeout: 60_000 });
    await expect(copy.locator('.jp-Cell').nth(1)).toContainText(
      'threshold = 100'
    );

    // Fix the notebook, re-run from the panel: the row turns success.
    await page.contents.uploadContent(
      notebook("print('ok', threshold)"),
      'text',
      notebookPath
    );
    await row.click();
    await panel.getByRole('button', { name: 'Re-run' }).click();
    await expect(row).toContainText('Succeeded', { timeout: 180_000 });
    await expect(row).not.toHaveClass(/nbs-mod-failure/);
  });
});

import { expect, test } from '@jupyterlab/galata';
import {
  scheduleFailingNotebook,
  startRun,
  thresholdNotebook
} from './fixtures';

const BASE = '/nbschedule';

const RETRY_DELAY_SECONDS = 15;

/** "1 min 5 s" or "45 s" as seconds. */
function seconds(worded: string): number {
  const [, minutes, rest] = /^(?:(\d+) min )?(\d+) s$/.exec(worded)!;
  return Number(minutes ?? 0) * 60 + Number(rest);
}

test.describe('Runs panel', () => {
  test('a failed run: open it at the failing cell, debug it, fix and re-run', async ({
    page,
    tmpPath
  }) => {
    test.setTimeout(300_000);
    const name = `failing_${Date.now()}`;
    const notebookPath = await scheduleFailingNotebook(page, tmpPath, name, {
      // One retry, late enough for the panel (polling every 5 s) to show the wait.
      retries: 1,
      retry_delay_seconds: RETRY_DELAY_SECONDS
    });
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
    expect(atStartup.filter(url => /RunsView/.test(url))).toEqual([]);
    // Nor the Schedules view and its cron wording (cronstrue): they are read ahead once
    // JupyterLab is idle after start-up, so no fetch of theirs starts before that mark.
    const beforeReadAhead = await page.evaluate(() => {
      const [mark] = performance.getEntriesByName(
        'nbschedule:schedules-read-ahead'
      );
      return performance
        .getEntriesByType('resource')
        .filter(entry => /SchedulesView|cronstrue/.test(entry.name))
        .filter(entry => !mark || entry.startTime < mark.startTime)
        .map(entry => entry.name);
    });
    expect(beforeReadAhead).toEqual([]);
    await page.evaluate(() =>
      (window as any).jupyterapp.commands.execute('nbschedule:show-runs')
    );
    const panel = page.locator('#nbschedule-runs-panel');
    // The history page size setting is what the panel asks the server for.
    const smallPage = page.waitForRequest(
      request =>
        request.url().includes(`${BASE}/runs?`) &&
        new URL(request.url()).searchParams.get('limit') === '10'
    );
    await page.evaluate(async () => {
      const settings = await (window as any).galata.getPlugin(
        '@jupyterlab/apputils-extension:settings'
      );
      await settings.set('nbschedule:runs-panel', 'historyPageSize', 10);
    });
    await smallPage;
    // At the default sidebar width every filter shows its whole choice.
    const clipped = await panel
      .locator('.nbs-RunFilters select')
      .evaluateAll(selects =>
        selects
          .filter(select => {
            const style = getComputedStyle(select);
            const context = document.createElement('canvas').getContext('2d')!;
            context.font = `${style.fontSize} ${style.fontFamily}`;
            const text = (select as HTMLSelectElement).selectedOptions[0].text;
            const room =
              select.clientWidth -
              parseFloat(style.paddingLeft) -
              parseFloat(style.paddingRight);
            return context.measureText(text).width > room;
          })
          .map(select => (select as HTMLSelectElement).selectedOptions[0].text)
      );
    expect(clipped).toEqual([]);
    await expect
      .poll(async () =>
        (await extensionFiles()).some(url => url.includes('RunsView'))
      )
      .toBe(true);
    await panel.getByLabel('Search runs by schedule name or run id').fill(name);
    const row = panel.locator('.nbs-RunRow', { hasText: name });
    await expect(panel.locator('.nbs-RunsView-count')).toHaveText('1 run', {
      timeout: 30_000
    });

    // Waiting for its retry: when it will be tried, not "Queued", and no ticking duration.
    await expect(row).toContainText(/Retry at \d\d:\d\d/, { timeout: 180_000 });
    await expect(row.locator('.nbs-RunRow-meta')).not.toContainText(/\d s\b/);
    await expect(row).toContainText('Failed', { timeout: 180_000 });
    await expect(row).toHaveClass(/nbs-mod-failure/);
    await expect(row.locator('.nbs-RunRow-meta')).toContainText('retry 1');
    // The row's start-to-end span holds the wait; only the details sum the attempts.
    await expect(row.locator('.nbs-RunRow-meta')).not.toContainText(/\d s\b/);
    await row.click();
    // Cancel on a finished run is unavailable and looks it, not like a warning.
    const cancel = panel.getByRole('button', { name: 'Cancel', exact: true });
    await expect(cancel).toBeDisabled();
    const [unavailable, warning] = await cancel.evaluate(node => {
      const enabled = document.createElement('button');
      enabled.className = node.className;
      node.after(enabled);
      const colours = [node, enabled].map(
        button => getComputedStyle(button).backgroundColor
      );
      enabled.remove();
      return colours;
    });
    expect(unavailable).not.toEqual(warning);
    const duration = panel.locator(
      '.nbs-RunDetail-facts dt:has-text("Duration") + dd'
    );
    await expect(duration).toHaveText(/^(\d+ min )?\d+ s$/);
    const [run] = (
      await (await page.request.get(`${BASE}/runs?q=${name}`)).json()
    ).runs;
    const span = (Date.parse(run.ended_at) - Date.parse(run.started_at)) / 1000;
    expect(seconds((await duration.textContent()) ?? '')).toBeLessThanOrEqual(
      span - RETRY_DELAY_SECONDS + 1
    );

    // The failure toast, whole, opens the output: read-only, on the failing cell,
    // with the run's banner.
    const toast = page.locator('.Toastify__toast', {
      hasText: `${name}: attempt 2 failed`
    });
    await expect(toast).toBeVisible({ timeout: 30_000 });
    await toast.getByRole('button', { name: 'Open run' }).click();
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
    // Its title is not cut off: it neither overflows the pane nor is truncated.
    const title = context.locator('.nbs-RunContext-title');
    expect(
      await title.evaluate(node => {
        const pane = node.closest('#nbschedule-run-context')!;
        return (
          node.scrollWidth <= node.clientWidth &&
          node.getBoundingClientRect().right <=
            pane.getBoundingClientRect().right
        );
      })
    ).toBe(true);
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
      thresholdNotebook("print('ok', threshold)"),
      'text',
      notebookPath
    );
    await row.click();
    await panel.getByRole('button', { name: 'Re-run' }).click();
    await expect(row).toContainText('Succeeded', { timeout: 180_000 });
    await expect(row).not.toHaveClass(/nbs-mod-failure/);
  });
});

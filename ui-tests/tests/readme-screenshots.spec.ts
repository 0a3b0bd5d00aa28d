/**
 * The README's screenshots, taken from the real extension: the wizard, and a failed
 * run opened from the Runs panel at its failing cell with papermill's error banner.
 * Each view is checked before it is taken. With NBSCHEDULE_SCREENSHOTS=1 the PNGs are
 * written to docs/images/ (to be committed); otherwise to the test's output folder.
 */
import { expect, test } from '@jupyterlab/galata';
import * as path from 'path';
import {
  putSchedule,
  SCHEDULE_BUTTON,
  scheduleSpec,
  showRunsOf,
  startRun,
  uploadNotebook
} from './fixtures';

const IMAGES = path.resolve(__dirname, '..', '..', 'docs', 'images');

function target(name: string, outputPath: (name: string) => string): string {
  return process.env.NBSCHEDULE_SCREENSHOTS
    ? path.join(IMAGES, name)
    : outputPath(name);
}

const FAILING_CELLS: [string, string[]][] = [
  ["region = 'all'\nmin_orders = 10", ['parameters']],
  ["orders = {'north': 12, 'south': 3}\norders", []],
  [
    "assert orders.get(region, 0) >= min_orders, f'only {orders.get(region, 0)} orders in {region}'",
    []
  ]
];

test.describe('README screenshots', () => {
  test.use({ viewport: { width: 1280, height: 900 } });

  test('the wizard and a failed run opened at its failing cell', async ({
    page,
    tmpPath
  }, testInfo) => {
    test.setTimeout(240_000);
    const outputPath = (name: string) => testInfo.outputPath(name);
    const name = `orders_check_${Date.now()}`;
    const notebookPath = `${tmpPath}/${name}.ipynb`;
    await uploadNotebook(page, notebookPath, FAILING_CELLS);

    await page.notebook.openByPath(notebookPath);
    await page.locator(SCHEDULE_BUTTON).click();
    const wizard = page.locator('.nbs-WizardDialog');
    await wizard.getByLabel('Cron expression').fill('0 6 * * 1-5');
    await expect(wizard.locator('.nbs-CronStep-nextRun')).toHaveCount(5);
    await wizard.screenshot({ path: target('wizard.png', outputPath) });
    await page.keyboard.press('Escape');
    await expect(wizard).toBeHidden();

    await putSchedule(
      page,
      scheduleSpec(name, notebookPath, {
        cron: '0 6 * * 1-5',
        parameters: [{ name: 'region', type: 'str', value: 'south' }]
      })
    );
    await startRun(page, name);

    const { panel, row } = await showRunsOf(page, name);
    await expect(row).toContainText('Failed', { timeout: 180_000 });
    await row.click();
    await panel.getByRole('button', { name: 'Open output' }).click();
    const output = page.locator('.jp-NotebookPanel:visible');
    await expect(output.locator('.nbs-RunBanner')).toContainText(
      'only 3 orders in south'
    );
    await expect(output.locator('.jp-Cell.jp-mod-active')).toHaveClass(
      /nbs-FailingCell/
    );
    // papermill's banner on top links to the failing cell, for readers outside JupyterLab.
    await expect(output.locator('.jp-MarkdownCell').first()).toContainText(
      'An Exception was encountered at'
    );
    await page.screenshot({ path: target('failed-run.png', outputPath) });
  });
});

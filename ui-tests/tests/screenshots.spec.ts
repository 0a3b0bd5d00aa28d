/**
 * Snapshots at 1280×720 of what must fit: the When step with its next runs, the DAG
 * preview, the banner on an output notebook and the clean tab of a read-only output.
 * Dates that follow the clock are masked.
 */
import { expect, test } from '@jupyterlab/galata';

import {
  failedRun,
  fillZoneAndOwner,
  openFailedOutput,
  SCHEDULE_BUTTON,
  uploadNotebook
} from './fixtures';

test.use({ viewport: { width: 1280, height: 720 } });

test('the When step and a 30-line DAG preview fit the wizard', async ({
  page,
  tmpPath
}) => {
  await uploadNotebook(page, `${tmpPath}/shots.ipynb`, [
    ["region = 'eu'", ['parameters']],
    ['total = 1', []]
  ]);
  await page.notebook.openByPath(`${tmpPath}/shots.ipynb`);
  await page.notebook.activate('shots.ipynb');
  await page.locator(SCHEDULE_BUTTON).click();
  const wizard = page.getByRole('dialog', { name: 'Schedule notebook' });
  await expect(wizard.getByLabel('Schedule name')).toBeFocused();
  const start = wizard.getByLabel('Start date');
  await start.fill('2030-01-01');
  // No focus ring or caret in the picture.
  await start.blur();
  await expect(wizard.locator('.nbs-CronStep-nextRun')).toHaveCount(5);
  const content = wizard.locator('.jp-Dialog-content');
  await expect(content).toHaveScreenshot('when-step.png', {
    mask: [wizard.locator('.nbs-CronStep-nextRun time')]
  });

  const steps = wizard.getByRole('navigation', { name: 'Wizard steps' });
  await fillZoneAndOwner(wizard);
  await steps.getByRole('button', { name: /Review/ }).click();
  await wizard.getByRole('button', { name: 'Preview pipeline' }).click();
  const code = wizard.getByRole('tabpanel');
  await expect(code).toContainText('NotebookOperator(');
  const visibleLines = await code.evaluate(node => {
    const lines = (node.textContent ?? '').split('\n').length;
    return Math.floor(node.clientHeight / (node.scrollHeight / lines));
  });
  expect(visibleLines).toBeGreaterThanOrEqual(30);
  await expect(content).toHaveScreenshot('dag-preview.png');
});

test('an output notebook: banner in view, clean tab, no Schedule button', async ({
  page,
  tmpPath
}) => {
  test.setTimeout(300_000);
  const name = 'shots_output';
  // With failure toasts turned off in the settings, the run's failure notice
  // reaches the page and shows no toast (which would also cover the screenshots).
  await page.evaluate(async () => {
    const settings = await (window as any).galata.getPlugin(
      '@jupyterlab/apputils-extension:settings'
    );
    await settings.set(
      'nbschedule:failure-notices',
      'showFailureToasts',
      false
    );
  });
  const noticed = page.waitForResponse(
    async response =>
      response.url().includes('/nbschedule/notifications?after=') &&
      (await response.text()).includes(`"schedule": "${name}"`),
    { timeout: 120_000 }
  );
  await failedRun(page, tmpPath, name);
  await openFailedOutput(page, name);
  const output = `#${await page.evaluate(
    () => (window as any).jupyterapp.shell.currentWidget.id
  )}`;
  const banner = page.locator(`${output} .nbs-RunBanner`);
  await expect(banner).toBeVisible();
  expect((await banner.boundingBox())!.height).toBeGreaterThan(40);
  await expect(
    page.locator(`${output} [data-command="nbschedule:open-wizard"]`)
  ).toBeHidden();

  const tab = page.locator('.jp-mod-current[role="tab"]');
  await expect(tab).toContainText('output.ipynb');
  await expect(tab).not.toHaveClass(/jp-mod-dirty/);
  await expect(tab).toHaveScreenshot('output-tab.png');
  // The banner alone: the notebook below it scrolls to the failing cell and a
  // failure notification may pass over its corner.
  await expect(banner).toHaveScreenshot('output-banner.png', {
    // The run id carries the moment of the run, so its mask is a few pixels
    // wider or narrower from run to run.
    maxDiffPixels: 200,
    mask: [banner.locator('strong')]
  });

  await noticed;
  // A toast renders within a frame of its notice; a second is ample.
  await page.waitForTimeout(1000);
  await expect(page.locator('.Toastify__toast', { hasText: name })).toHaveCount(
    0
  );

  // Closing asks nothing: there is nothing to save.
  await page.evaluate(() =>
    (window as any).jupyterapp.commands.execute('application:close')
  );
  await expect(page.locator(output)).toHaveCount(0);
  await expect(page.locator('.jp-Dialog')).toHaveCount(0);
});

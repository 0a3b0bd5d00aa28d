import { expect, test } from '@jupyterlab/galata';

import { SCHEDULE_BUTTON } from './fixtures';

test.describe('Schedule wizard, cron step', () => {
  test.beforeEach(async ({ page }) => {
    await page.notebook.createNew('report.ipynb');
  });

  test('the toolbar button shows the cron in words and the next runs', async ({
    page
  }) => {
    await page.locator(SCHEDULE_BUTTON).click();
    const wizard = page.locator('.nbs-WizardDialog');
    await expect(wizard).toBeVisible();
    await expect(wizard.locator('.nbs-Wizard-notebook')).toContainText(
      'report.ipynb'
    );

    await wizard.getByLabel('Cron expression').fill('30 2 * * *');
    await wizard.getByLabel('Time zone').selectOption('Europe/Berlin');

    await expect(wizard.locator('.nbs-CronStep-words')).toHaveText(
      'At 02:30, every day'
    );
    const runs = wizard.locator('.nbs-CronStep-nextRun');
    await expect(runs).toHaveCount(5);
    for (const run of await runs.all()) {
      await expect(run).toContainText('02:30');
      await expect(run).toContainText('GMT+');
    }
  });

  test('an invalid cron gets a clear inline error and no runs', async ({
    page
  }) => {
    await page.locator(SCHEDULE_BUTTON).click();
    const wizard = page.locator('.nbs-WizardDialog');
    const cron = wizard.getByLabel('Cron expression');

    await cron.fill('61 * * * *');
    await expect(
      wizard.getByRole('alert').filter({ hasText: 'out of range' })
    ).toHaveText('Field 1 (minute): 61 is out of range 0–59.');
    await expect(cron).toHaveAttribute('aria-invalid', 'true');
    await expect(wizard.locator('.nbs-CronStep-nextRun')).toHaveCount(0);

    // Enter in a field must not close the wizard and lose the draft.
    await cron.press('Enter');
    await expect(wizard).toBeVisible();

    await cron.fill('0 6 * * 1-5');
    await expect(cron).toHaveAttribute('aria-invalid', 'false');
    await expect(wizard.locator('.nbs-CronStep-nextRun')).toHaveCount(5);
  });

  test('a preset is one keypress away and the draft survives closing', async ({
    page
  }) => {
    await page.locator(SCHEDULE_BUTTON).click();
    const wizard = page.locator('.nbs-WizardDialog');
    const preset = wizard.getByRole('button', { name: 'Mondays at 08:00' });
    // The dialog moves focus to its first field once rendered; wait for that,
    // or it can take the focus back from the preset before Enter lands.
    await expect(wizard.locator(':focus')).toHaveCount(1);
    await preset.focus();
    await expect(preset).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(wizard.getByLabel('Cron expression')).toHaveValue('0 8 * * 1');
    await expect(preset).toHaveAttribute('aria-pressed', 'true');

    await page.keyboard.press('Escape');
    await expect(wizard).toHaveCount(0);

    await page.locator(SCHEDULE_BUTTON).click();
    await expect(
      page.locator('.nbs-WizardDialog').getByLabel('Cron expression')
    ).toHaveValue('0 8 * * 1');
  });

  test('the palette command opens the wizard', async ({ page }) => {
    await page.menu.clickMenuItem('View>Activate Command Palette');
    const palette = page.locator('#modal-command-palette');
    await palette.locator('.lm-CommandPalette-input').fill('Schedule');
    await palette
      .locator('.lm-CommandPalette-itemLabel', { hasText: /^Schedule…$/ })
      .click();
    await expect(page.locator('.nbs-WizardDialog')).toBeVisible();
  });
});

test.describe('Schedule wizard, dark theme', () => {
  test.use({ autoGoto: true });

  test('renders with the dark theme variables', async ({ page }) => {
    await page.theme.setDarkTheme();
    await page.notebook.createNew('dark.ipynb');
    await page.locator(SCHEDULE_BUTTON).click();
    const words = page.locator('.nbs-WizardDialog .nbs-CronStep-words');
    await expect(words).not.toBeEmpty();
    const color = await words.evaluate(node => getComputedStyle(node).color);
    // Dark themes draw light text: every channel well above mid-grey.
    const channels = (color.match(/\d+/g) ?? []).slice(0, 3).map(Number);
    expect(Math.min(...channels)).toBeGreaterThan(150);
  });
});

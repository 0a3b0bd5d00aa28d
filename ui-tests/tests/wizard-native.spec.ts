import {
  expect,
  galata,
  IJupyterLabPageFixture,
  test
} from '@jupyterlab/galata';

import { SCHEDULE_BUTTON, uploadNotebook } from './fixtures';

test.use({ viewport: { width: 1280, height: 720 } });

/** Changes a setting as the Settings Editor does, through the setting registry. */
async function setSetting(
  page: IJupyterLabPageFixture,
  plugin: string,
  key: string,
  value: unknown
): Promise<void> {
  await page.evaluate(
    async ([plugin, key, value]) => {
      const settings = await (window as any).galata.getPlugin(
        '@jupyterlab/apputils-extension:settings'
      );
      await settings.set(plugin, key, value);
    },
    [plugin, key, value] as [string, string, unknown]
  );
}

test.describe('The wizard behaves like a JupyterLab dialog', () => {
  test('size, focus, name, unavailable buttons, owner and Escape', async ({
    page
  }) => {
    await page.notebook.createNew('native.ipynb');
    const button = page.locator(SCHEDULE_BUTTON);
    // A labelled button, as the README's "press Schedule" promises.
    await expect(button).toHaveText('Schedule');
    await button.click();

    // An accessible name, and the focus inside on the first field of the step.
    const wizard = page.getByRole('dialog', { name: 'Schedule notebook' });
    await expect(wizard).toBeVisible();
    await expect(wizard.getByLabel('Schedule name')).toBeFocused();

    // The whole When step, time zone and next runs included, fits without scrolling.
    await expect(wizard.locator('.nbs-CronStep-nextRun')).toHaveCount(5);
    const step = wizard.locator('.nbs-Wizard-step:not([hidden])');
    const overflow = await step.evaluate(
      node => node.scrollHeight - node.clientHeight
    );
    expect(overflow).toBeLessThanOrEqual(0);
    const content = await wizard.locator('.jp-Dialog-content').boundingBox();
    expect(content!.height).toBeGreaterThan(600);

    // Back on the first step is unavailable and looks it.
    const back = wizard.getByRole('button', { name: 'Back' });
    const next = wizard.getByRole('button', { name: 'Next' });
    await expect(back).toHaveAttribute('aria-disabled', 'true');
    const background = (locator: typeof back) =>
      locator.evaluate(node => getComputedStyle(node).backgroundColor);
    expect(await background(back)).not.toEqual(await background(next));

    // Tab wraps both ways inside the dialog.
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    expect(
      await wizard.evaluate(node => node.contains(document.activeElement))
    ).toBe(true);

    // The anonymous user's random id is not offered as the owner.
    await wizard
      .getByRole('navigation', { name: 'Wizard steps' })
      .getByRole('button', { name: /Owner and alerts/ })
      .click();
    await expect(wizard.getByLabel('Owner', { exact: true })).toHaveValue('');

    // Next on the last step is unavailable and looks it too.
    await wizard
      .getByRole('navigation', { name: 'Wizard steps' })
      .getByRole('button', { name: /Submit for review/ })
      .click();
    await expect(next).toHaveAttribute('aria-disabled', 'true');
    expect(await background(next)).not.toEqual(await background(back));

    await page.keyboard.press('Escape');
    await expect(wizard).toHaveCount(0);
  });

  test('the file browser, the File menu and a shortcut offer it too', async ({
    page,
    tmpPath
  }) => {
    await uploadNotebook(page, `${tmpPath}/found.ipynb`, []);
    // A new schedule starts from the default time zone and zone settings.
    await setSetting(
      page,
      'nbschedule:wizard',
      'defaultTimezone',
      'Asia/Tokyo'
    );
    await setSetting(page, 'nbschedule:wizard', 'defaultZone', 'analytics');
    await page.filebrowser.openDirectory(tmpPath);
    await page
      .locator('.jp-DirListing-item', { hasText: 'found.ipynb' })
      .click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Schedule…' }).click();
    const wizard = page.getByRole('dialog', { name: 'Schedule notebook' });
    const name = wizard.getByLabel('Schedule name');
    await expect(wizard.locator('.nbs-Wizard-notebook')).toContainText(
      'found.ipynb'
    );
    await expect(name).toBeFocused();
    await expect(wizard.getByLabel('Time zone')).toHaveValue('Asia/Tokyo');
    await wizard
      .getByRole('navigation', { name: 'Wizard steps' })
      .getByRole('button', { name: /Data and zone/ })
      .click();
    await expect(wizard.getByLabel('Purpose policy zone')).toHaveValue(
      'analytics'
    );
    await page.keyboard.press('Escape');
    await expect(wizard).toHaveCount(0);

    await page.menu.clickMenuItem('File>Schedule…');
    await expect(name).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(wizard).toHaveCount(0);

    await page.locator('.jp-Notebook').first().click();
    await page.keyboard.press('Escape');
    await page.keyboard.press('ControlOrMeta+Shift+U');
    await expect(name).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(wizard).toHaveCount(0);

    // A notebook in the runs folder the settings name is a run output: nothing to schedule.
    const archived = `${tmpPath}/archive/found.ipynb`;
    await uploadNotebook(page, archived, []);
    const visibleButton = page.locator(
      `.jp-NotebookPanel:visible ${SCHEDULE_BUTTON}`
    );
    await page.notebook.openByPath(archived);
    await expect(visibleButton).toBeVisible();
    await page.notebook.close();
    await setSetting(page, 'nbschedule:runs-panel', 'runsFolder', 'archive');
    await page.notebook.openByPath(archived);
    await expect(
      page.locator('.jp-NotebookPanel:visible .jp-NotebookPanel-toolbar')
    ).toBeVisible();
    await expect(visibleButton).toBeHidden();

    // Every setting is in the Settings Editor.
    await page.evaluate(() =>
      (window as any).jupyterapp.commands.execute('settingeditor:open', {
        query: 'nbschedule'
      })
    );
    const editor = page.locator('.jp-SettingsPanel');
    for (const title of [
      'Default time zone',
      'Default zone',
      'Review target',
      'History page size',
      'Runs folder',
      'Show failure notifications'
    ]) {
      await expect(editor.getByText(title, { exact: true })).toBeVisible();
    }
  });
});

void galata;

/**
 * Keyboard only, from the toolbar button to a committed review branch: no mouse
 * click, no fill, no selectOption once the notebook is open.
 */
import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';

import { openDemoNotebook, SCHEDULE_BUTTON } from './fixtures';
import { git, serverRoot } from './serverGit';

/** The accessible name of the focused element, the way a screen reader reads it. */
function focusedName(page: IJupyterLabPageFixture): Promise<string> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element?.closest('.jp-Dialog')) {
      return '';
    }
    const labelled = (element as HTMLInputElement).labels?.[0]?.textContent;
    return (
      element.getAttribute('aria-label') ??
      labelled ??
      element.textContent ??
      ''
    ).trim();
  });
}

/** Presses `key` until the focus is on a control named `name` (at most 60 times). */
async function moveFocusTo(
  page: IJupyterLabPageFixture,
  name: RegExp,
  key = 'Tab'
): Promise<void> {
  for (let presses = 0; presses < 60; presses++) {
    if (name.test(await focusedName(page))) {
      return;
    }
    await page.keyboard.press(key);
  }
  throw new Error(`No control named ${name} reachable with ${key}`);
}

test('keyboard only: toolbar button to a committed branch', async ({
  page,
  tmpPath
}) => {
  test.setTimeout(300_000);
  const name = `keys_${Date.now()}`;
  await openDemoNotebook(page, tmpPath, `${name}.ipynb`);

  await page.locator(SCHEDULE_BUTTON).focus();
  await page.keyboard.press('Enter');
  const wizard = page.getByRole('dialog', { name: 'Schedule notebook' });
  await expect(wizard.getByLabel('Schedule name')).toBeFocused();

  await moveFocusTo(page, /Data and zone/, 'Shift+Tab');
  await page.keyboard.press('Enter');
  await moveFocusTo(page, /^Purpose policy zone$/);
  const zone = wizard.getByLabel('Purpose policy zone');
  for (let presses = 0; presses < 10; presses++) {
    if ((await zone.inputValue()) === 'analytics') {
      break;
    }
    await page.keyboard.press('ArrowDown');
  }
  await expect(zone).toHaveValue('analytics');

  await moveFocusTo(page, /Owner and alerts/, 'Shift+Tab');
  await page.keyboard.press('Enter');
  await moveFocusTo(page, /^Owner$/);
  await page.keyboard.type('ada@example.com');

  await moveFocusTo(page, /Test run/, 'Shift+Tab');
  await page.keyboard.press('Enter');
  await moveFocusTo(page, /^Start the test run$/);
  await page.keyboard.press('Enter');
  await expect(wizard.getByText('The test run succeeded.')).toBeVisible({
    timeout: 180_000
  });

  await moveFocusTo(page, /Submit for review/, 'Shift+Tab');
  await page.keyboard.press('Enter');
  await moveFocusTo(page, /^Commit the branch$/);
  await page.keyboard.press('Enter');
  await expect(
    wizard.getByText(`Committed on the branch nbschedule/${name}.`)
  ).toBeVisible({ timeout: 60_000 });

  const files = git(
    await serverRoot(page),
    'ls-tree',
    '-r',
    '--name-only',
    `nbschedule/${name}`
  );
  expect(files).toContain(`schedules/${name}.json`);

  await page.keyboard.press('Escape');
  await expect(wizard).toHaveCount(0);
});

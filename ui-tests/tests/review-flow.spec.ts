import { expect, test } from '@jupyterlab/galata';

import {
  fillZoneAndOwner,
  openDemoNotebook,
  SCHEDULE_BUTTON
} from './fixtures';
import { git, serverRoot } from './serverGit';

test.describe('Review: test run, then a local git branch', () => {
  test('walks the whole wizard to a reviewable branch', async ({
    page,
    tmpPath
  }) => {
    // A real sandboxed test run on a shared 2-core machine takes its time.
    test.setTimeout(180_000);
    const name = `revenue_${Date.now()}`;
    await openDemoNotebook(page, tmpPath, `${name}.ipynb`);
    await page.locator(SCHEDULE_BUTTON).click();
    const wizard = page.locator('.nbs-WizardDialog');
    const steps = wizard.getByRole('navigation', { name: 'Wizard steps' });

    await fillZoneAndOwner(wizard);
    await steps.getByRole('button', { name: /Review/ }).click();
    await expect(wizard.getByRole('status')).toHaveText(
      'The schedule is complete and within its zone.'
    );

    await steps.getByRole('button', { name: /Test run/ }).click();
    await wizard.getByRole('button', { name: 'Start the test run' }).click();
    await expect(wizard.getByText('The test run succeeded.')).toBeVisible({
      timeout: 120_000
    });
    const progress = wizard.getByRole('progressbar');
    await expect(progress).toHaveAttribute(
      'aria-valuenow',
      (await progress.getAttribute('aria-valuemax')) ?? ''
    );

    await steps.getByRole('button', { name: /Submit for review/ }).click();
    await expect(
      wizard.getByText(`schedules/${name}.json`, { exact: true })
    ).toBeVisible();
    // The summary's description is the user's to edit before it is committed.
    const description = wizard.getByLabel('Description', { exact: true });
    await expect(description).toHaveValue(/\*\*success\*\* \(completed\)/);
    await description.press('ControlOrMeta+End');
    await description.pressSequentially('\nReviewed with the finance team.');
    // A first submission has no branch to update.
    await expect(wizard.getByText(/Update the existing schedule/)).toHaveCount(
      0
    );
    await wizard.getByRole('button', { name: 'Commit the branch' }).click();
    await expect(
      wizard.getByText(`Committed on the branch nbschedule/${name}.`)
    ).toBeVisible({ timeout: 30_000 });

    // What a reviewer gets, read back with real git.
    const root = await serverRoot(page);
    const files = git(
      root,
      'ls-tree',
      '-r',
      '--name-only',
      `nbschedule/${name}`
    );
    expect(files.split('\n')).toEqual(
      expect.arrayContaining([
        `schedules/${name}.json`,
        `schedules/${name}_dag.py`,
        `${tmpPath}/${name}.ipynb`,
        `${tmpPath}/${name}.py`
      ])
    );
    const spec = JSON.parse(
      git(root, 'show', `nbschedule/${name}:schedules/${name}.json`)
    );
    expect(spec.zone).toBe('analytics');
    const message = git(root, 'log', '-1', '--format=%B', `nbschedule/${name}`);
    expect(message).toContain(name);
    expect(message).toContain('Reviewed with the finance team.');
    expect(message).toContain('**success** (completed)');
    // The user's own branch and working tree are untouched.
    expect(git(root, 'status', '--porcelain', '--untracked-files=no')).toBe('');

    // The test run's output notebook is a link: it closes the wizard and opens it.
    await steps.getByRole('button', { name: /Test run/ }).click();
    await wizard.getByRole('button', { name: /\/output\.ipynb$/ }).click();
    await expect(wizard).toHaveCount(0);
    await expect(page.locator('.jp-mod-current[role="tab"]')).toContainText(
      'output.ipynb'
    );
  });

  test('a failed test run blocks submission until overridden', async ({
    page,
    tmpPath
  }) => {
    // A real sandboxed test run on a shared 2-core machine takes its time.
    test.setTimeout(180_000);
    const name = `broken_${Date.now()}`;
    await openDemoNotebook(page, tmpPath, `${name}.ipynb`, notebook => {
      notebook.cells.push({
        cell_type: 'code',
        metadata: {},
        outputs: [],
        execution_count: null,
        source: 'raise ValueError("no revenue today")'
      });
    });
    await page.locator(SCHEDULE_BUTTON).click();
    const wizard = page.locator('.nbs-WizardDialog');
    const steps = wizard.getByRole('navigation', { name: 'Wizard steps' });
    await fillZoneAndOwner(wizard);

    await steps.getByRole('button', { name: /Test run/ }).click();
    await wizard.getByRole('button', { name: 'Start the test run' }).click();
    await expect(wizard.getByText(/The test run failed/)).toBeVisible({
      timeout: 120_000
    });
    await expect(
      wizard.getByText('ValueError: no revenue today', { exact: true })
    ).toBeVisible();

    // The schedule already waits in review on its branch: updating it is offered.
    const pending = await page.request.post('/nbschedule/review/local-branch', {
      data: {
        branch: `nbschedule/${name}`,
        message: 'An earlier review',
        files: {
          [`schedules/${name}.json`]: JSON.stringify({
            version: 1,
            name,
            notebook: `${tmpPath}/${name}.ipynb`,
            cron: '0 6 * * *',
            timezone: 'UTC',
            zone: 'analytics',
            owner: 'ada@example.com'
          })
        }
      }
    });
    expect(pending.status()).toBe(201);
    await steps.getByRole('button', { name: /Submit for review/ }).click();
    await expect(
      wizard.getByLabel(/Update the existing schedule/)
    ).toBeChecked();
    const commit = wizard.getByRole('button', { name: 'Commit the branch' });
    await expect(commit).toBeDisabled();
    await wizard.getByLabel(/Submit although the test run failed/).check();
    await expect(commit).toBeEnabled();

    // A review target of GitHub on a server without GitHub refuses, saying why.
    await page.evaluate(async () => {
      const settings = await (window as any).galata.getPlugin(
        '@jupyterlab/apputils-extension:settings'
      );
      await settings.set('nbschedule:wizard', 'reviewTarget', 'github');
    });
    await page.locator('.nbs-WizardDialog .jp-Dialog-close-button').click();
    await page.locator(SCHEDULE_BUTTON).click();
    await steps.getByRole('button', { name: /Submit for review/ }).click();
    await expect(
      wizard.getByText(
        /^Your review target setting asks for a GitHub pull request/
      )
    ).toBeVisible();
    await expect(
      wizard.getByRole('button', { name: 'Open the pull request' })
    ).toBeDisabled();
  });
});

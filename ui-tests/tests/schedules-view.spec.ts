import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import * as fs from 'fs';
import * as path from 'path';

import {
  fillZoneAndOwner,
  openDemoNotebook,
  SCHEDULE_BUTTON
} from './fixtures';
import { git, serverRoot } from './serverGit';

const BASE = '/nbschedule';
// Read by the scheduler's clock in jupyter_server_test_config.py.
const CLOCK_FILE = 'nbschedule-test-clock.json';

// Fire times and backfill days are then the same in the browser, the spec and UTC.
test.use({ timezoneId: 'UTC' });

async function states(page: IJupyterLabPageFixture): Promise<any> {
  const reply = await page.request.get(`${BASE}/schedule-states`);
  expect(reply.status()).toBe(200);
  return reply.json();
}

async function facts(page: IJupyterLabPageFixture, name: string): Promise<any> {
  return (await states(page)).schedules.find((s: any) => s.name === name);
}

async function runsOf(
  page: IJupyterLabPageFixture,
  name: string,
  trigger: string
): Promise<any[]> {
  const reply = await page.request.get(
    `${BASE}/runs?schedule=${name}&trigger=${trigger}`
  );
  return (await reply.json()).runs;
}

test.describe('Schedules view', () => {
  test.afterEach(async ({ page }) => {
    if (await page.contents.fileExists(CLOCK_FILE)) {
      await page.contents.deleteFile(CLOCK_FILE);
    }
  });

  test('from submit to in review, active, run now, pause, resume, backfill and edit', async ({
    page,
    tmpPath
  }) => {
    test.setTimeout(600_000);
    const name = `sched_${Date.now()}`;
    const notebookPath = `${tmpPath}/${name}.ipynb`;
    await openDemoNotebook(page, tmpPath, `${name}.ipynb`);

    const panel = page.locator('#nbschedule-schedules-panel');
    const row = panel.locator('.nbs-ScheduleRow', { hasText: name });
    const detail = panel.locator('.nbs-ScheduleDetail');

    await test.step('submit to a local branch: the wizard ends on what happens next', async () => {
      await page.locator(SCHEDULE_BUTTON).click();
      const wizard = page.locator('.nbs-WizardDialog');
      const steps = wizard.getByRole('navigation', { name: 'Wizard steps' });
      // Started weeks ago, missed runs skipped: merging it runs nothing by itself.
      const started = new Date(Date.now() - 21 * 86_400_000);
      await wizard
        .getByLabel('Start date')
        .fill(started.toISOString().slice(0, 10));
      await wizard.getByLabel('Missed runs').selectOption('none');
      await fillZoneAndOwner(wizard);
      await steps.getByRole('button', { name: /Test run/ }).click();
      await wizard.getByRole('button', { name: 'Start the test run' }).click();
      await expect(wizard.getByText('The test run succeeded.')).toBeVisible({
        timeout: 180_000
      });
      await steps.getByRole('button', { name: /Submit for review/ }).click();
      await wizard.getByRole('button', { name: 'Commit the branch' }).click();
      await expect(
        wizard.getByText(
          `Pending review — the schedule starts when branch nbschedule/${name} is merged.`
        )
      ).toBeVisible({ timeout: 30_000 });
      await wizard
        .getByRole('button', { name: `Show ${name} in Schedules` })
        .click();
      await expect(wizard).toHaveCount(0);
    });

    await test.step('in review until the branch is merged from a terminal, then active', async () => {
      await expect(panel).toBeVisible();
      await expect(row.locator('.nbs-StateBadge')).toHaveText('In review');
      await expect(detail).toContainText(
        `Pending review: the schedule starts when branch nbschedule/${name} is merged into main.`
      );
      await expect(detail).toContainText('At 06:00, every day (UTC)');

      const root = await serverRoot(page);
      // The uploaded notebook is untracked in the workspace; the branch brings it back.
      fs.rmSync(path.join(root, notebookPath));
      fs.rmSync(path.join(root, notebookPath.replace(/\.ipynb$/, '.py')), {
        force: true
      });
      git(
        root,
        'merge',
        '--no-ff',
        '-m',
        `Merge ${name}`,
        `nbschedule/${name}`
      );
      // As a user does after merging from a terminal: reload the open notebook from disk
      // (File > Reload Notebook from Disk). Otherwise a later save of its editor (Edit
      // saves unsaved changes, such as the kernel's language info) meets JupyterLab's
      // "File Changed" dialog, since the merge rewrote the file under it.
      await page.evaluate(async notebook => {
        for (const widget of (window as any).jupyterapp.shell.widgets('main')) {
          if (widget.context?.path === notebook) {
            await widget.context.revert();
          }
        }
      }, notebookPath);

      await expect(row.locator('.nbs-StateBadge')).toHaveText('Active', {
        timeout: 30_000
      });
      const next = (await facts(page, name)).next_fire_time as string;
      expect(next).toMatch(/T06:00:00\+00:00$/);
      await expect(detail.locator('.nbs-ScheduleDetail-next')).toContainText(
        'Next: '
      );
      await expect(detail.locator('.nbs-ScheduleDetail-next')).toContainText(
        '06:00'
      );
    });

    await test.step('run now with an overridden parameter: queued, running, succeeded in both panels', async () => {
      await detail.getByRole('button', { name: 'Run now' }).click();
      const dialog = page.locator('.jp-Dialog');
      await dialog
        .getByLabel('Value of min_amount', { exact: true })
        .fill('7.5');
      await dialog.getByRole('button', { name: 'Run now' }).click();
      // The Run now reply is the queued run; the notice follows it to the end.
      await expect(
        page
          .locator('.Toastify')
          .getByText(/Run manual__\S+ of \S+ is queued\./)
      ).toBeVisible();
      const strip = detail.locator('.nbs-ScheduleDetail-runs button').first();
      await expect(strip).toHaveAccessibleName(/^manual run of .*: running$/, {
        timeout: 60_000
      });
      await expect(strip).toHaveAccessibleName(/^manual run of .*: success$/, {
        timeout: 180_000
      });
      await expect(
        page
          .locator('.Toastify')
          .getByText(/Run manual__\S+ of \S+ succeeded\./)
      ).toBeVisible();

      await detail.getByRole('button', { name: 'Show runs' }).click();
      const runs = page.locator('#nbschedule-runs-panel');
      const manual = runs.locator('.nbs-RunRow', { hasText: 'manual' });
      await expect(manual).toContainText('Succeeded');
      await manual.click();
      await expect(runs.locator('.nbs-RunDetail-parameters')).toContainText(
        '7.5'
      );
      const [run] = await runsOf(page, name, 'manual');
      expect(run.status).toBe('success');
    });

    let nextFire = '';
    await test.step('paused: the next fire time passes without a run', async () => {
      await page.evaluate(() =>
        (window as any).jupyterapp.commands.execute('nbschedule:show-schedules')
      );
      await row.click();
      await detail.getByRole('button', { name: 'Pause' }).click();
      await page
        .locator('.jp-Dialog')
        .getByRole('button', { name: 'Pause' })
        .click();
      await expect(row.locator('.nbs-StateBadge')).toHaveText('Paused');
      await expect(detail.locator('.nbs-ScheduleDetail-next')).toHaveText(
        'Next: none while paused'
      );

      // Move the scheduler's clock to 3 s before the fire time, then past it.
      const before = await states(page);
      nextFire = before.schedules.find(
        (s: any) => s.name === name
      ).next_fire_time;
      const offset =
        (Date.parse(nextFire) - Date.parse(before.now) - 3_000) / 1000;
      await page.contents.uploadContent(
        JSON.stringify({ offset_seconds: offset }),
        'text',
        CLOCK_FILE
      );
      await expect
        .poll(async () => Date.parse((await states(page)).now), {
          timeout: 30_000
        })
        .toBeGreaterThan(Date.parse(nextFire) + 3_000);
      expect(await runsOf(page, name, 'scheduled')).toEqual([]);
      await expect(row.locator('.nbs-StateBadge')).toHaveText('Paused');
    });

    await test.step('resumed: active again, from the next fire time on', async () => {
      await detail.getByRole('button', { name: 'Resume' }).click();
      await page
        .locator('.jp-Dialog')
        .getByRole('button', { name: 'Resume' })
        .click();
      await expect(row.locator('.nbs-StateBadge')).toHaveText('Active');
      const resumed = await facts(page, name);
      expect(resumed.pause).toBeNull();
      expect(Date.parse(resumed.next_fire_time) - Date.parse(nextFire)).toBe(
        86_400_000
      );
      expect(await runsOf(page, name, 'scheduled')).toEqual([]);
    });

    await test.step('backfill 3 days: the count first, then 3 runs', async () => {
      await detail.getByRole('button', { name: 'Backfill' }).click();
      const dialog = page.locator('.jp-Dialog');
      await expect(dialog.getByRole('status')).toHaveText(
        'This creates 3 runs.'
      );
      await dialog.getByRole('button', { name: 'Start the backfill' }).click();
      await expect(
        page
          .locator('.Toastify')
          .getByText(`Backfill of ${name}: 3 of 3 runs finished (0 failed).`)
      ).toBeVisible({ timeout: 300_000 });
      const backfill = await runsOf(page, name, 'backfill');
      expect(backfill.map(run => run.status)).toEqual([
        'success',
        'success',
        'success'
      ]);
      await detail.getByRole('button', { name: 'Show runs' }).click();
      await expect(
        page.locator('#nbschedule-runs-panel .nbs-RunRow', {
          hasText: 'backfill'
        })
      ).toHaveCount(3, { timeout: 15_000 });
    });

    await test.step('retire opens a review; the schedule runs until it is merged', async () => {
      await page.evaluate(() =>
        (window as any).jupyterapp.commands.execute('nbschedule:show-schedules')
      );
      await row.click();
      await detail.getByRole('button', { name: 'Retire' }).click();
      await page
        .locator('.jp-Dialog')
        .getByRole('button', { name: 'Open the retire review' })
        .click();
      await expect(detail.locator('.nbs-ScheduleDetail-state')).toHaveText(
        `Active; a change is in review on nbschedule/${name}.`
      );
      const root = await serverRoot(page);
      expect(
        git(root, 'diff', '--name-status', 'main', `nbschedule/${name}`)
          .trim()
          .split('\n')
          .sort()
      ).toEqual([`D\tschedules/${name}.json`, `D\tschedules/${name}_dag.py`]);
    });

    await test.step('edit opens the wizard with every field as saved', async () => {
      await page.evaluate(() =>
        (window as any).jupyterapp.commands.execute('nbschedule:show-schedules')
      );
      await row.click();
      await detail.getByRole('button', { name: 'Edit' }).click();
      const wizard = page.locator('.nbs-WizardDialog');
      await expect(wizard).toContainText(`Edit schedule ${name}`);
      await expect(wizard.getByLabel('Schedule name')).toHaveValue(name);
      await expect(wizard.getByLabel('Cron expression')).toHaveValue(
        '0 6 * * *'
      );
      const steps = wizard.getByRole('navigation', { name: 'Wizard steps' });
      await steps.getByRole('button', { name: /Data and zone/ }).click();
      await expect(wizard.getByLabel('Purpose policy zone')).toHaveValue(
        'analytics'
      );
      // Every field: the wizard's spec is the merged file, byte for byte.
      await steps.getByRole('button', { name: /Review/ }).click();
      await wizard.getByRole('button', { name: 'Preview pipeline' }).click();
      await wizard.getByRole('tab', { name: 'Schedule spec' }).click();
      const saved = fs.readFileSync(
        path.join(await serverRoot(page), 'schedules', `${name}.json`),
        'utf-8'
      );
      expect(
        JSON.parse((await wizard.getByRole('tabpanel').textContent()) ?? '')
      ).toEqual(JSON.parse(saved));
    });
  });
});

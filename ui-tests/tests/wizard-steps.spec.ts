import { expect, test } from '@jupyterlab/galata';

import {
  fillZoneAndOwner,
  openDemoNotebook,
  SCHEDULE_BUTTON
} from './fixtures';

test.describe('Schedule wizard, all steps', () => {
  test.beforeEach(async ({ page, tmpPath }) => {
    await openDemoNotebook(page, tmpPath, 'daily_revenue.ipynb');
    await page.locator(SCHEDULE_BUTTON).click();
  });

  test('pre-fills data and parameters from the notebook and enforces the zone', async ({
    page
  }) => {
    const wizard = page.locator('.nbs-WizardDialog');
    const steps = wizard.getByRole('navigation', { name: 'Wizard steps' });
    await expect(wizard.getByLabel('Schedule name')).toHaveValue(
      'daily_revenue'
    );

    await steps.getByRole('button', { name: /Data and zone/ }).click();
    await expect(wizard.getByLabel('Table of warehouse:orders')).toHaveValue(
      'orders'
    );
    await expect(
      wizard.getByLabel('Table of warehouse:daily_revenue')
    ).toHaveValue('daily_revenue');
    // No zone chosen yet: the step says so on its tab.
    await expect(
      steps.getByRole('button', { name: /Data and zone.*1 problem/ })
    ).toBeVisible();

    await wizard.getByLabel('Purpose policy zone').selectOption('analytics');
    await expect(wizard.locator('.nbs-Category')).toHaveText([
      'internal',
      'aggregate'
    ]);
    await expect(
      steps.getByRole('button', { name: /Data and zone/ })
    ).not.toContainText('problem');

    // Reading personal data is refused in the analytics zone, before anything runs.
    await wizard.getByLabel('Table of warehouse:orders').fill('customers');
    await expect(
      wizard.getByRole('alert').filter({ hasText: 'customer_pii' })
    ).toContainText('which the Analytics zone may not read');
    await wizard.getByLabel('Table of warehouse:customers').fill('orders');
    await expect(
      wizard.getByRole('alert').filter({ hasText: 'customer_pii' })
    ).toHaveCount(0);

    await wizard.getByRole('button', { name: 'Next' }).click();
    await expect(
      wizard.getByRole('row', { name: /report_date/ })
    ).toContainText('date');
    await expect(wizard.getByRole('row', { name: /min_amount/ })).toContainText(
      'float'
    );
    await wizard.getByLabel('Value of min_amount', { exact: true }).fill('10');
    await wizard
      .getByLabel('Value of report_date computed per run')
      .selectOption('logical_date');
    await expect(
      wizard.getByLabel('Value of report_date', { exact: true })
    ).toBeDisabled();
    // A single notebook stays one until the user adds another as a node.
    await expect(
      wizard.getByRole('region', { name: 'Workflow' })
    ).toContainText('This schedule runs one notebook.');

    await wizard.getByRole('button', { name: 'Next' }).click();
    await wizard.getByLabel('Owner', { exact: true }).fill('ada@example.com');
    await wizard.getByRole('button', { name: 'Add webhook' }).click();
    // Just added and still empty: not flagged before the user has typed.
    await expect(
      steps.getByRole('button', { name: /^\d Owner and alerts$/ })
    ).toBeVisible();
    await wizard.getByLabel('Webhook URL 1', { exact: true }).fill('not a url');
    await expect(
      steps.getByRole('button', { name: /Owner and alerts.*1 problem/ })
    ).toBeVisible();
    await wizard
      .getByLabel('Webhook URL 1', { exact: true })
      .fill('https://hooks.example.com/alerts');

    await wizard.getByRole('button', { name: 'Next' }).click();
    await expect(wizard.getByRole('status')).toHaveText(
      'The schedule is complete and within its zone.'
    );
    const summary = wizard.locator('.nbs-Summary');
    await expect(summary).toContainText('At 06:00, every day');
    // The parameters and the alert targets, as they will be reviewed.
    await expect(summary).toContainText(/min_amount = "?10/);
    await expect(summary).toContainText(/report_date = \{\{ .+ \}\}/);
    await expect(summary).toContainText('https://hooks.example.com/alerts');
  });

  test('a problem on review links back to its step', async ({ page }) => {
    const wizard = page.locator('.nbs-WizardDialog');
    await wizard.getByRole('button', { name: /Review/ }).click();
    await expect(
      wizard.getByRole('button', { name: 'Preview pipeline' })
    ).toBeDisabled();
    await wizard.getByRole('button', { name: 'Go to Data and zone' }).click();
    await expect(wizard.getByLabel('Purpose policy zone')).toBeVisible();
  });

  test('the preview shows the generated DAG and spec, read-only, with copy', async ({
    page
  }) => {
    const wizard = page.locator('.nbs-WizardDialog');
    await fillZoneAndOwner(wizard);
    await wizard.getByRole('button', { name: /Review/ }).click();
    await expect(wizard.getByRole('status')).toHaveText(
      'The schedule is complete and within its zone.'
    );
    await wizard.getByRole('button', { name: 'Preview pipeline' }).click();

    const preview = wizard.locator('.nbs-Preview');
    const panel = preview.getByRole('tabpanel');
    await expect(panel).toContainText('dag_id="nbschedule__daily_revenue"');
    await expect(panel).toContainText('NotebookOperator(');
    // Highlighted by JupyterLab's own language support.
    await expect(panel.locator('span').first()).toBeVisible();

    await preview.getByRole('tab', { name: 'Airflow DAG' }).press('ArrowRight');
    await expect(
      preview.getByRole('tab', { name: 'Schedule spec' })
    ).toHaveAttribute('aria-selected', 'true');
    await expect(panel).toContainText('"zone": "analytics"');
    await preview.getByRole('button', { name: 'Copy' }).click();
    await expect(preview.getByRole('button', { name: 'Copied' })).toBeVisible();
  });
});

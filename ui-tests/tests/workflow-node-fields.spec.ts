/**
 * A workflow node's own purpose policy zone, timeout and datasets, set in the
 * wizard as a user would: the datasets come from the node notebook's SQL cell, a
 * zone violation is reported at that node, and the preview's spec carries the
 * zone and timeout on that node only.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@jupyterlab/galata';

import { notebookJson, SCHEDULE_BUTTON } from './fixtures';

test('sets a node its own zone and timeout, and reports its zone violation at the node', async ({
  page
}) => {
  const folder = `node_fields_${Date.now()}`;
  await page.contents.uploadContent(
    notebookJson([
      ['day = "2024-01-01"', ['parameters']],
      ['print(day)', []]
    ]),
    'text',
    `${folder}/main.ipynb`
  );
  // Personal data: the analytics zone may not read it, customer care may.
  await page.contents.uploadContent(
    notebookJson([
      ['limit = 10', ['parameters']],
      ['%%sql\nSELECT name FROM customers', []]
    ]),
    'text',
    `${folder}/care.ipynb`
  );
  await page.notebook.openByPath(`${folder}/main.ipynb`);
  await page.notebook.activate('main.ipynb');
  await page.locator(SCHEDULE_BUTTON).click();
  const wizard = page.locator('.nbs-WizardDialog');
  const steps = wizard.getByRole('navigation', { name: 'Wizard steps' });
  await wizard.getByLabel('Schedule name').fill(folder);
  await steps.getByRole('button', { name: /Data and zone/ }).click();
  await wizard.getByLabel('Purpose policy zone').selectOption('analytics');
  await steps.getByRole('button', { name: /Owner and alerts/ }).click();
  await wizard.getByLabel('Owner', { exact: true }).fill('ada@example.com');

  await steps.getByRole('button', { name: /Parameters/ }).click();
  const workflow = wizard.getByRole('region', { name: 'Workflow' });
  const toAdd = workflow.getByLabel('Notebook to add');
  await toAdd.fill(`${folder}/care.ipynb`);
  await toAdd.press('Enter');
  const node = (id: string) =>
    workflow.getByRole('group', { name: `Node ${id}`, exact: true });
  const care = node('care');
  const reads = care.getByRole('table', {
    name: 'care reads (from SQL cells)'
  });
  // Detected from the node notebook's SQL cell, under the schedule's zone.
  await expect(reads.getByLabel('Table of warehouse:customers')).toHaveValue(
    'customers'
  );
  await expect(care.getByLabel('Zone of care')).toHaveValue('');
  await expect(reads.getByRole('alert')).toHaveText(
    /Input warehouse:customers is customer_pii data, which the Analytics zone may not read/
  );
  // Reported at that node, not at the other, and counted on this step.
  await expect(node('main').getByText(/may not read/)).toHaveCount(0);
  await expect(
    steps.getByRole('button', { name: /Parameters.*1 problem/ })
  ).toBeVisible();

  await care.getByLabel('Zone of care').selectOption('customer_care');
  const timeout = care.getByLabel('Timeout of care (seconds)');
  await timeout.focus();
  await page.keyboard.type('0');
  await expect(care.getByText(/0 is less than the minimum of 1/)).toBeVisible();
  await page.keyboard.press('Backspace');
  await page.keyboard.type('120');
  await expect(reads.getByRole('alert')).toHaveCount(0);
  await expect(reads.locator('.nbs-Category')).toHaveText('customer_pii');
  // The new fields pass axe in the dark theme; the light one is the other workflow spec's.
  await page.theme.setDarkTheme();
  const axe = await new AxeBuilder({ page })
    .include('.nbs-WizardDialog')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  expect(
    axe.violations.flatMap(violation =>
      violation.nodes.map(found => `${violation.id}: ${found.target}`)
    )
  ).toEqual([]);

  await steps.getByRole('button', { name: /Review/ }).click();
  await expect(wizard.getByRole('status')).toHaveText(
    'The schedule is complete and within its zone.'
  );
  await wizard.getByRole('button', { name: 'Preview pipeline' }).click();
  await wizard.getByRole('tab', { name: 'Schedule spec' }).click();
  const spec = JSON.parse(
    (await wizard.getByRole('tabpanel').textContent()) ?? ''
  );
  expect(spec.zone).toBe('analytics');
  expect(spec.nodes).toEqual([
    {
      id: 'main',
      notebook: `${folder}/main.ipynb`
    },
    {
      id: 'care',
      notebook: `${folder}/care.ipynb`,
      needs: ['main'],
      inputs: [{ connection: 'warehouse', table: 'customers', cell: 1 }],
      zone: 'customer_care',
      timeout_seconds: 120
    }
  ]);
});

/**
 * A workflow built in the wizard as a user would: the demo's regional reports
 * (collect → enrich → report_region × [us, eu, apac] → report), its graph in the
 * pipeline preview, and the spec a local review commits, read back with real git.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import * as fs from 'fs';
import * as path from 'path';

import { fillZoneAndOwner, SCHEDULE_BUTTON } from './fixtures';
import { git, serverRoot } from './serverGit';

const DEMO = path.resolve(__dirname, '../../demo/workflow');
const NOTEBOOKS = ['collect', 'enrich', 'report_region', 'report'];

/** WCAG 2.1 A/AA violations in the wizard, one readable line each. */
async function violations(page: IJupyterLabPageFixture): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .include('.nbs-WizardDialog')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return result.violations.flatMap(violation =>
    violation.nodes.map(node => `${violation.id}: ${node.target.join(' ')}`)
  );
}

test('builds the regional reports workflow, previews its graph and commits it', async ({
  page
}) => {
  // One sandboxed test run of the first notebook on a shared 2-core machine.
  test.setTimeout(120_000);
  // At the workspace root, as in the demo, so the nodes' paths are the demo's.
  for (const name of NOTEBOOKS) {
    await page.contents.uploadContent(
      fs.readFileSync(path.join(DEMO, `${name}.ipynb`), 'utf-8'),
      'text',
      `workflow/${name}.ipynb`
    );
  }
  const schedule = `regional_reports_${Date.now()}`;
  await page.notebook.openByPath('workflow/collect.ipynb');
  await page.notebook.activate('collect.ipynb');
  await page.locator(SCHEDULE_BUTTON).click();
  const wizard = page.locator('.nbs-WizardDialog');
  const steps = wizard.getByRole('navigation', { name: 'Wizard steps' });
  await wizard.getByLabel('Schedule name').fill(schedule);
  await fillZoneAndOwner(wizard);

  await steps.getByRole('button', { name: /Parameters/ }).click();
  const step = wizard.getByRole('region', { name: 'Workflow' });
  await expect(step).toContainText('This schedule runs one notebook.');
  // Each notebook typed (the workspace's notebooks are offered) and added with
  // Enter; a new node runs after the last one unless the user places it elsewhere.
  const toAdd = step.getByLabel('Notebook to add');
  for (const name of NOTEBOOKS.slice(1)) {
    await toAdd.fill(`workflow/${name}.ipynb`);
    await toAdd.press('Enter');
    await expect(
      step.getByRole('group', { name: `Node ${name}`, exact: true })
    ).toBeVisible();
  }
  await expect(step).toContainText('A workflow of 4 notebooks.');
  const node = (id: string) =>
    step.getByRole('group', { name: `Node ${id}`, exact: true });

  await node('collect')
    .getByLabel('Where day of collect comes from')
    .selectOption({ label: 'Run date' });
  await node('enrich')
    .getByLabel('Where rows of enrich comes from')
    .selectOption({ label: 'Published by collect' });
  await expect(
    node('enrich').getByLabel('Name collect published rows under')
  ).toHaveValue('rows');
  const regions = node('report_region');
  await regions.getByLabel('Run once per value of').selectOption('region');
  await regions.getByLabel('Values').pressSequentially('us, eu, apac');
  await regions.getByLabel('At most at once').fill('2');
  await regions.getByLabel('Retries').fill('1');
  await node('report')
    .getByLabel('Where day of report comes from')
    .selectOption({ label: 'Run date' });
  // The step draws the graph as it is built.
  await expect(step.locator('.nbs-Graph-node')).toHaveCount(4);
  // The filled-in nodes and their graph pass axe in the light theme, the preview in the dark.
  expect(await violations(page)).toEqual([]);

  await steps.getByRole('button', { name: /Review/ }).click();
  await expect(wizard.getByRole('status')).toHaveText(
    'The schedule is complete and within its zone.'
  );
  await expect(wizard.locator('.nbs-Summary')).toContainText(
    'collect; enrich after collect; report_region × 3 after enrich; report after report_region'
  );
  await page.theme.setDarkTheme();
  await wizard.getByRole('button', { name: 'Preview pipeline' }).click();
  const graph = wizard.getByRole('img', { name: /^Workflow graph/ });
  await expect(graph).toHaveAccessibleName(
    'Workflow graph: 4 nodes, 3 dependencies'
  );
  await expect(graph.locator('.nbs-Graph-label')).toHaveText([
    'collect',
    'enrich',
    'report_region × 3',
    'report'
  ]);
  expect(
    await graph
      .locator('.nbs-Graph-edge')
      .evaluateAll(edges => edges.map(edge => edge.getAttribute('data-edge')))
  ).toEqual([
    'collect->enrich',
    'enrich->report_region',
    'report_region->report'
  ]);
  // Beside the graph, the generated DAG maps the fan-out.
  await expect(wizard.getByRole('tabpanel')).toContainText('expand_kwargs');
  expect(await violations(page)).toEqual([]);

  await steps.getByRole('button', { name: /Test run/ }).click();
  await wizard.getByRole('button', { name: 'Start the test run' }).click();
  await expect(wizard.getByText('The test run succeeded.')).toBeVisible({
    timeout: 90_000
  });
  await steps.getByRole('button', { name: /Submit for review/ }).click();
  // Every node's notebook is read from the workspace and listed for the commit.
  const toCommit = wizard.getByRole('list', { name: 'Files to commit' });
  for (const name of NOTEBOOKS) {
    await expect(toCommit).toContainText(`workflow/${name}.py`);
  }
  await expect(wizard.locator('textarea')).toHaveValue(
    /The test run covered the node `collect`/
  );
  await wizard.getByRole('button', { name: 'Commit the branch' }).click();
  await expect(
    wizard.getByText(`Committed on the branch nbschedule/${schedule}.`)
  ).toBeVisible({ timeout: 30_000 });

  const root = await serverRoot(page);
  const committed = JSON.parse(
    git(root, 'show', `nbschedule/${schedule}:schedules/${schedule}.json`)
  );
  const demo = JSON.parse(
    fs.readFileSync(path.join(DEMO, 'regional_reports.json'), 'utf-8')
  );
  expect(committed.nodes).toEqual(demo.nodes);
  expect(committed.notebook).toBe('workflow/collect.ipynb');
  // The branch carries every notebook the workflow runs, outputs stripped, with its mirror.
  const tree = git(
    root,
    'ls-tree',
    '-r',
    '--name-only',
    `nbschedule/${schedule}`,
    'workflow/'
  );
  expect(tree.split('\n').filter(Boolean).sort()).toEqual(
    NOTEBOOKS.flatMap(name => [
      `workflow/${name}.ipynb`,
      `workflow/${name}.py`
    ]).sort()
  );
  for (const name of NOTEBOOKS) {
    const cells = JSON.parse(
      git(root, 'show', `nbschedule/${schedule}:workflow/${name}.ipynb`)
    ).cells;
    expect(cells.length).toBeGreaterThan(0);
    expect(cells.flatMap((cell: any) => cell.outputs ?? [])).toEqual([]);
  }
});

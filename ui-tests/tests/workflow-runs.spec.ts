import AxeBuilder from '@axe-core/playwright';
import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import * as fs from 'fs';
import * as path from 'path';

import { putSchedule, showRunsOf } from './fixtures';

const BASE = '/nbschedule';
const DEMO = path.resolve(__dirname, '..', '..', 'demo', 'workflow');

function demoFile(name: string): string {
  return fs.readFileSync(path.join(DEMO, name), 'utf-8');
}

/** The demo's regional report, failing on every try (not only the first) for `flakyRegion`. */
function regionalReport(flakyRegion: string): string {
  const notebook = JSON.parse(demoFile('report_region.ipynb'));
  for (const cell of notebook.cells) {
    const source = Array.isArray(cell.source)
      ? cell.source.join('')
      : cell.source;
    cell.source = source
      .replace('flaky_region = "eu"', `flaky_region = "${flakyRegion}"`)
      .replace(' and attempt == 1', '');
  }
  return JSON.stringify(notebook);
}

/** Each item run of the workflow run of `name` ("node label") and its attempts. */
async function itemAttempts(
  page: IJupyterLabPageFixture,
  name: string
): Promise<Record<string, number>> {
  const reply = await page.request.get(
    `${BASE}/runs?q=${name}&children=include`
  );
  const [workflow] = (await reply.json()).runs;
  return Object.fromEntries(
    workflow.children.map((item: any) => [
      `${item.node} ${item.item_label ?? ''}`,
      item.attempts
    ])
  );
}

test.describe('Workflow runs', () => {
  test('a workflow run: its items in the runs panel, the failed eu item opened at its cell, fixed, only it re-run', async ({
    page,
    tmpPath
  }) => {
    test.setTimeout(360_000);
    const name = `regional_${Date.now()}`;
    const folder = `${tmpPath}/workflow`;
    for (const file of ['collect', 'enrich', 'report']) {
      await page.contents.uploadContent(
        demoFile(`${file}.ipynb`),
        'text',
        `${folder}/${file}.ipynb`
      );
    }
    const reportRegion = `${folder}/report_region.ipynb`;
    await page.contents.uploadContent(
      regionalReport('eu'),
      'text',
      reportRegion
    );
    const demo = JSON.parse(demoFile('regional_reports.json'));
    const spec = {
      ...demo,
      name,
      catchup: 'none',
      notebook: demo.notebook.replace('workflow/', `${folder}/`),
      nodes: demo.nodes.map((node: any) => ({
        ...node,
        notebook: node.notebook.replace('workflow/', `${folder}/`)
      }))
    };
    await putSchedule(page, spec);
    // Run now from the Schedules view, as for any schedule.
    await page.evaluate(() =>
      (window as any).jupyterapp.commands.execute('nbschedule:show-schedules')
    );
    const schedules = page.locator('#nbschedule-schedules-panel');
    await schedules
      .locator('.nbs-ScheduleRow', { hasText: name })
      .click({ timeout: 30_000 });
    await schedules
      .locator('.nbs-ScheduleDetail')
      .getByRole('button', { name: 'Run now' })
      .click();
    await page
      .locator('.jp-Dialog')
      .getByRole('button', { name: 'Run now' })
      .click();

    const { panel, row } = await showRunsOf(page, name);
    await expect(row.locator('.nbs-RunRow-statusText')).toHaveText('Failed', {
      timeout: 150_000
    });

    // Expanded from the keyboard: the node runs, fan-out items named by their values.
    await row.click();
    await page.keyboard.press('ArrowRight');
    const items = panel.locator('.nbs-RunRow.nbs-mod-item');
    await expect(items).toHaveCount(6);
    const eu = items.filter({ hasText: 'report_region · region=eu' });
    await expect(eu.locator('.nbs-RunRow-statusText')).toHaveText('Failed');
    await expect(
      items
        .filter({ hasText: 'report_region · region=us' })
        .locator('.nbs-RunRow-statusText')
    ).toHaveText('Succeeded');
    const report = items.filter({
      has: page.locator('.nbs-RunRow-schedule', { hasText: /^report$/ })
    });
    await expect(report.locator('.nbs-RunRow-statusText')).toHaveText(
      'Upstream failed'
    );

    // The graph shows every node's and item's state.
    const graph = panel.locator('.nbs-WorkflowGraph');
    await expect(graph.locator('[data-node="collect"]')).toContainText(
      'collect: Succeeded'
    );
    await expect(graph.locator('[data-item="region=eu"]')).toContainText(
      'region=eu: Failed'
    );
    await expect(graph.locator('[data-node="report"]')).toContainText(
      'report: Upstream failed'
    );

    // The expanded list and the graph meet WCAG 2.1 AA.
    const axe = await new AxeBuilder({ page })
      .include('#nbschedule-runs-panel')
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze();
    expect(
      axe.violations.flatMap(violation =>
        violation.nodes.map(node => `${violation.id}: ${node.target.join(' ')}`)
      )
    ).toEqual([]);

    // The eu item's output opens at its failing cell.
    await eu.click();
    await panel.getByRole('button', { name: 'Open output' }).click();
    const banner = page.locator('.jp-NotebookPanel:visible .nbs-RunBanner');
    await expect(banner).toContainText('region = "eu"');
    await expect(
      page.locator('.jp-NotebookPanel:visible .jp-Cell.jp-mod-active')
    ).toContainText('raise TimeoutError');

    // The run context pane shows the workflow's graph too.
    await page.evaluate(() =>
      (window as any).jupyterapp.commands.execute('nbschedule:show-run-context')
    );
    const context = page.locator('#nbschedule-run-context');
    await expect(
      context.locator('.nbs-WorkflowGraph [data-item="region=eu"]')
    ).toContainText('region=eu: Failed');

    // Fixed in the workspace, then only the failed items run again.
    const before = await itemAttempts(page, name);
    expect(before['report ']).toBe(0);
    await page.contents.uploadContent(
      regionalReport('none'),
      'text',
      reportRegion
    );
    await page.evaluate(() =>
      (window as any).jupyterapp.commands.execute('nbschedule:show-runs')
    );
    await row.click();
    await panel.getByRole('button', { name: 'Re-run failed items' }).click();
    await expect(row.locator('.nbs-RunRow-statusText')).toHaveText(
      'Succeeded',
      { timeout: 150_000 }
    );
    await expect(eu.locator('.nbs-RunRow-statusText')).toHaveText('Succeeded');

    // Only eu ran again, and report, which needs it; every other item kept its attempts.
    const after = await itemAttempts(page, name);
    expect(after).toEqual({
      ...before,
      'report_region region=eu': before['report_region region=eu'] + 1,
      'report ': 1
    });
    expect(Object.keys(after)).toHaveLength(6);
  });
});

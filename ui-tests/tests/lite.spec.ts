/**
 * Lite test runs: the notebook runs in Pyodide in a web worker of this page, with
 * every request to anything but the Jupyter server blocked (so no CDN can serve it).
 */
import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import type { Locator } from '@playwright/test';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { notebookJson, SCHEDULE_BUTTON } from './fixtures';

const PARAMETERS: [string, string[]] = [
  "day = '2024-01-03'\nlimit = 2",
  ['parameters']
];
const SQL =
  '%%sql orders\nSELECT order_id, amount FROM orders WHERE order_date <= :day ORDER BY order_id';

/** Requests that left for anywhere but the Jupyter server (all of them aborted). */
async function blockAllButJupyter(
  page: IJupyterLabPageFixture
): Promise<string[]> {
  const jupyter = new URL(page.url()).host;
  const blocked: string[] = [];
  await page.context().route('**/*', route => {
    const url = new URL(route.request().url());
    if (url.host === jupyter) {
      return route.continue();
    }
    blocked.push(url.href);
    return route.abort();
  });
  return blocked;
}

async function openWizardAtTestRun(
  page: IJupyterLabPageFixture,
  tmpPath: string,
  name: string,
  cells: [string, string[]][]
): Promise<Locator> {
  const local = path.join(
    fs.mkdtempSync(path.join(os.tmpdir(), 'nbs-')),
    `${name}.ipynb`
  );
  fs.writeFileSync(local, notebookJson(cells));
  await page.contents.uploadFile(local, `${tmpPath}/${name}.ipynb`);
  await page.notebook.openByPath(`${tmpPath}/${name}.ipynb`);
  await page.notebook.activate(`${name}.ipynb`);
  await page.locator(SCHEDULE_BUTTON).click();
  const wizard = page.locator('.nbs-WizardDialog');
  const steps = wizard.getByRole('navigation', { name: 'Wizard steps' });
  // A value set in the wizard: injected into the notebook, as the scheduler does.
  await steps.getByRole('button', { name: /Parameters/ }).click();
  await wizard.getByLabel('Value of limit', { exact: true }).fill('5');
  await steps.getByRole('button', { name: /Data and zone/ }).click();
  await wizard.getByLabel('Purpose policy zone').selectOption('analytics');
  await steps.getByRole('button', { name: /Owner and alerts/ }).click();
  await wizard.getByLabel('Owner', { exact: true }).fill('ada@example.com');
  await steps.getByRole('button', { name: /Test run/ }).click();
  return wizard;
}

/** Runs the test one way and returns the output notebook, read through the contents API. */
async function testRun(
  page: IJupyterLabPageFixture,
  wizard: Locator,
  button: string,
  outcome: RegExp
): Promise<any> {
  const shownPath = wizard.locator('.nbs-TestRunStep-path');
  const previous = (await shownPath.count())
    ? await shownPath.textContent()
    : null;
  await wizard.getByRole('button', { name: button }).click();
  await expect(wizard.getByText(outcome)).toBeVisible({ timeout: 120_000 });
  await expect(shownPath).not.toHaveText(previous ?? '');
  const output = await shownPath.textContent();
  const response = await page.request.get(
    `/api/contents/${output}?type=notebook&content=1`
  );
  return (await response.json()).content;
}

const MARKER = '\n# nbschedule: ';

/**
 * What must match between a lite and a server run: every cell's kind, tags, status,
 * execution count and outputs (the %%sql result displays a DataFrame on the server and
 * a stdlib Table in Pyodide without pandas, so there only the query is compared), the
 * injected parameters and the failure marks.
 */
function comparable(notebook: any) {
  return {
    parameters: notebook.metadata.papermill.parameters,
    exception: notebook.metadata.papermill.exception,
    cells: notebook.cells.map((cell: any) => {
      const source = Array.isArray(cell.source)
        ? cell.source.join('')
        : cell.source;
      const sql = source.includes(MARKER);
      return {
        type: cell.cell_type,
        tags: cell.metadata.tags,
        status: cell.metadata.papermill?.status,
        count: cell.execution_count,
        source: sql ? source.split(MARKER)[0] : source,
        outputs: sql
          ? undefined
          : (cell.outputs ?? []).map((o: any) =>
              o.output_type === 'error'
                ? [o.output_type, o.ename, o.evalue]
                : [o.output_type, o.name, o.text]
            )
      };
    })
  };
}

test.describe('Lite test runs in the browser', () => {
  test('a stdlib notebook with SQL and parameters runs lite exactly as on the server', async ({
    page,
    tmpPath
  }) => {
    test.setTimeout(240_000);
    const blocked = await blockAllButJupyter(page);
    const name = `lite_${Date.now()}`;
    const wizard = await openWizardAtTestRun(page, tmpPath, name, [
      PARAMETERS,
      [SQL, []],
      ['print(day, limit, len(orders))', []],
      ["print(round(sum(orders['amount']), 2))", []]
    ]);
    await expect(
      wizard.getByText(/^Lite: this notebook can run in the browser/)
    ).toBeVisible();

    const server = await testRun(
      page,
      wizard,
      'Start the test run',
      /The test run succeeded/
    );
    const lite = await testRun(
      page,
      wizard,
      'Run in the browser (lite)',
      /The test run succeeded/
    );
    expect(comparable(lite)).toEqual(comparable(server));
    expect(lite.cells[1].metadata.tags).toEqual(['injected-parameters']);
    expect(lite.metadata.papermill.parameters).toEqual({ limit: 5 });
    expect(lite.cells[3].outputs[0].text).toBe('2024-01-03 5 9\n');
    expect(lite.metadata.nbschedule.status).toBe('success');

    // The review's test plan says the result came from the browser.
    await wizard
      .getByRole('navigation', { name: 'Wizard steps' })
      .getByRole('button', { name: /Submit for review/ })
      .click();
    await expect(
      wizard.getByLabel('Description', { exact: true })
    ).toContainText('a lite run (Pyodide in the browser, no server kernel)');
    expect(blocked).toEqual([]);
  });

  test('a failing notebook stops at its failing cell, marked as on the server', async ({
    page,
    tmpPath
  }) => {
    test.setTimeout(180_000);
    const blocked = await blockAllButJupyter(page);
    const failing = await openWizardAtTestRun(
      page,
      tmpPath,
      `lite_f_${Date.now()}`,
      [
        PARAMETERS,
        [SQL, []],
        [
          "print('rows', len(orders))\nraise ValueError('no data for ' + day)",
          []
        ],
        ["print('never')", []]
      ]
    );
    const liteFailure = await testRun(
      page,
      failing,
      'Run in the browser (lite)',
      /The test run failed/
    );
    await expect(failing.getByText('cell 3 of the notebook')).toBeVisible();
    await expect(
      failing.getByText('ValueError: no data for 2024-01-03', { exact: true })
    ).toBeVisible();
    // Two banners on top, the parameters cell, the injected one, the SQL cell, then the failure.
    expect(liteFailure.cells[5].metadata.tags).toEqual(['nbschedule-failed']);
    expect(liteFailure.cells[5].outputs[0].text).toBe('rows 9\n');
    const serverFailure = await testRun(
      page,
      failing,
      'Run the test again',
      /The test run failed/
    );
    expect(comparable(liteFailure)).toEqual(comparable(serverFailure));
    expect(blocked).toEqual([]);
  });

  test('a notebook importing what Pyodide lacks is not lite and runs on the server', async ({
    page,
    tmpPath
  }) => {
    test.setTimeout(180_000);
    await blockAllButJupyter(page);
    const wizard = await openWizardAtTestRun(
      page,
      tmpPath,
      `heavy_${Date.now()}`,
      [PARAMETERS, ['import numpy\nprint(numpy.arange(limit).sum())', []]]
    );
    await expect(
      wizard.getByText(
        /^Not lite, so the test run uses the server: cell 2 imports numpy, which needs the numpy package of the full Pyodide distribution/
      )
    ).toBeVisible();
    const output = await testRun(
      page,
      wizard,
      'Run in the browser (lite)',
      /The test run succeeded/
    );
    await expect(
      wizard.getByText(/The lite run started on the server instead/)
    ).toBeVisible();
    expect(output.cells[2].outputs[0].text).toBe('10\n');
    expect(output.metadata.papermill.version).toMatch(/^nbschedule-/);
    expect(output.metadata.nbschedule.status).toBe('success');
  });
});

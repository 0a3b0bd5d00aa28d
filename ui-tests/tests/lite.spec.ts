/**
 * Lite test runs: the notebook runs in Pyodide in a web worker of this page, with
 * every request to anything but the Jupyter server blocked (so no CDN can serve it).
 */
import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import type { Locator } from '@playwright/test';

import {
  fillZoneAndOwner,
  putSchedule,
  SCHEDULE_BUTTON,
  scheduleSpec,
  showRunsOf,
  startRun,
  uploadNotebook
} from './fixtures';

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
      // Sent on as it is. Unlike continue(), fallback() does not fail the test when
      // the request is gone by then (a kernel or page closing with it in flight).
      return route.fallback();
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
  await uploadNotebook(page, `${tmpPath}/${name}.ipynb`, cells);
  await page.notebook.openByPath(`${tmpPath}/${name}.ipynb`);
  await page.notebook.activate(`${name}.ipynb`);
  await page.locator(SCHEDULE_BUTTON).click();
  const wizard = page.locator('.nbs-WizardDialog');
  const steps = wizard.getByRole('navigation', { name: 'Wizard steps' });
  // A value set in the wizard: injected into the notebook, as the scheduler does.
  await steps.getByRole('button', { name: /Parameters/ }).click();
  await wizard.getByLabel('Value of limit', { exact: true }).fill('5');
  await fillZoneAndOwner(wizard);
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

test.describe('Lite debug in the browser', () => {
  test("a failed lite run's debug copy opens on Python (lite), is fixed and runs", async ({
    page,
    tmpPath
  }) => {
    test.setTimeout(240_000);
    const blocked = await blockAllButJupyter(page);
    const name = `lite_debug_${Date.now()}`;
    const notebookPath = `${tmpPath}/${name}.ipynb`;
    await uploadNotebook(page, notebookPath, [
      ["day = '2024-01-03'\nlimit = 1", ['parameters']],
      [SQL, []],
      ["assert limit < 5, f'limit is {limit}'", []]
    ]);
    await putSchedule(
      page,
      scheduleSpec(name, notebookPath, {
        parameters: [
          { name: 'day', type: 'str', value: '2024-01-03' },
          { name: 'limit', type: 'int', value: 7 }
        ]
      })
    );
    await startRun(page, name);
    const { panel, row } = await showRunsOf(page, name);
    await expect(row).toContainText('Failed', { timeout: 120_000 });
    // The store no longer holds the input the run staged (as when it expired), so the
    // copy keeps the live %%sql query; the lite kernel has the server stage it again.
    const runs = `nbschedule-runs/${name}`;
    const listing = async (folder: string) =>
      (await (await page.request.get(`/api/contents/${folder}`)).json())
        .content as { path: string; type: string }[];
    const [run] = (await listing(runs)).filter(
      entry => entry.type === 'directory'
    );
    const inputs = await listing(`${run.path}/attempt-1/inputs`);
    expect(inputs.length).toBe(1);
    for (const input of inputs) {
      expect(
        (await page.request.delete(`/api/contents/${input.path}`)).status()
      ).toBe(204);
    }
    await row.click();
    await panel.getByRole('button', { name: 'Debug' }).click();
    await expect(page.locator('.jp-mod-current[role="tab"]')).toContainText(
      '.debug-',
      { timeout: 30_000 }
    );
    const copy = page.locator('.jp-NotebookPanel:visible');
    await expect(copy.locator('.jp-KernelName')).toHaveText('Python (lite)');

    // The failing cell fails in the browser as it did on the server.
    const failing = copy.locator('.jp-Cell.jp-mod-active');
    await expect(failing).toContainText('assert limit');
    await page.evaluate(async () => {
      const app = (window as any).jupyterapp;
      await app.shell.currentWidget.sessionContext.ready;
      const notebook = app.shell.currentWidget.content;
      const failingIndex = notebook.activeCellIndex;
      for (let index = 0; index <= failingIndex; index++) {
        notebook.activeCellIndex = index;
        await app.commands.execute('notebook:run-cell');
      }
      notebook.activeCellIndex = failingIndex;
    });
    await expect(failing.locator('.jp-OutputArea')).toContainText(
      'AssertionError: limit is 7',
      { timeout: 90_000 }
    );
    // The %%sql cell was answered in the browser from the rows the server staged.
    const sql = copy.locator('.jp-CodeCell', { hasText: 'SELECT order_id' });
    await expect(sql.locator('.jp-OutputArea')).toContainText(
      /order_id\s+amount[\s\S]*\[[1-9]\d* rows\]/
    );

    // Fixed in place and run with Shift+Enter: the output comes from the worker.
    await failing.locator('.jp-InputArea-editor').click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type("print('fixed', limit * 2)");
    const fixed = copy.locator('.jp-Cell', { hasText: "print('fixed'" });
    await page.keyboard.press('Shift+Enter');
    await expect(fixed.locator('.jp-OutputArea')).toHaveText('fixed 14');

    // The failed run, test-run again in the browser from its detail, with its parameters.
    await page.evaluate(() =>
      (window as any).jupyterapp.commands.execute('nbschedule:show-runs')
    );
    const liteRun = panel.getByRole('button', { name: 'Lite test run' });
    await expect(liteRun).toHaveAttribute('aria-disabled', 'false');
    await liteRun.click();
    // The debug copy's banner names the same error: wait for the lite run's output.
    const banner = page.locator('.jp-NotebookPanel:visible .nbs-RunBanner', {
      hasText: `of ${name} (read-only)`
    });
    await expect(banner).toContainText('Error: AssertionError: limit is 7', {
      timeout: 60_000
    });
    // No server kernel was started for the copy or the lite run's output.
    const kernels = await (await page.request.get('/api/sessions')).json();
    expect(
      kernels.filter((session: any) => session.path.includes(name))
    ).toEqual([]);
    expect(blocked).toEqual([]);
  });
});

test.describe('Lite test run from the Schedules view', () => {
  test('a lite schedule runs in the browser with its parameters and opens at the failing cell', async ({
    page,
    tmpPath
  }) => {
    test.setTimeout(120_000);
    const blocked = await blockAllButJupyter(page);
    const name = `lite_sched_${Date.now()}`;
    const notebookPath = `${tmpPath}/${name}.ipynb`;
    await uploadNotebook(page, notebookPath, [
      ['limit = 1', ['parameters']],
      ["print('limit', limit)", []],
      ["assert limit < 5, f'limit is {limit}'", []],
      ["print('never')", []]
    ]);
    const heavy = `${name}_numpy`;
    await uploadNotebook(page, `${tmpPath}/${heavy}.ipynb`, [
      ['import numpy', []]
    ]);
    await putSchedule(
      page,
      scheduleSpec(name, notebookPath, {
        parameters: [{ name: 'limit', type: 'int', value: 7 }]
      })
    );
    await putSchedule(page, scheduleSpec(heavy, `${tmpPath}/${heavy}.ipynb`));
    await page.evaluate(() =>
      (window as any).jupyterapp.commands.execute('nbschedule:show-schedules')
    );
    const panel = page.locator('#nbschedule-schedules-panel');
    await expect(async () => {
      await page.evaluate(() =>
        (window as any).jupyterapp.commands.execute('nbschedule:show-schedules')
      );
      await panel.locator('.nbs-ScheduleRow', { hasText: heavy }).click();
    }).toPass({ timeout: 30_000 });
    const liteRun = panel
      .locator('.nbs-ScheduleDetail')
      .getByRole('button', { name: 'Lite test run' });

    // Not lite: the action stays, unavailable, saying why.
    await expect(liteRun).toHaveAttribute(
      'title',
      /^Not lite: cell 1 imports numpy/
    );
    await expect(liteRun).toHaveAttribute('aria-disabled', 'true');
    // Focusable, so the reason is read out, but Enter starts nothing.
    await liteRun.focus();
    await page.keyboard.press('Enter');
    await panel
      .locator('.nbs-ScheduleRow', { hasText: name })
      .filter({ hasNotText: heavy })
      .click();
    await expect(liteRun).toHaveAttribute('aria-disabled', 'false');
    await expect(liteRun).toHaveAttribute('title', /no server kernel/);

    // Started from the keyboard: the schedule's own value (7) fails the assertion.
    await liteRun.focus();
    await page.keyboard.press('Enter');
    await expect(
      page.getByText(new RegExp(`Lite test run of ${name} failed`)).first()
    ).toBeVisible({ timeout: 90_000 });
    const output = page.locator('.jp-NotebookPanel:visible');
    await expect(output.locator('.nbs-RunBanner')).toContainText(
      `of ${name} (read-only)`
    );
    await expect(output.locator('.nbs-RunBanner')).toContainText(
      'Parameters: limit = 7'
    );
    await expect(output.locator('.nbs-RunBanner')).toContainText(
      'Error: AssertionError: limit is 7'
    );
    await expect(output.locator('.jp-KernelName')).toHaveText('No Kernel');
    const failing = output.locator('.jp-Cell.jp-mod-active');
    await expect(failing).toContainText('assert limit');
    await expect(failing).toHaveClass(/nbs-FailingCell/);
    await expect(
      output.locator('.jp-Cell', { hasText: "print('limit'" })
    ).toContainText('limit 7');

    await expect(page.getByText(`Lite test run of ${heavy}`)).toHaveCount(0);
    // The run used no server kernel.
    const sessions = await (await page.request.get('/api/sessions')).json();
    expect(
      sessions.filter((session: any) => session.path.includes(name))
    ).toEqual([]);
    expect(blocked).toEqual([]);
  });
});

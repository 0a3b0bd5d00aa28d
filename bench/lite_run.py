"""Click to first cell result: a lite test run (warm page) against the server test run.

A whole JupyterLab server on loopback (production build, default configuration) over a
workspace with one stdlib notebook: a `parameters` cell, a `%%sql` cell and two cells
using its rows. In a real Chromium (Playwright), the wizard is opened on its test-run
step and each kind of test run is started by clicking its button; the time runs from
the click to the painted frame where the progress bar first counts a finished cell.
One lite run first loads Pyodide (the page is then warm) and one server run warms the
server; neither is counted. Runs alternate so both kinds see the same machine load.
Target: lite p50 <= 1/3 of the server's.
Run: jlpm build:prod && .venv/bin/python bench/lite_run.py [runs of each kind, default 8]
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from lab_server import running_lab, wait_until_up  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
STATIC = REPO / "nbschedule" / "labextension" / "static"
CELLS = [
    ("day = '2024-01-03'\nlimit = 2", ["parameters"]),
    ("%%sql orders\nSELECT order_id, amount FROM orders WHERE order_date <= :day ORDER BY order_id", []),
    ("print(day, limit, len(orders))", []),
    ("print(round(sum(orders['amount']), 2))", []),
]

# The browser half, run by node with Playwright from ui-tests/node_modules.
DRIVER = r"""
const path = require('path');
const { chromium } = require(path.resolve('node_modules/playwright-core'));
const [base, token, runsText] = process.argv.slice(2);
const RUNS = Number(runsText);

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

// Resolves with click-to-paint ms once the progress bar, reset by the click, counts a cell.
const FIRST_CELL = `() => new Promise((resolve, reject) => {
  let clickedAt = null, reset = false;
  document.addEventListener('click', () => { clickedAt = performance.now(); }, { capture: true, once: true });
  const started = performance.now();
  const check = () => {
    const bar = document.querySelector('.nbs-WizardDialog [role=progressbar]');
    const now = bar?.getAttribute('aria-valuenow');
    if (clickedAt !== null && (bar === null || now === null || now === '0')) reset = true;
    if (reset && Number(now) >= 1) {
      requestAnimationFrame(() => resolve(performance.now() - clickedAt));
    } else if (performance.now() - started > 180000) {
      reject(new Error('no cell finished within 180 s'));
    } else {
      requestAnimationFrame(check);
    }
  };
  check();
})`;

async function timedRun(page, wizard, button) {
  const done = page.evaluate(`(${FIRST_CELL})()`);
  await wizard.getByRole('button', { name: button }).click();
  const ms = await done;
  await wizard.getByText(/The test run succeeded/).waitFor({ timeout: 180000 });
  return ms;
}

(async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(`${base}/lab/tree/bench.ipynb?reset&token=${token}`);
  const schedule = page.locator('.jp-NotebookPanel-toolbar [data-command="nbschedule:open-wizard"]');
  await schedule.waitFor({ timeout: 120000 });
  await schedule.click();
  const wizard = page.locator('.nbs-WizardDialog');
  const steps = wizard.getByRole('navigation', { name: 'Wizard steps' });
  await steps.getByRole('button', { name: /Data and zone/ }).click();
  await wizard.getByLabel('Purpose policy zone').selectOption('analytics');
  await steps.getByRole('button', { name: /Owner and alerts/ }).click();
  await wizard.getByLabel('Owner', { exact: true }).fill('ada@example.com');
  await steps.getByRole('button', { name: /Test run/ }).click();
  await wizard.getByText(/^Lite: this notebook can run/).waitFor({ timeout: 60000 });

  const serverAgain = 'Run the test again';
  const lite = 'Run in the browser (lite)';
  const coldLite = await timedRun(page, wizard, lite);
  const warmServer = await timedRun(page, wizard, serverAgain);
  const times = { lite: [], server: [] };
  for (let i = 0; i < RUNS; i++) {
    times.lite.push(await timedRun(page, wizard, lite));
    times.server.push(await timedRun(page, wizard, serverAgain));
  }
  console.log(
    `not counted: first lite run (loads Pyodide) ${coldLite.toFixed(0)} ms, ` +
      `first server run ${warmServer.toFixed(0)} ms`
  );
  const summary = {};
  for (const [kind, values] of Object.entries(times)) {
    summary[kind] = { p50: percentile(values, 50), p95: percentile(values, 95) };
    const { p50, p95 } = summary[kind];
    console.log(
      `${(kind + ' test run, click to first cell').padEnd(40)} ` +
        `p50 ${p50.toFixed(0).padStart(6)} ms   p95 ${p95.toFixed(0).padStart(6)} ms   (n=${values.length})`
    );
  }
  const ratio = summary.lite.p50 / summary.server.p50;
  const ratio95 = summary.lite.p95 / summary.server.p95;
  console.log(`ratio lite/server p50 ${ratio.toFixed(3)} (target <= 0.333), p95 ${ratio95.toFixed(3)}`);
  await browser.close();
  process.exit(ratio <= 1 / 3 ? 0 : 1);
})().catch(error => { console.error(error); process.exit(2); });
"""


def notebook() -> dict:
    return {
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
        "cells": [
            {
                "cell_type": "code",
                "source": source,
                "metadata": {"tags": tags},
                "outputs": [],
                "execution_count": None,
                "id": f"cell-{index}",
            }
            for index, (source, tags) in enumerate(CELLS)
        ],
    }


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 8
    if not list(STATIC.glob("remoteEntry.*.js")) or list(STATIC.glob("*.js.map")):
        print("No production labextension build; run `jlpm build:prod` first.", file=sys.stderr)
        return 2
    folder = Path(tempfile.mkdtemp(prefix="nbs-bench-lite-"))
    root = folder / "root"
    root.mkdir()
    (root / "bench.ipynb").write_text(json.dumps(notebook()), encoding="utf-8")
    driver = folder / "driver.js"
    driver.write_text(DRIVER, encoding="utf-8")
    with running_lab(root, folder) as (port, token):
        base = f"http://127.0.0.1:{port}"
        wait_until_up(f"{base}/api/status?token={token}", time.monotonic() + 120)
        result = subprocess.run(["node", str(driver), base, token, str(runs)], cwd=REPO / "ui-tests")
        return result.returncode


if __name__ == "__main__":
    sys.exit(main())

/**
 * The browser half of bench/bundle_size.py: Chromium (Playwright) opens JupyterLab and records
 * every labextension file fetched at start-up, then on first showing the runs panel and the
 * Schedules view. Files fetched from the extension's idle read-ahead on (the page's
 * 'nbschedule:schedules-read-ahead' user-timing mark) are listed apart from start-up.
 * Prints one JSON object:
 * {"startup": [urls], "readAhead": [urls], "runs": [urls], "schedules": [urls]}.
 * Usage: node bench/bundle_startup_browser.js <base url> <token>
 */
const path = require('path');
const { chromium } = require(
  path.resolve(__dirname, '../ui-tests/node_modules/playwright-core')
);

const [base, token] = process.argv.slice(2);
const QUIET_MS = 2000;

async function settle(page) {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(QUIET_MS);
}

async function main() {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking']
  });
  try {
    const page = await browser.newPage({
      viewport: { width: 1400, height: 900 }
    });
    let fetched = [];
    page.on('request', request => {
      const url = new URL(request.url());
      if (url.pathname.includes('/static/')) {
        fetched.push(url.pathname);
      }
    });
    const take = () => {
      const taken = fetched;
      fetched = [];
      return taken;
    };
    // JupyterLab's start-up fetches more files than the default buffer of 250 entries.
    await page.addInitScript(() =>
      performance.setResourceTimingBufferSize(100000)
    );
    await page.goto(`${base}/lab?reset&token=${token}`);
    await page.waitForFunction(
      () =>
        window.jupyterapp?.commands.hasCommand('nbschedule:show-runs') &&
        window.jupyterapp.commands.hasCommand('nbschedule:show-schedules'),
      null,
      { timeout: 120000 }
    );
    await settle(page);
    const loaded = take();
    // Fetched after the read-ahead mark: requested when JupyterLab was idle, not at start-up.
    const readAheadPaths = await page.evaluate(() => {
      const mark = performance.getEntriesByName(
        'nbschedule:schedules-read-ahead'
      )[0];
      if (!mark) {
        return [];
      }
      return performance
        .getEntriesByType('resource')
        .filter(entry => entry.startTime >= mark.startTime)
        .map(entry => new URL(entry.name).pathname);
    });
    const readAhead = loaded.filter(url => readAheadPaths.includes(url));
    const startup = loaded.filter(url => !readAheadPaths.includes(url));
    const shown = {};
    for (const [name, command] of [
      ['runs', 'nbschedule:show-runs'],
      ['schedules', 'nbschedule:show-schedules']
    ]) {
      await page.evaluate(
        id => window.jupyterapp.commands.execute(id),
        command
      );
      await settle(page);
      shown[name] = take();
    }
    console.log(JSON.stringify({ startup, readAhead, ...shown }));
  } finally {
    await browser.close();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});

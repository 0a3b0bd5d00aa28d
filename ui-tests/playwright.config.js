/**
 * Galata in Debian's Chromium: Playwright cannot download its own browsers here.
 */
const baseConfig = require('@jupyterlab/galata/lib/playwright-config');

// A port of its own, so a JupyterLab left running elsewhere is never tested by mistake.
const port = process.env.NBSCHEDULE_GALATA_PORT || '8917';
const baseURL = `http://localhost:${port}`;

module.exports = {
  ...baseConfig,
  reporter: [[process.env.CI ? 'list' : 'line'], ['html', { open: 'never' }]],
  retries: 0,
  workers: 1,
  use: {
    ...baseConfig.use,
    baseURL,
    // Video needs Playwright's own ffmpeg download, which this network cannot reach.
    video: 'off',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync'
      ]
    }
  },
  webServer: {
    command: `jlpm start --ServerApp.port=${port}`,
    url: `${baseURL}/lab`,
    timeout: 120 * 1000,
    reuseExistingServer: false
  }
};

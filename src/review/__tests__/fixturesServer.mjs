// Serves this folder's recorded GitHub fixtures with @octokit/fixtures-server on a free
// localhost port, and prints {"url": ...} once listening. Nothing leaves the machine: the
// middleware answers from the fixtures (nock) and never proxies to a real host.
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import express from 'express';
import fixturesServer from '@octokit/fixtures-server';

const folder = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
const fixtures = Object.fromEntries(
  readdirSync(folder)
    .filter(name => name.endsWith('.json'))
    .map(name => [
      basename(name, '.json'),
      JSON.parse(readFileSync(join(folder, name), 'utf8'))
    ])
);

const app = express();
const server = createServer(app);
server.listen(0, '127.0.0.1', () => {
  // The port is known only now, and the middleware writes it into every loaded fixture.
  const fixturesUrl = `http://127.0.0.1:${server.address().port}`;
  app.use(fixturesServer({ fixtures, fixturesUrl, logLevel: 'silent' }));
  process.stdout.write(JSON.stringify({ url: fixturesUrl }) + '\n');
});

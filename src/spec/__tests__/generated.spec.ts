/// <reference types="node" />
// Node APIs: these tests read repository files.
import { execFileSync } from 'child_process';
import { readFileSync } from 'fs';
import path from 'path';

const ROOT = path.resolve(__dirname, '../../..');

describe('schedule.generated.ts', () => {
  it('is what the generator makes of the current schema', () => {
    // The generator is an ES module using prettier 3, which jest cannot load
    // in-process; run it in node and compare its output without writing.
    const regenerated = execFileSync(
      process.execPath,
      [path.join(ROOT, 'scripts/generate-spec-types.mjs'), '--stdout'],
      { cwd: ROOT, encoding: 'utf-8' }
    );
    const committed = readFileSync(
      path.join(ROOT, 'src/spec/schedule.generated.ts'),
      'utf-8'
    );
    // On failure: the schema changed; run `jlpm generate:spec` and commit.
    expect(committed).toBe(regenerated);
  });
});

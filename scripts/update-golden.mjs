// Rewrites tests/golden/dags/<name>.py from tests/golden/specs/<name>.json with the
// frontend's own generateDag. It only writes: `jlpm test` compares, never this script.
// Usage: jlpm golden:update   (then review the diff of tests/golden/dags)
import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
  mkdirSync
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import ts from 'typescript';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const GOLDEN = path.join(ROOT, 'tests/golden');
// The generator and what it imports: plain TypeScript without browser or Lumino code.
const SOURCES = [
  'src/spec',
  'src/pipeline/generateDag.ts',
  'src/pipeline/workflowDag.ts',
  'src/pipeline/pythonSource.ts'
];

function typescriptFiles(entry) {
  const full = path.join(ROOT, entry);
  if (entry.endsWith('.ts')) {
    return [entry];
  }
  return readdirSync(full)
    .filter(name => name.endsWith('.ts'))
    .map(name => path.join(entry, name));
}

/** Transpiles SOURCES to CommonJS in a scratch folder; returns the generateDag module. */
function loadGenerator(scratch) {
  for (const file of SOURCES.flatMap(typescriptFiles)) {
    const { outputText } = ts.transpileModule(
      readFileSync(path.join(ROOT, file), 'utf-8'),
      {
        compilerOptions: {
          module: ts.ModuleKind.CommonJS,
          target: ts.ScriptTarget.ES2020
        }
      }
    );
    const target = path.join(scratch, file.replace(/\.ts$/, '.js'));
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, outputText);
  }
  return createRequire(import.meta.url)(
    path.join(scratch, 'src/pipeline/generateDag.js')
  );
}

const scratch = mkdtempSync(path.join(tmpdir(), 'nbschedule-golden-'));
try {
  const { generateDag } = loadGenerator(scratch);
  const specs = readdirSync(path.join(GOLDEN, 'specs')).filter(name =>
    name.endsWith('.json')
  );
  for (const file of specs.sort()) {
    const spec = JSON.parse(
      readFileSync(path.join(GOLDEN, 'specs', file), 'utf-8')
    );
    const target = path.join(GOLDEN, 'dags', file.replace(/\.json$/, '.py'));
    writeFileSync(target, generateDag(spec));
    console.log(`wrote ${path.relative(ROOT, target)}`);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

/// <reference types="node" />
// Node APIs: golden files live in the repository's tests/golden folder.
import { readdirSync, readFileSync } from 'fs';
import path from 'path';

import { generateDag } from '..';
import { ScheduleSpec } from '../../spec';

const GOLDEN = path.resolve(__dirname, '../../../tests/golden');
const SPECS = path.join(GOLDEN, 'specs');
const DAGS = path.join(GOLDEN, 'dags');
// The expected DAGs are only compared here; `jlpm golden:update` rewrites them.

const names = readdirSync(SPECS)
  .filter(file => file.endsWith('.json'))
  .map(file => file.slice(0, -'.json'.length))
  .sort();

const specOf = (name: string): ScheduleSpec =>
  JSON.parse(readFileSync(path.join(SPECS, `${name}.json`), 'utf-8'));

/** Shapes of credentials that must never reach a DAG file. */
const SECRET_SHAPES: [string, RegExp][] = [
  ['URL with credentials', /[a-z][a-z0-9+.-]*:\/\/[^/\s"@]+:[^/\s"@]+@/i],
  ['GitHub token', /\bgh[pousr]_[A-Za-z0-9]{20,}/],
  ['Slack token', /\bxox[abposr]-[A-Za-z0-9-]{10,}/],
  ['AWS access key', /\bAKIA[0-9A-Z]{16}\b/],
  ['private key', /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
  ['bearer token', /\bBearer\s+[A-Za-z0-9._~+/-]{16,}/],
  [
    'secret assignment',
    /\b(?:password|passwd|secret|token|api_key|apikey)\s*[=:]/i
  ],
  ['long opaque string', /[A-Za-z0-9+/_-]{40,}/]
];

describe('generateDag golden files', () => {
  it('has the golden specs it promises', () => {
    expect(names).toEqual(
      expect.arrayContaining([
        'minimal',
        'full',
        'catchup_all',
        'tricky_strings'
      ])
    );
  });

  it.each(names)('%s.json gives the expected DAG byte for byte', name => {
    const generated = generateDag(specOf(name));
    expect(generated).toBe(
      readFileSync(path.join(DAGS, `${name}.py`), 'utf-8')
    );
  });

  it.each(names)('%s gives the same DAG twice', name => {
    expect(generateDag(specOf(name))).toBe(generateDag(specOf(name)));
  });

  it.each(names)('%s gives a DAG without token-like strings', name => {
    const generated = generateDag(specOf(name));
    for (const [shape, pattern] of SECRET_SHAPES) {
      expect([shape, pattern.exec(generated)?.[0]]).toEqual([shape, undefined]);
    }
  });

  it.each(names)('%s gives a pure ASCII DAG', name => {
    expect(generateDag(specOf(name))).toMatch(/^[\x20-\x7e\n]*$/);
  });
});

// Writes src/spec/schedule.generated.ts from nbschedule/spec/schedule.schema.json:
// the TypeScript types of the schedule spec and the defaults the schema declares.
// Usage: node scripts/generate-spec-types.mjs [--stdout]
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { compile } from 'json-schema-to-typescript';
import prettier from 'prettier';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SCHEMA_PATH = path.join(ROOT, 'nbschedule/spec/schedule.schema.json');
export const OUTPUT_PATH = path.join(ROOT, 'src/spec/schedule.generated.ts');

// The types keep the schema's names (ScheduleSpec, Input, ...), which the
// house rule for interface names (an I prefix) does not fit.
const HEADER =
  '// generated from nbschedule/spec/schedule.schema.json by scripts/generate-spec-types.mjs; do not edit\n' +
  '/* eslint-disable */\n';

// Used when the repository has no prettier config yet; the repo's config wins.
const HOUSE_STYLE = {
  singleQuote: true,
  trailingComma: 'none',
  arrowParens: 'avoid',
  tabWidth: 2
};

/** The values an object's properties take when absent: `const`s and `default`s. */
function declaredDefaults(schema) {
  const defaults = {};
  for (const [key, property] of Object.entries(schema.properties ?? {})) {
    if ('const' in property) {
      defaults[key] = property.const;
    } else if ('default' in property) {
      defaults[key] = property.default;
    }
  }
  return defaults;
}

/** Name json-schema-to-typescript gives a definition's type, e.g. landedCheck → LandedCheck. */
const typeName = definition =>
  definition[0].toUpperCase() + definition.slice(1);

/** e.g. landedCheck → LANDED_CHECK */
const constantName = definition =>
  definition.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();

/** A typed const holding the defaults, so the compiler checks them against the type. */
function defaultsConst(name, type, defaults) {
  const keys = Object.keys(defaults)
    .map(key => `'${key}'`)
    .join(' | ');
  return [
    `export const ${name}: Readonly<Required<Pick<${type}, ${keys}>>> = ${JSON.stringify(defaults)};`,
    ''
  ];
}

function defaultsSource(schema) {
  const lines = [
    '/** Values the schema fixes (`const`) or defaults for a schedule spec. */',
    ...defaultsConst(
      'SCHEDULE_DEFAULTS',
      'ScheduleSpec',
      declaredDefaults(schema)
    )
  ];
  for (const [name, definition] of Object.entries(schema.definitions ?? {})) {
    const defaults = declaredDefaults(definition);
    if (Object.keys(defaults).length > 0) {
      lines.push(
        `/** Defaults of the schema's \`${name}\` definition. */`,
        ...defaultsConst(
          `${constantName(name)}_DEFAULTS`,
          typeName(name),
          defaults
        )
      );
    }
  }
  return lines.join('\n');
}

/**
 * A schema with nothing but a description admits any JSON value; say so,
 * or json-schema-to-typescript would type it as an object.
 */
function markAnyValues(node) {
  if (Array.isArray(node)) {
    node.forEach(markAnyValues);
  } else if (node && typeof node === 'object') {
    const constraining = [
      'type',
      '$ref',
      'enum',
      'const',
      'oneOf',
      'anyOf',
      'allOf',
      'properties'
    ];
    for (const [key, property] of Object.entries(node.properties ?? {})) {
      if (!constraining.some(word => word in property)) {
        node.properties[key] = { ...property, tsType: 'unknown' };
      }
    }
    Object.values(node).forEach(markAnyValues);
  }
}

/** The generated module's full text; the same schema always gives the same bytes. */
export async function generateSpecTypes() {
  const schema = JSON.parse(await readFile(SCHEMA_PATH, 'utf-8'));
  const typed = structuredClone(schema);
  markAnyValues(typed);
  const types = await compile(typed, 'ScheduleSpec', {
    bannerComment: '',
    format: false,
    unreachableDefinitions: false,
    strictIndexSignatures: true,
    cwd: path.dirname(SCHEMA_PATH)
  });
  const style = {
    ...HOUSE_STYLE,
    ...((await prettier.resolveConfig(OUTPUT_PATH)) ?? {})
  };
  return prettier.format(`${HEADER}\n${types}\n${defaultsSource(schema)}`, {
    ...style,
    parser: 'typescript'
  });
}

const invokedDirectly =
  process.argv[1] &&
  path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);

if (invokedDirectly) {
  const source = await generateSpecTypes();
  if (process.argv.includes('--stdout')) {
    process.stdout.write(source);
  } else {
    await writeFile(OUTPUT_PATH, source);
    console.log(`wrote ${path.relative(ROOT, OUTPUT_PATH)}`);
  }
}

/**
 * Every user-visible English text goes through trans.__ / trans._n: this reads the
 * source with the TypeScript parser and fails on prose written as a bare literal in
 * JSX text, in user-facing JSX attributes, in a DOM `textContent`, or as the first
 * argument of a Notification.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

// All of src/, not only the wizard.
const SRC = path.resolve(__dirname, '../..');
const VISIBLE_ATTRIBUTES = new Set([
  'aria-label',
  'title',
  'placeholder',
  'alt',
  'label'
]);

/** Example values (addresses, URLs, crons) are not prose. */
function isProse(text: string): boolean {
  const trimmed = text.trim();
  if (!/[A-Za-z]{2,}/.test(trimmed)) {
    return false;
  }
  return !/^(\S+@\S+|https?:\/\/\S+|[\d*/ ,-]+)$/.test(trimmed);
}

function sources(folder: string): string[] {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      return entry.name === '__tests__' ? [] : sources(full);
    }
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')
      ? [full]
      : [];
  });
}

/** Bare literals shown to users in one file, as "file:line: text". */
export function untranslated(file: string, text: string): string[] {
  const source = ts.createSourceFile(
    file,
    text,
    ts.ScriptTarget.Latest,
    true,
    file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS
  );
  const found: string[] = [];
  const report = (node: ts.Node, literal: string) => {
    const { line } = source.getLineAndCharacterOfPosition(node.getStart());
    found.push(`${path.relative(SRC, file)}:${line + 1}: ${literal.trim()}`);
  };
  const literalOf = (node: ts.Node | undefined): string | null => {
    if (!node) {
      return null;
    }
    if (ts.isJsxExpression(node)) {
      return literalOf(node.expression);
    }
    return ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)
      ? node.text
      : null;
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && isProse(node.text)) {
      report(node, node.text);
    } else if (
      ts.isJsxAttribute(node) &&
      VISIBLE_ATTRIBUTES.has(node.name.getText(source))
    ) {
      const literal = literalOf(node.initializer);
      if (literal !== null && isProse(literal)) {
        report(node, literal);
      }
    } else if (
      ts.isBinaryExpression(node) &&
      node.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      /\.(textContent|title)$/.test(node.left.getText(source))
    ) {
      const literal = literalOf(node.right);
      if (literal !== null && isProse(literal)) {
        report(node, literal);
      }
    } else if (
      ts.isCallExpression(node) &&
      /^Notification\.\w+$/.test(node.expression.getText(source))
    ) {
      const literal = literalOf(node.arguments[0]);
      if (literal !== null && isProse(literal)) {
        report(node, literal);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('translations', () => {
  it('no user-visible English literal outside trans.__ and trans._n', () => {
    const found = sources(SRC).flatMap(file =>
      untranslated(file, fs.readFileSync(file, 'utf-8'))
    );
    expect(found).toEqual([]);
  });

  it('the check catches each kind of bare literal', () => {
    const sample = [
      'const a = <p>Run the test</p>;',
      'const b = <input aria-label="Owner name" />;',
      "const c = <input placeholder={'Search runs'} />;",
      "node.textContent = 'Loading runs';",
      "Notification.error('Run failed');",
      "const ok = <p>{trans.__('Run the test')}</p>;",
      'const example = <input placeholder="team@example.com" />;'
    ].join('\n');
    expect(
      untranslated(path.join(SRC, 'sample.tsx'), sample).map(line =>
        line.replace(/^.*?: /, '')
      )
    ).toEqual([
      'Run the test',
      'Owner name',
      'Search runs',
      'Loading runs',
      'Run failed'
    ]);
  });
});

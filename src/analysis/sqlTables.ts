/**
 * The tables an SQL text reads: names after FROM and JOIN, schema-qualified
 * where written so, without CTE names, subqueries, table functions and
 * FROMs inside expressions such as EXTRACT(YEAR FROM ts).
 */

interface ISqlToken {
  kind: 'word' | 'quoted' | 'string' | 'number' | 'punct';
  text: string;
  /** Upper-cased text of a word, for keyword comparisons. */
  upper: string;
}

const SQL_TOKEN =
  /\s+|--[^\n]*|\/\*[\s\S]*?(?:\*\/|$)|'(?:[^']|'')*'?|"(?:[^"]|"")*"?|`(?:[^`]|``)*`?|\[[^\]]*\]?|[A-Za-z_\u00c0-\uffff][\w$\u00c0-\uffff]*|\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|[\s\S]/g;

function tokenizeSql(sql: string): ISqlToken[] {
  const tokens: ISqlToken[] = [];
  for (const [text] of sql.matchAll(SQL_TOKEN)) {
    if (/^\s/.test(text) || text.startsWith('--') || text.startsWith('/*')) {
      continue;
    }
    const first = text[0];
    if (first === '"' || first === '`' || first === '[') {
      const closing = first === '[' ? ']' : first;
      const inner = text.slice(
        1,
        text.endsWith(closing) && text.length > 1 ? -1 : undefined
      );
      const unquoted =
        first === '[' ? inner : inner.split(first + first).join(first);
      tokens.push({ kind: 'quoted', text: unquoted, upper: '' });
    } else if (first === "'") {
      tokens.push({ kind: 'string', text, upper: '' });
    } else if (/\d/.test(first)) {
      tokens.push({ kind: 'number', text, upper: '' });
    } else if (/[A-Za-z_\u00c0-\uffff]/.test(first)) {
      tokens.push({ kind: 'word', text, upper: text.toUpperCase() });
    } else {
      tokens.push({ kind: 'punct', text, upper: text });
    }
  }
  return tokens;
}

/** Words that end a table reference, so they are never taken for an alias. */
const CLAUSE_WORDS = new Set(
  (
    'WHERE JOIN ON USING INNER LEFT RIGHT FULL CROSS NATURAL OUTER GROUP ORDER ' +
    'HAVING LIMIT OFFSET FETCH UNION EXCEPT INTERSECT MINUS WINDOW QUALIFY ' +
    'TABLESAMPLE PIVOT UNPIVOT FOR SET VALUES RETURNING SELECT FROM WITH'
  ).split(' ')
);

const WRITE_VERBS = new Set(
  'INSERT UPDATE DELETE MERGE CREATE DROP ALTER TRUNCATE GRANT REVOKE COPY UPSERT'.split(
    ' '
  )
);

const isIdentifier = (token: ISqlToken | undefined): token is ISqlToken =>
  token?.kind === 'quoted' || token?.kind === 'word';

/** Unquoted identifiers fold to lower case; quoted ones keep theirs. */
const identifierName = (token: ISqlToken): string =>
  token.kind === 'word' ? token.text.toLowerCase() : token.text;

const isPunct = (token: ISqlToken | undefined, text: string): boolean =>
  token?.kind === 'punct' && token.text === text;

function matchingParen(tokens: ISqlToken[], open: number): number {
  let depth = 0;
  for (let index = open; index < tokens.length; index++) {
    if (isPunct(tokens[index], '(')) {
      depth += 1;
    } else if (isPunct(tokens[index], ')') && --depth === 0) {
      return index;
    }
  }
  return tokens.length;
}

function splitStatements(tokens: ISqlToken[]): ISqlToken[][] {
  const statements: ISqlToken[][] = [[]];
  let depth = 0;
  for (const token of tokens) {
    if (isPunct(token, '(')) {
      depth += 1;
    } else if (isPunct(token, ')')) {
      depth = Math.max(0, depth - 1);
    }
    if (isPunct(token, ';') && depth === 0) {
      statements.push([]);
    } else {
      statements[statements.length - 1].push(token);
    }
  }
  return statements.filter(statement => statement.length > 0);
}

/** Names the statement's WITH clauses define, wherever they are nested. */
function cteNames(tokens: ISqlToken[]): Set<string> {
  const names = new Set<string>();
  tokens.forEach((token, index) => {
    if (token.upper !== 'WITH') {
      return;
    }
    let at = index + 1;
    if (tokens[at]?.upper === 'RECURSIVE') {
      at += 1;
    }
    while (isIdentifier(tokens[at])) {
      const name = identifierName(tokens[at]);
      at += 1;
      if (isPunct(tokens[at], '(')) {
        at = matchingParen(tokens, at) + 1; // column list
      }
      if (tokens[at]?.upper !== 'AS') {
        return;
      }
      at += 1;
      while (
        tokens[at]?.upper === 'NOT' ||
        tokens[at]?.upper === 'MATERIALIZED'
      ) {
        at += 1;
      }
      if (!isPunct(tokens[at], '(')) {
        return;
      }
      names.add(name);
      at = matchingParen(tokens, at) + 1;
      if (!isPunct(tokens[at], ',')) {
        return;
      }
      at += 1;
    }
  });
  return names;
}

class TableCollector {
  readonly tables: string[] = [];

  constructor(
    private readonly tokens: ISqlToken[],
    private readonly ctes: Set<string>
  ) {}

  /** Reads the table reference at `at`; returns where the reference ends. */
  private reference(at: number): number {
    while (
      this.tokens[at]?.upper === 'LATERAL' ||
      this.tokens[at]?.upper === 'ONLY'
    ) {
      at += 1;
    }
    if (isPunct(this.tokens[at], '(')) {
      return matchingParen(this.tokens, at) + 1; // subquery: its FROMs are read in turn
    }
    const parts: string[] = [];
    while (isIdentifier(this.tokens[at])) {
      parts.push(identifierName(this.tokens[at]));
      at += 1;
      if (!isPunct(this.tokens[at], '.')) {
        break;
      }
      at += 1;
    }
    if (parts.length === 0 || isPunct(this.tokens[at], '(')) {
      return at; // nothing named, or a table function
    }
    const name = parts.join('.');
    if (
      !(parts.length === 1 && this.ctes.has(name)) &&
      !this.tables.includes(name)
    ) {
      this.tables.push(name);
    }
    return at;
  }

  /** Skips `[AS] alias [(columns)]` after a reference. */
  private alias(at: number): number {
    if (this.tokens[at]?.upper === 'AS') {
      at += 1;
    }
    const token = this.tokens[at];
    if (isIdentifier(token) && !CLAUSE_WORDS.has(token.upper)) {
      at += 1;
      if (isPunct(this.tokens[at], '(')) {
        at = matchingParen(this.tokens, at) + 1;
      }
    }
    return at;
  }

  /** FROM takes a comma-separated list; JOIN takes one reference. */
  private referenceList(at: number, commaList: boolean): void {
    at = this.alias(this.reference(at));
    while (commaList && isPunct(this.tokens[at], ',')) {
      at = this.alias(this.reference(at + 1));
    }
  }

  collect(): void {
    // Whether each open parenthesis holds a query (its FROMs count) or an expression.
    const holdsQuery: boolean[] = [];
    this.tokens.forEach((token, index) => {
      const previous = this.tokens[index - 1];
      if (isPunct(token, '(')) {
        const next = this.tokens[index + 1]?.upper;
        holdsQuery.push(
          next === 'SELECT' ||
            next === 'WITH' ||
            next === 'VALUES' ||
            previous?.upper === 'FROM' ||
            previous?.upper === 'JOIN'
        );
      } else if (isPunct(token, ')')) {
        holdsQuery.pop();
      } else if (holdsQuery.length > 0 && !holdsQuery[holdsQuery.length - 1]) {
        return;
      } else if (token.upper === 'JOIN') {
        this.referenceList(index + 1, false);
      } else if (
        token.upper === 'FROM' &&
        previous?.upper !== 'DISTINCT' && // IS [NOT] DISTINCT FROM
        previous?.upper !== 'DELETE' // the table written to, not read
      ) {
        this.referenceList(index + 1, true);
      }
    });
  }
}

export interface ISqlAnalysis {
  /** Tables read, in order of first appearance, each once. */
  tables: string[];
  /** Verbs of statements that change the warehouse (INSERT, DROP, ...). */
  writes: string[];
}

export function analyzeSql(sql: string): ISqlAnalysis {
  const tables: string[] = [];
  const writes: string[] = [];
  for (const statement of splitStatements(tokenizeSql(sql))) {
    const collector = new TableCollector(statement, cteNames(statement));
    collector.collect();
    tables.push(...collector.tables.filter(table => !tables.includes(table)));
    const verb = statement.find(
      (token, index) =>
        WRITE_VERBS.has(token.upper) &&
        (index === 0 || statement[0].upper === 'WITH')
    );
    if (verb) {
      writes.push(verb.upper);
    }
  }
  return { tables, writes };
}

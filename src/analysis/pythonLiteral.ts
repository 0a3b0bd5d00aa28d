import { IPythonToken } from './pythonTokens';

/** The Python type a literal evaluates to, as `type(value).__name__` says. */
export type PythonLiteralType =
  | 'str'
  | 'int'
  | 'float'
  | 'bool'
  | 'NoneType'
  | 'list'
  | 'tuple'
  | 'set'
  | 'dict';

export interface IPythonLiteral {
  type: PythonLiteralType;
  /** The value as JSON: tuples and sets become arrays, dict keys strings. */
  value: unknown;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '\n': '',
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v'
};

function unescape(body: string): string {
  return body.replace(
    /\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{1,3}|[\s\S])/g,
    (whole, escape: string) => {
      if (escape in SIMPLE_ESCAPES) {
        return SIMPLE_ESCAPES[escape];
      }
      if (/^[xuU]/.test(escape)) {
        return String.fromCodePoint(parseInt(escape.slice(1), 16));
      }
      if (/^[0-7]/.test(escape)) {
        return String.fromCodePoint(parseInt(escape, 8));
      }
      return whole; // Python keeps unknown escapes as written
    }
  );
}

/** The text a string token stands for; undefined for f-strings, which are code. */
export function stringTokenValue(text: string): string | undefined {
  const quoteAt = text.search(/["']/);
  const prefix = text.slice(0, quoteAt).toLowerCase();
  if (prefix.includes('f')) {
    return undefined;
  }
  const quote = text.startsWith(text[quoteAt].repeat(3), quoteAt)
    ? text[quoteAt].repeat(3)
    : text[quoteAt];
  const closed =
    text.length - quoteAt >= 2 * quote.length && text.endsWith(quote);
  const body = text.slice(
    quoteAt + quote.length,
    closed ? text.length - quote.length : text.length
  );
  return prefix.includes('r') ? body : unescape(body);
}

function numberValue(text: string): IPythonLiteral | undefined {
  const plain = text.replace(/_/g, '').toLowerCase();
  if (plain.endsWith('j')) {
    return undefined; // complex numbers have no JSON form
  }
  const radix = { '0x': 16, '0o': 8, '0b': 2 }[plain.slice(0, 2)];
  if (radix) {
    const value = parseInt(plain.slice(2), radix);
    return Number.isSafeInteger(value) ? { type: 'int', value } : undefined;
  }
  if (/^\d+$/.test(plain)) {
    const value = Number(plain);
    return Number.isSafeInteger(value) ? { type: 'int', value } : undefined;
  }
  const value = Number(plain);
  return Number.isFinite(value) ? { type: 'float', value } : undefined;
}

class LiteralParser {
  private position = 0;

  constructor(private readonly tokens: IPythonToken[]) {}

  parseAll(): IPythonLiteral | undefined {
    const literal = this.expression();
    return literal && this.position === this.tokens.length
      ? literal
      : undefined;
  }

  private peek(): IPythonToken | undefined {
    return this.tokens[this.position];
  }

  private takeOp(text: string): boolean {
    const token = this.peek();
    if (token?.kind === 'op' && token.text === text) {
      this.position += 1;
      return true;
    }
    return false;
  }

  private expression(): IPythonLiteral | undefined {
    const token = this.peek();
    if (!token) {
      return undefined;
    }
    if (token.kind === 'op' && (token.text === '-' || token.text === '+')) {
      this.position += 1;
      const operand = this.expression();
      if (!operand || (operand.type !== 'int' && operand.type !== 'float')) {
        return undefined;
      }
      const sign = token.text === '-' ? -1 : 1;
      return { type: operand.type, value: sign * (operand.value as number) };
    }
    this.position += 1;
    switch (token.kind) {
      case 'number':
        return numberValue(token.text);
      case 'string':
        return this.strings(token);
      case 'name':
        return this.constant(token.text);
      case 'op':
        return this.container(token.text);
      default:
        return undefined;
    }
  }

  /** Adjacent string literals concatenate, as in Python. */
  private strings(first: IPythonToken): IPythonLiteral | undefined {
    let value = stringTokenValue(first.text);
    while (value !== undefined && this.peek()?.kind === 'string') {
      const next = stringTokenValue(this.peek()!.text);
      value = next === undefined ? undefined : value + next;
      this.position += 1;
    }
    return value === undefined ? undefined : { type: 'str', value };
  }

  private constant(name: string): IPythonLiteral | undefined {
    switch (name) {
      case 'True':
        return { type: 'bool', value: true };
      case 'False':
        return { type: 'bool', value: false };
      case 'None':
        return { type: 'NoneType', value: null };
      default:
        return undefined;
    }
  }

  private container(open: string): IPythonLiteral | undefined {
    const close = { '[': ']', '(': ')', '{': '}' }[open];
    if (!close) {
      return undefined;
    }
    const items: IPythonLiteral[] = [];
    const entries: [string, unknown][] = [];
    let sawComma = false;
    while (!this.takeOp(close)) {
      const item = this.expression();
      if (!item) {
        return undefined;
      }
      if (open === '{' && this.takeOp(':')) {
        const entry = this.expression();
        if (!entry) {
          return undefined;
        }
        const key =
          typeof item.value === 'string'
            ? item.value
            : JSON.stringify(item.value);
        entries.push([key, entry.value]);
      } else {
        items.push(item);
      }
      if (this.takeOp(',')) {
        sawComma = true;
      } else if (this.takeOp(close)) {
        break;
      } else {
        return undefined;
      }
    }
    const values = items.map(item => item.value);
    if (open === '{') {
      if (entries.length > 0 && items.length > 0) {
        return undefined; // a mix of dict entries and set items is not Python
      }
      return items.length > 0
        ? { type: 'set', value: values }
        : { type: 'dict', value: Object.fromEntries(entries) };
    }
    if (open === '(') {
      // Parentheses around one value without a comma only group it.
      return items.length === 1 && !sawComma
        ? items[0]
        : { type: 'tuple', value: values };
    }
    return { type: 'list', value: values };
  }
}

/** The literal an expression's tokens spell, or undefined when it is not a literal. */
export function parsePythonLiteral(
  tokens: IPythonToken[]
): IPythonLiteral | undefined {
  const code = tokens.filter(token => token.kind !== 'comment');
  return code.length > 0 ? new LiteralParser(code).parseAll() : undefined;
}

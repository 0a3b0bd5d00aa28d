/**
 * JSON values written as Python source. Output is pure ASCII with every
 * string escaped, so no spec value can end a literal, start a statement or
 * hide code behind bidirectional-text characters.
 */

const INDENT = '    ';

const ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  '"': '\\"',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t'
};

const hex = (code: number, width: number) =>
  code.toString(16).padStart(width, '0');

/** A double-quoted Python string literal for `text`. */
export function pyString(text: string): string {
  let literal = '"';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (char in ESCAPES) {
      literal += ESCAPES[char];
    } else if (code >= 0x20 && code < 0x7f) {
      literal += char;
    } else if (code < 0x100) {
      literal += `\\x${hex(code, 2)}`;
    } else if (code < 0x10000) {
      literal += `\\u${hex(code, 4)}`;
    } else {
      literal += `\\U${hex(code, 8)}`;
    }
  }
  return literal + '"';
}

/** A Python int or float literal; JSON has no NaN or infinity, nor does a spec. */
export function pyNumber(value: number): string {
  if (!Number.isFinite(value)) {
    throw new Error(`${value} has no place in a schedule spec`);
  }
  // Beyond 2^53 a whole number can only have been a float (the spec check refuses
  // such integers), and JavaScript prints it as a rounded integer that Python would
  // read as another, exact int: write the float's own shortest digits instead.
  if (Number.isInteger(value) && !Number.isSafeInteger(value)) {
    return value.toExponential();
  }
  // 1e+21 reads in Python as in JavaScript.
  return String(value);
}

/**
 * A number that Python must read as a float even when it is whole: JSON
 * parsing in JavaScript turns 5.0 into 5, which Python would read as an int.
 */
export class PyFloat {
  constructor(readonly value: number) {}
}

/** A Python float literal: 5 becomes 5.0; 1e+21 is a float already. */
export function pyFloat(value: number): string {
  const literal = pyNumber(value);
  return /[.eE]/.test(literal) ? literal : `${literal}.0`;
}

/**
 * A JSON value as a Python literal: dict keys sorted, one item per line,
 * four-space indents, trailing commas; `level` is the starting indent.
 */
export function pyLiteral(value: unknown, level = 0): string {
  const inner = INDENT.repeat(level + 1);
  const outer = INDENT.repeat(level);
  if (value === null || value === undefined) {
    return 'None';
  }
  if (typeof value === 'boolean') {
    return value ? 'True' : 'False';
  }
  if (typeof value === 'number') {
    return pyNumber(value);
  }
  if (value instanceof PyFloat) {
    return pyFloat(value.value);
  }
  if (typeof value === 'string') {
    return pyString(value);
  }
  if (Array.isArray(value)) {
    if (value.length === 0) {
      return '[]';
    }
    const items = value.map(item => `${inner}${pyLiteral(item, level + 1)},\n`);
    return `[\n${items.join('')}${outer}]`;
  }
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    // Undefined fields are absent fields, as in JSON.
    const keys = Object.keys(record)
      .filter(key => record[key] !== undefined)
      .sort();
    if (keys.length === 0) {
      return '{}';
    }
    const entries = keys.map(
      key => `${inner}${pyString(key)}: ${pyLiteral(record[key], level + 1)},\n`
    );
    return `{\n${entries.join('')}${outer}}`;
  }
  throw new Error(`a ${typeof value} has no place in a schedule spec`);
}

/**
 * A small Python tokenizer: enough to tell code from strings and comments,
 * to split a cell into statements and to read literal values. It never throws;
 * text it does not understand becomes `op` tokens.
 */

export type PythonTokenKind =
  'name' | 'number' | 'string' | 'op' | 'comment' | 'newline';

export interface IPythonToken {
  kind: PythonTokenKind;
  text: string;
  /** 0-based line of the token's first character within the source. */
  line: number;
  /** Bracket nesting depth before the token. */
  depth: number;
}

const NAME_START = /[A-Za-z_\u00c0-\uffff]/;
const NAME_PART = /[A-Za-z0-9_\u00c0-\uffff]/;
const STRING_PREFIX = /^(?:[rRbBuUfF]|[rR][bBfF]|[bBfF][rR])$/;
const NUMBER =
  /^(?:0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][+-]?\d[\d_]*)?[jJ]?)/;
const OPERATORS = [
  '**=',
  '//=',
  '>>=',
  '<<=',
  '...',
  '->',
  ':=',
  '**',
  '//',
  '>>',
  '<<',
  '<=',
  '>=',
  '==',
  '!=',
  '+=',
  '-=',
  '*=',
  '/=',
  '%=',
  '&=',
  '|=',
  '^=',
  '@='
];

/** Index just past the string literal whose quote starts at `start`. */
function stringEnd(source: string, start: number): number {
  const quote = source.startsWith(source[start].repeat(3), start)
    ? source[start].repeat(3)
    : source[start];
  let index = start + quote.length;
  while (index < source.length) {
    if (source[index] === '\\') {
      index += 2;
    } else if (source.startsWith(quote, index)) {
      return index + quote.length;
    } else if (quote.length === 1 && source[index] === '\n') {
      return index; // unterminated single-line string: stop at the line end
    } else {
      index += 1;
    }
  }
  return source.length;
}

export function tokenizePython(source: string): IPythonToken[] {
  const tokens: IPythonToken[] = [];
  let index = 0;
  let line = 0;
  let depth = 0;
  const push = (kind: PythonTokenKind, text: string) => {
    tokens.push({ kind, text, line, depth });
    line += text.split('\n').length - 1;
  };

  while (index < source.length) {
    const char = source[index];
    const rest = source.slice(index);
    if (char === '\n') {
      // Inside brackets a line break does not end the statement.
      if (depth === 0) {
        push('newline', char);
      } else {
        line += 1;
      }
      index += 1;
    } else if (char === '\\' && source[index + 1] === '\n') {
      line += 1;
      index += 2;
    } else if (
      char === ' ' ||
      char === '\t' ||
      char === '\r' ||
      char === '\f'
    ) {
      index += 1;
    } else if (char === '#') {
      const end = source.indexOf('\n', index);
      const text = source.slice(index, end === -1 ? source.length : end);
      push('comment', text);
      index += text.length;
    } else if (char === '"' || char === "'") {
      const end = stringEnd(source, index);
      push('string', source.slice(index, end));
      index = end;
    } else if (NAME_START.test(char)) {
      let end = index + 1;
      while (end < source.length && NAME_PART.test(source[end])) {
        end += 1;
      }
      const word = source.slice(index, end);
      if (
        STRING_PREFIX.test(word) &&
        (source[end] === '"' || source[end] === "'")
      ) {
        const stop = stringEnd(source, end);
        push('string', source.slice(index, stop));
        index = stop;
      } else {
        push('name', word);
        index = end;
      }
    } else if (
      /[0-9]/.test(char) ||
      (char === '.' && /[0-9]/.test(source[index + 1] ?? ''))
    ) {
      const text = NUMBER.exec(rest)![0];
      push('number', text);
      index += text.length;
    } else {
      const text = OPERATORS.find(op => rest.startsWith(op)) ?? char;
      if ('([{'.includes(text)) {
        push('op', text);
        depth += 1;
      } else if (')]}'.includes(text)) {
        depth = Math.max(0, depth - 1);
        push('op', text);
      } else {
        push('op', text);
      }
      index += text.length;
    }
  }
  return tokens;
}

/** Code tokens grouped into logical lines (statements), comments kept. */
export function logicalLines(tokens: IPythonToken[]): IPythonToken[][] {
  const lines: IPythonToken[][] = [];
  let current: IPythonToken[] = [];
  for (const token of tokens) {
    if (
      token.kind === 'newline' ||
      (token.kind === 'op' && token.text === ';' && token.depth === 0)
    ) {
      if (current.length > 0) {
        lines.push(current);
      }
      current = [];
    } else {
      current.push(token);
    }
  }
  if (current.length > 0) {
    lines.push(current);
  }
  return lines;
}

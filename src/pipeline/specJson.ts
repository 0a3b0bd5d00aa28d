import { ScheduleSpec } from '../spec';

/**
 * JSON with keys in sorted order, each level indented by `unit`. Written out by
 * hand because JSON.stringify puts integer-like keys ("9", "10") first in numeric
 * order, whatever the order they were inserted in.
 */
export function sortedJson(value: unknown, unit: string, indent = ''): string {
  const inner = indent + unit;
  if (Array.isArray(value)) {
    if (value.length === 0) {
      return '[]';
    }
    const items = value.map(item => inner + sortedJson(item, unit, inner));
    return `[\n${items.join(',\n')}\n${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    // Undefined fields are left out, as JSON.stringify leaves them out.
    const keys = Object.keys(record)
      .filter(key => record[key] !== undefined)
      .sort();
    if (keys.length === 0) {
      return '{}';
    }
    const entries = keys.map(
      key =>
        `${inner}${JSON.stringify(key)}: ${sortedJson(record[key], unit, inner)}`
    );
    return `{\n${entries.join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * The spec as the review shows it: canonical JSON with sorted keys, two-space
 * indents and a final newline, so equal specs give equal files and diffs stay small.
 */
export function specToJson(spec: ScheduleSpec): string {
  return sortedJson(spec, '  ') + '\n';
}

/**
 * The operator's cell magics:
 *   %%sql <df> [--conn NAME]                                     reads a query's result into <df>
 *   %%upload <df> --table NAME [--conn NAME] [--mode replace|append]   writes <df> to a table
 */

import { IWarningText, warningText } from './warnings';

/** The connection a magic uses when it names none (nbschedule.warehouse's default). */
export const DEFAULT_CONNECTION = 'warehouse';

export interface IMagicLine {
  /** The magic's name without `%%`, e.g. `sql`. */
  name: string;
  /** Arguments that are not options, in order. */
  positional: string[];
  /** `--name value` and `--name=value` options by name. */
  options: Record<string, string>;
  /** Options given without a value. */
  incomplete: string[];
  /** The cell's text after the magic line. */
  body: string;
}

/** The cell magic a cell starts with, if any. */
export function readCellMagic(source: string): IMagicLine | undefined {
  const match = /^[ \t]*%%([A-Za-z_][\w-]*)([^\n]*)\n?/.exec(source);
  if (!match) {
    return undefined;
  }
  const magic: IMagicLine = {
    name: match[1],
    positional: [],
    options: {},
    incomplete: [],
    body: source.slice(match[0].length)
  };
  const words = match[2].trim().split(/\s+/).filter(Boolean);
  for (let index = 0; index < words.length; index++) {
    const option = /^--([\w-]+)(?:=(.*))?$/.exec(words[index]);
    if (!option) {
      magic.positional.push(words[index]);
    } else if (option[2] !== undefined) {
      magic.options[option[1]] = option[2];
    } else if (index + 1 < words.length && !words[index + 1].startsWith('--')) {
      magic.options[option[1]] = words[++index];
    } else {
      magic.incomplete.push(option[1]);
    }
  }
  return magic;
}

/** Problems with a magic line that would stop the operator from following it. */
export function magicProblems(
  magic: IMagicLine,
  allowedOptions: string[],
  requiredOptions: string[] = []
): IWarningText[] {
  const problems: IWarningText[] = [];
  if (magic.positional.length !== 1) {
    problems.push(
      warningText('%1 needs exactly one DataFrame name', `%%${magic.name}`)
    );
  }
  for (const name of magic.incomplete) {
    problems.push(warningText('--%1 needs a value', name));
  }
  for (const name of Object.keys(magic.options)) {
    if (!allowedOptions.includes(name)) {
      problems.push(warningText('unknown option --%1', name));
    }
  }
  for (const name of requiredOptions) {
    if (!(name in magic.options) && !magic.incomplete.includes(name)) {
      problems.push(warningText('--%1 is required', name));
    }
  }
  return problems;
}

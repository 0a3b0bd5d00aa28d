import { stringTokenValue } from './pythonLiteral';
import { IPythonToken, logicalLines, tokenizePython } from './pythonTokens';
import {
  AnalysisWarningKind,
  analysisWarning,
  IAnalysisWarning,
  warningText,
  WarningTemplate
} from './warnings';
import { IMagicLine } from './magics';

const NETWORK_MODULES = [
  'requests',
  'httpx',
  'urllib',
  'urllib2',
  'urllib3',
  'http.client',
  'socket',
  'aiohttp',
  'ftplib',
  'smtplib',
  'websocket',
  'websockets'
];
const PROCESS_MODULES = ['subprocess', 'pty'];
const PROCESS_FUNCTIONS =
  /^os\.(?:system|popen|exec\w*|spawn\w*|posix_spawn\w*|fork\w*)$/;
const SHELL_CELL_MAGICS = [
  'bash',
  'sh',
  'zsh',
  'script',
  'system',
  'perl',
  'ruby',
  'powershell'
];
/** Cell magics whose body is not Python, so there is nothing more to read. */
const FOREIGN_CELL_MAGICS = [
  'html',
  'javascript',
  'js',
  'markdown',
  'latex',
  'svg',
  'sql',
  'upload'
];
const WRITER_METHODS =
  /^(?:to_csv|to_parquet|to_json|to_excel|to_pickle|to_feather|to_hdf|to_orc|to_stata|savefig)$/;
const PATH_KEYWORDS = [
  'path',
  'path_or_buf',
  'fname',
  'file',
  'excel_writer',
  'filepath_or_buffer'
];
const REMOTE_URL = /^(?!file:)[a-z][a-z0-9+.-]*:\/\//i;

/** Names imported so far in the notebook, each mapped to its full module path. */
export type ImportedNames = Map<string, string>;

const inModules = (path: string, modules: string[]): boolean =>
  modules.some(module => path === module || path.startsWith(module + '.'));

/** Whether a path written by the notebook lands outside its run folder. */
export function isOutsideRunFolder(path: string): boolean {
  return (
    /^(?:[/~\\]|[A-Za-z]:[\\/])/.test(path) ||
    path.split(/[\\/]/).includes('..')
  );
}

/** The raw text of a string token, f-strings included (their fixed parts decide). */
const stringText = (token: IPythonToken | undefined): string | undefined =>
  token?.kind === 'string'
    ? (stringTokenValue(token.text) ??
      token.text.replace(/^[^"']*(["']+)([\s\S]*?)\1$/, '$2'))
    : undefined;

interface ICall {
  callee: string;
  positional: IPythonToken[][];
  keywords: Record<string, IPythonToken[]>;
}

/** Calls in a statement: a dotted name followed by `(`, with its arguments. */
function calls(statement: IPythonToken[]): ICall[] {
  const found: ICall[] = [];
  statement.forEach((token, index) => {
    if (
      token.kind !== 'op' ||
      token.text !== '(' ||
      statement[index - 1]?.kind !== 'name'
    ) {
      return;
    }
    let start = index - 1;
    while (
      statement[start - 1]?.text === '.' &&
      statement[start - 2]?.kind === 'name'
    ) {
      start -= 2;
    }
    const methodOfExpression = statement[start - 1]?.text === '.';
    const callee =
      (methodOfExpression ? '.' : '') +
      statement
        .slice(start, index)
        .map(part => part.text)
        .join('');
    const call: ICall = { callee, positional: [], keywords: {} };
    let argument: IPythonToken[] = [];
    const finish = () => {
      if (argument[1]?.text === '=' && argument[0].kind === 'name') {
        call.keywords[argument[0].text] = argument.slice(2);
      } else if (argument.length > 0) {
        call.positional.push(argument);
      }
      argument = [];
    };
    for (const inner of statement.slice(index + 1)) {
      if (inner.depth === token.depth && inner.text === ')') {
        break;
      }
      if (inner.depth === token.depth + 1 && inner.text === ',') {
        finish();
      } else if (inner.kind !== 'comment') {
        argument.push(inner);
      }
    }
    finish();
    found.push(call);
  });
  return found;
}

/** Records the statement's imports; returns the full module paths it imports. */
function readImports(
  statement: IPythonToken[],
  imported: ImportedNames
): string[] {
  const words = statement
    .filter(token => token.kind !== 'comment')
    .map(token => token.text);
  const modules: string[] = [];
  if (words[0] === 'import') {
    for (const clause of words.slice(1).join(' ').split(',')) {
      const [path, alias] = clause
        .replace(/\s*\.\s*/g, '.')
        .trim()
        .split(/\s+as\s+/);
      modules.push(path);
      imported.set(
        alias ?? path.split('.')[0],
        alias ? path : path.split('.')[0]
      );
    }
  } else if (words[0] === 'from' && words.includes('import')) {
    const module = words.slice(1, words.indexOf('import')).join('');
    const names = words
      .slice(words.indexOf('import') + 1)
      .join(' ')
      .replace(/[()]/g, '');
    for (const clause of names.split(',')) {
      const [name, alias] = clause.trim().split(/\s+as\s+/);
      if (name) {
        modules.push(`${module}.${name}`);
        imported.set(alias ?? name, `${module}.${name}`);
      }
    }
  }
  return modules;
}

class CellFindings {
  readonly warnings: IAnalysisWarning[] = [];

  constructor(private readonly cell: number) {}

  add(
    kind: AnalysisWarningKind,
    template: WarningTemplate,
    ...args: string[]
  ): void {
    const warning = analysisWarning(
      this.cell,
      kind,
      warningText(template, ...args)
    );
    if (!this.warnings.some(known => known.message === warning.message)) {
      this.warnings.push(warning);
    }
  }

  checkWrite(callee: string, pathTokens: IPythonToken[] | undefined): void {
    const path =
      pathTokens?.length === 1 ? stringText(pathTokens[0]) : undefined;
    if (path !== undefined && isOutsideRunFolder(path)) {
      this.add(
        'file_write',
        '%1() writes %2, outside the run folder',
        callee,
        JSON.stringify(path)
      );
    }
  }
}

/** Blanks IPython-only lines (shell escapes, line magics) so the rest reads as Python. */
function pythonOnly(source: string, findings: CellFindings): string {
  return source
    .split('\n')
    .map(line => {
      const shell = /^\s*(?:[\w.]+\s*=\s*)?(?:!|%(?:system|sx)\b)\s*(.*)$/.exec(
        line
      );
      if (shell) {
        findings.add('shell', 'runs a shell command: %1', shell[1].trim());
      }
      return shell || /^\s*%/.test(line) ? '' : line;
    })
    .join('\n');
}

/**
 * Side effects of one code cell that keep a notebook from running as a
 * scheduled job: network access, processes, shell escapes and file writes
 * outside the run folder. `imported` carries imports from earlier cells.
 */
export function sideEffects(
  source: string,
  cell: number,
  magic: IMagicLine | undefined,
  imported: ImportedNames
): IAnalysisWarning[] {
  const findings = new CellFindings(cell);
  if (magic && SHELL_CELL_MAGICS.includes(magic.name)) {
    findings.add('shell', 'runs a %1 cell', `%%${magic.name}`);
    return findings.warnings;
  }
  if (magic && magic.name === 'writefile') {
    const target = magic.positional[magic.positional.length - 1] ?? '';
    if (isOutsideRunFolder(target)) {
      findings.add(
        'file_write',
        '%1 writes %2, outside the run folder',
        '%%writefile',
        JSON.stringify(target)
      );
    }
    return findings.warnings;
  }
  if (magic && FOREIGN_CELL_MAGICS.includes(magic.name)) {
    return findings.warnings;
  }
  const code = pythonOnly(magic ? magic.body : source, findings);
  for (const statement of logicalLines(tokenizePython(code))) {
    for (const module of readImports(statement, imported)) {
      if (inModules(module, NETWORK_MODULES)) {
        findings.add('network', 'imports %1', module);
      } else if (
        inModules(module, PROCESS_MODULES) ||
        PROCESS_FUNCTIONS.test(module)
      ) {
        findings.add('subprocess', 'imports %1', module);
      }
    }
    for (const call of calls(statement)) {
      const [head, ...rest] = call.callee.split('.');
      const resolved = [imported.get(head) ?? head, ...rest].join('.');
      const method = call.callee.slice(call.callee.lastIndexOf('.') + 1);
      if (inModules(resolved, NETWORK_MODULES)) {
        findings.add('network', 'calls %1()', call.callee);
      } else if (
        inModules(resolved, PROCESS_MODULES) ||
        PROCESS_FUNCTIONS.test(resolved)
      ) {
        findings.add('subprocess', 'calls %1()', call.callee);
      } else if (
        resolved === 'open' ||
        resolved === 'io.open' ||
        resolved === 'builtins.open'
      ) {
        const mode =
          stringText((call.positional[1] ?? call.keywords.mode)?.[0]) ?? 'r';
        if (/[wax+]/.test(mode)) {
          findings.checkWrite('open', call.positional[0] ?? call.keywords.file);
        }
      } else if (call.callee.includes('.') && WRITER_METHODS.test(method)) {
        const key = PATH_KEYWORDS.find(name => name in call.keywords);
        findings.checkWrite(
          method,
          call.positional[0] ?? (key && call.keywords[key])
        );
      } else if (method.startsWith('read_')) {
        const url = stringText(call.positional[0]?.[0]);
        if (url !== undefined && REMOTE_URL.test(url)) {
          findings.add(
            'network',
            '%1() reads %2 over the network',
            method,
            JSON.stringify(url)
          );
        }
      }
    }
  }
  return findings.warnings;
}

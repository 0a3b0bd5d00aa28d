import { INotebookContent, MultilineString } from '@jupyterlab/nbformat';

export function sourceText(source: MultilineString): string {
  return Array.isArray(source) ? source.join('') : source;
}

// IPython magics and shell escapes are not Python: commented out, as jupytext does,
// so the mirror stays valid Python and jupytext restores them on reading.
const MAGIC = /^(%{1,2}[A-Za-z]|![A-Za-z/.~$])/;

// YAML plain scalars may not hold every character; anything else is double-quoted.
const PLAIN_YAML = /^[A-Za-z_][A-Za-z0-9 _.()/+-]*$/;

function yamlScalar(value: string): string {
  return PLAIN_YAML.test(value) && !value.endsWith(' ')
    ? value
    : JSON.stringify(value);
}

function header(notebook: INotebookContent): string[] {
  const lines = [
    '# ---',
    '# jupyter:',
    '#   jupytext:',
    '#     text_representation:',
    '#       extension: .py',
    '#       format_name: percent',
    "#       format_version: '1.3'"
  ];
  const kernelspec = notebook.metadata.kernelspec;
  if (kernelspec) {
    lines.push('#   kernelspec:');
    for (const key of ['display_name', 'language', 'name']) {
      const value = kernelspec[key];
      if (typeof value === 'string') {
        lines.push(`#     ${key}: ${yamlScalar(value)}`);
      }
    }
  }
  lines.push('# ---');
  return lines;
}

// Cell magics whose body is another language: jupytext names the language in the cell
// marker and comments the body out, so the script stays Python.
const OTHER_LANGUAGES = new Set([
  'bash',
  'gnuplot',
  'haskell',
  'html',
  'javascript',
  'js',
  'latex',
  'markdown',
  'matlab',
  'octave',
  'perl',
  'R',
  'ruby',
  'sas',
  'sh',
  'spark',
  'sql',
  'svg',
  'tcl'
]);
const CELL_MAGIC = /^%%([A-Za-z]+)[ \t]*(.*)$/;

function cellMarker(kind: string, options: string[]): string {
  const marker = kind === 'code' ? '# %%' : `# %% [${kind}]`;
  return [marker, ...options].join(' ');
}

function tagOption(tags: unknown): string[] {
  if (!Array.isArray(tags) || tags.length === 0) {
    return [];
  }
  // Python's json.dumps spacing, as jupytext writes cell metadata.
  return [`tags=[${tags.map(tag => JSON.stringify(String(tag))).join(', ')}]`];
}

function commented(lines: string[]): string[] {
  return lines.map(line => (line ? `# ${line}` : '#'));
}

function codeCell(lines: string[], options: string[]): string[] {
  const magic = CELL_MAGIC.exec(lines[0] ?? '');
  if (magic && OTHER_LANGUAGES.has(magic[1])) {
    const args = magic[2] ? [`magic_args=${JSON.stringify(magic[2])}`] : [];
    const language = `language=${JSON.stringify(magic[1])}`;
    return [
      cellMarker('code', [...options, ...args, language]),
      ...commented(lines.slice(1))
    ];
  }
  const body = lines.map(line => (MAGIC.test(line) ? `# ${line}` : line));
  return [cellMarker('code', options), ...body];
}

/**
 * The notebook as a jupytext "percent" script: one `# %%` cell per notebook cell,
 * markdown and raw cells as comments. Reviewers read and diff this file; jupytext
 * (and editors that know the format) can open it as a notebook again.
 */
export function percentScript(notebook: INotebookContent): string {
  const cells = notebook.cells.map(cell => {
    const source = sourceText(cell.source);
    const lines = source === '' ? [] : source.split('\n');
    const options = tagOption(cell.metadata.tags);
    const text =
      cell.cell_type === 'code'
        ? codeCell(lines, options)
        : [cellMarker(cell.cell_type, options), ...commented(lines)];
    return text.join('\n');
  });
  return [header(notebook).join('\n'), ...cells].join('\n\n') + '\n';
}

/**
 * Why a notebook cannot run as a scheduled job as it is:
 * - `network`, `subprocess`, `shell`, `file_write`: side effects the sandbox
 *   forbids or the run folder cannot contain;
 * - `sql_write`: an SQL cell that changes the warehouse instead of reading it;
 * - `magic`: a `%%sql` or `%%upload` line the operator cannot follow;
 * - `parameter`: a parameter whose default cannot be read as a literal.
 */
export type AnalysisWarningKind =
  | 'network'
  | 'subprocess'
  | 'shell'
  | 'file_write'
  | 'sql_write'
  | 'magic'
  | 'parameter';

/**
 * A sentence with %1, %2… placeholders (code such as `%%sql` is always an argument) and what fills them: the wizard translates
 * the template (it is one of WARNING_TEMPLATES) and fills in the code it quotes.
 */
export interface IWarningText {
  template: WarningTemplate;
  args: string[];
}

export interface IAnalysisWarning extends IWarningText {
  /** 0-based index of the cell in the notebook. */
  cell: number;
  kind: AnalysisWarningKind;
  /** The English sentence, for logs and tests. */
  message: string;
}

/** Every sentence the analysis can say. */
export const WARNING_TEMPLATES = [
  '%1() writes %2, outside the run folder',
  'runs a shell command: %1',
  'runs a %1 cell',
  '%1 writes %2, outside the run folder',
  'imports %1',
  'calls %1()',
  '%1() reads %2 over the network',
  '%1 needs exactly one DataFrame name',
  '--%1 needs a value',
  'unknown option --%1',
  '--%1 is required',
  '%1 statement changes the warehouse; SQL cells may only read',
  '--mode must be replace or append, not %1',
  "The default of parameter '%1' is an expression, not a literal; set its value in the schedule."
] as const;

export type WarningTemplate = (typeof WARNING_TEMPLATES)[number];

/** The template filled in, in English. */
export function fillTemplate(text: IWarningText): string {
  return text.template.replace(
    /%(\d)/g,
    (_, mark: string) => text.args[Number(mark) - 1] ?? ''
  );
}

export function warningText(
  template: WarningTemplate,
  ...args: string[]
): IWarningText {
  return { template, args };
}

export function analysisWarning(
  cell: number,
  kind: AnalysisWarningKind,
  text: IWarningText
): IAnalysisWarning {
  return { cell, kind, ...text, message: fillTemplate(text) };
}

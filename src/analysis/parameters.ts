import { Parameter } from '../spec';
import { parsePythonLiteral } from './pythonLiteral';
import { IPythonToken, logicalLines, tokenizePython } from './pythonTokens';
import { analysisWarning, IAnalysisWarning, warningText } from './warnings';

type ParameterType = Parameter['type'];

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME =
  /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/;

const ANNOTATION_TYPES: Record<string, ParameterType> = {
  str: 'str',
  int: 'int',
  float: 'float',
  bool: 'bool',
  list: 'list',
  List: 'list',
  Sequence: 'list',
  tuple: 'list',
  Tuple: 'list',
  dict: 'dict',
  Dict: 'dict',
  Mapping: 'dict',
  date: 'date',
  'datetime.date': 'date',
  datetime: 'datetime',
  'datetime.datetime': 'datetime'
};

/** The parameter type an annotation names, seen through Optional[...] and `| None`. */
function annotationType(annotation: string): ParameterType | undefined {
  let text = annotation.replace(/["'\s]/g, '');
  const optional = /^(?:typing\.)?Optional\[(.*)\]$/.exec(text);
  if (optional) {
    text = optional[1];
  }
  text = text
    .split('|')
    .filter(part => part !== 'None')
    .join('|');
  const base = text.replace(/^typing\./, '').replace(/\[.*$/, '');
  return ANNOTATION_TYPES[base];
}

/** papermill's inference, with ISO date strings read as dates. */
function literalType(type: string, value: unknown): ParameterType {
  switch (type) {
    case 'int':
    case 'float':
    case 'bool':
    case 'dict':
      return type;
    case 'list':
    case 'tuple':
    case 'set':
      return 'list';
    case 'str':
      if (DATE.test(value as string)) {
        return 'date';
      }
      return DATETIME.test(value as string) ? 'datetime' : 'str';
    default:
      return 'str'; // None: papermill treats an unset parameter as a string
  }
}

function helpText(tokens: IPythonToken[]): string | undefined {
  const comment = tokens.find(token => token.kind === 'comment');
  const text = comment?.text.replace(/^#+\s*/, '').trim();
  return text ? text : undefined;
}

function code(tokens: IPythonToken[]): IPythonToken[] {
  return tokens.filter(token => token.kind !== 'comment');
}

interface IAssignment {
  name: string;
  annotation?: string;
  value: IPythonToken[];
}

/** `name = value` or `name: annotation = value`; anything else is not a parameter. */
function assignment(statement: IPythonToken[]): IAssignment | undefined {
  const [target, next] = statement;
  if (target?.kind !== 'name' || next?.kind !== 'op') {
    return undefined;
  }
  if (next.text === '=') {
    return { name: target.text, value: statement.slice(2) };
  }
  const equals = statement.findIndex(
    token => token.kind === 'op' && token.text === '=' && token.depth === 0
  );
  if (next.text === ':' && equals > 2) {
    const annotation = statement
      .slice(2, equals)
      .map(token => token.text)
      .join('');
    return {
      name: target.text,
      annotation,
      value: statement.slice(equals + 1)
    };
  }
  return undefined;
}

export interface IParametersResult {
  parameters: Parameter[];
  warnings: IAnalysisWarning[];
}

/** The parameters a papermill-style `parameters` cell declares, in order. */
export function readParameters(
  source: string,
  cell: number
): IParametersResult {
  const byName = new Map<string, Parameter>();
  const warnings: IAnalysisWarning[] = [];
  for (const statement of logicalLines(tokenizePython(source))) {
    const found = assignment(code(statement));
    if (!found || found.value.length === 0) {
      continue;
    }
    const literal = parsePythonLiteral(found.value);
    const declared = found.annotation
      ? annotationType(found.annotation)
      : undefined;
    const parameter: Parameter = {
      name: found.name,
      type:
        declared ?? (literal ? literalType(literal.type, literal.value) : 'str')
    };
    if (literal) {
      parameter.default = literal.value;
    } else {
      warnings.push(
        analysisWarning(
          cell,
          'parameter',
          warningText(
            "The default of parameter '%1' is an expression, not a literal; set its value in the schedule.",
            found.name
          )
        )
      );
    }
    const help = helpText(statement);
    if (help) {
      parameter.help = help;
    }
    byName.delete(found.name); // a later assignment wins, as when Python runs the cell
    byName.set(found.name, parameter);
  }
  return { parameters: [...byName.values()], warnings };
}

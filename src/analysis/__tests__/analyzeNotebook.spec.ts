import { analyzeNotebook } from '..';
import { notebook } from './notebook';

const parametersOf = (source: string) =>
  analyzeNotebook(notebook({ source, tags: ['parameters'] }));

describe('parameters', () => {
  it('infers papermill types from literals, with help from comments', () => {
    const { parameters, hasParametersCell, warnings } = parametersOf(
      [
        "region = 'eu'  # sales region",
        'limit = 1_000',
        'ratio = -0.5e1',
        'dry_run = False #   skip the upload  ',
        'tags = [\'a\', "b"]',
        'pair = (1, 2)',
        "mapping = {'x': 1, 2: [None]}",
        'owner = None  # who asked',
        "day = '2024-02-29'",
        "at = '2024-02-29T06:00:00+01:00'"
      ].join('\n')
    );
    expect(hasParametersCell).toBe(true);
    expect(warnings).toEqual([]);
    expect(parameters).toEqual([
      { name: 'region', type: 'str', default: 'eu', help: 'sales region' },
      { name: 'limit', type: 'int', default: 1000 },
      { name: 'ratio', type: 'float', default: -5 },
      {
        name: 'dry_run',
        type: 'bool',
        default: false,
        help: 'skip the upload'
      },
      { name: 'tags', type: 'list', default: ['a', 'b'] },
      { name: 'pair', type: 'list', default: [1, 2] },
      { name: 'mapping', type: 'dict', default: { x: 1, 2: [null] } },
      { name: 'owner', type: 'str', default: null, help: 'who asked' },
      { name: 'day', type: 'date', default: '2024-02-29' },
      { name: 'at', type: 'datetime', default: '2024-02-29T06:00:00+01:00' }
    ]);
  });

  it('lets annotations win over the literal', () => {
    const { parameters } = parametersOf(
      [
        'threshold: float = 1',
        "start: 'date' = None",
        'ids: List[int] = ()',
        'maybe: Optional[int] = None',
        'either: int | None = None',
        'odd: MyType = 3'
      ].join('\n')
    );
    expect(parameters.map(p => [p.name, p.type, p.default])).toEqual([
      ['threshold', 'float', 1],
      ['start', 'date', null],
      ['ids', 'list', []],
      ['maybe', 'int', null],
      ['either', 'int', null],
      ['odd', 'int', 3]
    ]);
  });

  it('reads multi-line literals, escapes and implicit concatenation', () => {
    const { parameters } = parametersOf(
      [
        'regions = [  # where to report',
        "    'eu',  # Europe",
        "    'us',",
        ']',
        "path = r'C:\\new' ; text = 'line\\nnext\\u00e9' 'tail'",
        'long = """a',
        'b"""'
      ].join('\n')
    );
    expect(parameters).toEqual([
      {
        name: 'regions',
        type: 'list',
        default: ['eu', 'us'],
        help: 'where to report'
      },
      { name: 'path', type: 'str', default: 'C:\\new' },
      { name: 'text', type: 'str', default: 'line\nnext\u00e9tail' },
      { name: 'long', type: 'str', default: 'a\nb' }
    ]);
  });

  it('warns about expressions and ignores statements that are not assignments', () => {
    const result = parametersOf(
      [
        'import datetime',
        'day = datetime.date.today()',
        "label: str = f'{day}'",
        'a, b = 1, 2',
        'print(a)',
        'count = 2',
        'count = 3  # later wins'
      ].join('\n')
    );
    expect(result.parameters).toEqual([
      { name: 'day', type: 'str' },
      { name: 'label', type: 'str' },
      { name: 'count', type: 'int', default: 3, help: 'later wins' }
    ]);
    expect(result.warnings.map(w => [w.cell, w.kind])).toEqual([
      [0, 'parameter'],
      [0, 'parameter']
    ]);
    expect(result.warnings[0].message).toContain("'day'");
  });

  it('uses only the first parameters cell', () => {
    const result = analyzeNotebook(
      notebook(
        { source: 'x = 1', tags: ['parameters'] },
        { source: 'y = 2', tags: ['parameters', 'other'] }
      )
    );
    expect(result.parameters.map(p => p.name)).toEqual(['x']);
  });

  it('reports a notebook without a parameters cell', () => {
    const result = analyzeNotebook(
      notebook(
        { source: '# Report', type: 'markdown' },
        { source: 'x = 1', tags: ['not-parameters'] }
      )
    );
    expect(result).toEqual({
      parameters: [],
      inputs: [],
      outputs: [],
      warnings: [],
      hasParametersCell: false
    });
  });
});

describe('SQL and upload cells', () => {
  it('derives inputs with connections and cell numbers, each once', () => {
    const result = analyzeNotebook(
      notebook(
        { source: '# Sales', type: 'markdown' },
        '%%sql orders --conn dwh\nSELECT * FROM sales.orders o JOIN sales.items i ON i.o = o.id',
        '%%sql local_df\nSELECT * FROM lookup',
        '%%sql again --conn=dwh\nWITH o AS (SELECT * FROM sales.orders) SELECT * FROM o'
      )
    );
    expect(result.inputs).toEqual([
      { connection: 'dwh', table: 'sales.orders', cell: 1 },
      { connection: 'dwh', table: 'sales.items', cell: 1 },
      { connection: 'warehouse', table: 'lookup', cell: 2 }
    ]);
    expect(result.warnings).toEqual([]);
  });

  it('derives outputs from upload cells', () => {
    const result = analyzeNotebook(
      notebook(
        '%%upload summary --table reports.daily --conn dwh --mode append',
        '%%upload other --table=scratch'
      )
    );
    expect(result.outputs).toEqual([
      { connection: 'dwh', table: 'reports.daily', cell: 0, mode: 'append' },
      { connection: 'warehouse', table: 'scratch', cell: 1, mode: 'replace' }
    ]);
  });

  it('warns about magic lines the operator cannot follow', () => {
    const result = analyzeNotebook(
      notebook(
        '%%upload summary --conn dwh',
        '%%upload summary --table t --mode merge',
        '%%sql --conn\nSELECT 1',
        '%%sql df --connection x\nSELECT 1'
      )
    );
    expect(result.outputs).toEqual([]);
    expect(result.warnings.map(w => [w.cell, w.kind, w.message])).toEqual([
      [0, 'magic', '--table is required'],
      [1, 'magic', '--mode must be replace or append, not merge'],
      [2, 'magic', '%%sql needs exactly one DataFrame name'],
      [2, 'magic', '--conn needs a value'],
      [3, 'magic', 'unknown option --connection']
    ]);
  });

  it('warns about SQL cells that write', () => {
    const result = analyzeNotebook(
      notebook('%%sql df\nDROP TABLE a.b; SELECT 1')
    );
    expect(result.warnings).toEqual([
      {
        cell: 0,
        kind: 'sql_write',
        message:
          'DROP statement changes the warehouse; SQL cells may only read',
        template: '%1 statement changes the warehouse; SQL cells may only read',
        args: ['DROP']
      }
    ]);
  });
});

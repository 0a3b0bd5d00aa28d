import { canSubmit, ITestRun, pullRequestBody, pullRequestTitle } from '..';
import { IRunRecord } from '../../api';
import { ScheduleSpec } from '../../spec';
import { regionalNodes, salesSpec } from '../../spec/__tests__/sampleSpecs';
import { finishedTestRun } from './finishedTestRun';

const SPEC = salesSpec({
  cron: '30 6 * * 1-5',
  inputs: [
    {
      connection: 'warehouse',
      table: 'sales.orders',
      wait_until_landed: { date_column: 'order_day' }
    },
    { connection: 'crm', table: 'customers' }
  ],
  outputs: [{ connection: 'warehouse', table: 'daily_sales', mode: 'append' }],
  parameters: [
    {
      name: 'day',
      type: 'date',
      default: '2024-01-01',
      template: 'logical_date'
    },
    { name: 'regions', type: 'list', default: ['de'], value: ['de', 'fr'] },
    { name: 'note', type: 'str', default: 'a|b' }
  ],
  notify: [{ type: 'webhook', url: 'https://hooks.example.com/x' }],
  retries: 2
});

function run(record: Partial<IRunRecord> = {}): ITestRun {
  return finishedTestRun(record, {
    cells_done: 5,
    cells_total: 5,
    output_path: '.nbschedule/runs/daily_sales/t/attempt-1/output.ipynb'
  });
}

const FAILED = {
  status: 'failed' as const,
  exit_reason: 'cell_error',
  message:
    'Output notebook cell 3 (cell 2 of the source notebook) raised KeyError: region',
  error: {
    ename: 'KeyError',
    evalue: "'region'",
    traceback: 'Traceback (most recent call last):\n  File secret.py'
  },
  failing_cell: { index: 3, source_index: 2, id: 'abc' }
};

describe('pullRequestBody', () => {
  it('says when the schedule runs in words, with the cron and the time zone', () => {
    expect(pullRequestTitle(SPEC)).toBe(
      'Schedule reports/sales.ipynb as daily_sales'
    );
    const body = pullRequestBody(SPEC, run());
    expect(body).toContain(
      '- At 06:30, Monday through Friday: `30 6 * * 1-5` in Europe/Berlin, from 2024-01-01\n'
    );
    expect(body).toContain('- Purpose policy zone: `analytics`\n');
    expect(body).toContain('(DAG `nbschedule__daily_sales`)');
  });

  it('tables the lineage and the parameters', () => {
    const body = pullRequestBody(SPEC, run());
    expect(body).toContain(
      [
        '|  | Connection | Table | Wait until landed |',
        '| --- | --- | --- | --- |',
        "| reads | warehouse | `sales.orders` | until a row has `order_day` = the run's date (up to 3600 s) |",
        '| reads | crm | `customers` | no |',
        '| writes (append) | warehouse | `daily_sales` | — |'
      ].join('\n')
    );
    expect(body).toContain(
      '| `day` | date | logical_date of each run | `"2024-01-01"` |'
    );
    expect(body).toContain('| `regions` | list | `["de","fr"]` | `["de"]` |');
    expect(body).toContain('| `note` | str | `"a\\|b"` | `"a\\|b"` |');
  });

  it('names owner, notifications and retries', () => {
    const body = pullRequestBody(SPEC, run());
    expect(body).toContain('- Owner: ada@example.com\n');
    expect(body).toContain(
      '- Failures are reported to: ada@example.com, https://hooks.example.com/x\n'
    );
    expect(body).toContain('- Retries: 2, 300 s apart\n');
  });

  it('makes a successful test run the test plan', () => {
    const body = pullRequestBody(SPEC, run());
    expect(body).toContain(
      [
        '## Test plan',
        '',
        '- [x] Test run `test__20240103T060000Z__abc123`: ✅ **success** (completed) in 1 min 12.4 s',
        '- Result: The notebook ran to the end and its outputs were published.',
        '- Output notebook (on the Jupyter server): `.nbschedule/runs/daily_sales/t/attempt-1/output.ipynb`'
      ].join('\n')
    );
    expect(body).not.toContain('http://localhost');
  });

  it('shows a failed test run with its cell and error, never its traceback', () => {
    const body = pullRequestBody(SPEC, run(FAILED));
    expect(body).toContain(
      '- [ ] Test run `test__20240103T060000Z__abc123`: ❌ **failed** (cell_error)'
    );
    expect(body).toContain(
      '- Failing cell: cell 2 of the notebook (cell 3 of the output notebook)\n'
    );
    expect(body).toContain("- Error: `KeyError: 'region'`\n");
    expect(body).toContain('the author chose to override');
    expect(body).not.toContain('Traceback');
  });

  it('says so when no test run finished', () => {
    expect(pullRequestBody(SPEC, null)).toContain(
      'No test run has finished for this version of the schedule.'
    );
  });
});

describe('pullRequestBody of a workflow', () => {
  const workflow: ScheduleSpec = {
    ...SPEC,
    notebook: 'workflow/enrich.ipynb',
    nodes: [
      ...regionalNodes(['us', 'eu', 'apac'], { max_parallel: 2 }),
      {
        id: 'report',
        notebook: 'workflow/report.ipynb',
        needs: ['report_region', 'collect'],
        trigger_rule: 'all_done'
      }
    ]
  };

  it("lists the nodes with needs and fan-out, and the test run's node", () => {
    const body = pullRequestBody(workflow, run());
    const plan = body.slice(
      body.indexOf('## Test plan'),
      body.indexOf('## Files')
    );
    expect(plan).toContain('- [x] Test run `test__20240103T060000Z__abc123`');
    expect(plan).toContain(
      [
        "The test run covered the node `enrich` (`workflow/enrich.ipynb`, the notebook the schedule was opened from); the workflow's other nodes were not run.",
        '',
        '| Node | Notebook | Needs | Fan-out | Test run |',
        '| --- | --- | --- | --- | --- |',
        '| `collect` | `workflow/collect.ipynb` | — | — | no |',
        '| `enrich` | `workflow/enrich.ipynb` | `collect` | — | yes |',
        '| `report_region` | `workflow/report_region.ipynb` | `enrich` | × 3 runs, at most 2 at once | no |',
        '| `report` | `workflow/report.ipynb` | `report_region`, `collect` (all done, whatever the outcome) | — | no |'
      ].join('\n')
    );
  });

  it("lists every node's notebook and mirror among the files", () => {
    const files = pullRequestBody(workflow, null).split('## Files')[1];
    for (const name of ['collect', 'enrich', 'report_region', 'report']) {
      expect(files).toContain(
        `- \`workflow/${name}.ipynb\`: the notebook, outputs stripped\n`
      );
      expect(files).toContain(
        `- \`workflow/${name}.py\`: the notebook as a script`
      );
    }
    expect(files.match(/workflow\/enrich\.ipynb/g)).toHaveLength(1);
  });

  it('adds nothing for a single notebook', () => {
    expect(pullRequestBody(SPEC, run())).not.toContain('| Node |');
  });
});

describe('canSubmit', () => {
  it.each([
    ['no test run', null, false, false],
    ['no test run, override', null, true, false],
    [
      'a running test',
      { ...run(), status: 'running', record: undefined } as ITestRun,
      true,
      false
    ],
    ['a successful test', run(), false, true],
    ['a failed test', run(FAILED), false, false],
    ['a failed test, override', run(FAILED), true, true],
    [
      'a refused test, override',
      run({ ...FAILED, status: 'refused' }),
      true,
      true
    ]
  ])('after %s: %s', (_, testRun, override, expected) => {
    expect(canSubmit(testRun, override)).toBe(expected);
  });
});

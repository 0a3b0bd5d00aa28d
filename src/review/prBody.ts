import cronstrue from 'cronstrue';

import { dagId } from '../pipeline';
import { Parameter, ScheduleSpec, withDefaults } from '../spec';
import { mirrorPath, reviewPaths } from './reviewFiles';
import { inlineCode, testPlanMarkdown } from './testPlan';
import { ITestRun } from './types';

/** The cron expression in words (24-hour clock), or null when cronstrue cannot read it. */
function cronWords(cron: string): string | null {
  try {
    return cronstrue.toString(cron, {
      throwExceptionOnParseError: true,
      use24HourTimeFormat: true,
      verbose: true
    });
  } catch {
    return null;
  }
}

// A table cell: pipes would end the cell and newlines the row.
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

function table(head: string[], rows: string[][]): string[] {
  return [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => ' --- ').join('|')}|`,
    ...rows.map(row => `| ${row.map(cell).join(' | ')} |`)
  ];
}

function parameterValue(parameter: Parameter): string {
  if (parameter.template) {
    return `${parameter.template} of each run`;
  }
  const value = 'value' in parameter ? parameter.value : parameter.default;
  return inlineCode(JSON.stringify(value ?? null));
}

function lineage(spec: ReturnType<typeof withDefaults>): string[] {
  if (spec.inputs.length + spec.outputs.length === 0) {
    return ['The notebook reads and writes no declared datasets.'];
  }
  const rows = [
    ...spec.inputs.map(input => [
      'reads',
      input.connection,
      inlineCode(input.table),
      input.wait_until_landed
        ? `until a row has ${inlineCode(input.wait_until_landed.date_column)} = the run's date (up to ${input.wait_until_landed.timeout_seconds} s)`
        : 'no'
    ]),
    ...spec.outputs.map(output => [
      `writes (${output.mode})`,
      output.connection,
      inlineCode(output.table),
      '—'
    ])
  ];
  return table(['', 'Connection', 'Table', 'Wait until landed'], rows);
}

function parameters(spec: ReturnType<typeof withDefaults>): string[] {
  if (spec.parameters.length === 0) {
    return ['The notebook takes no parameters.'];
  }
  return table(
    ['Name', 'Type', 'Value each run', 'Notebook default'],
    spec.parameters.map(p => [
      inlineCode(p.name),
      p.type,
      parameterValue(p),
      inlineCode(JSON.stringify(p.default ?? null))
    ])
  );
}

function operations(spec: ReturnType<typeof withDefaults>): string[] {
  const targets = spec.notify.map(target =>
    target.type === 'email' ? target.to : target.url
  );
  return [
    `- Owner: ${spec.owner}`,
    `- Failures are reported to: ${[spec.owner, ...targets].join(', ')}`,
    `- Retries: ${spec.retries}, ${spec.retry_delay_seconds} s apart`,
    `- Time limits: ${spec.timeout_seconds} s per run, ${spec.cell_timeout_seconds} s per cell; at most ${spec.max_active_runs} run(s) at once`,
    `- Missed runs: catch-up ${inlineCode(spec.catchup)}`
  ];
}

// The graph the review's test run was one node of: who needs whom, what fans out.
function workflowPlan(spec: ReturnType<typeof withDefaults>): string[] {
  if (!spec.nodes) {
    return [];
  }
  const tested = spec.nodes.filter(node => node.notebook === spec.notebook);
  const rows = spec.nodes.map(node => [
    inlineCode(node.id),
    inlineCode(node.notebook),
    node.needs?.length
      ? node.needs.map(inlineCode).join(', ') +
        (node.trigger_rule === 'all_done'
          ? ' (all done, whatever the outcome)'
          : '')
      : '—',
    node.foreach
      ? `× ${node.foreach.length} runs${node.max_parallel ? `, at most ${node.max_parallel} at once` : ''}`
      : '—',
    node.notebook === spec.notebook ? 'yes' : 'no'
  ]);
  return [
    '',
    `The test run covered the node ${tested.map(node => inlineCode(node.id)).join(', ')} (${inlineCode(spec.notebook)}, the notebook the schedule was opened from); the workflow's other nodes were not run.`,
    '',
    ...table(['Node', 'Notebook', 'Needs', 'Fan-out', 'Test run'], rows)
  ];
}

// Every notebook the review commits, each beside its mirror.
function notebookFiles(spec: ReturnType<typeof withDefaults>): string[] {
  const notebooks = new Set([
    spec.notebook,
    ...(spec.nodes ?? []).map(node => node.notebook)
  ]);
  return [...notebooks].flatMap(notebook => [
    `- ${inlineCode(notebook)}: the notebook, outputs stripped`,
    `- ${inlineCode(mirrorPath(notebook))}: the notebook as a script, for reading the diff`
  ]);
}

export function pullRequestTitle(spec: ScheduleSpec): string {
  return `Schedule ${spec.notebook} as ${spec.name}`;
}

/**
 * The pull request body (and local commit message body): what the schedule does, in
 * words, with its lineage, parameters and the test run as its test plan.
 */
export function pullRequestBody(
  spec: ScheduleSpec,
  testRun: ITestRun | null
): string {
  const filled = withDefaults(spec);
  const words = cronWords(filled.cron);
  const paths = reviewPaths(filled);
  const sections = [
    [
      `Schedules ${inlineCode(filled.notebook)} as ${inlineCode(filled.name)} (DAG ${inlineCode(dagId(filled))}).`,
      ...(filled.description ? ['', filled.description] : [])
    ],
    [
      '## Schedule',
      '',
      `- ${words ?? 'Cron expression'}: ${inlineCode(filled.cron)} in ${filled.timezone}, from ${filled.start_date}`,
      `- Purpose policy zone: ${inlineCode(filled.zone)}`
    ],
    ['## Lineage', '', ...lineage(filled)],
    ['## Parameters', '', ...parameters(filled)],
    ['## Operations', '', ...operations(filled)],
    ['## Test plan', '', ...testPlanMarkdown(testRun), ...workflowPlan(filled)],
    [
      '## Files',
      '',
      `- ${inlineCode(paths.spec)}: the schedule spec, the source of truth`,
      `- ${inlineCode(paths.dag)}: the generated pipeline; do not edit`,
      ...notebookFiles(filled)
    ]
  ];
  return sections.map(lines => lines.join('\n')).join('\n\n') + '\n';
}

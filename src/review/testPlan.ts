import { ITestRun } from './types';

/**
 * Whether a review may be submitted: after a successful test run, or after a failed
 * one only when the user explicitly overrides. Without a finished test run, never.
 */
export function canSubmit(
  testRun: ITestRun | null,
  override: boolean
): boolean {
  if (!testRun?.record) {
    return false;
  }
  return testRun.record.status === 'success' || override;
}

function duration(seconds: number | null): string {
  if (seconds === null) {
    return 'unknown';
  }
  const minutes = Math.floor(seconds / 60);
  const rest = Math.round((seconds % 60) * 10) / 10;
  return minutes > 0 ? `${minutes} min ${rest} s` : `${rest} s`;
}

// Inline code that survives backticks in the text (Markdown's longer-fence rule).
export function inlineCode(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map(r => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/**
 * The test run as the review's test plan, in Markdown. The output notebook is named by
 * its path, not linked: it lives on the Jupyter server, not in the repository.
 */
export function testPlanMarkdown(testRun: ITestRun | null): string[] {
  const record = testRun?.record;
  if (!record) {
    return ['No test run has finished for this version of the schedule.'];
  }
  const mark = record.status === 'success' ? '✅' : '❌';
  const lines = [
    `- [${record.status === 'success' ? 'x' : ' '}] Test run ${inlineCode(record.run_id)}: ${mark} **${record.status}** (${record.exit_reason}) in ${duration(record.duration_seconds)}${record.lite ? ', a lite run (Pyodide in the browser, no server kernel)' : ''}`,
    `- Result: ${record.message}`
  ];
  if (record.failing_cell) {
    const { index, source_index } = record.failing_cell;
    const where =
      source_index === null
        ? `cell ${index} of the output notebook (the injected parameters)`
        : `cell ${source_index} of the notebook (cell ${index} of the output notebook)`;
    lines.push(`- Failing cell: ${where}`);
  }
  if (record.error) {
    lines.push(
      `- Error: ${inlineCode(`${record.error.ename}: ${record.error.evalue}`.replace(/\s+/g, ' '))}`
    );
  }
  for (const warning of record.warnings) {
    lines.push(`- Warning: ${warning}`);
  }
  if (testRun?.output_path) {
    lines.push(
      `- Output notebook (on the Jupyter server): ${inlineCode(testRun.output_path)}`
    );
  }
  if (record.status !== 'success') {
    lines.push(
      '',
      '> **Submitted although the test run did not succeed**: the author chose to override.'
    );
  }
  return lines;
}

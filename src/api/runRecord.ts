/**
 * The run record: `record.json` of one finished attempt, as the operator writes it
 * (nbschedule/api/openapi.yaml, RunRecord; a test holds the two to the same fields).
 * Test runs, run details and the run context pane all carry this one shape.
 */

export interface IRunRecord {
  schedule: string;
  notebook: string;
  owner: string;
  run_id: string;
  attempt: number;
  trigger: string;
  logical_date: string;
  status: 'success' | 'failed' | 'refused';
  exit_reason: string;
  message: string;
  started_at: string;
  ended_at: string;
  duration_seconds: number;
  output_uri: string | null;
  /** The values the notebook was run with, by name. */
  parameters: Record<string, unknown>;
  warnings: string[];
  error: { ename: string; evalue: string; traceback: string } | null;
  /** Output-notebook index; source_index is null for the injected parameters cell. */
  failing_cell: {
    index: number;
    source_index: number | null;
    id: string;
  } | null;
  cells: Record<string, unknown>[];
  zone: {
    name: string;
    title: string;
    may_read: string[];
    writes: string | null;
  };
  zone_violations: Record<string, unknown>[];
  /** Datasets read: a connection and table, or an OpenLineage namespace and name. */
  inputs: Record<string, unknown>[];
  outputs: Record<string, unknown>[];
  staged_inputs: Record<string, unknown>[];
  published_outputs: Record<string, unknown>[];
  published: Record<string, unknown>;
  workflow: Record<string, unknown> | null;
  withheld_outputs: Record<string, unknown>[];
  sandbox: Record<string, unknown> | null;
  limits: Record<string, unknown> | null;
  resources: Record<string, unknown> | null;
  notifications: Record<string, unknown>[];
  /** The kernel's scratch folder, when kept for debugging. */
  run_folder?: string;
  /** The notebook ran in Pyodide in the browser (a lite run). */
  lite?: boolean;
}

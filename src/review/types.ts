/**
 * Shapes of the review's REST endpoints (nbschedule/api/openapi.yaml) and of what the
 * review produces.
 */

export type TestRunStatus =
  'queued' | 'running' | 'success' | 'failed' | 'refused';

/** The fields of a run record (record.json) that the review shows. */
export interface IRunRecord {
  status: 'success' | 'failed' | 'refused';
  exit_reason: string;
  message: string;
  run_id: string;
  started_at: string;
  ended_at: string | null;
  duration_seconds: number | null;
  error: { ename: string; evalue: string; traceback: string } | null;
  /** Output-notebook index; source_index is null for the injected parameters cell. */
  failing_cell: {
    index: number;
    source_index: number | null;
    id: string;
  } | null;
  warnings: string[];
  /** The notebook ran in Pyodide in the browser (a lite run). */
  lite?: boolean;
}

export interface ITestRun {
  id: string;
  schedule: string;
  status: TestRunStatus;
  /** Output-notebook cells finished and in all (the injected parameters cell counts). */
  cells_done: number;
  cells_total: number;
  current_cell: number | null;
  message: string | null;
  /** Present once the run has finished with a record. */
  record?: IRunRecord;
  /** The output notebook relative to the Jupyter root; null when stored elsewhere. */
  output_path?: string | null;
}

export interface IReviewConfig {
  mode: 'github' | 'local';
  repo: string;
  base_branch: string;
  github_url: string;
}

/** Repository path to file content: everything a review commits. */
export type ReviewFiles = Record<string, string>;

export interface ILocalBranchRequest {
  branch: string;
  message: string;
  files: ReviewFiles;
  update?: boolean;
}

export interface ILocalBranchResult {
  branch: string;
  commit: string;
  base: string;
  diff_command: string;
}

export interface IGitHubReviewResult {
  url: string;
  number: number;
  branch: string;
  commit: string;
  /** True when an open pull request for the branch was reused. */
  updated: boolean;
}

export type SubmitResult =
  | ({ mode: 'github' } & IGitHubReviewResult)
  | ({ mode: 'local' } & ILocalBranchResult);

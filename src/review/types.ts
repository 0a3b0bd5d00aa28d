/**
 * Shapes of the review's REST endpoints (nbschedule/api/openapi.yaml) and of what the
 * review produces.
 */
import { IRunRecord } from '../api';

export type TestRunStatus =
  'queued' | 'running' | 'success' | 'failed' | 'refused';

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

import { INotebookContent } from '@jupyterlab/nbformat';
import { ServerConnection } from '@jupyterlab/services';

import { ApiError, describeError, INbScheduleClient } from '../api';
import { ScheduleSpec } from '../spec';
import { createGitHubReview, proxiedOctokit } from './githubReview';
import { createLocalBranch } from './localReview';
import { missingNodeNotebooks, NodeNotebooks } from './nodeNotebooks';
import { pullRequestBody, pullRequestTitle } from './prBody';
import { ReviewError } from './reviewError';
import { buildReviewFiles, reviewBranch } from './reviewFiles';
import { canSubmit } from './testPlan';
import { IReviewConfig, ITestRun, SubmitResult } from './types';

export interface ISubmission {
  spec: ScheduleSpec;
  notebook: INotebookContent;
  /** A workflow's other nodes' notebooks, by path (readNodeNotebooks). */
  nodeNotebooks?: NodeNotebooks;
  testRun: ITestRun | null;
  /** The user accepts a failed test run. */
  override: boolean;
  /** Add a commit to the schedule's existing review branch. */
  update: boolean;
  /** The description as the user edited it; absent means the generated one. */
  body?: string;
}

function localError(error: unknown, update: boolean): ReviewError {
  if (error instanceof ApiError && error.status === 409 && !update) {
    return new ReviewError(error.message, 'branch-exists');
  }
  if (error instanceof TypeError) {
    return new ReviewError(describeError(error), 'network');
  }
  return new ReviewError(describeError(error), 'other');
}

/**
 * Commits the schedule's review files and opens the review where this server sends
 * it: a GitHub pull request or a local git branch. Throws ReviewError.
 */
export async function submitReview(
  client: INbScheduleClient,
  settings: ServerConnection.ISettings,
  config: IReviewConfig,
  submission: ISubmission
): Promise<SubmitResult> {
  const { spec, testRun, update } = submission;
  if (!canSubmit(testRun, submission.override)) {
    throw new ReviewError(
      'The schedule needs a successful test run, or an explicit override of the failed one.',
      'refused'
    );
  }
  const missing = missingNodeNotebooks(spec, submission.nodeNotebooks ?? {});
  if (missing.length > 0) {
    throw new ReviewError(
      `The notebook ${missing[0].path} of node ${missing[0].node} does not exist in the workspace.`,
      'refused'
    );
  }
  const files = buildReviewFiles(
    spec,
    submission.notebook,
    submission.nodeNotebooks
  );
  const title = pullRequestTitle(spec);
  const body = submission.body ?? pullRequestBody(spec, testRun);
  const branch = reviewBranch(spec);
  const message = `${title}\n\n${body}`;
  if (config.mode === 'github') {
    const result = await createGitHubReview(proxiedOctokit(settings), {
      repo: config.repo,
      baseBranch: config.base_branch,
      branch,
      update,
      title,
      body,
      message,
      files
    });
    return { mode: 'github', ...result };
  }
  try {
    const result = await createLocalBranch(client, {
      branch,
      message,
      files,
      update
    });
    return { mode: 'local', ...result };
  } catch (error) {
    throw localError(error, update);
  }
}

import { INbScheduleClient } from '../api';
import {
  ILocalBranchRequest,
  ILocalBranchResult,
  IReviewConfig
} from './types';

/** Where reviews go on this server: GitHub when it has a token and a repository. */
export function fetchReviewConfig(
  client: INbScheduleClient
): Promise<IReviewConfig> {
  return client.requestJson<IReviewConfig>('review/config');
}

/**
 * Commits the files on a new branch of the git repository at the Jupyter root (or on
 * the existing branch with `update`); the user's checkout is left untouched.
 */
export function createLocalBranch(
  client: INbScheduleClient,
  request: ILocalBranchRequest
): Promise<ILocalBranchResult> {
  return client.requestJson<ILocalBranchResult>('review/local-branch', {
    method: 'POST',
    body: JSON.stringify(request)
  });
}

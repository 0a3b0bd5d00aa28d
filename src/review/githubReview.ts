import { URLExt } from '@jupyterlab/coreutils';
import { ServerConnection } from '@jupyterlab/services';
import { Octokit } from '@octokit/rest';

import { gitHubError, GitHubStep, IGitHubErrorContext } from './githubErrors';
import { IGitHubReviewResult, ReviewFiles } from './types';

/**
 * Octokit talking to GitHub through the Jupyter server's proxy: requests carry
 * Jupyter's own authentication and XSRF header, the server adds the GitHub token.
 * No GitHub token ever exists in the browser.
 */
export function proxiedOctokit(settings: ServerConnection.ISettings): Octokit {
  return new Octokit({
    baseUrl: URLExt.join(settings.baseUrl, 'nbschedule', 'github'),
    request: {
      // "no-cache" rather than JupyterLab's default "no-store", for which ServerConnection
      // appends a cache-busting query: GitHub URLs go out exactly as Octokit built them.
      fetch: (url: string, init: RequestInit) =>
        ServerConnection.makeRequest(
          url,
          { ...init, cache: 'no-cache' },
          settings
        )
    }
  });
}

export interface IGitHubReview {
  /** owner/name */
  repo: string;
  baseBranch: string;
  /** The review branch, e.g. nbschedule/daily_sales. */
  branch: string;
  /** Add a commit to the existing branch (and reuse its open pull request). */
  update: boolean;
  title: string;
  body: string;
  message: string;
  files: ReviewFiles;
}

// Blobs go as base64 so any text (or stray control character) arrives byte for byte.
function base64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) {
    binary += String.fromCharCode(byte);
  }
  return btoa(binary);
}

/**
 * Commits the files on the review branch through GitHub's Git data API and opens a
 * pull request (or updates the branch's open one). Throws ReviewError.
 */
export async function createGitHubReview(
  octokit: Octokit,
  review: IGitHubReview
): Promise<IGitHubReviewResult> {
  const [owner, repo] = review.repo.split('/');
  const context = (step: GitHubStep): IGitHubErrorContext => ({
    repo: review.repo,
    branch: review.branch,
    baseBranch: review.baseBranch,
    step
  });
  const at = async <T>(
    step: GitHubStep,
    call: () => Promise<T>
  ): Promise<T> => {
    try {
      return await call();
    } catch (error) {
      throw gitHubError(error, context(step));
    }
  };

  await at('repository', () => octokit.repos.get({ owner, repo }));
  // A new review starts from the base branch; an update continues the review branch.
  const startStep = review.update ? 'update-branch' : 'start';
  const startRef = review.update ? review.branch : review.baseBranch;
  const { data: start } = await at(startStep, () =>
    octokit.git.getRef({ owner, repo, ref: `heads/${startRef}` })
  );
  const parent = start.object.sha;
  const commit = await at('write', async () => {
    const { data: parentCommit } = await octokit.git.getCommit({
      owner,
      repo,
      commit_sha: parent
    });
    const tree = [];
    // One after another, in path order: GitHub asks for serial content creation.
    for (const path of Object.keys(review.files).sort()) {
      const { data: blob } = await octokit.git.createBlob({
        owner,
        repo,
        content: base64(review.files[path]),
        encoding: 'base64'
      });
      tree.push({
        path,
        mode: '100644' as const,
        type: 'blob' as const,
        sha: blob.sha
      });
    }
    const { data: newTree } = await octokit.git.createTree({
      owner,
      repo,
      base_tree: parentCommit.tree.sha,
      tree
    });
    const { data } = await octokit.git.createCommit({
      owner,
      repo,
      message: review.message,
      tree: newTree.sha,
      parents: [parent]
    });
    return data;
  });

  if (review.update) {
    // Not forced: if the branch moved meanwhile, GitHub refuses instead of losing a commit.
    await at('update-branch', () =>
      octokit.git.updateRef({
        owner,
        repo,
        ref: `heads/${review.branch}`,
        sha: commit.sha
      })
    );
  } else {
    await at('create-branch', () =>
      octokit.git.createRef({
        owner,
        repo,
        ref: `refs/heads/${review.branch}`,
        sha: commit.sha
      })
    );
  }

  const pull = await at('pull-request', async () => {
    const open = review.update
      ? (
          await octokit.pulls.list({
            owner,
            repo,
            head: `${owner}:${review.branch}`,
            state: 'open'
          })
        ).data[0]
      : undefined;
    if (open) {
      const { data } = await octokit.pulls.update({
        owner,
        repo,
        pull_number: open.number,
        title: review.title,
        body: review.body
      });
      return { ...data, updated: true };
    }
    const { data } = await octokit.pulls.create({
      owner,
      repo,
      title: review.title,
      body: review.body,
      head: review.branch,
      base: review.baseBranch
    });
    return { ...data, updated: false };
  });
  return {
    url: pull.html_url,
    number: pull.number,
    branch: review.branch,
    commit: commit.sha,
    updated: pull.updated
  };
}

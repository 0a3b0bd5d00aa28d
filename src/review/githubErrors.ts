import { ReviewError } from './reviewError';

/** The part of the GitHub review flow a failure happened in. */
export type GitHubStep =
  | 'repository'
  | 'start'
  | 'write'
  | 'create-branch'
  | 'update-branch'
  | 'pull-request';

export interface IGitHubErrorContext {
  repo: string;
  branch: string;
  baseBranch: string;
  step: GitHubStep;
}

// The parts of Octokit's RequestError this reads, so any thrown value can be checked.
interface IHttpFailure {
  status?: unknown;
  cause?: unknown;
  response?: { headers?: Record<string, unknown>; data?: unknown };
}

function header(failure: IHttpFailure, name: string): string | undefined {
  const value = failure.response?.headers?.[name];
  return value === undefined ? undefined : String(value);
}

function serverMessage(failure: IHttpFailure): string | undefined {
  const data = failure.response?.data as { message?: unknown } | undefined;
  return typeof data?.message === 'string' ? data.message : undefined;
}

function rateLimited(failure: IHttpFailure, now: number): ReviewError | null {
  if (failure.status !== 403 && failure.status !== 429) {
    return null;
  }
  const reset = Number(header(failure, 'x-ratelimit-reset'));
  if (header(failure, 'x-ratelimit-remaining') === '0' && reset > 0) {
    const minutes = Math.max(1, Math.ceil((reset * 1000 - now) / 60000));
    const at = new Date(reset * 1000).toISOString().slice(11, 16);
    return new ReviewError(
      `GitHub's rate limit for this server's token is used up; it resets in ${minutes} min (at ${at} UTC).`,
      'rate-limit'
    );
  }
  const retryAfter = header(failure, 'retry-after');
  if (retryAfter !== undefined) {
    return new ReviewError(
      `GitHub asks to slow down; try again in ${retryAfter} s.`,
      'rate-limit'
    );
  }
  return null;
}

function notFound(context: IGitHubErrorContext): ReviewError {
  const { repo, branch, baseBranch, step } = context;
  if (step === 'start') {
    return new ReviewError(
      `The repository ${repo} has no branch ${baseBranch} to start the review from.`,
      'not-found'
    );
  }
  if (step === 'update-branch') {
    return new ReviewError(
      `The branch ${branch} does not exist in ${repo}, so there is no schedule to update; submit it as a new one.`,
      'not-found'
    );
  }
  return new ReviewError(
    `The repository ${repo} does not exist, or the server's GitHub token cannot see it.`,
    'not-found'
  );
}

function unprocessable(
  failure: IHttpFailure,
  context: IGitHubErrorContext
): ReviewError {
  const { repo, branch } = context;
  if (context.step === 'create-branch') {
    return new ReviewError(
      `The branch ${branch} already exists in ${repo}: this schedule was submitted before. Update the existing schedule instead.`,
      'branch-exists'
    );
  }
  if (context.step === 'update-branch') {
    return new ReviewError(
      `The branch ${branch} changed on GitHub while the update was prepared; submit again.`,
      'other'
    );
  }
  return new ReviewError(
    `GitHub refused the change: ${serverMessage(failure) ?? 'unprocessable request'}.`,
    'other'
  );
}

/**
 * One clear sentence for a failure of the GitHub review flow (an Octokit RequestError,
 * the proxy's own refusal, or a network failure); `now` is for the rate-limit reset.
 */
export function gitHubError(
  error: unknown,
  context: IGitHubErrorContext,
  now: number = Date.now()
): ReviewError {
  const failure = (error ?? {}) as IHttpFailure;
  if (failure.cause instanceof TypeError || error instanceof TypeError) {
    return new ReviewError(
      'The Jupyter server cannot be reached, so neither can GitHub. Check your connection and submit again.',
      'network'
    );
  }
  const proxy = header(failure, 'x-nbschedule-proxy');
  if (proxy === 'unreachable') {
    return new ReviewError(
      serverMessage(failure) ?? 'GitHub cannot be reached.',
      'network'
    );
  }
  if (proxy === 'refused' || proxy === 'unconfigured') {
    return new ReviewError(
      serverMessage(failure) ?? 'The server refused the GitHub call.',
      'refused'
    );
  }
  const limited = rateLimited(failure, now);
  if (limited) {
    return limited;
  }
  switch (failure.status) {
    case 401:
      return new ReviewError(
        "GitHub rejected the server's token: it is invalid or has expired. Ask whoever runs this Jupyter server to renew it.",
        'token'
      );
    case 403:
      return new ReviewError(
        `The server's GitHub token has no permission to push to ${context.repo} or open pull requests there.`,
        'permission'
      );
    case 404:
      return notFound(context);
    case 422:
      return unprocessable(failure, context);
  }
  const detail =
    serverMessage(failure) ??
    (error instanceof Error ? error.message : String(error));
  return new ReviewError(
    `GitHub answered ${String(failure.status ?? 'with an error')}: ${detail}`,
    'other'
  );
}

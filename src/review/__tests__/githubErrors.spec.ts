import { gitHubError, IGitHubErrorContext } from '..';

const CONTEXT: IGitHubErrorContext = {
  repo: 'octo-org/reports',
  branch: 'nbschedule/daily',
  baseBranch: 'main',
  step: 'repository'
};

// The shape of Octokit's RequestError that the mapping reads.
function httpError(
  status: number,
  headers: Record<string, string> = {},
  message = 'x'
) {
  return Object.assign(new Error(message), {
    status,
    response: { headers, data: { message } }
  });
}

const NOW = Date.UTC(2026, 0, 1, 0, 0, 0);

describe('gitHubError', () => {
  it('tells a used-up rate limit by its headers and says when it resets', () => {
    const reset = String(NOW / 1000 + 25 * 60);
    for (const status of [403, 429]) {
      const error = gitHubError(
        httpError(status, {
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': reset
        }),
        CONTEXT,
        NOW
      );
      expect(error.kind).toBe('rate-limit');
      expect(error.message).toBe(
        "GitHub's rate limit for this server's token is used up; it resets in 25 min (at 00:25 UTC)."
      );
    }
  });

  it('tells a secondary rate limit by its retry-after header', () => {
    const error = gitHubError(
      httpError(403, { 'retry-after': '60' }),
      CONTEXT,
      NOW
    );
    expect(error.message).toBe('GitHub asks to slow down; try again in 60 s.');
  });

  it('tells a plain 403 as a missing permission', () => {
    const error = gitHubError(
      httpError(403, { 'x-ratelimit-remaining': '12' }),
      CONTEXT
    );
    expect(error.kind).toBe('permission');
    expect(error.message).toContain('octo-org/reports');
  });

  it('names the repository, the base branch or the review branch on 404', () => {
    expect(gitHubError(httpError(404), CONTEXT).message).toMatch(
      /^The repository octo-org\/reports does not exist/
    );
    expect(
      gitHubError(httpError(404), { ...CONTEXT, step: 'start' }).message
    ).toBe(
      'The repository octo-org/reports has no branch main to start the review from.'
    );
    expect(
      gitHubError(httpError(404), { ...CONTEXT, step: 'update-branch' }).message
    ).toMatch(/^The branch nbschedule\/daily does not exist/);
  });

  it('suggests updating when the branch exists, and retrying when it moved', () => {
    const exists = gitHubError(httpError(422), {
      ...CONTEXT,
      step: 'create-branch'
    });
    expect(exists.kind).toBe('branch-exists');
    const moved = gitHubError(httpError(422), {
      ...CONTEXT,
      step: 'update-branch'
    });
    expect(moved.message).toMatch(/changed on GitHub/);
    const other = gitHubError(httpError(422, {}, 'Validation Failed'), {
      ...CONTEXT,
      step: 'pull-request'
    });
    expect(other.message).toBe('GitHub refused the change: Validation Failed.');
  });

  it('passes the proxy’s own refusals on as they are', () => {
    const error = gitHubError(
      httpError(403, { 'x-nbschedule-proxy': 'refused' }, 'Not forwarded.'),
      CONTEXT
    );
    expect(error).toMatchObject({ kind: 'refused', message: 'Not forwarded.' });
  });

  it('tells network failures apart from GitHub failures', () => {
    const cause = new TypeError('Failed to fetch');
    expect(
      gitHubError(
        Object.assign(new Error('Failed to fetch'), { status: 500, cause }),
        CONTEXT
      ).kind
    ).toBe('network');
    const unreachable = gitHubError(
      httpError(
        502,
        { 'x-nbschedule-proxy': 'unreachable' },
        'GitHub cannot be reached at x.'
      ),
      CONTEXT
    );
    expect(unreachable).toMatchObject({
      kind: 'network',
      message: 'GitHub cannot be reached at x.'
    });
  });

  it('words anything else with its status and GitHub’s message', () => {
    expect(
      gitHubError(httpError(500, {}, 'Server Error'), CONTEXT).message
    ).toBe('GitHub answered 500: Server Error');
  });
});

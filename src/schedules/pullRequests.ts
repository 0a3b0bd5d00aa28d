import { ServerConnection } from '@jupyterlab/services';

import { proxiedOctokit } from '../review';
import { IPullRequest } from './state';

/** The latest 100 pull requests of review branches, through the server's GitHub proxy. */
export async function reviewPullRequests(
  settings: ServerConnection.ISettings,
  repository: string
): Promise<IPullRequest[]> {
  const [owner, repo] = repository.split('/');
  const { data } = await proxiedOctokit(settings).pulls.list({
    owner,
    repo,
    state: 'all',
    sort: 'updated',
    direction: 'desc',
    per_page: 100
  });
  return data
    .filter(pull => pull.head.ref.startsWith('nbschedule/'))
    .map(pull => ({
      number: pull.number,
      url: pull.html_url,
      branch: pull.head.ref,
      status: pull.merged_at
        ? 'merged'
        : pull.state === 'open'
          ? 'open'
          : 'closed'
    }));
}

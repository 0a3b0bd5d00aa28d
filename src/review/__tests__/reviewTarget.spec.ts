import {
  answeringServer,
  jsonReply
} from '../../api/__tests__/answeringServer';
import {
  asReviewTarget,
  reviewDestination,
  scheduleExists
} from '../reviewTarget';
import { IReviewConfig } from '../types';

const GITHUB: IReviewConfig = {
  mode: 'github',
  repo: 'acme/schedules',
  base_branch: 'main',
  github_url: 'http://127.0.0.1:9/api'
};
const LOCAL: IReviewConfig = { ...GITHUB, mode: 'local', repo: '' };

describe('the review target setting', () => {
  it('leaves the choice to the server by default', () => {
    expect(asReviewTarget(undefined)).toBe('server');
    expect(asReviewTarget('gitlab')).toBe('server');
    expect(reviewDestination(GITHUB, 'server')).toEqual(GITHUB);
    expect(reviewDestination(LOCAL, 'server')).toEqual(LOCAL);
  });

  it('sends reviews to a local branch even when GitHub is configured', () => {
    expect(reviewDestination(GITHUB, asReviewTarget('local'))).toEqual({
      ...GITHUB,
      mode: 'local'
    });
  });

  it('refuses GitHub when the server has no GitHub repository', () => {
    expect(reviewDestination(GITHUB, asReviewTarget('github'))).toEqual(GITHUB);
    expect(reviewDestination(LOCAL, 'github')).toBeNull();
  });
});

describe('scheduleExists', () => {
  const { client } = answeringServer(() =>
    jsonReply({
      schedules: [{ name: 'daily_revenue' }],
      errors: [],
      review: { mode: 'local', branch: 'main', pending: [{ name: 'churn' }] }
    })
  );

  it('knows active schedules and those waiting in review', async () => {
    expect(await scheduleExists(client, 'daily_revenue')).toBe(true);
    expect(await scheduleExists(client, 'churn')).toBe(true);
    expect(await scheduleExists(client, 'daily')).toBe(false);
  });
});

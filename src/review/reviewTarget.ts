/**
 * Where the user's settings send reviews, on top of where the server can send them:
 * the server's choice, always a local branch, or always GitHub.
 */
import type { INbScheduleClient } from '../api';
import { IReviewConfig } from './types';

/** The values of the `reviewTarget` setting in schema/wizard.json. */
export type ReviewTarget = 'server' | 'local' | 'github';

export function asReviewTarget(value: unknown): ReviewTarget {
  return value === 'local' || value === 'github' ? value : 'server';
}

/**
 * The review configuration to submit with, or null when the user asks for GitHub and
 * the server has no GitHub repository and token (a local branch instead would go
 * unnoticed by whoever waits for the pull request).
 */
export function reviewDestination(
  server: IReviewConfig,
  target: ReviewTarget
): IReviewConfig | null {
  if (target === 'local') {
    return { ...server, mode: 'local' };
  }
  if (target === 'github' && server.mode !== 'github') {
    return null;
  }
  return server;
}

interface IKnownSchedules {
  schedules: { name: string }[];
  review: { pending: { name: string }[] };
}

/** Whether `name` is an active schedule or one waiting in a local review. */
export async function scheduleExists(
  client: INbScheduleClient,
  name: string
): Promise<boolean> {
  const known = await client.requestJson<IKnownSchedules>('schedule-states');
  return (
    known.schedules.some(schedule => schedule.name === name) ||
    known.review.pending.some(pending => pending.name === name)
  );
}

/**
 * What the wizard may assume before the user says otherwise: who owns the schedule,
 * and which notebooks are not the user's to schedule.
 */
import type { User } from '@jupyterlab/services';

/**
 * Jupyter Server names an unauthenticated user with a random UUID (with or without
 * dashes): not an owner anyone could be reached at, so the owner starts empty instead.
 */
const ANONYMOUS_USERNAME = /^[0-9a-f]{8}(-?[0-9a-f]{4}){3}-?[0-9a-f]{12}$/i;

export function ownerFromIdentity(identity: User.IIdentity | null): string {
  const username = identity?.username ?? '';
  return ANONYMOUS_USERNAME.test(username) ? '' : username;
}

/** Output notebooks (under the run store) and debug copies of runs. */
const RUN_OUTPUT_PATH = /(?:^|\/)nbschedule-runs\//;
const DEBUG_COPY_PATH = /\.debug-[^/]+\.ipynb$/;

/** Whether a notebook is a run's output or debug copy rather than a source notebook. */
export function isRunArtifact(
  path: string,
  metadata: Record<string, unknown> | undefined
): boolean {
  return (
    RUN_OUTPUT_PATH.test(path) ||
    DEBUG_COPY_PATH.test(path) ||
    metadata?.nbschedule !== undefined ||
    metadata?.nbschedule_debug !== undefined
  );
}

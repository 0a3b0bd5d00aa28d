/**
 * What the wizard may assume before the user says otherwise: who owns the schedule,
 * and which notebooks are not the user's to schedule.
 */
import type { User } from '@jupyterlab/services';

// The module itself: the runs feature's index would load its views at start-up.
import { inRunsFolder } from '../runs/runContext';

/**
 * Jupyter Server names an unauthenticated user with a random UUID (with or without
 * dashes): not an owner anyone could be reached at, so the owner starts empty instead.
 */
const ANONYMOUS_USERNAME = /^[0-9a-f]{8}(-?[0-9a-f]{4}){3}-?[0-9a-f]{12}$/i;

export function ownerFromIdentity(identity: User.IIdentity | null): string {
  const username = identity?.username ?? '';
  return ANONYMOUS_USERNAME.test(username) ? '' : username;
}

/** Debug copies of runs, written beside their notebook. */
const DEBUG_COPY_PATH = /\.debug-[^/]+\.ipynb$/;

/**
 * Whether a notebook is a run's output (in the runs folder) or debug copy rather
 * than a source notebook.
 */
export function isRunArtifact(
  path: string,
  metadata: Record<string, unknown> | undefined,
  runsFolder?: string
): boolean {
  return (
    inRunsFolder(path, runsFolder) ||
    DEBUG_COPY_PATH.test(path) ||
    metadata?.nbschedule !== undefined ||
    metadata?.nbschedule_debug !== undefined
  );
}

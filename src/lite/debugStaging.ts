/**
 * The staged inputs of a lite debug copy: the server stages the copy's schedule with
 * the run's exact parameters through the lite-runs route, as for a lite test run (same
 * staging and zone checks, CSV only, never a connection string), and the prepared run
 * is then dropped: the debug kernel only needs its staged results.
 */
import { INbScheduleClient } from '../api';
import { ScheduleSpec } from '../spec';
import { cancelLiteRun, savedNotebook, startLiteRun } from './api';
import { debuggedRun, hasLiveSql, stagedAnswers } from './debugSql';
import { specWithValues } from './liteRun';

export interface IDebugStaging {
  folder: string;
  files: Record<string, string>;
  /** Query → the code a lite run executes for it. */
  answers: Map<string, string>;
}

/** Nothing to stage (no live `%%sql`, or not a run's debug copy) gives no files. */
export async function stageDebugCopy(
  client: INbScheduleClient,
  path: string
): Promise<IDebugStaging | null> {
  const content = await savedNotebook(client, path);
  const run = debuggedRun(content);
  if (!run || !hasLiveSql(content)) {
    return null;
  }
  const { spec } = await client.requestJson<{ spec: ScheduleSpec }>(
    `schedules/${encodeURIComponent(run.schedule)}/detail`
  );
  const prepared = await startLiteRun(
    client,
    specWithValues(spec, run.parameters)
  );
  await cancelLiteRun(client, prepared.id).catch(() => undefined);
  if (!prepared.run) {
    throw new Error(
      prepared.message ?? `The server staged nothing for ${run.schedule}.`
    );
  }
  return {
    folder: prepared.run.staging_folder,
    files: prepared.run.staged,
    answers: stagedAnswers(prepared.run.notebook)
  };
}

/**
 * What the runs panel does with a run, wired to JupyterLab. Loaded with the panel's
 * content or the first run opened from a notice, not with the plugin entry.
 */
import { JupyterFrontEnd } from '@jupyterlab/application';
import { Notification } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';

import {
  cancelRun,
  getRun,
  INbScheduleClient,
  IRun,
  IRunDetail,
  rerunRun
} from '../api';
import { ScheduleSpec } from '../spec';
import { IRunActions } from './actions';
import { createDebugCopy } from './debugApi';
import {
  IRunBannerFacts,
  landOnCell,
  openNotebook,
  openOutputNotebook,
  showRunBanner
} from './openOutput';
import { openTestRunOutput } from './testRunOutput';

/** The banner's facts from a run's record: exact parameters and the error line. */
export function bannerFacts(detail: IRunDetail): IRunBannerFacts {
  const error = detail.record?.error;
  return {
    schedule: detail.schedule,
    runId: detail.run_id,
    parameters: detail.record?.parameters ?? {},
    error: error?.ename
      ? `${error.ename}: ${error.evalue ?? ''}`
      : (detail.message ?? null)
  };
}

async function scheduleSpec(
  client: INbScheduleClient,
  name: string
): Promise<ScheduleSpec> {
  const detail = await client.requestJson<{ spec: ScheduleSpec }>(
    `schedules/${encodeURIComponent(name)}/detail`
  );
  return detail.spec;
}

export function runActions(
  app: JupyterFrontEnd,
  client: INbScheduleClient,
  trans: TranslationBundle
): IRunActions {
  return {
    openOutput: async (run: IRun) => {
      if (!run.output_path) {
        throw new Error(
          trans.__('Run %1 has no output notebook to open.', run.run_id)
        );
      }
      const detail = await getRun(client, run.id);
      await openOutputNotebook(
        app,
        detail.output_path ?? run.output_path,
        bannerFacts(detail),
        trans
      );
    },
    debug: async (run: IRun) => {
      const [detail, copy] = await Promise.all([
        getRun(client, run.id),
        createDebugCopy(client, run.id)
      ]);
      // Opening a notebook starts its kernel: the copy is live and editable. A lite
      // notebook's copy runs in the browser (Python (lite)), with no server kernel.
      const { preferLiteKernel } = await import('../lite/debugKernel');
      await preferLiteKernel(client, copy.path);
      const panel = await openNotebook(app, copy.path);
      showRunBanner(panel, { ...bannerFacts(detail), debug: true }, trans);
      if (copy.failing_cell) {
        await landOnCell(panel, copy.failing_cell.index);
      }
      for (const warning of copy.warnings) {
        Notification.warning(warning, { autoClose: false });
      }
    },
    rerun: async (run: IRun) => {
      const queued = await rerunRun(client, run.id);
      Notification.info(trans.__('Run %1 is queued again.', run.run_id), {
        autoClose: 5000
      });
      return queued;
    },
    cancel: (run: IRun) => cancelRun(client, run.id),
    compare: async (run: IRun) => {
      const { compareWithLastSuccess } = await import('./compareRuns');
      await compareWithLastSuccess(app, client, run, trans);
    },
    liteCheck: async (run: IRun) => {
      const [spec, { fullCheck }] = await Promise.all([
        scheduleSpec(client, run.schedule),
        import('../lite/liteRun')
      ]);
      return fullCheck(client, spec.notebook);
    },
    liteTestRun: async (run: IRun) => {
      const [spec, detail, { liteTestRunWithNotice }, { specWithValues }] =
        await Promise.all([
          scheduleSpec(client, run.schedule),
          getRun(client, run.id),
          import('../lite/liteRunNotice'),
          import('../lite/liteRun')
        ]);
      await liteTestRunWithNotice(
        client,
        specWithValues(spec, detail.record?.parameters ?? {}),
        trans,
        testRun => openTestRunOutput(app, testRun, trans)
      );
    }
  };
}

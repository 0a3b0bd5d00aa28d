/** The Schedules view's lite test run: the schedule's notebook, run in the browser. */
import { JupyterFrontEnd } from '@jupyterlab/application';
import { TranslationBundle } from '@jupyterlab/translation';

import { INbScheduleClient } from '../api';
import type { ILiteCheck } from '../lite/api';
import { openTestRunOutput } from '../runs';
import { ScheduleSpec } from '../spec';
import { IScheduleItem } from './state';

export interface IScheduleLiteActions {
  /** Whether the schedule's notebook can run in the browser, and why not. */
  liteCheck(item: IScheduleItem): Promise<ILiteCheck>;
  /** Runs the notebook with the schedule's own parameters in the browser. */
  liteTestRun(item: IScheduleItem): Promise<void>;
}

export function scheduleLiteActions(
  app: JupyterFrontEnd,
  client: INbScheduleClient,
  trans: TranslationBundle,
  specOf: (item: IScheduleItem) => Promise<ScheduleSpec | null>
): IScheduleLiteActions {
  return {
    liteCheck: async item => {
      // Loaded with the first check, not at start-up.
      const { fullCheck } = await import('../lite/liteRun');
      return fullCheck(client, item.notebook);
    },
    liteTestRun: async item => {
      const [spec, { liteTestRunWithNotice }] = await Promise.all([
        specOf(item),
        import('../lite/liteRunNotice')
      ]);
      if (spec) {
        await liteTestRunWithNotice(client, spec, trans, run =>
          openTestRunOutput(app, run, trans)
        );
      }
    }
  };
}

/**
 * What the Schedules view's buttons do: each change asks first, then reports its
 * progress and result as a Notification.
 */
import { JupyterFrontEnd } from '@jupyterlab/application';
import { Dialog, Notification, showDialog } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';

import {
  backfillSchedule,
  describeError,
  getRun,
  INbScheduleClient,
  IRun,
  listRuns,
  runScheduleNow
} from '../api';
import { SHOW_RUNS_COMMAND } from '../runs';
import { ScheduleSpec } from '../spec';
import { EDIT_SCHEDULE_COMMAND } from '../wizard';
import { fetchScheduleDetail, retireSchedule, setPaused } from './api';
import { IScheduleLiteActions, scheduleLiteActions } from './liteActions';
import { IScheduleItem } from './state';

const PROGRESS_POLL_MS = 2_000;
const FINISHED = ['success', 'failed', 'refused', 'lost', 'cancelled'];

export interface ISchedulesActions extends IScheduleLiteActions {
  runNow(item: IScheduleItem): Promise<void>;
  setPaused(item: IScheduleItem, paused: boolean): Promise<void>;
  backfill(item: IScheduleItem, now: string | null): Promise<void>;
  edit(item: IScheduleItem): Promise<void>;
  retire(item: IScheduleItem): Promise<void>;
  openNotebook(item: IScheduleItem): Promise<void>;
  showRuns(item: IScheduleItem, runId?: number): Promise<void>;
}

/** The backfill's runs (by fire time), read page by page from the history. */
async function backfillRuns(
  client: INbScheduleClient,
  schedule: string,
  since: string,
  wanted: Set<number>
): Promise<IRun[]> {
  const found: IRun[] = [];
  let cursor: string | undefined;
  do {
    const page = await listRuns(client, {
      schedule,
      trigger: ['backfill'],
      since,
      cursor,
      limit: 200
    });
    found.push(
      ...page.runs.filter(run => wanted.has(Date.parse(run.logical_date)))
    );
    cursor = page.next_cursor ?? undefined;
  } while (cursor && found.length < wanted.size);
  return found;
}

function wait(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms));
}

export function schedulesActions(
  app: JupyterFrontEnd,
  client: INbScheduleClient,
  trans: TranslationBundle,
  changed: () => void
): ISchedulesActions {
  const showRuns = async (item: IScheduleItem, runId?: number) => {
    await app.commands.execute(SHOW_RUNS_COMMAND, {
      schedule: item.name,
      ...(runId === undefined ? {} : { run: runId })
    });
  };

  const runStatusText = (run: IRun) => {
    switch (run.status) {
      case 'queued':
        return trans.__('Run %1 of %2 is queued.', run.run_id, run.schedule);
      case 'running':
        return trans.__('Run %1 of %2 is running…', run.run_id, run.schedule);
      case 'success':
        return trans.__('Run %1 of %2 succeeded.', run.run_id, run.schedule);
      default:
        return trans.__(
          'Run %1 of %2 ended: %3. %4',
          run.run_id,
          run.schedule,
          run.status,
          run.message ?? ''
        );
    }
  };

  /** One notification that follows the run until it ends. */
  const follow = async (item: IScheduleItem, first: IRun) => {
    const openRun = {
      label: trans.__('Show run'),
      callback: () => void showRuns(item, first.id)
    };
    const id = Notification.emit(runStatusText(first), 'in-progress', {
      autoClose: false,
      actions: [openRun]
    });
    let run = first;
    while (!FINISHED.includes(run.status)) {
      await wait(PROGRESS_POLL_MS);
      try {
        run = await getRun(client, run.id);
      } catch (error) {
        Notification.update({
          id,
          message: describeError(error),
          type: 'error'
        });
        return;
      }
      changed();
      Notification.update({
        id,
        message: runStatusText(run),
        type: FINISHED.includes(run.status)
          ? run.status === 'success'
            ? 'success'
            : 'error'
          : 'in-progress',
        actions: [openRun]
      });
    }
  };

  /** A review's spec comes with the list; an active schedule's is fetched when needed. */
  const specOf = async (item: IScheduleItem): Promise<ScheduleSpec | null> => {
    if (item.spec) {
      return item.spec;
    }
    try {
      return (await fetchScheduleDetail(client, item.name)).spec;
    } catch (error) {
      Notification.error(describeError(error), { autoClose: false });
      return null;
    }
  };

  const confirm = async (title: string, body: string, accept: string) => {
    const answer = await showDialog({
      title,
      body,
      buttons: [
        Dialog.cancelButton({ label: trans.__('Cancel') }),
        Dialog.okButton({ label: accept })
      ]
    });
    return answer.button.accept;
  };

  return {
    runNow: async item => {
      // The forms load with the first dialog, not at start-up.
      const [spec, { RunNowForm }] = await Promise.all([
        specOf(item),
        import('./RunNowForm')
      ]);
      if (!spec) {
        return;
      }
      const answer = await showDialog({
        title: trans.__('Run %1 now', item.name),
        body: new RunNowForm(spec, trans),
        buttons: [
          Dialog.cancelButton({ label: trans.__('Cancel') }),
          Dialog.okButton({ label: trans.__('Run now') })
        ]
      });
      if (!answer.button.accept) {
        return;
      }
      const overrides = answer.value ?? {};
      try {
        const run = await runScheduleNow(
          client,
          item.name,
          Object.keys(overrides).length ? overrides : undefined
        );
        changed();
        void follow(item, run);
      } catch (error) {
        Notification.error(describeError(error), { autoClose: false });
      }
    },

    setPaused: async (item, paused) => {
      const accepted = paused
        ? await confirm(
            trans.__('Pause %1?', item.name),
            trans.__(
              'Its fire times pass without runs until you resume it, and they are not caught up afterwards (backfill them if needed). Run now and backfills still work.'
            ),
            trans.__('Pause')
          )
        : await confirm(
            trans.__('Resume %1?', item.name),
            trans.__(
              'It runs again from its next fire time; the fire times it missed while paused are not run.'
            ),
            trans.__('Resume')
          );
      if (!accepted) {
        return;
      }
      try {
        await setPaused(client, item.name, paused);
        changed();
        Notification.success(
          paused
            ? trans.__('%1 is paused.', item.name)
            : trans.__('%1 is active again.', item.name),
          { autoClose: 5000 }
        );
      } catch (error) {
        Notification.error(describeError(error), { autoClose: false });
      }
    },

    backfill: async (item, now) => {
      const { BackfillForm } = await import('./BackfillForm');
      const answer = await showDialog({
        title: trans.__('Backfill %1', item.name),
        body: new BackfillForm(client, item.name, now, trans),
        buttons: [
          Dialog.cancelButton({ label: trans.__('Cancel') }),
          Dialog.okButton({ label: trans.__('Start the backfill') })
        ]
      });
      const range = answer.value;
      if (!answer.button.accept || !range) {
        return;
      }
      if (!range.count) {
        Notification.warning(
          trans.__('Nothing to backfill in that range: no new fire times.'),
          { autoClose: 5000 }
        );
        return;
      }
      let created: string[];
      try {
        created = (
          await backfillSchedule(client, item.name, range.start, range.end)
        ).created;
      } catch (error) {
        Notification.error(describeError(error), { autoClose: false });
        return;
      }
      changed();
      const total = created.length;
      const wanted = new Set(created.map(date => Date.parse(date)));
      const progress = (done: number, failed: number) =>
        trans.__(
          'Backfill of %1: %2 of %3 runs finished (%4 failed).',
          item.name,
          done,
          total,
          failed
        );
      const id = Notification.emit(progress(0, 0), 'in-progress', {
        autoClose: false,
        actions: [
          { label: trans.__('Show runs'), callback: () => void showRuns(item) }
        ]
      });
      for (;;) {
        await wait(PROGRESS_POLL_MS);
        let runs: IRun[];
        try {
          runs = await backfillRuns(client, item.name, range.start, wanted);
        } catch (error) {
          Notification.update({
            id,
            message: describeError(error),
            type: 'error'
          });
          return;
        }
        const done = runs.filter(run => FINISHED.includes(run.status));
        const failed = done.filter(run => run.status !== 'success').length;
        changed();
        const over = done.length >= total;
        Notification.update({
          id,
          message: progress(done.length, failed),
          type: over ? (failed ? 'error' : 'success') : 'in-progress',
          autoClose: over ? 10_000 : false
        });
        if (over) {
          return;
        }
      }
    },

    edit: async item => {
      const spec = await specOf(item);
      if (spec) {
        await app.commands.execute(EDIT_SCHEDULE_COMMAND, {
          spec: spec as any
        });
      }
    },

    retire: async item => {
      const accepted = await confirm(
        trans.__('Retire %1?', item.name),
        trans.__(
          'This opens a review that removes schedules/%1.json and its DAG. The schedule keeps running until that review is merged.',
          item.name
        ),
        trans.__('Open the retire review')
      );
      if (!accepted) {
        return;
      }
      try {
        const result = await retireSchedule(client, item.name);
        changed();
        Notification.success(
          trans.__(
            'Retiring %1 is in review on branch %2; it stops when that is merged. See the change with: %3',
            item.name,
            result.branch,
            result.diff_command
          ),
          { autoClose: false }
        );
      } catch (error) {
        Notification.error(describeError(error), { autoClose: false });
      }
    },

    openNotebook: async item => {
      await app.commands.execute('docmanager:open', { path: item.notebook });
    },

    showRuns,
    ...scheduleLiteActions(app, client, trans, specOf)
  };
}

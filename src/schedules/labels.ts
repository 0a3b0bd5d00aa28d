import { TranslationBundle } from '@jupyterlab/translation';

import { IOutcome, IRecentRun } from './api';
import { IScheduleItem, ScheduleState } from './state';

export function stateLabel(
  state: ScheduleState,
  trans: TranslationBundle
): string {
  switch (state) {
    case 'in-review':
      return trans.__('In review');
    case 'active':
      return trans.__('Active');
    case 'paused':
      return trans.__('Paused');
    case 'failing':
      return trans.__('Failing');
    case 'broken':
      return trans.__('Broken spec');
  }
}

/** What the state means for this schedule, in one sentence. */
export function stateDetail(
  item: IScheduleItem,
  trans: TranslationBundle,
  mergeInto: string | null
): string {
  const review = item.review;
  switch (item.state) {
    case 'in-review':
      if (review?.number !== undefined) {
        return review.status === 'merged'
          ? trans.__(
              'Pull request #%1 is merged; the schedule starts once its spec reaches this server.',
              review.number
            )
          : trans.__(
              'Pending review: the schedule starts when pull request #%1 is merged.',
              review.number
            );
      }
      return mergeInto
        ? trans.__(
            'Pending review: the schedule starts when branch %1 is merged into %2.',
            review?.branch ?? '',
            mergeInto
          )
        : trans.__(
            'Pending review: the schedule starts when branch %1 is merged.',
            review?.branch ?? ''
          );
    case 'paused':
      return trans.__(
        'Paused by %1 at %2; no scheduled runs until resumed.',
        item.pause?.changed_by || trans.__('someone'),
        item.pause?.changed_at ?? ''
      );
    case 'failing':
      return trans.__('Its latest runs failed.');
    case 'broken':
      return item.error ?? '';
    case 'active':
      return review
        ? trans.__('Active; a change is in review on %1.', review.branch)
        : trans.__('Active.');
  }
}

/** A row's outcome: the list carries only the run's id and status. */
export function outcomeLabel(run: IOutcome, trans: TranslationBundle): string {
  return trans.__('Run %1: %2', run.id, run.status);
}

export function runLabel(run: IRecentRun, trans: TranslationBundle): string {
  return trans.__(
    '%1 run of %2: %3',
    run.trigger,
    run.logical_date,
    run.status
  );
}

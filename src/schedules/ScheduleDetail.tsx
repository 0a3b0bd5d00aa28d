import { TranslationBundle } from '@jupyterlab/translation';
import React from 'react';

import { useLoaded } from '../api';
import { ISchedulesActions } from './actions';
import { IScheduleDetail } from './api';
import { outcomeLabel, runLabel, stateDetail, stateLabel } from './labels';
import { nextText, whenText } from './ScheduleRow';
import { IScheduleItem } from './state';

export interface IScheduleDetailProps {
  item: IScheduleItem;
  /** The item's spec and full runs, once loaded. */
  detail: IScheduleDetail | null;
  actions: ISchedulesActions;
  trans: TranslationBundle;
  /** JupyterLab's language code: the cron is worded in it. */
  languageCode: string;
  mergeInto: string | null;
  now: string | null;
}

/** The selected schedule: what its state means, its latest runs, and what can be done. */
export function ScheduleDetail(props: IScheduleDetailProps): JSX.Element {
  const { item, actions, trans } = props;
  const live = ['active', 'failing', 'paused'].includes(item.state);
  // The row's outcomes until the detail (trigger and date of each run) is loaded.
  const runs = props.detail
    ? props.detail.recent_runs.map(run => ({
        ...run,
        label: runLabel(run, trans)
      }))
    : item.recentRuns.map(run => ({ ...run, label: outcomeLabel(run, trans) }));
  const lite = useLoaded(
    () => (item.notebook ? actions.liteCheck(item) : null),
    [item.name, item.notebook]
  );
  const liteProblem = lite.value?.problems[0];
  const liteWhy = lite.value?.lite
    ? trans.__(
        "Run the notebook with the schedule's parameters in this browser tab, with no server kernel"
      )
    : liteProblem
      ? trans.__(
          'Not lite: cell %1 %2',
          liteProblem.cell + 1,
          liteProblem.reason
        )
      : (lite.error ?? trans.__('Checking whether the notebook is lite…'));
  const button = (label: string, onClick: () => void, enabled = true) => (
    <button
      type="button"
      className="jp-mod-styled nbs-ScheduleDetail-action"
      disabled={!enabled}
      onClick={onClick}
    >
      {label}
    </button>
  );
  return (
    <section
      className="nbs-ScheduleDetail"
      aria-label={trans.__('Schedule %1', item.name)}
    >
      <h3 className="nbs-ScheduleDetail-title">
        {item.name}{' '}
        <span className={`nbs-StateBadge nbs-StateBadge-${item.state}`}>
          {stateLabel(item.state, trans)}
        </span>
      </h3>
      <p className="nbs-ScheduleDetail-state" role="status">
        {stateDetail(item, trans, props.mergeInto)}
        {item.review?.url && (
          <>
            {' '}
            <a href={item.review.url} target="_blank" rel="noopener noreferrer">
              {trans.__(
                'Open pull request #%1 (%2)',
                item.review.number ?? '',
                item.review.status
              )}
            </a>
          </>
        )}
      </p>
      {item.cron && (
        <dl className="nbs-ScheduleDetail-facts">
          <dt>{trans.__('When')}</dt>
          <dd>{whenText(item, trans, props.languageCode)}</dd>
          <dt>{trans.__('Next fire time')}</dt>
          <dd className="nbs-ScheduleDetail-next">
            {nextText(item, trans) || trans.__('None yet')}
          </dd>
          <dt>{trans.__('Owner')}</dt>
          <dd>{item.owner}</dd>
          <dt>{trans.__('Zone')}</dt>
          <dd>{item.zone}</dd>
          <dt>{trans.__('Notebook')}</dt>
          <dd>{item.notebook}</dd>
        </dl>
      )}
      {runs.length > 0 && (
        <>
          <h4 className="nbs-Section-title">{trans.__('Latest runs')}</h4>
          <ol className="nbs-ScheduleDetail-runs">
            {runs.map(run => (
              <li key={run.id}>
                <button
                  type="button"
                  className={`nbs-Outcome nbs-Outcome-${run.status}`}
                  aria-label={run.label}
                  title={run.label}
                  onClick={() => void actions.showRuns(item, run.id)}
                />
              </li>
            ))}
          </ol>
        </>
      )}
      <div
        className="nbs-ScheduleDetail-actions"
        role="toolbar"
        aria-label={trans.__('Actions on %1', item.name)}
      >
        {button(trans.__('Run now'), () => void actions.runNow(item), live)}
        {item.state === 'paused'
          ? button(
              trans.__('Resume'),
              () => void actions.setPaused(item, false)
            )
          : button(
              trans.__('Pause'),
              () => void actions.setPaused(item, true),
              live
            )}
        {button(
          trans.__('Backfill'),
          () => void actions.backfill(item, props.now),
          live
        )}
        {button(
          trans.__('Edit'),
          () => void actions.edit(item),
          live || item.spec !== null
        )}
        {button(trans.__('Retire'), () => void actions.retire(item), live)}
        {button(
          trans.__('Open notebook'),
          () => void actions.openNotebook(item),
          !!item.notebook
        )}
        {button(trans.__('Show runs'), () => void actions.showRuns(item))}
        {item.notebook && (
          // aria-disabled rather than disabled: the reason stays reachable by keyboard.
          <button
            type="button"
            className="jp-mod-styled nbs-ScheduleDetail-action"
            aria-disabled={!lite.value?.lite}
            title={liteWhy}
            onClick={() => lite.value?.lite && void actions.liteTestRun(item)}
          >
            {trans.__('Lite test run')}
          </button>
        )}
      </div>
    </section>
  );
}

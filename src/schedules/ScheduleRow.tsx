import { TranslationBundle } from '@jupyterlab/translation';
import React from 'react';

import { cronInWords } from '../cron/cronWords';
import { formatFireTime } from '../wizard/formatFireTime';
import { IOutcome } from './api';
import { outcomeLabel, stateLabel } from './labels';
import { IScheduleItem } from './state';

/** Fixed, so the list's window maths needs no measuring; matches .nbs-ScheduleRow. */
export const ROW_HEIGHT = 72;

// Each text is computed once per value: rows render again with every poll, keystroke and
// scroll, and wording a cron or building a time zone's date format costs more than the
// rest of a row (1,000 schedules share few values; the bound keeps a long session small).
const MAX_REMEMBERED = 5000;
const cronTexts = new Map<string, string>();
const fireTimeTexts = new Map<string, string>();

function remembered(
  texts: Map<string, string>,
  key: string,
  make: () => string
): string {
  let text = texts.get(key);
  if (text === undefined) {
    if (texts.size >= MAX_REMEMBERED) {
      texts.clear();
    }
    text = make();
    texts.set(key, text);
  }
  return text;
}

export function whenText(
  item: IScheduleItem,
  trans: TranslationBundle,
  languageCode: string
): string {
  if (!item.cron) {
    return '';
  }
  const words = remembered(cronTexts, `${languageCode} ${item.cron}`, () => {
    const worded = cronInWords(item.cron, languageCode);
    return worded.ok ? worded.text : item.cron;
  });
  return trans.__('%1 (%2)', words, item.timezone);
}

export function nextText(
  item: IScheduleItem,
  trans: TranslationBundle
): string {
  const next = item.nextFireTime;
  if (next) {
    return trans.__(
      'Next: %1',
      remembered(fireTimeTexts, `${item.timezone} ${next}`, () =>
        formatFireTime(next, item.timezone)
      )
    );
  }
  return item.state === 'paused' ? trans.__('Next: none while paused') : '';
}

/** The last runs, oldest to newest, each a square of its outcome. */
export function OutcomeStrip(props: {
  runs: IOutcome[];
  trans: TranslationBundle;
  onOpen: (run: IOutcome) => void;
}): JSX.Element {
  const { runs, trans } = props;
  return (
    <span className="nbs-OutcomeStrip" aria-hidden="true">
      {[...runs].reverse().map(run => (
        <span
          key={run.id}
          className={`nbs-Outcome nbs-Outcome-${run.status}`}
          title={outcomeLabel(run, trans)}
          onClick={event => {
            event.stopPropagation();
            props.onOpen(run);
          }}
        />
      ))}
    </span>
  );
}

export interface IScheduleRowProps {
  item: IScheduleItem;
  top: number;
  active: boolean;
  selected: boolean;
  trans: TranslationBundle;
  /** JupyterLab's language code: the cron is worded in it. */
  languageCode: string;
  onClick: () => void;
  onOpenRun: (run: IOutcome) => void;
}

export function ScheduleRow(props: IScheduleRowProps): JSX.Element {
  const { item, trans } = props;
  const classes = ['nbs-ScheduleRow', `nbs-ScheduleRow-${item.state}`];
  if (props.active) {
    classes.push('jp-mod-active');
  }
  if (props.selected) {
    classes.push('jp-mod-selected');
  }
  return (
    <div
      id={`nbs-schedule-${item.name}`}
      role="option"
      aria-selected={props.selected}
      className={classes.join(' ')}
      style={{ top: props.top, height: ROW_HEIGHT }}
      onClick={props.onClick}
    >
      <div className="nbs-ScheduleRow-head">
        <span className={`nbs-StateBadge nbs-StateBadge-${item.state}`}>
          {stateLabel(item.state, trans)}
        </span>
        <span className="nbs-ScheduleRow-name">{item.name}</span>
        <OutcomeStrip
          runs={item.recentRuns}
          trans={trans}
          onOpen={props.onOpenRun}
        />
      </div>
      <div className="nbs-ScheduleRow-meta">
        {item.state === 'broken'
          ? item.error
          : whenText(item, trans, props.languageCode)}
      </div>
      <div className="nbs-ScheduleRow-meta">
        {[nextText(item, trans), item.owner, item.zone]
          .filter(Boolean)
          .join(' · ')}
      </div>
    </div>
  );
}

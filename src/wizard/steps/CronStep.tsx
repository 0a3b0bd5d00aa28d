import { TranslationBundle } from '@jupyterlab/translation';
import React, { useId } from 'react';

import { INbScheduleClient } from '../../api';
import { cronInWords } from '../../cron/cronWords';
import { IScheduleDraft } from '../draft';
import { formatFireTime } from '../formatFireTime';
import { useDebouncedAnswer } from '../useDebouncedAnswer';
import { TimezoneSelect } from './TimezoneSelect';

export interface ICronStepProps {
  client: INbScheduleClient;
  trans: TranslationBundle;
  locale: string;
  draft: IScheduleDraft;
  timezones: string[] | Error | null;
  onChange: (draft: IScheduleDraft) => void;
}

const NEXT_RUNS = 5;
const FIRE_TIMES_DELAY_MS = 250;

function presets(trans: TranslationBundle): ReadonlyArray<[string, string]> {
  return [
    [trans.__('Hourly'), '0 * * * *'],
    [trans.__('Daily at 06:00'), '0 6 * * *'],
    [trans.__('Weekdays at 07:30'), '30 7 * * 1-5'],
    [trans.__('Mondays at 08:00'), '0 8 * * 1'],
    [trans.__('Monthly on the 1st'), '0 0 1 * *']
  ];
}

/** First step: when the notebook runs, in words and as concrete next fire times. */
export function CronStep(props: ICronStepProps): JSX.Element {
  const { client, trans, locale, draft, onChange } = props;
  const id = useId();
  const cron = draft.cron ?? '';
  const timezone = draft.timezone ?? 'UTC';
  const fireTimes = useDebouncedAnswer(
    signal => client.nextFireTimes(cron, timezone, NEXT_RUNS, signal),
    FIRE_TIMES_DELAY_MS,
    [client, cron, timezone]
  );
  const serverError = fireTimes.status === 'error' ? fireTimes : null;
  const cronError =
    serverError && serverError.field !== 'timezone'
      ? serverError.message
      : null;
  const timezoneError =
    serverError?.field === 'timezone' ? serverError.message : null;
  const words = cronInWords(cron, locale);

  return (
    <div className="nbs-CronStep">
      <label className="nbs-Field-label" htmlFor={`${id}-cron`}>
        {trans.__('Cron expression')}
      </label>
      <input
        id={`${id}-cron`}
        className="jp-mod-styled nbs-CronStep-input"
        value={cron}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={cronError !== null}
        aria-describedby={`${id}-words ${id}-cron-error`}
        placeholder="0 6 * * *"
        onChange={event => onChange({ ...draft, cron: event.target.value })}
      />
      <div
        className="nbs-CronStep-presets"
        role="group"
        aria-label={trans.__('Common schedules')}
      >
        {presets(trans).map(([label, preset]) => (
          <button
            key={preset}
            type="button"
            className="nbs-Chip"
            aria-pressed={cron.trim() === preset}
            onClick={() => onChange({ ...draft, cron: preset })}
          >
            {label}
          </button>
        ))}
      </div>
      <p id={`${id}-words`} className="nbs-CronStep-words" aria-live="polite">
        {cronError === null && words.ok ? words.text : ''}
      </p>
      <p id={`${id}-cron-error`} className="nbs-Field-error" role="alert">
        {cronError ?? ''}
      </p>

      <TimezoneSelect
        id={`${id}-timezone`}
        trans={trans}
        value={timezone}
        timezones={props.timezones}
        error={timezoneError}
        onChange={next => onChange({ ...draft, timezone: next })}
      />

      <h3 className="nbs-Section-title" id={`${id}-next`}>
        {trans.__('Next runs (%1)', timezone)}
      </h3>
      <ol
        className="nbs-CronStep-nextRuns"
        aria-labelledby={`${id}-next`}
        aria-busy={fireTimes.status === 'pending'}
      >
        {fireTimes.status === 'ok' &&
          fireTimes.value.next.map(iso => (
            <li key={iso} className="nbs-CronStep-nextRun">
              <time dateTime={iso}>
                {formatFireTime(iso, timezone, locale)}
              </time>
            </li>
          ))}
      </ol>
    </div>
  );
}

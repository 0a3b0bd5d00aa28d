import { TranslationBundle } from '@jupyterlab/translation';
import React from 'react';

import { INbScheduleClient, ISpecProblem } from '../../api';
import { IScheduleDraft } from '../draft';
import { Field } from '../fields';
import { messageAt } from '../problems';
import { CronStep } from './CronStep';

export interface IWhenStepProps {
  client: INbScheduleClient;
  trans: TranslationBundle;
  locale: string;
  draft: IScheduleDraft;
  problems: ISpecProblem[];
  timezones: string[] | Error | null;
  onChange: (draft: IScheduleDraft) => void;
}

/** Step 1: the schedule's name and when it fires. */
export function WhenStep(props: IWhenStepProps): JSX.Element {
  const { trans, draft, problems, onChange } = props;
  const nameError = messageAt(problems, '/name');
  const startError = messageAt(problems, '/start_date');
  return (
    <div className="nbs-Step">
      <Field
        label={trans.__('Schedule name')}
        hint={trans.__(
          'Lower-case letters, digits and underscores; the pipeline id derives from it.'
        )}
        error={nameError}
      >
        {(id, describedBy) => (
          <input
            id={id}
            className="jp-mod-styled nbs-Input"
            value={draft.name ?? ''}
            spellCheck={false}
            aria-describedby={describedBy}
            aria-invalid={nameError !== null}
            onChange={event => onChange({ ...draft, name: event.target.value })}
          />
        )}
      </Field>
      <CronStep
        client={props.client}
        trans={trans}
        locale={props.locale}
        draft={draft}
        timezones={props.timezones}
        onChange={onChange}
      />
      <div className="nbs-Row">
        <Field label={trans.__('Start date')} error={startError}>
          {(id, describedBy) => (
            <input
              id={id}
              type="date"
              className="jp-mod-styled nbs-Input"
              value={draft.start_date ?? ''}
              aria-describedby={describedBy}
              aria-invalid={startError !== null}
              onChange={event =>
                onChange({ ...draft, start_date: event.target.value })
              }
            />
          )}
        </Field>
        <Field
          label={trans.__('Missed runs')}
          hint={trans.__(
            'What happens to runs missed while the scheduler was down.'
          )}
        >
          {(id, describedBy) => (
            <select
              id={id}
              className="jp-mod-styled nbs-Input"
              value={draft.catchup}
              aria-describedby={describedBy}
              onChange={event =>
                onChange({
                  ...draft,
                  catchup: event.target.value as IScheduleDraft['catchup']
                })
              }
            >
              <option value="latest">{trans.__('Run only the latest')}</option>
              <option value="all">{trans.__('Run every missed one')}</option>
              <option value="none">{trans.__('Skip them')}</option>
            </select>
          )}
        </Field>
      </div>
    </div>
  );
}

import { TranslationBundle } from '@jupyterlab/translation';
import React, { useState } from 'react';

import { ISpecProblem } from '../../api';
import { NotificationTarget } from '../../spec';
import { IScheduleDraft } from '../draft';
import { Field, IntegerInput } from '../fields';
import { messageAt } from '../problems';

export interface IOwnerStepProps {
  trans: TranslationBundle;
  draft: IScheduleDraft;
  problems: ISpecProblem[];
  onChange: (draft: IScheduleDraft) => void;
}

type LimitKey =
  | 'retries'
  | 'retry_delay_seconds'
  | 'timeout_seconds'
  | 'cell_timeout_seconds'
  | 'max_active_runs';

function address(target: NotificationTarget): string {
  return 'url' in target ? target.url : target.to;
}

function withAddress(
  target: NotificationTarget,
  text: string
): NotificationTarget {
  return target.type === 'webhook'
    ? { type: 'webhook', url: text }
    : { type: 'email', to: text };
}

/** "Webhook URL 2" is the second webhook, whatever e-mail addresses come between. */
export function targetLabels(
  targets: NotificationTarget[],
  trans: TranslationBundle
): string[] {
  const seen = { webhook: 0, email: 0 };
  return targets.map(target => {
    const number = ++seen[target.type];
    return target.type === 'webhook'
      ? trans.__('Webhook URL %1', number)
      : trans.__('E-mail address %1', number);
  });
}

/** Step 4: who answers for the schedule, who hears of failures, and its limits. */
export function OwnerStep(props: IOwnerStepProps): JSX.Element {
  const { trans, draft, problems, onChange } = props;
  const ownerError = messageAt(problems, '/owner');
  const targets = draft.notify;
  const labels = targetLabels(targets, trans);
  // A field just added is empty on purpose: it is judged once the user has left it.
  const [untouched, setUntouched] = useState<Set<NotificationTarget>>(
    new Set()
  );
  const addTarget = (target: NotificationTarget) => {
    setUntouched(new Set(untouched).add(target));
    setTargets([...targets, target]);
  };
  const setTargets = (notify: NotificationTarget[]) =>
    onChange({ ...draft, notify });
  const limits: [LimitKey, string, number][] = [
    ['retries', trans.__('Retries after a failure'), 0],
    ['retry_delay_seconds', trans.__('Seconds between retries'), 0],
    ['timeout_seconds', trans.__('Run timeout (seconds)'), 1],
    ['cell_timeout_seconds', trans.__('Cell timeout (seconds)'), 1],
    ['max_active_runs', trans.__('Runs at once'), 1]
  ];
  return (
    <div className="nbs-Step">
      <Field
        label={trans.__('Owner')}
        hint={trans.__(
          'Sees failures of this schedule as JupyterLab notifications.'
        )}
        error={ownerError}
      >
        {(id, describedBy) => (
          <input
            id={id}
            className="jp-mod-styled nbs-Input"
            value={draft.owner ?? ''}
            aria-describedby={describedBy}
            aria-invalid={ownerError !== null}
            onChange={event =>
              onChange({ ...draft, owner: event.target.value })
            }
          />
        )}
      </Field>

      <fieldset className="nbs-Fieldset">
        <legend className="nbs-Field-label">
          {trans.__('Also tell of failures')}
        </legend>
        {targets.map((target, index) => {
          const error = untouched.has(target)
            ? null
            : messageAt(problems, `/notify/${index}`);
          const label = labels[index];
          return (
            <div key={index} className="nbs-Row">
              <input
                className="jp-mod-styled nbs-Input"
                type={target.type === 'webhook' ? 'url' : 'email'}
                aria-label={label}
                placeholder={
                  target.type === 'webhook'
                    ? 'https://hooks.example.com/…'
                    : 'team@example.com'
                }
                aria-invalid={error !== null}
                value={address(target)}
                onBlur={() => {
                  const rest = new Set(untouched);
                  rest.delete(target);
                  setUntouched(rest);
                }}
                onChange={event =>
                  setTargets(
                    targets.map((old, at) =>
                      at === index ? withAddress(old, event.target.value) : old
                    )
                  )
                }
              />
              <button
                type="button"
                className="nbs-IconButton"
                aria-label={trans.__('Remove %1', label)}
                onClick={() =>
                  setTargets(targets.filter((_, at) => at !== index))
                }
              >
                ×
              </button>
              {error && (
                <span className="nbs-Field-error" role="alert">
                  {error}
                </span>
              )}
            </div>
          );
        })}
        <div className="nbs-Row">
          <button
            type="button"
            className="nbs-Chip"
            onClick={() => addTarget({ type: 'webhook', url: '' })}
          >
            {trans.__('Add webhook')}
          </button>
          <button
            type="button"
            className="nbs-Chip"
            onClick={() => addTarget({ type: 'email', to: '' })}
          >
            {trans.__('Add e-mail')}
          </button>
        </div>
      </fieldset>

      <div className="nbs-Grid">
        {limits.map(([key, label, min]) => {
          const error = messageAt(problems, `/${key}`);
          return (
            <Field key={key} label={label} error={error}>
              {(id, describedBy) => (
                <IntegerInput
                  id={id}
                  describedBy={describedBy}
                  min={min}
                  value={draft[key]}
                  invalid={error !== null}
                  onChange={value =>
                    onChange({
                      ...draft,
                      [key]: value ?? min
                    } as IScheduleDraft)
                  }
                />
              )}
            </Field>
          );
        })}
      </div>
    </div>
  );
}

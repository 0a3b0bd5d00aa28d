import { TranslationBundle } from '@jupyterlab/translation';
import React from 'react';

import { SubmitResult } from './types';

/** Where the review went and what happens next, once it is submitted. */
export function Submitted(props: {
  result: SubmitResult;
  name: string;
  trans: TranslationBundle;
  onShowSchedule?: (name: string) => void;
}): JSX.Element {
  const { result, name, trans, onShowSchedule } = props;
  const next = (
    <p className="nbs-SubmitStep-next">
      {result.mode === 'github'
        ? trans.__(
            'Pending review — the schedule starts when PR #%1 is merged.',
            result.number
          )
        : trans.__(
            'Pending review — the schedule starts when branch %1 is merged.',
            result.branch
          )}{' '}
      {onShowSchedule && (
        <button
          type="button"
          className="jp-mod-styled jp-mod-link nbs-SubmitStep-show"
          onClick={() => onShowSchedule(name)}
        >
          {trans.__('Show %1 in Schedules', name)}
        </button>
      )}
    </p>
  );
  if (result.mode === 'github') {
    return (
      <div className="nbs-SubmitStep-done" role="status">
        <p>
          {result.updated
            ? trans.__('Pull request #%1 was updated: ', result.number)
            : trans.__('Pull request #%1 was opened: ', result.number)}
          <a href={result.url} target="_blank" rel="noopener noreferrer">
            {result.url}
          </a>
        </p>
        {next}
      </div>
    );
  }
  return (
    <div className="nbs-SubmitStep-done" role="status">
      <p>
        {trans.__('Committed on the branch %1. Review it with:', result.branch)}
      </p>
      <code className="nbs-SubmitStep-command">{result.diff_command}</code>
      {next}
    </div>
  );
}

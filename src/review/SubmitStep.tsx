import { INotebookContent } from '@jupyterlab/nbformat';
import { TranslationBundle } from '@jupyterlab/translation';
import React, { useEffect, useId, useMemo, useState } from 'react';

import { describeError, NbScheduleClient } from '../api';
import { ScheduleSpec } from '../spec';
import { fetchReviewConfig } from './localReview';
import { pullRequestBody } from './prBody';
import { buildReviewFiles, reviewBranch } from './reviewFiles';
import { submitReview } from './submitReview';
import { canSubmit } from './testPlan';
import { IReviewConfig, ITestRun, SubmitResult } from './types';

export interface ISubmitStepProps {
  client: NbScheduleClient;
  trans: TranslationBundle;
  spec: ScheduleSpec;
  notebook: INotebookContent;
  testRun: ITestRun | null;
  onSubmitted: (result: SubmitResult) => void;
  /** Editing a saved schedule: its review branch exists, so updating it is the default. */
  editing?: boolean;
  /** Opens the Schedules view on the submitted schedule. */
  onShowSchedule?: (name: string) => void;
}

function Destination(props: {
  config: IReviewConfig;
  branch: string;
  trans: TranslationBundle;
}): JSX.Element {
  const { config, branch, trans } = props;
  return (
    <p className="nbs-SubmitStep-mode">
      {config.mode === 'github'
        ? trans.__(
            'A pull request from %1 into %2 of the GitHub repository %3.',
            branch,
            config.base_branch,
            config.repo
          )
        : trans.__(
            'A local git branch %1 in the repository at the Jupyter root (GitHub is not configured on this server).',
            branch
          )}
    </p>
  );
}

function Submitted(props: {
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

/** Review step: what will be committed where, then the pull request or local branch. */
export function SubmitStep(props: ISubmitStepProps): JSX.Element {
  const { client, trans, spec, notebook, testRun, onSubmitted } = props;
  const id = useId();
  const [config, setConfig] = useState<IReviewConfig | null>(null);
  const [override, setOverride] = useState(false);
  const [update, setUpdate] = useState(props.editing ?? false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<SubmitResult | null>(null);

  useEffect(() => {
    fetchReviewConfig(client)
      .then(setConfig)
      .catch(failure => setError(describeError(failure)));
  }, [client]);

  const preview = useMemo(() => {
    try {
      return {
        files: Object.keys(buildReviewFiles(spec, notebook)).sort(),
        body: pullRequestBody(spec, testRun)
      };
    } catch (failure) {
      return { error: describeError(failure) };
    }
  }, [spec, notebook, testRun]);

  const failed = !!testRun?.record && testRun.record.status !== 'success';
  const ready =
    config !== null && !('error' in preview) && canSubmit(testRun, override);

  const submit = () => {
    if (!config) {
      return;
    }
    setBusy(true);
    setError(null);
    const settings = props.client.serverSettings;
    submitReview(client, settings, config, {
      spec,
      notebook,
      testRun,
      override,
      update
    })
      .then(submitted => {
        setResult(submitted);
        onSubmitted(submitted);
      })
      .catch(failure => setError(describeError(failure)))
      .finally(() => setBusy(false));
  };

  return (
    <div className="nbs-SubmitStep" aria-busy={busy}>
      {config && (
        <Destination
          config={config}
          branch={reviewBranch(spec)}
          trans={trans}
        />
      )}
      {'error' in preview ? (
        <p className="nbs-Field-error" role="alert">
          {preview.error}
        </p>
      ) : (
        <>
          <h3 className="nbs-Section-title" id={`${id}-files`}>
            {trans.__('Files to commit')}
          </h3>
          <ul className="nbs-SubmitStep-files" aria-labelledby={`${id}-files`}>
            {preview.files.map(path => (
              <li key={path}>
                <code>{path}</code>
              </li>
            ))}
          </ul>
          <h3 className="nbs-Section-title" id={`${id}-body`}>
            {trans.__('Description')}
          </h3>
          <pre
            className="nbs-SubmitStep-body"
            aria-labelledby={`${id}-body`}
            tabIndex={0}
          >
            {preview.body}
          </pre>
        </>
      )}
      {!testRun?.record && (
        <p className="nbs-SubmitStep-hint">
          {trans.__(
            'Run the test first: its result is the review’s test plan.'
          )}
        </p>
      )}
      {failed && (
        <label className="nbs-SubmitStep-check">
          <input
            type="checkbox"
            checked={override}
            onChange={event => setOverride(event.target.checked)}
          />
          {trans.__(
            'Submit although the test run failed (the description says so)'
          )}
        </label>
      )}
      <label className="nbs-SubmitStep-check">
        <input
          type="checkbox"
          checked={update}
          onChange={event => setUpdate(event.target.checked)}
        />
        {trans.__(
          'Update the existing schedule (add a commit to %1)',
          reviewBranch(spec)
        )}
      </label>
      <button
        type="button"
        className="jp-mod-styled jp-mod-accept"
        // aria-disabled keeps the keyboard focus here while submitting.
        aria-disabled={!ready || busy || result !== null}
        aria-busy={busy}
        onClick={() => ready && !busy && result === null && submit()}
      >
        {busy
          ? trans.__('Submitting…')
          : config?.mode === 'github'
            ? trans.__('Open the pull request')
            : trans.__('Commit the branch')}
      </button>
      <p className="nbs-Field-error" role="alert">
        {error ?? ''}
      </p>
      {result && (
        <Submitted
          result={result}
          name={spec.name}
          trans={trans}
          onShowSchedule={props.onShowSchedule}
        />
      )}
    </div>
  );
}

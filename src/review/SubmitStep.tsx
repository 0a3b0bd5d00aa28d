import { INotebookContent } from '@jupyterlab/nbformat';
import { TranslationBundle } from '@jupyterlab/translation';
import React, { useEffect, useId, useMemo, useState } from 'react';

import { describeError, INbScheduleClient } from '../api';
import { ScheduleSpec } from '../spec';
import { fetchReviewConfig } from './localReview';
import {
  INodeNotebookProblem,
  IReadNodeNotebooks,
  otherNodes,
  readNodeNotebooks
} from './nodeNotebooks';
import { pullRequestBody } from './prBody';
import { ReviewError } from './reviewError';
import { buildReviewFiles, reviewBranch } from './reviewFiles';
import {
  reviewDestination,
  ReviewTarget,
  scheduleExists
} from './reviewTarget';
import { Submitted } from './Submitted';
import { submitReview } from './submitReview';
import { canSubmit } from './testPlan';
import { IReviewConfig, ITestRun, SubmitResult } from './types';

export interface ISubmitStepProps {
  client: INbScheduleClient;
  trans: TranslationBundle;
  spec: ScheduleSpec;
  notebook: INotebookContent;
  testRun: ITestRun | null;
  onSubmitted: (result: SubmitResult) => void;
  /** Editing a saved schedule: its review branch exists, so updating it is the default. */
  editing?: boolean;
  /** The user's review target setting. */
  reviewTarget: ReviewTarget;
  /** Whether the step is in view; the wizard keeps hidden steps mounted. */
  shown: boolean;
  /** Opens the Schedules view on the submitted schedule. */
  onShowSchedule?: (name: string) => void;
}

function Destination(props: {
  config: IReviewConfig;
  /** The server's own choice, which the user's settings may have overridden. */
  serverMode: IReviewConfig['mode'];
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
        : props.serverMode === 'github'
          ? trans.__(
              'A local git branch %1 in the repository at the Jupyter root, as your review target setting asks (this server would open a pull request on %2).',
              branch,
              config.repo
            )
          : trans.__(
              'A local git branch %1 in the repository at the Jupyter root (GitHub is not configured on this server).',
              branch
            )}
    </p>
  );
}

function nodeProblem(
  problem: INodeNotebookProblem,
  trans: TranslationBundle
): string {
  return problem.error === null
    ? trans.__(
        'The notebook %1 of node %2 does not exist in the workspace. Create it, or change the node in the Parameters step, before committing.',
        problem.path,
        problem.node
      )
    : trans.__(
        'The notebook %1 of node %2 cannot be read: %3',
        problem.path,
        problem.node,
        problem.error
      );
}

/** What the step shows before committing: the files and description, or why not. */
type Preview =
  | { pending: true }
  | { problems: string[] }
  | { error: string }
  | { files: string[]; body: string };

/** Review step: what will be committed where, then the pull request or local branch. */
export function SubmitStep(props: ISubmitStepProps): JSX.Element {
  const { client, trans, spec, notebook, testRun, onSubmitted } = props;
  const id = useId();
  const [server, setServer] = useState<IReviewConfig | null>(null);
  const [override, setOverride] = useState(false);
  // Updating is offered only for a schedule that already has a review branch.
  const [exists, setExists] = useState(props.editing ?? false);
  const [update, setUpdate] = useState(props.editing ?? false);
  const [editedBody, setEditedBody] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<SubmitResult | null>(null);
  // A workflow's other notebooks, read when the step comes into view (the user may
  // have created or saved one since); null while reading.
  const [nodes, setNodes] = useState<IReadNodeNotebooks | null>(null);
  // What to read, as a value: the spec object may change without its nodes changing.
  const nodesKey = JSON.stringify(otherNodes(spec));

  useEffect(() => {
    fetchReviewConfig(client)
      .then(setServer)
      .catch(failure => setError(describeError(failure)));
  }, [client]);

  // Asked each time the step comes into view: the schedule may have been
  // submitted or merged since the wizard opened.
  useEffect(() => {
    if (!props.shown) {
      return;
    }
    let live = true;
    scheduleExists(client, spec.name)
      .then(found => {
        if (found && live) {
          setExists(true);
          setUpdate(true);
        }
      })
      // Unknown is treated as new: a branch that does exist then refuses the
      // submission with a branch-exists error, which offers updating.
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [client, spec.name, props.shown]);

  useEffect(() => {
    if (!props.shown) {
      return;
    }
    const wanted = { notebook: spec.notebook, nodes: JSON.parse(nodesKey) };
    let live = true;
    setNodes(null);
    readNodeNotebooks(client.serverSettings, wanted).then(read => {
      if (live) {
        setNodes(read);
      }
    });
    return () => {
      live = false;
    };
  }, [client, spec.notebook, nodesKey, props.shown]);

  const config = server && reviewDestination(server, props.reviewTarget);
  const opensPullRequest = config
    ? config.mode === 'github'
    : props.reviewTarget === 'github';

  const preview = useMemo((): Preview => {
    if (!nodes) {
      return { pending: true };
    }
    if (nodes.problems.length > 0) {
      return {
        problems: nodes.problems.map(problem => nodeProblem(problem, trans))
      };
    }
    try {
      return {
        files: Object.keys(
          buildReviewFiles(spec, notebook, nodes.notebooks)
        ).sort(),
        body: pullRequestBody(spec, testRun)
      };
    } catch (failure) {
      return { error: describeError(failure) };
    }
  }, [spec, notebook, testRun, nodes, trans]);

  const failed = !!testRun?.record && testRun.record.status !== 'success';
  const ready = !!config && 'files' in preview && canSubmit(testRun, override);

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
      nodeNotebooks: nodes?.notebooks,
      testRun,
      override,
      update: exists && update,
      body: editedBody ?? undefined
    })
      .then(submitted => {
        setResult(submitted);
        onSubmitted(submitted);
      })
      .catch(failure => {
        if (
          failure instanceof ReviewError &&
          failure.kind === 'branch-exists'
        ) {
          setExists(true);
        }
        setError(describeError(failure));
      })
      .finally(() => setBusy(false));
  };

  return (
    <div className="nbs-SubmitStep" aria-busy={busy}>
      {server && config && (
        <Destination
          config={config}
          serverMode={server.mode}
          branch={reviewBranch(spec)}
          trans={trans}
        />
      )}
      {server && !config && (
        <p className="nbs-Field-error" role="alert">
          {trans.__(
            'Your review target setting asks for a GitHub pull request, but this server has no GitHub repository and token configured. Ask its administrator to set them, or choose another review target in the Settings Editor.'
          )}
        </p>
      )}
      {'pending' in preview && (
        <p className="nbs-SubmitStep-hint">
          {trans.__('Reading the workflow’s notebooks…')}
        </p>
      )}
      {'problems' in preview && (
        <ul className="nbs-Field-error" role="alert">
          {preview.problems.map(problem => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
      {'error' in preview && (
        <p className="nbs-Field-error" role="alert">
          {preview.error}
        </p>
      )}
      {'files' in preview && (
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
          <div className="nbs-SubmitStep-bodyTitle">
            <label className="nbs-Section-title" htmlFor={`${id}-body`}>
              {trans.__('Description')}
            </label>
            {editedBody !== null && (
              <button
                type="button"
                className="jp-mod-styled jp-mod-link"
                onClick={() => setEditedBody(null)}
              >
                {trans.__('Use the generated description')}
              </button>
            )}
          </div>
          <textarea
            id={`${id}-body`}
            className="jp-mod-styled nbs-SubmitStep-body"
            value={editedBody ?? preview.body}
            readOnly={busy || result !== null}
            spellCheck
            onChange={event => setEditedBody(event.target.value)}
          />
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
      {exists && (
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
      )}
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
          : opensPullRequest
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

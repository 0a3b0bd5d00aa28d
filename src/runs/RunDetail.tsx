import { TranslationBundle } from '@jupyterlab/translation';
import React, { useEffect, useState } from 'react';

import {
  describeError,
  getRun,
  INbScheduleClient,
  IRun,
  IRunDetail,
  useLoaded
} from '../api';
import type { ILiteCheck } from '../lite/api';
import { IRunActions } from './actions';
import { WorkflowGraph } from './WorkflowGraph';
import {
  attemptsDuration,
  awaitsRetry,
  formatDuration,
  formatInstant,
  isActive,
  isFailure,
  statusText,
  triggerLabel
} from './format';

export interface IRunDetailProps {
  run: IRun;
  client: INbScheduleClient;
  actions: IRunActions;
  trans: TranslationBundle;
  now: Date;
  /** The workflow run this run is, or is a node or item run of (with its children). */
  workflow?: IRun | null;
  onSelect?: (run: IRun) => void;
}

function errorLine(detail: IRunDetail | null, run: IRun): string | null {
  const error = detail?.record?.error as
    { ename?: string; evalue?: string } | null | undefined;
  if (error?.ename) {
    return `${error.ename}: ${error.evalue ?? ''}`;
  }
  return isFailure(run.status) ? (run.message ?? run.exit_reason) : null;
}

/** Runs the schedule in the browser with this run's parameters; says why not when it can't. */
function LiteTestRunButton(props: {
  check: ILiteCheck | null;
  error: string | null;
  trans: TranslationBundle;
  onRun: () => void;
}): JSX.Element {
  const { check, trans } = props;
  const problem = check?.problems[0];
  const why = check?.lite
    ? trans.__(
        "Run the schedule's notebook with this run's parameters in this browser tab, with no server kernel"
      )
    : problem
      ? trans.__('Not lite: cell %1 %2', problem.cell + 1, problem.reason)
      : (props.error ?? trans.__('Checking whether the notebook is lite…'));
  // aria-disabled rather than disabled: the reason stays reachable by keyboard.
  return (
    <button
      className="jp-mod-styled"
      aria-disabled={!check?.lite}
      title={why}
      onClick={() => check?.lite && props.onRun()}
    >
      {trans.__('Lite test run')}
    </button>
  );
}

/** The selected run: its parameters, error and attempts, and what can be done with it. */
export function RunDetail(props: IRunDetailProps): JSX.Element {
  const { run, client, actions, trans } = props;
  // Read again whenever the run changes state (the list polls it).
  const loaded = useLoaded(
    () => getRun(client, run.id),
    [run.id, run.status, run.attempts]
  );
  const detail = loaded.value;
  const [failedAction, setFailedAction] = useState<string | null>(null);
  // A fresh reading of the run clears an action's failure, as it clears a failed reading.
  useEffect(() => setFailedAction(null), [detail]);
  const problem = failedAction ?? loaded.error;

  const act = (action: () => Promise<unknown>) => () =>
    action().catch(error => setFailedAction(describeError(error)));
  const parameters = (detail?.record?.parameters ?? {}) as Record<
    string,
    unknown
  >;
  const error = errorLine(detail, run);
  const active = isActive(run.status);
  const isWorkflow = !!run.children?.length;
  const isItem = run.parent !== null && run.parent !== undefined;
  // Workflows run node by node on the server: only a plain schedule runs in the browser.
  const lite = useLoaded(
    () => (isWorkflow || isItem ? null : actions.liteCheck(run)),
    [run.schedule, isWorkflow, isItem]
  );
  const rerunText = isWorkflow
    ? trans.__('Re-run failed items')
    : isItem
      ? trans.__('Re-run this item')
      : trans.__('Re-run');

  return (
    <section className="nbs-RunDetail" aria-label={trans.__('Run details')}>
      <h3 className="nbs-RunDetail-title">
        {run.schedule} · {statusText(run, trans)}
      </h3>
      <dl className="nbs-RunDetail-facts">
        <dt>{trans.__('Run id')}</dt>
        <dd>{run.run_id}</dd>
        {isItem && (
          <>
            <dt>{trans.__('Node')}</dt>
            <dd>{run.node}</dd>
            {run.item_label && (
              <>
                <dt>{trans.__('Item')}</dt>
                <dd>{run.item_label}</dd>
              </>
            )}
          </>
        )}
        <dt>{trans.__('Logical date')}</dt>
        <dd>{formatInstant(run.logical_date)}</dd>
        <dt>{trans.__('Trigger')}</dt>
        <dd>{triggerLabel(run, trans)}</dd>
        <dt>{trans.__('Duration')}</dt>
        <dd>
          {(detail?.attempt_list.length
            ? attemptsDuration(detail.attempt_list, props.now, trans)
            : awaitsRetry(run)
              ? null
              : formatDuration(
                  run.started_at,
                  run.ended_at,
                  props.now,
                  trans
                )) ?? '—'}
        </dd>
      </dl>
      {error && (
        <p className="nbs-RunDetail-error" role="alert">
          {error}
        </p>
      )}
      {problem && <p className="nbs-RunDetail-problem">{problem}</p>}
      {props.workflow?.children?.length ? (
        <>
          <h4>{trans.__('Workflow %1', props.workflow.run_id)}</h4>
          <WorkflowGraph
            items={props.workflow.children}
            selectedId={run.id}
            trans={trans}
            onSelect={props.onSelect}
          />
        </>
      ) : null}
      <h4>{trans.__('Parameters')}</h4>
      {Object.keys(parameters).length ? (
        <dl className="nbs-RunDetail-parameters">
          {Object.entries(parameters).map(([name, value]) => (
            <React.Fragment key={name}>
              <dt>{name}</dt>
              <dd>{JSON.stringify(value)}</dd>
            </React.Fragment>
          ))}
        </dl>
      ) : (
        <p className="nbs-RunDetail-none">
          {trans.__('No injected parameters.')}
        </p>
      )}
      <h4>{trans.__('Attempts')}</h4>
      <ol className="nbs-RunDetail-attempts">
        {(detail?.attempt_list ?? []).map(attempt => (
          <li key={attempt.number}>
            {trans.__(
              '%1 (%2): %3',
              attempt.number,
              attempt.reason,
              attempt.message ?? attempt.status
            )}
          </li>
        ))}
      </ol>
      <div className="nbs-RunDetail-actions">
        <button
          className="jp-mod-styled jp-mod-accept"
          disabled={!run.output_path}
          onClick={act(() => actions.openOutput(run))}
        >
          {trans.__('Open output')}
        </button>
        <button
          className="jp-mod-styled"
          disabled={!detail?.record}
          onClick={act(() => actions.debug(run))}
        >
          {trans.__('Debug')}
        </button>
        <button
          className="jp-mod-styled"
          disabled={
            active || (isItem && isActive(props.workflow?.status ?? 'success'))
          }
          onClick={act(() => actions.rerun(run))}
        >
          {rerunText}
        </button>
        <button
          className="jp-mod-styled jp-mod-warn"
          disabled={!active || run.cancel_requested || isItem}
          onClick={act(() => actions.cancel(run))}
        >
          {trans.__('Cancel')}
        </button>
        <button
          className="jp-mod-styled"
          disabled={!run.output_path}
          onClick={act(() => actions.compare(run))}
        >
          {trans.__('Compare with last success')}
        </button>
        {!isWorkflow && !isItem && (
          <LiteTestRunButton
            check={lite.value}
            error={lite.error}
            trans={trans}
            onRun={act(() => actions.liteTestRun(run))}
          />
        )}
      </div>
    </section>
  );
}

import { TranslationBundle } from '@jupyterlab/translation';
import React, { useId } from 'react';

import { INbScheduleClient, IRunRecord } from '../api';
import { LiteOption, useLiteTestRun } from '../lite';
import { ScheduleSpec } from '../spec';
import { isFinished } from './testRuns';
import { ITestRun } from './types';
import { useTestRun } from './useTestRun';

export interface ITestRunStepProps {
  client: INbScheduleClient;
  trans: TranslationBundle;
  spec: ScheduleSpec;
  /** The finished test run, or null while none has finished (or a new one starts). */
  onResult: (result: ITestRun | null) => void;
  /** Runs before each test run, e.g. saving the notebook the run reads from disk. */
  prepare: () => Promise<void>;
  /** Opens a file of the workspace (the output notebook) in JupyterLab. */
  onOpenOutput?: (path: string) => void;
}

/** What the test run is doing, with 1-based cell numbers as JupyterLab shows them. */
export function testRunStatusText(
  run: ITestRun,
  trans: TranslationBundle
): string {
  switch (run.status) {
    case 'queued':
      return trans.__('Starting a fresh Python process for the run…');
    case 'running':
      return run.current_cell === null
        ? trans.__('Starting the kernel and staging inputs…')
        : trans.__(
            'Running cell %1 of %2…',
            run.current_cell + 1,
            run.cells_total
          );
    case 'success':
      return trans.__('The test run succeeded.');
    case 'refused':
      return trans.__('The test run was refused: %1', run.message ?? '');
    default:
      return trans.__('The test run failed: %1', run.message ?? '');
  }
}

/** The failing cell, numbered from 1 as JupyterLab numbers cells. */
export function failingCellText(
  failing: NonNullable<IRunRecord['failing_cell']>,
  trans: TranslationBundle
): string {
  return failing.source_index === null
    ? trans.__('the injected parameters (output cell %1)', failing.index + 1)
    : trans.__('cell %1 of the notebook', failing.source_index + 1);
}

function Summary(props: {
  run: ITestRun;
  onOpenOutput?: (path: string) => void;
  trans: TranslationBundle;
}): JSX.Element | null {
  const { run, trans } = props;
  const record = run.record;
  if (!record) {
    return null;
  }
  const failing = record.failing_cell;
  return (
    <dl className="nbs-TestRunStep-summary">
      <dt>{trans.__('Exit reason')}</dt>
      <dd>{record.exit_reason}</dd>
      {record.duration_seconds !== null && (
        <>
          <dt>{trans.__('Duration')}</dt>
          <dd>
            {trans._n('%1 second', '%1 seconds', record.duration_seconds)}
          </dd>
        </>
      )}
      {failing && (
        <>
          <dt>{trans.__('Failing cell')}</dt>
          <dd>{failingCellText(failing, trans)}</dd>
        </>
      )}
      {record.error && (
        <>
          <dt>{trans.__('Error')}</dt>
          <dd className="nbs-TestRunStep-error">
            {`${record.error.ename}: ${record.error.evalue}`}
          </dd>
        </>
      )}
      {run.output_path && (
        <>
          <dt>{trans.__('Output notebook')}</dt>
          <dd className="nbs-TestRunStep-path">
            {props.onOpenOutput ? (
              <button
                type="button"
                className="nbs-LinkButton"
                title={trans.__(
                  'Close the wizard and open the output notebook'
                )}
                onClick={() => props.onOpenOutput!(run.output_path!)}
              >
                {run.output_path}
              </button>
            ) : (
              run.output_path
            )}
          </dd>
        </>
      )}
    </dl>
  );
}

/** Review step: run the notebook once as the scheduler would, and show how it went. */
export function TestRunStep(props: ITestRunStepProps): JSX.Element {
  const { client, trans, spec, onResult, prepare } = props;
  const id = useId();
  const server = useTestRun(client, spec, onResult, prepare);
  const lite = useLiteTestRun(client, spec, onResult, prepare);
  // The run shown is the last one started, in the browser or on the server.
  const { run, error, starting, cancel } = lite.active ? lite : server;
  const start = () => {
    lite.leave();
    server.start();
  };
  const active = run !== null && !isFinished(run);
  const total = run?.cells_total ?? 0;
  const done = run?.cells_done ?? 0;
  const failed = run !== null && isFinished(run) && run.status !== 'success';

  return (
    <div className="nbs-TestRunStep">
      <p className="nbs-TestRunStep-intro">
        {trans.__(
          'The notebook runs once exactly as the scheduler will run it: staged inputs, no network, injected parameters. Its result becomes the review’s test plan.'
        )}
      </p>
      <div className="nbs-TestRunStep-actions">
        <button
          type="button"
          className="jp-mod-styled jp-mod-accept"
          // aria-disabled keeps the keyboard focus here while the run goes on.
          aria-disabled={active || starting}
          onClick={() => !(active || starting) && start()}
        >
          {run
            ? trans.__('Run the test again')
            : trans.__('Start the test run')}
        </button>
        {active && (
          <button
            type="button"
            className="jp-mod-styled jp-mod-reject"
            onClick={cancel}
          >
            {trans.__('Cancel')}
          </button>
        )}
      </div>
      <LiteOption
        lite={lite}
        trans={trans}
        busy={active || starting}
        startOnServer={start}
      />
      {(run || starting) && (
        // Indeterminate (no value) until the cells are counted.
        <div
          className="nbs-ProgressBar"
          role="progressbar"
          aria-labelledby={`${id}-status`}
          aria-valuemin={0}
          aria-valuemax={Math.max(total, 1)}
          aria-valuenow={total ? done : undefined}
          aria-valuetext={
            total ? trans.__('%1 of %2 cells done', done, total) : undefined
          }
          data-status={run?.status ?? 'queued'}
          data-indeterminate={total === 0 && (starting || active)}
          data-empty={total === 0 && !(starting || active)}
        >
          <div
            className="nbs-ProgressBar-fill"
            style={total ? { width: `${(100 * done) / total}%` } : undefined}
          />
        </div>
      )}
      <p
        id={`${id}-status`}
        className={
          failed
            ? 'nbs-TestRunStep-status nbs-mod-failed'
            : 'nbs-TestRunStep-status'
        }
        aria-live="polite"
      >
        {run
          ? testRunStatusText(run, trans)
          : starting
            ? trans.__('Saving the notebook…')
            : ''}
      </p>
      {run && isFinished(run) && (
        <Summary run={run} trans={trans} onOpenOutput={props.onOpenOutput} />
      )}
      <p className="nbs-Field-error" role="alert">
        {error ?? ''}
      </p>
    </div>
  );
}

import type { IEditorLanguageRegistry } from '@jupyterlab/codemirror';
import { INotebookContent } from '@jupyterlab/nbformat';
import { TranslationBundle } from '@jupyterlab/translation';
import React, { useCallback, useMemo, useState } from 'react';

import { IAnalysisWarning } from '../analysis';
import {
  checkSpec,
  ILoaded,
  INbScheduleClient,
  IZoneCatalogue,
  useLoaded
} from '../api';
import { PipelinePreview } from '../pipeline';
import {
  ITestRun,
  ReviewTarget,
  SubmitResult,
  SubmitStep,
  TestRunStep
} from '../review';
import { ScheduleSpec } from '../spec';
import { IScheduleDraft } from './draft';
import { checkInUserWords } from './problems';
import { problemsOfStep, StepId, stepIndexOf, wizardSteps } from './steps';
import { DataStep } from './steps/DataStep';
import { OwnerStep } from './steps/OwnerStep';
import { ParametersStep } from './steps/ParametersStep';
import { ReviewStep } from './steps/ReviewStep';
import { WhenStep } from './steps/WhenStep';
import { testedSpec } from './testedSpec';
import { latestAnswer, useDebouncedAnswer } from './useDebouncedAnswer';
import { IWorkspaceNotebooks } from './workspaceNotebooks';

export interface IWizardProps {
  client: INbScheduleClient;
  trans: TranslationBundle;
  locale: string;
  initialDraft: IScheduleDraft;
  warnings: IAnalysisWarning[];
  hasParametersCell: boolean;
  timezones: Promise<string[]>;
  catalogue: Promise<IZoneCatalogue>;
  languages: IEditorLanguageRegistry;
  /** The notebook as it was when the wizard opened. */
  notebook: INotebookContent;
  /** Saves the notebook (test runs read it from disk) and returns what was saved. */
  saveNotebook: () => Promise<INotebookContent>;
  onDraftChange: (draft: IScheduleDraft) => void;
  onSubmitted: (result: SubmitResult) => void;
  /** Opened by Edit on a saved schedule. */
  editing?: boolean;
  /** Where the user's settings send the review. */
  reviewTarget: ReviewTarget;
  onShowSchedule?: (name: string) => void;
  /** Closes the wizard (the draft stays) and opens a workspace file. */
  onOpenFile?: (path: string) => void;
  /** The notebooks a workflow can add as nodes. */
  workspace: IWorkspaceNotebooks;
}

const SPEC_CHECK_DELAY_MS = 300;

/** As the steps take it: null while pending, an Error when it failed. */
function valueOrError<T>({ value, error }: ILoaded<T>): T | Error | null {
  return error === null ? value : new Error(error);
}

/**
 * Back or Next. Unavailable means aria-disabled, not disabled: the button keeps
 * keyboard focus when the last step is reached, and says why it does nothing.
 */
function StepButton(props: {
  label: string;
  kind: 'accept' | 'reject';
  disabled: boolean;
  onClick: () => void;
}): JSX.Element {
  return (
    <button
      type="button"
      className={`jp-mod-styled jp-mod-${props.kind} nbs-Button`}
      aria-disabled={props.disabled}
      onClick={() => !props.disabled && props.onClick()}
    >
      {props.label}
    </button>
  );
}

/** The schedule wizard: one page per step, problems counted on each step's tab. */
export function Wizard(props: IWizardProps): JSX.Element {
  const { client, trans } = props;
  const steps = useMemo(() => wizardSteps(trans), [trans]);
  const [draft, setDraft] = useState(props.initialDraft);
  const [current, setCurrentStep] = useState(0);
  const [previewing, setPreviewing] = useState(false);
  const setCurrent = (index: number) => {
    setPreviewing(false);
    setCurrentStep(index);
  };
  const [testRun, setTestRun] = useState<ITestRun | null>(null);
  // Review commits the notebook exactly as the test run read it.
  const [testedNotebook, setTestedNotebook] = useState(props.notebook);
  const timezones = valueOrError(
    useLoaded(() => props.timezones, [props.timezones])
  );
  const catalogue = valueOrError(
    useLoaded(() => props.catalogue, [props.catalogue])
  );
  // The server's verdict on the draft (schema, cron, time zone, zone policy).
  const checkState = useDebouncedAnswer(
    signal => checkSpec(client, draft, signal),
    SPEC_CHECK_DELAY_MS,
    [client, draft]
  );
  const check = useMemo(
    () => checkInUserWords(latestAnswer(checkState), trans),
    [checkState, trans]
  );
  const problems = check?.problems ?? [];

  const update = (next: IScheduleDraft) => {
    setDraft(next);
    // A test run vouches for the spec it ran; an edit needs a new one.
    setTestRun(null);
    props.onDraftChange(next);
  };
  const testedDraft = useMemo(() => testedSpec(draft), [draft]);
  const reviewIndex = steps.findIndex(candidate => candidate.id === 'review');
  const prepareTestRun = useCallback(async () => {
    setTestedNotebook(await props.saveNotebook());
  }, [props.saveNotebook]);

  // Test run and submission need a complete spec within its zone.
  const blocked = (
    <div className="nbs-Step">
      <p className="nbs-Empty" role="status">
        {checkState.status === 'ok'
          ? trans._n(
              'One problem must be fixed first.',
              '%1 problems must be fixed first.',
              problems.length,
              problems.length
            )
          : trans.__('Checking the schedule…')}
      </p>
      <button
        type="button"
        className="nbs-LinkButton nbs-Button"
        onClick={() => setCurrent(reviewIndex)}
      >
        {trans.__('Go to %1', steps[reviewIndex].label)}
      </button>
    </div>
  );
  const ready = checkState.status === 'ok' && problems.length === 0;

  const body = (id: StepId) => {
    switch (id) {
      case 'when':
        return (
          <WhenStep
            client={client}
            trans={trans}
            locale={props.locale}
            draft={draft}
            problems={problems}
            timezones={timezones}
            onChange={update}
          />
        );
      case 'data':
        return (
          <DataStep
            trans={trans}
            draft={draft}
            catalogue={catalogue}
            check={check}
            warnings={props.warnings}
            onChange={update}
          />
        );
      case 'parameters':
        return (
          <ParametersStep
            trans={trans}
            draft={draft}
            problems={problems}
            catalogue={catalogue}
            check={check}
            hasParametersCell={props.hasParametersCell}
            workspace={props.workspace}
            onChange={update}
          />
        );
      case 'owner':
        return (
          <OwnerStep
            trans={trans}
            draft={draft}
            problems={problems}
            onChange={update}
          />
        );
      case 'review':
        if (previewing) {
          return (
            <div className="nbs-Step nbs-mod-preview">
              <PipelinePreview
                // The review step offers the preview only once the schema is satisfied.
                spec={draft as ScheduleSpec}
                languages={props.languages}
                trans={trans}
              />
            </div>
          );
        }
        return (
          <ReviewStep
            trans={trans}
            locale={props.locale}
            draft={draft}
            problems={problems}
            checking={checkState.status === 'pending'}
            stepOfProblem={problem => {
              const index = stepIndexOf(steps, problem);
              return { index, label: steps[index].label };
            }}
            onGoToStep={setCurrent}
            onPreview={() => setPreviewing(true)}
          />
        );
      case 'test':
        return ready ? (
          <>
            {draft.nodes && (
              <p className="nbs-Field-hint">
                {trans.__(
                  'A workflow’s test run runs this notebook’s node alone, as the workflow would run it; the other nodes run once the workflow is scheduled.'
                )}
              </p>
            )}
            <TestRunStep
              client={client}
              trans={trans}
              spec={testedDraft}
              prepare={prepareTestRun}
              onResult={setTestRun}
              onOpenOutput={props.onOpenFile}
            />
          </>
        ) : (
          blocked
        );
      case 'submit':
        return ready ? (
          <SubmitStep
            client={client}
            trans={trans}
            spec={draft as ScheduleSpec}
            notebook={testedNotebook}
            testRun={testRun}
            onSubmitted={props.onSubmitted}
            editing={props.editing}
            reviewTarget={props.reviewTarget}
            shown={steps[current]?.id === 'submit'}
            onShowSchedule={props.onShowSchedule}
          />
        ) : (
          blocked
        );
    }
  };

  return (
    <div className="nbs-Wizard">
      <p className="nbs-Wizard-notebook">
        {trans.__('Notebook: %1', draft.notebook ?? '')}
      </p>
      <nav aria-label={trans.__('Wizard steps')}>
        <ol className="nbs-Stepper">
          {steps.map((candidate, index) => {
            const count = problemsOfStep(candidate, problems).length;
            return (
              <li key={candidate.id}>
                <button
                  type="button"
                  className="nbs-Stepper-step"
                  aria-current={index === current ? 'step' : undefined}
                  onClick={() => setCurrent(index)}
                >
                  <span className="nbs-Stepper-number">{index + 1}</span>
                  {candidate.label}
                  {count > 0 && (
                    <span
                      className="nbs-Stepper-badge"
                      aria-label={trans._n(
                        '%1 problem',
                        '%1 problems',
                        count,
                        count
                      )}
                    >
                      {count}
                    </span>
                  )}
                </button>
              </li>
            );
          })}
        </ol>
      </nav>
      {checkState.status === 'error' && (
        <p className="nbs-Field-error" role="alert">
          {trans.__(
            'The schedule could not be checked: %1',
            checkState.message
          )}
        </p>
      )}
      {steps.map((candidate, index) => (
        // Every step stays mounted, so a running test run and half-typed values
        // survive a look at another step.
        <section
          key={candidate.id}
          className="nbs-Wizard-step"
          aria-label={candidate.label}
          hidden={index !== current}
        >
          {body(candidate.id)}
        </section>
      ))}
      <div className="nbs-Wizard-nav">
        <StepButton
          label={trans.__('Back')}
          kind="reject"
          disabled={current === 0}
          onClick={() => setCurrent(current - 1)}
        />
        {previewing && steps[current].id === 'review' && (
          // In the navigation row, so the code gets the step's whole height.
          <button
            type="button"
            className="nbs-LinkButton"
            onClick={() => setPreviewing(false)}
          >
            {trans.__('Back to the summary')}
          </button>
        )}
        <StepButton
          label={trans.__('Next')}
          kind="accept"
          disabled={current === steps.length - 1}
          onClick={() => setCurrent(current + 1)}
        />
      </div>
    </div>
  );
}

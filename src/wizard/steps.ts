import { TranslationBundle } from '@jupyterlab/translation';

import { ISpecProblem } from '../api';
import { problemsAt } from './problems';

export type StepId =
  'when' | 'data' | 'parameters' | 'owner' | 'review' | 'test' | 'submit';

export interface IWizardStep {
  id: StepId;
  label: string;
  /** Spec fields edited on this step; their problems are counted on its tab. */
  fields: string[];
}

export function wizardSteps(trans: TranslationBundle): IWizardStep[] {
  return [
    {
      id: 'when',
      label: trans.__('When'),
      fields: ['/name', '/cron', '/timezone', '/start_date', '/catchup']
    },
    {
      id: 'data',
      label: trans.__('Data and zone'),
      fields: ['/zone', '/inputs', '/outputs']
    },
    {
      id: 'parameters',
      label: trans.__('Parameters'),
      // The workflow's nodes are set on the same step: each node has its parameters.
      fields: ['/parameters', '/nodes']
    },
    {
      id: 'owner',
      label: trans.__('Owner and alerts'),
      fields: [
        '/owner',
        '/notify',
        '/retries',
        '/retry_delay_seconds',
        '/timeout_seconds',
        '/cell_timeout_seconds',
        '/max_active_runs'
      ]
    },
    { id: 'review', label: trans.__('Review'), fields: [] },
    { id: 'test', label: trans.__('Test run'), fields: [] },
    { id: 'submit', label: trans.__('Submit for review'), fields: [] }
  ];
}

export function problemsOfStep(
  step: IWizardStep,
  problems: ReadonlyArray<ISpecProblem>
): ISpecProblem[] {
  return step.fields.flatMap(field => problemsAt(problems, field));
}

/** The step where a problem can be fixed; the review step for anything else. */
export function stepIndexOf(
  steps: ReadonlyArray<IWizardStep>,
  problem: ISpecProblem
): number {
  const index = steps.findIndex(
    step => problemsOfStep(step, [problem]).length > 0
  );
  return index === -1 ? steps.length - 1 : index;
}

import { TranslationBundle } from '@jupyterlab/translation';
import React from 'react';

import { ISpecProblem } from '../../api';
import { nodeLabel } from '../../pipeline';
import { cronInWords } from '../../cron/cronWords';
import { IScheduleDraft } from '../draft';

export interface IReviewStepProps {
  trans: TranslationBundle;
  locale: string;
  draft: IScheduleDraft;
  problems: ISpecProblem[];
  checking: boolean;
  stepOfProblem: (problem: ISpecProblem) => { index: number; label: string };
  onGoToStep: (index: number) => void;
  onPreview: () => void;
}

/** Step 5: the schedule at a glance, what still blocks it, and the pipeline preview. */
/** A workflow's nodes in a line each: id, fan-out count and what it runs after. */
function workflowSummary(
  draft: IScheduleDraft,
  trans: TranslationBundle
): [string, string][] {
  if (!draft.nodes) {
    return [];
  }
  const nodes = draft.nodes.map(node => {
    const label = nodeLabel(node, trans);
    return node.needs?.length
      ? trans.__('%1 after %2', label, node.needs.join(', '))
      : label;
  });
  return [[trans.__('Workflow'), nodes.join('; ')]];
}

export function ReviewStep(props: IReviewStepProps): JSX.Element {
  const { trans, draft, problems } = props;
  const words = cronInWords(draft.cron ?? '', props.locale);
  const summary: [string, string][] = [
    [trans.__('Schedule'), draft.name ?? ''],
    [trans.__('Notebook'), draft.notebook ?? ''],
    ...workflowSummary(draft, trans),
    [
      trans.__('Runs'),
      `${words.ok ? words.text : draft.cron} (${draft.cron}, ${draft.timezone})`
    ],
    [trans.__('Zone'), draft.zone ?? ''],
    [
      trans.__('Reads'),
      draft.inputs
        .map(input => `${input.connection}:${input.table}`)
        .join(', ') || trans.__('nothing')
    ],
    [
      trans.__('Writes'),
      draft.outputs
        .map(output => `${output.connection}:${output.table}`)
        .join(', ') || trans.__('nothing')
    ],
    [
      trans.__('Parameters'),
      // A workflow's runs take their nodes' parameters, not the spec's.
      draft.nodes
        ? trans.__('set per node')
        : draft.parameters
            .map(parameter =>
              parameter.template !== undefined
                ? `${parameter.name} = {{ ${parameter.template} }}`
                : `${parameter.name} = ${JSON.stringify(parameter.value ?? parameter.default)}`
            )
            .join(', ') || trans.__('none')
    ],
    [trans.__('Owner'), draft.owner ?? ''],
    [
      trans.__('Also told of failures'),
      draft.notify
        .map(target => ('url' in target ? target.url : target.to))
        .join(', ') || trans.__('nobody else')
    ],
    [trans.__('Retries'), String(draft.retries)]
  ];
  return (
    <div className="nbs-Step">
      <dl className="nbs-Summary">
        {summary.map(([term, value]) => (
          <React.Fragment key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </React.Fragment>
        ))}
      </dl>
      {problems.length > 0 ? (
        <section aria-label={trans.__('Problems')}>
          <h3 className="nbs-Section-title nbs-mod-error">
            {trans.__('Fix these before the schedule can be reviewed')}
          </h3>
          <ul className="nbs-Problems">
            {problems.map((problem, index) => {
              const step = props.stepOfProblem(problem);
              return (
                <li key={index}>
                  <span className="nbs-Field-error">{problem.message}</span>{' '}
                  <button
                    type="button"
                    className="nbs-LinkButton"
                    onClick={() => props.onGoToStep(step.index)}
                  >
                    {trans.__('Go to %1', step.label)}
                  </button>
                </li>
              );
            })}
          </ul>
        </section>
      ) : (
        <p className="nbs-Ok" role="status">
          {props.checking
            ? trans.__('Checking…')
            : trans.__('The schedule is complete and within its zone.')}
        </p>
      )}
      <button
        type="button"
        className="jp-mod-styled jp-mod-accept nbs-Button"
        disabled={
          problems.some(problem => problem.kind === 'schema') || props.checking
        }
        onClick={props.onPreview}
      >
        {trans.__('Preview pipeline')}
      </button>
    </div>
  );
}

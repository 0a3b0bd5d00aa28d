import { TranslationBundle } from '@jupyterlab/translation';
import React from 'react';

import { ISpecCheck, ISpecProblem, IZoneCatalogue } from '../../api';
import { Parameter } from '../../spec';
import { IScheduleDraft } from '../draft';
import { messageAt } from '../problems';
import { IWorkspaceNotebooks } from '../workspaceNotebooks';
import { ParameterValue, shown } from './ParameterValue';
import { WorkflowSection } from './WorkflowSection';

export interface IParametersStepProps {
  trans: TranslationBundle;
  draft: IScheduleDraft;
  problems: ISpecProblem[];
  catalogue: IZoneCatalogue | Error | null;
  check: ISpecCheck | null;
  hasParametersCell: boolean;
  workspace: IWorkspaceNotebooks;
  onChange: (draft: IScheduleDraft) => void;
}

type Template = NonNullable<Parameter['template']>;

/** The values a run can compute for a parameter, with their labels. */
export function templates(trans: TranslationBundle): [Template, string][] {
  return [
    ['logical_date', trans.__('Run date')],
    ['logical_datetime', trans.__('Run date and time')],
    ['data_interval_start', trans.__('Interval start')],
    ['data_interval_end', trans.__('Interval end')],
    ['run_id', trans.__('Run id')]
  ];
}

/**
 * Step 3: the values each run injects, typed after the notebook's parameters cell,
 * and the workflow's nodes, each with its own parameters.
 */
export function ParametersStep(props: IParametersStepProps): JSX.Element {
  const { trans, draft } = props;
  let own: JSX.Element;
  if (draft.nodes) {
    own = (
      <p className="nbs-Empty">
        {trans.__(
          'In a workflow each node has its own parameters: this notebook’s are set on its node below.'
        )}
      </p>
    );
  } else if (!props.hasParametersCell && draft.parameters.length === 0) {
    own = (
      <p className="nbs-Empty">
        {trans.__(
          'This notebook has no cell tagged "parameters", so runs cannot be given values. Tag the cell that sets the defaults to make them schedulable.'
        )}
      </p>
    );
  } else {
    own = <ParametersTable {...props} />;
  }
  return (
    <div className="nbs-Step">
      {own}
      <WorkflowSection
        trans={trans}
        draft={draft}
        problems={props.problems}
        catalogue={props.catalogue}
        check={props.check}
        workspace={props.workspace}
        onChange={props.onChange}
      />
    </div>
  );
}

/** The spec's own parameters: a value or a per-run template for each. */
function ParametersTable(props: IParametersStepProps): JSX.Element {
  const { trans, draft, problems, onChange } = props;
  const update = (index: number, parameter: Parameter) =>
    onChange({
      ...draft,
      parameters: draft.parameters.map((old, at) =>
        at === index ? parameter : old
      )
    });
  return (
    <table className="nbs-Table">
      <caption className="nbs-Table-caption">
        {trans.__(
          'Parameters (leave a value empty to keep the notebook default)'
        )}
      </caption>
      <thead>
        <tr>
          <th scope="col">{trans.__('Name')}</th>
          <th scope="col">{trans.__('Type')}</th>
          <th scope="col">{trans.__('Notebook default')}</th>
          <th scope="col">{trans.__('Value')}</th>
          <th scope="col">{trans.__('Computed per run')}</th>
        </tr>
      </thead>
      <tbody>
        {draft.parameters.map((parameter, index) => {
          const error = messageAt(problems, `/parameters/${index}`);
          const withoutTemplate = { ...parameter };
          delete withoutTemplate.template;
          return (
            <tr key={parameter.name} className="nbs-Table-row">
              <th scope="row">
                <code>{parameter.name}</code>
                {parameter.help && (
                  <span className="nbs-Field-hint"> {parameter.help}</span>
                )}
              </th>
              <td>{parameter.type}</td>
              <td>
                <code>{shown(parameter.default)}</code>
              </td>
              <td>
                <ParameterValue
                  trans={trans}
                  parameter={parameter}
                  disabled={parameter.template !== undefined}
                  onChange={value => {
                    const next = { ...parameter, value };
                    if (value === undefined) {
                      delete next.value;
                    }
                    update(index, next);
                  }}
                />
                {error && (
                  <span className="nbs-Field-error" role="alert">
                    {error}
                  </span>
                )}
              </td>
              <td>
                <select
                  className="jp-mod-styled nbs-Input"
                  aria-label={trans.__(
                    'Value of %1 computed per run',
                    parameter.name
                  )}
                  value={parameter.template ?? ''}
                  onChange={event =>
                    update(
                      index,
                      event.target.value === ''
                        ? withoutTemplate
                        : {
                            ...parameter,
                            template: event.target.value as Template
                          }
                    )
                  }
                >
                  <option value="">{trans.__('Fixed value')}</option>
                  {templates(trans).map(([template, label]) => (
                    <option key={template} value={template}>
                      {label}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

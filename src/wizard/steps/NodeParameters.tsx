import { TranslationBundle } from '@jupyterlab/translation';
import React from 'react';

import { Parameter, WorkflowNode } from '../../spec';
import { IScheduleDraft } from '../draft';
import {
  ParameterSource,
  setParameterSource,
  sourceOf
} from '../workflowDraft';
import { ParameterValue } from './ParameterValue';
import { templates } from './ParametersStep';

export interface INodeParametersProps {
  trans: TranslationBundle;
  draft: IScheduleDraft;
  node: WorkflowNode;
  /** The node notebook's parameters cell; null while it loads. */
  declared: Parameter[] | null;
  onChange: (draft: IScheduleDraft) => void;
}

/** A source as the select's option value: "default", "value", "template:…" or "from:<node>". */
function optionOf(source: ParameterSource): string {
  switch (source.kind) {
    case 'template':
      return `template:${source.template}`;
    case 'from':
      return `from:${source.node}`;
    default:
      return source.kind;
  }
}

function sourceFrom(
  option: string,
  parameter: Parameter,
  current: ParameterSource
): ParameterSource {
  const [kind, detail] = option.split(/:(.*)/s);
  if (kind === 'template') {
    return { kind, template: detail as NonNullable<Parameter['template']> };
  }
  if (kind === 'from') {
    // The published value is most often named as the parameter that takes it.
    const value = current.kind === 'from' ? current.value : parameter.name;
    return { kind, node: detail, value };
  }
  if (kind === 'value') {
    return { kind, value: parameter.default ?? '' };
  }
  return { kind: 'default' };
}

/** Where each of a node's parameters comes from: its default, a value, the run, or an upstream node. */
export function NodeParameters(props: INodeParametersProps): JSX.Element {
  const { trans, draft, node, declared, onChange } = props;
  if (declared === null) {
    return (
      <p className="nbs-Field-hint">{trans.__('Reading the notebook…')}</p>
    );
  }
  if (declared.length === 0) {
    return (
      <p className="nbs-Field-hint">
        {trans.__('This notebook has no cell tagged "parameters".')}
      </p>
    );
  }
  // Only a node that runs once publishes a single value to take.
  const publishers = (node.needs ?? []).filter(
    id => !draft.nodes?.find(candidate => candidate.id === id)?.foreach
  );
  const set = (parameter: Parameter, source: ParameterSource) =>
    onChange(setParameterSource(draft, node.id, parameter, source));
  return (
    <table className="nbs-Table">
      <caption className="nbs-Table-caption">
        {trans.__('Parameters of %1', node.id)}
      </caption>
      <thead>
        <tr>
          <th scope="col">{trans.__('Name')}</th>
          <th scope="col">{trans.__('Type')}</th>
          <th scope="col">{trans.__('Comes from')}</th>
          <th scope="col">{trans.__('Value')}</th>
        </tr>
      </thead>
      <tbody>
        {declared.map(parameter => {
          const source = sourceOf(node, parameter.name);
          return (
            <tr key={parameter.name} className="nbs-Table-row">
              <th scope="row">
                <code>{parameter.name}</code>
              </th>
              <td>{parameter.type}</td>
              <td>
                <select
                  className="jp-mod-styled nbs-Input"
                  aria-label={trans.__(
                    'Where %1 of %2 comes from',
                    parameter.name,
                    node.id
                  )}
                  value={optionOf(source)}
                  onChange={event =>
                    set(
                      parameter,
                      sourceFrom(event.target.value, parameter, source)
                    )
                  }
                >
                  <option value="default">
                    {trans.__('Notebook default')}
                  </option>
                  <option value="value">{trans.__('Fixed value')}</option>
                  {templates(trans).map(([template, label]) => (
                    <option key={template} value={`template:${template}`}>
                      {label}
                    </option>
                  ))}
                  {publishers.map(id => (
                    <option key={id} value={`from:${id}`}>
                      {trans.__('Published by %1', id)}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                {source.kind === 'value' && (
                  <ParameterValue
                    trans={trans}
                    parameter={{ ...parameter, value: source.value }}
                    disabled={false}
                    onChange={value =>
                      set(
                        parameter,
                        value === undefined
                          ? { kind: 'default' }
                          : { kind: 'value', value }
                      )
                    }
                  />
                )}
                {source.kind === 'from' && (
                  <input
                    className="jp-mod-styled nbs-Input"
                    aria-label={trans.__(
                      'Name %1 published %2 under',
                      source.node,
                      parameter.name
                    )}
                    value={source.value}
                    onChange={event =>
                      set(parameter, { ...source, value: event.target.value })
                    }
                  />
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

import { TranslationBundle } from '@jupyterlab/translation';
import { closeIcon } from '@jupyterlab/ui-components';
import React, { useState } from 'react';

import { ISpecCheck, ISpecProblem, IZoneCatalogue } from '../../api';
import { Parameter, WorkflowNode } from '../../spec';
import { IScheduleDraft } from '../draft';
import { Field, IntegerInput } from '../fields';
import { messageAt } from '../problems';
import {
  fanOutValues,
  isOpenedNode,
  removeNode,
  renameNode,
  setFanOut,
  setNeeds,
  updateNode
} from '../workflowDraft';
import { NodeData } from './NodeData';
import { NodeParameters } from './NodeParameters';

export interface INodeEditorProps {
  trans: TranslationBundle;
  draft: IScheduleDraft;
  index: number;
  node: WorkflowNode;
  /** The node notebook's parameters cell; null while it loads. */
  declared: Parameter[] | null;
  problems: ISpecProblem[];
  catalogue: IZoneCatalogue | Error | null;
  /** The server's check: problems, and the categories of the node's datasets. */
  check: ISpecCheck | null;
  onChange: (draft: IScheduleDraft) => void;
}

/** The parameter a one-parameter fan-out runs over, and its values as typed. */
function fanOutOf(node: WorkflowNode): { name: string; text: string } {
  const names = new Set(
    (node.foreach ?? []).flatMap(item => Object.keys(item))
  );
  if (names.size !== 1) {
    return { name: '', text: '' };
  }
  const [name] = names;
  return {
    name,
    text: (node.foreach ?? []).map(item => String(item[name])).join(', ')
  };
}

/** One node of the workflow: its id, needs, parameters, fan-out, retries, zone, timeout and datasets. */
export function NodeEditor(props: INodeEditorProps): JSX.Element {
  const { trans, draft, index, node, declared, problems, onChange } = props;
  const at = `/nodes/${index}`;
  // Renamed when the field is left, so references never point at a half-typed id.
  const [id, setId] = useState(node.id);
  const fanOut = fanOutOf(node);
  const [fanOutName, setFanOutName] = useState(fanOut.name);
  const [fanOutText, setFanOutText] = useState(fanOut.text);
  const others = (draft.nodes ?? []).filter(other => other.id !== node.id);
  const needs = node.needs ?? [];
  const opened = isOpenedNode(draft, node);

  const rename = () => {
    if (id !== node.id) {
      onChange(renameNode(draft, node.id, id));
    }
  };
  const applyFanOut = (name: string, text: string) => {
    const parameter = declared?.find(candidate => candidate.name === name);
    onChange(
      setFanOut(
        draft,
        node.id,
        { name, type: parameter?.type ?? 'str' },
        name ? fanOutValues(text) : []
      )
    );
  };

  return (
    <fieldset className="nbs-Node" aria-label={trans.__('Node %1', node.id)}>
      <legend className="nbs-Node-legend">
        <code>{node.id}</code>{' '}
        <span className="nbs-Field-hint">{node.notebook}</span>
        {opened && (
          <span className="nbs-Field-hint"> {trans.__('(this notebook)')}</span>
        )}
      </legend>
      <div className="nbs-Node-row">
        <Field
          label={trans.__('Node id')}
          error={messageAt(problems, `${at}/id`)}
        >
          {(inputId, describedBy) => (
            <input
              id={inputId}
              className="jp-mod-styled nbs-Input"
              aria-describedby={describedBy}
              value={id}
              onChange={event => setId(event.target.value)}
              onBlur={rename}
              onKeyDown={event => event.key === 'Enter' && rename()}
            />
          )}
        </Field>
        {!opened && (
          <button
            type="button"
            className="jp-mod-styled jp-mod-reject nbs-Button nbs-Node-remove"
            onClick={() => onChange(removeNode(draft, node.id))}
          >
            <closeIcon.react tag="span" className="nbs-Node-icon" />
            {trans.__('Remove %1', node.id)}
          </button>
        )}
      </div>
      <fieldset className="nbs-Fieldset nbs-Node-needs">
        <legend className="nbs-Field-label">{trans.__('Runs after')}</legend>
        {others.length === 0 && (
          <span className="nbs-Field-hint">
            {trans.__('No other nodes yet.')}
          </span>
        )}
        {others.map(other => (
          <label key={other.id} className="nbs-Node-need">
            <input
              type="checkbox"
              checked={needs.includes(other.id)}
              onChange={event =>
                onChange(
                  setNeeds(
                    draft,
                    node.id,
                    event.target.checked
                      ? [...needs, other.id]
                      : needs.filter(upstream => upstream !== other.id)
                  )
                )
              }
            />
            {other.id}
          </label>
        ))}
        <span className="nbs-Field-error" role="alert">
          {messageAt(problems, `${at}/needs`) ?? ''}
        </span>
      </fieldset>
      <NodeParameters
        trans={trans}
        draft={draft}
        node={node}
        declared={declared}
        onChange={onChange}
      />
      <p className="nbs-Field-error" role="alert">
        {messageAt(problems, `${at}/from`) ??
          messageAt(problems, `${at}/parameters`) ??
          ''}
      </p>
      <div className="nbs-Node-row">
        <Field label={trans.__('Run once per value of')}>
          {(inputId, describedBy) => (
            <select
              id={inputId}
              className="jp-mod-styled nbs-Input"
              aria-describedby={describedBy}
              value={fanOutName}
              onChange={event => {
                setFanOutName(event.target.value);
                applyFanOut(event.target.value, fanOutText);
              }}
            >
              <option value="">{trans.__('No fan-out: one run')}</option>
              {(declared ?? []).map(parameter => (
                <option key={parameter.name} value={parameter.name}>
                  {parameter.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        {fanOutName && (
          <Field
            label={trans.__('Values')}
            hint={trans.__('Separated by commas, e.g. us, eu, apac')}
            error={messageAt(problems, `${at}/foreach`)}
          >
            {(inputId, describedBy) => (
              <input
                id={inputId}
                className="jp-mod-styled nbs-Input"
                aria-describedby={describedBy}
                value={fanOutText}
                onChange={event => {
                  setFanOutText(event.target.value);
                  applyFanOut(fanOutName, event.target.value);
                }}
              />
            )}
          </Field>
        )}
        {node.foreach && (
          <Field
            label={trans.__('At most at once')}
            error={messageAt(problems, `${at}/max_parallel`)}
          >
            {(inputId, describedBy) => (
              <IntegerInput
                id={inputId}
                describedBy={describedBy}
                value={node.max_parallel}
                min={1}
                invalid={!!messageAt(problems, `${at}/max_parallel`)}
                onChange={value =>
                  onChange(updateNode(draft, node.id, { max_parallel: value }))
                }
              />
            )}
          </Field>
        )}
      </div>
      <div className="nbs-Node-row">
        <Field
          label={trans.__('Retries')}
          hint={trans.__('Empty: the schedule’s retries')}
          error={messageAt(problems, `${at}/retries`)}
        >
          {(inputId, describedBy) => (
            <IntegerInput
              id={inputId}
              describedBy={describedBy}
              value={node.retries}
              min={0}
              invalid={!!messageAt(problems, `${at}/retries`)}
              onChange={value =>
                onChange(updateNode(draft, node.id, { retries: value }))
              }
            />
          )}
        </Field>
        <Field label={trans.__('Runs when')}>
          {(inputId, describedBy) => (
            <select
              id={inputId}
              className="jp-mod-styled nbs-Input"
              aria-describedby={describedBy}
              value={node.trigger_rule ?? 'all_success'}
              onChange={event =>
                onChange(
                  updateNode(draft, node.id, {
                    // The default is left out, as a node the user never changed.
                    trigger_rule:
                      event.target.value === 'all_done' ? 'all_done' : undefined
                  })
                )
              }
            >
              <option value="all_success">
                {trans.__('All upstream runs succeeded')}
              </option>
              <option value="all_done">
                {trans.__('All upstream runs are done, whatever their outcome')}
              </option>
            </select>
          )}
        </Field>
      </div>
      <NodeData
        trans={trans}
        draft={draft}
        index={index}
        node={node}
        catalogue={props.catalogue}
        check={props.check}
        onChange={onChange}
      />
    </fieldset>
  );
}

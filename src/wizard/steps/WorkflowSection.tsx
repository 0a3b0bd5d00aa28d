import { TranslationBundle } from '@jupyterlab/translation';
import { addIcon } from '@jupyterlab/ui-components';
import React, { useEffect, useId, useRef, useState } from 'react';

import { ISpecCheck, ISpecProblem, IZoneCatalogue } from '../../api';
import { WorkflowGraph } from '../../pipeline';
import { IScheduleDraft } from '../draft';
import { Field } from '../fields';
import { messageAt } from '../problems';
import {
  INotebookDeclarations,
  IWorkspaceNotebooks
} from '../workspaceNotebooks';
import { addNode, IPlacement, uniqueNodeId } from '../workflowDraft';
import { NodeEditor } from './NodeEditor';

export interface IWorkflowSectionProps {
  trans: TranslationBundle;
  draft: IScheduleDraft;
  problems: ISpecProblem[];
  catalogue: IZoneCatalogue | Error | null;
  check: ISpecCheck | null;
  workspace: IWorkspaceNotebooks;
  onChange: (draft: IScheduleDraft) => void;
}

const NOTHING_DECLARED: INotebookDeclarations = {
  parameters: [],
  inputs: [],
  outputs: []
};

/** The parameters cell and datasets of each node's notebook, read once per path. */
function useDeclarations(
  workspace: IWorkspaceNotebooks,
  paths: string[]
): Map<string, INotebookDeclarations> {
  const [declared, setDeclared] = useState(
    new Map<string, INotebookDeclarations>()
  );
  const missing = paths.filter(path => !declared.has(path)).join('\n');
  useEffect(() => {
    for (const path of missing ? missing.split('\n') : []) {
      workspace
        .declarations(path)
        // An unreadable notebook declares nothing; its path is still a node.
        .catch(() => NOTHING_DECLARED)
        .then(found => setDeclared(old => new Map(old).set(path, found)));
    }
  }, [workspace, missing]);
  return declared;
}

function encodePlacement(placement: IPlacement | null): string {
  return placement ? `${placement.relation}:${placement.node}` : '';
}

function decodePlacement(option: string): IPlacement | null {
  const [relation, node] = option.split(':');
  return relation === 'after' || relation === 'before'
    ? { relation, node }
    : null;
}

/** The notebooks that run before and after this one, as a graph of nodes. */
export function WorkflowSection(props: IWorkflowSectionProps): JSX.Element {
  const { trans, draft, problems, workspace, onChange } = props;
  const listId = useId();
  const headingId = useId();
  const [notebooks, setNotebooks] = useState<string[]>([]);
  useEffect(() => {
    let live = true;
    workspace
      .list()
      .then(paths => live && setNotebooks(paths))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [workspace]);
  const nodes = draft.nodes ?? [];
  const declared = useDeclarations(
    workspace,
    nodes.map(node => node.notebook)
  );
  // Before the first node is added, the opened notebook's future node is the only anchor.
  const anchors = nodes.length
    ? nodes.map(node => node.id)
    : [uniqueNodeId(draft.notebook ?? '', [])];
  const [path, setPath] = useState('');
  const [placement, setPlacement] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  // The draft as it is when the notebook has been read, not as it was when Add was pressed.
  const latest = useRef(draft);
  latest.current = draft;
  const chosenPlacement =
    placement ??
    encodePlacement({ relation: 'after', node: anchors[anchors.length - 1] });

  const add = async () => {
    const notebook = path.trim();
    if (!/^[^/].*\.ipynb$/.test(notebook)) {
      setError(
        trans.__(
          'Give the path of a notebook in the workspace, e.g. reports/daily.ipynb.'
        )
      );
      return;
    }
    if (
      notebook === draft.notebook ||
      nodes.some(node => node.notebook === notebook)
    ) {
      setError(trans.__('%1 is already a node of this workflow.', notebook));
      return;
    }
    setError(null);
    setAdding(true);
    // The node starts with the datasets its cells name, as a new schedule does.
    const found = await workspace
      .declarations(notebook)
      .catch(() => NOTHING_DECLARED);
    setAdding(false);
    setPath('');
    setPlacement(null);
    onChange(
      addNode(latest.current, notebook, decodePlacement(chosenPlacement), {
        inputs: found.inputs,
        outputs: found.outputs
      })
    );
  };

  return (
    <section className="nbs-Workflow" aria-labelledby={headingId}>
      <h3 id={headingId} className="nbs-Section-title">
        {trans.__('Workflow')}
      </h3>
      <p className="nbs-Field-hint">
        {nodes.length === 0
          ? trans.__(
              'This schedule runs one notebook. Add the notebooks that run before or after it to make a workflow: each is a node with its own runs.'
            )
          : trans._n(
              'A workflow of %1 notebook.',
              'A workflow of %1 notebooks.',
              nodes.length,
              nodes.length
            )}
      </p>
      <div className="nbs-Node-row nbs-Workflow-add">
        <Field label={trans.__('Notebook to add')} error={error}>
          {(inputId, describedBy) => (
            <>
              <input
                id={inputId}
                className="jp-mod-styled nbs-Input"
                aria-describedby={describedBy}
                aria-invalid={error !== null}
                list={listId}
                placeholder={trans.__('path/to/notebook.ipynb')}
                value={path}
                onChange={event => setPath(event.target.value)}
                onKeyDown={event => {
                  if (event.key === 'Enter') {
                    event.preventDefault();
                    void add();
                  }
                }}
              />
              <datalist id={listId}>
                {notebooks
                  .filter(
                    candidate =>
                      candidate !== draft.notebook &&
                      !nodes.some(node => node.notebook === candidate)
                  )
                  .map(candidate => (
                    <option key={candidate} value={candidate} />
                  ))}
              </datalist>
            </>
          )}
        </Field>
        <Field label={trans.__('It runs')}>
          {(inputId, describedBy) => (
            <select
              id={inputId}
              className="jp-mod-styled nbs-Input"
              aria-describedby={describedBy}
              value={chosenPlacement}
              onChange={event => setPlacement(event.target.value)}
            >
              {anchors.map(id => (
                <option key={`after:${id}`} value={`after:${id}`}>
                  {trans.__('After %1', id)}
                </option>
              ))}
              {anchors.map(id => (
                <option key={`before:${id}`} value={`before:${id}`}>
                  {trans.__('Before %1', id)}
                </option>
              ))}
              <option value="">{trans.__('Unconnected for now')}</option>
            </select>
          )}
        </Field>
        <button
          type="button"
          className="jp-mod-styled jp-mod-accept nbs-Button nbs-Workflow-addButton"
          aria-disabled={adding}
          onClick={() => !adding && void add()}
        >
          <addIcon.react tag="span" className="nbs-Node-icon" />
          {trans.__('Add notebook')}
        </button>
      </div>
      {messageAt(problems, '/nodes') !== null && nodes.length > 0 && (
        <p className="nbs-Field-error" role="alert">
          {trans.__('Some nodes need attention below.')}
        </p>
      )}
      {nodes.length > 0 && <WorkflowGraph nodes={nodes} trans={trans} />}
      {nodes.map((node, index) => (
        <NodeEditor
          key={node.id}
          trans={trans}
          draft={draft}
          index={index}
          node={node}
          declared={declared.get(node.notebook)?.parameters ?? null}
          problems={problems}
          catalogue={props.catalogue}
          check={props.check}
          onChange={onChange}
        />
      ))}
    </section>
  );
}

import { TranslationBundle } from '@jupyterlab/translation';
import React from 'react';

import { DEFAULT_CONNECTION } from '../../analysis';
import { ISpecCheck, IZoneCatalogue } from '../../api';
import { Input, Output, WorkflowNode } from '../../spec';
import { IScheduleDraft } from '../draft';
import { Field, IntegerInput } from '../fields';
import { messageAt } from '../problems';
import { updateNode } from '../workflowDraft';
import { DatasetTable, WriteMode } from './DatasetTable';
import { ZoneSelect } from './ZoneSelect';

export interface INodeDataProps {
  trans: TranslationBundle;
  draft: IScheduleDraft;
  index: number;
  node: WorkflowNode;
  catalogue: IZoneCatalogue | Error | null;
  check: ISpecCheck | null;
  onChange: (draft: IScheduleDraft) => void;
}

/**
 * A node's own purpose policy zone, timeout and datasets. Zone and timeout left
 * as the schedule's write nothing; the datasets start as its notebook's cells name them.
 */
export function NodeData(props: INodeDataProps): JSX.Element {
  const { trans, draft, index, node, check, onChange } = props;
  const at = `/nodes/${index}`;
  const problems = check?.problems ?? [];
  const timeoutError = messageAt(problems, `${at}/timeout_seconds`);
  const update = (change: Partial<Omit<WorkflowNode, 'id'>>) =>
    onChange(updateNode(draft, node.id, change));
  const zoneTitle =
    props.catalogue && !(props.catalogue instanceof Error)
      ? props.catalogue.zones.find(zone => zone.name === draft.zone)?.title
      : undefined;
  return (
    <>
      <div className="nbs-Node-row">
        <ZoneSelect
          trans={trans}
          label={trans.__('Zone of %1', node.id)}
          catalogue={props.catalogue}
          value={node.zone ?? ''}
          unset={{
            label: trans.__(
              'As the schedule (%1)',
              zoneTitle ?? draft.zone ?? trans.__('none chosen')
            ),
            disabled: false
          }}
          hint={trans.__(
            'The zone chosen on the Data and zone step, unless the node needs another.'
          )}
          error={messageAt(problems, `${at}/zone`)}
          onChange={zone => update({ zone: zone === '' ? undefined : zone })}
        />
        <Field
          label={trans.__('Timeout of %1 (seconds)', node.id)}
          hint={trans.__(
            'Empty: the schedule’s timeout (%1 s)',
            draft.timeout_seconds
          )}
          error={timeoutError}
        >
          {(inputId, describedBy) => (
            <IntegerInput
              id={inputId}
              describedBy={describedBy}
              value={node.timeout_seconds}
              min={1}
              invalid={timeoutError !== null}
              onChange={value => update({ timeout_seconds: value })}
            />
          )}
        </Field>
      </div>
      <DatasetTable<Input>
        trans={trans}
        side="inputs"
        at={at}
        caption={trans.__('%1 reads (from SQL cells)', node.id)}
        rows={node.inputs ?? []}
        check={check}
        blankRow={{ connection: DEFAULT_CONNECTION, table: '' }}
        onChange={inputs => update({ inputs })}
      />
      <DatasetTable<Output>
        trans={trans}
        side="outputs"
        at={at}
        caption={trans.__('%1 writes (from upload cells)', node.id)}
        rows={node.outputs ?? []}
        check={check}
        blankRow={{
          connection: DEFAULT_CONNECTION,
          table: '',
          mode: 'replace'
        }}
        extra={{
          header: trans.__('Mode'),
          render: (row, change, name) => (
            <WriteMode trans={trans} row={row} name={name} update={change} />
          )
        }}
        onChange={outputs => update({ outputs })}
      />
    </>
  );
}

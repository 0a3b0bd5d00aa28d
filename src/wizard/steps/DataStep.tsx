import { TranslationBundle } from '@jupyterlab/translation';
import React from 'react';

import { DEFAULT_CONNECTION, IAnalysisWarning } from '../../analysis';
import { ISpecCheck, IZoneCatalogue } from '../../api';
import { Input, Output } from '../../spec';
import { IScheduleDraft } from '../draft';
import { messageAt } from '../problems';
import { warningWords } from '../warningWords';
import { DatasetTable, WriteMode } from './DatasetTable';
import { ZoneSelect } from './ZoneSelect';

export interface IDataStepProps {
  trans: TranslationBundle;
  draft: IScheduleDraft;
  catalogue: IZoneCatalogue | Error | null;
  check: ISpecCheck | null;
  warnings: IAnalysisWarning[];
  onChange: (draft: IScheduleDraft) => void;
}

function LandedCheck(props: {
  trans: TranslationBundle;
  row: Input;
  name: string;
  update: (row: Input) => void;
}): JSX.Element {
  const { trans, row, name, update } = props;
  const check = row.wait_until_landed;
  return (
    <div className="nbs-LandedCheck">
      <label>
        <input
          type="checkbox"
          checked={check !== undefined}
          onChange={event => {
            const rest = { ...row };
            delete rest.wait_until_landed;
            update(
              event.target.checked
                ? { ...rest, wait_until_landed: { date_column: 'date' } }
                : rest
            );
          }}
        />{' '}
        {trans.__('Wait until landed')}
      </label>
      {check && (
        <input
          className="jp-mod-styled nbs-Input"
          aria-label={trans.__('Date column to wait for in %1', name)}
          placeholder={trans.__('date column')}
          value={check.date_column}
          onChange={event =>
            update({
              ...row,
              wait_until_landed: { ...check, date_column: event.target.value }
            })
          }
        />
      )}
    </div>
  );
}

/** The datasets of a single-notebook schedule, detected from its SQL and upload cells. */
function DatasetTables(props: IDataStepProps): JSX.Element {
  const { trans, draft, check, onChange } = props;
  return (
    <>
      <DatasetTable<Input>
        trans={trans}
        side="inputs"
        caption={trans.__('Reads (from SQL cells)')}
        rows={draft.inputs}
        check={check}
        blankRow={{ connection: DEFAULT_CONNECTION, table: '' }}
        extra={{
          header: trans.__('Before a run'),
          render: (row, update, name) => (
            <LandedCheck trans={trans} row={row} name={name} update={update} />
          )
        }}
        onChange={inputs => onChange({ ...draft, inputs })}
      />
      <DatasetTable<Output>
        trans={trans}
        side="outputs"
        caption={trans.__('Writes (from upload cells)')}
        rows={draft.outputs}
        check={check}
        blankRow={{
          connection: DEFAULT_CONNECTION,
          table: '',
          mode: 'replace'
        }}
        extra={{
          header: trans.__('Mode'),
          render: (row, update, name) => (
            <WriteMode trans={trans} row={row} name={name} update={update} />
          )
        }}
        onChange={outputs => onChange({ ...draft, outputs })}
      />
    </>
  );
}

/** Step 2: the purpose policy zone and the data the notebook reads and writes. */
export function DataStep(props: IDataStepProps): JSX.Element {
  const { trans, draft, catalogue, check, onChange } = props;
  return (
    <div className="nbs-Step">
      <ZoneSelect
        trans={trans}
        label={trans.__('Purpose policy zone')}
        catalogue={catalogue}
        value={draft.zone ?? ''}
        unset={{ label: trans.__('Choose a zone'), disabled: true }}
        hint={
          draft.nodes
            ? trans.__(
                'The zone of every node that does not choose its own on the Parameters step.'
              )
            : trans.__(
                'The zone decides which data the notebook may read and write.'
              )
        }
        error={messageAt(check?.problems ?? [], '/zone')}
        onChange={zone => onChange({ ...draft, zone })}
      />
      {draft.nodes && (
        <p className="nbs-Empty">
          {trans.__(
            'In a workflow each node reads and writes its own datasets: they are set on its node on the Parameters step.'
          )}
        </p>
      )}
      {/* A workflow saved with datasets of its own still shows them, to be removed. */}
      {(!draft.nodes || draft.inputs.length + draft.outputs.length > 0) && (
        <DatasetTables {...props} />
      )}
      {props.warnings.length > 0 && (
        <section
          className="nbs-Warnings"
          aria-label={trans.__('Notebook warnings')}
        >
          <h3 className="nbs-Section-title">
            {trans.__('The notebook does things a scheduled run cannot')}
          </h3>
          <ul>
            {props.warnings.map((warning, index) => (
              <li key={index}>
                {trans.__(
                  'Cell %1: %2',
                  warning.cell + 1,
                  warningWords(warning, trans)
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

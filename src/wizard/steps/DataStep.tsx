import { TranslationBundle } from '@jupyterlab/translation';
import React from 'react';

import { DEFAULT_CONNECTION, IAnalysisWarning } from '../../analysis';
import { ISpecCheck, IZoneCatalogue } from '../../api';
import { Input, Output } from '../../spec';
import { IScheduleDraft } from '../draft';
import { Field } from '../fields';
import { messageAt } from '../problems';
import { warningWords } from '../warningWords';
import { DatasetTable } from './DatasetTable';

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

/** Step 2: the purpose policy zone and the data the notebook reads and writes. */
export function DataStep(props: IDataStepProps): JSX.Element {
  const { trans, draft, catalogue, check, onChange } = props;
  const zones =
    catalogue && !(catalogue instanceof Error) ? catalogue.zones : [];
  const zone = zones.find(candidate => candidate.name === draft.zone);
  const zoneError =
    catalogue instanceof Error
      ? trans.__('Zones could not be loaded: %1', catalogue.message)
      : messageAt(check?.problems ?? [], '/zone');
  return (
    <div className="nbs-Step">
      <Field
        label={trans.__('Purpose policy zone')}
        hint={
          zone
            ? trans.__(
                '%1 May read: %2. Writes: %3.',
                zone.description,
                zone.may_read.join(', '),
                zone.writes
              )
            : trans.__(
                'The zone decides which data the notebook may read and write.'
              )
        }
        error={zoneError}
      >
        {(id, describedBy) => (
          <select
            id={id}
            className="jp-mod-styled nbs-Input"
            value={draft.zone ?? ''}
            aria-describedby={describedBy}
            aria-invalid={zoneError !== null}
            onChange={event => onChange({ ...draft, zone: event.target.value })}
          >
            <option value="" disabled>
              {trans.__('Choose a zone')}
            </option>
            {zones.map(candidate => (
              <option key={candidate.name} value={candidate.name}>
                {candidate.title}
              </option>
            ))}
          </select>
        )}
      </Field>
      <DatasetTable<Input>
        trans={trans}
        side="inputs"
        caption={trans.__('Reads (from SQL cells)')}
        rows={draft.inputs}
        check={check}
        blankRow={{ connection: DEFAULT_CONNECTION, table: '' }}
        extraHeader={trans.__('Before a run')}
        renderExtra={(row, update, name) => (
          <LandedCheck trans={trans} row={row} name={name} update={update} />
        )}
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
        extraHeader={trans.__('Mode')}
        renderExtra={(row, update, name) => (
          <select
            className="jp-mod-styled nbs-Input"
            aria-label={trans.__('Write mode of %1', name)}
            value={row.mode ?? 'replace'}
            onChange={event =>
              update({ ...row, mode: event.target.value as Output['mode'] })
            }
          >
            <option value="replace">{trans.__('Replace')}</option>
            <option value="append">{trans.__('Append')}</option>
          </select>
        )}
        onChange={outputs => onChange({ ...draft, outputs })}
      />
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

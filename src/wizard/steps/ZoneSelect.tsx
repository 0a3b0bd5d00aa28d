import { TranslationBundle } from '@jupyterlab/translation';
import React from 'react';

import { IZoneCatalogue } from '../../api';
import { Field } from '../fields';

export interface IZoneSelectProps {
  trans: TranslationBundle;
  label: string;
  catalogue: IZoneCatalogue | Error | null;
  /** The chosen zone; '' for none. */
  value: string;
  /** The first option, meaning "no zone of its own"; disabled when a zone must be chosen. */
  unset: { label: string; disabled: boolean };
  /** Shown under the select while no zone is chosen. */
  hint: string;
  error: string | null;
  onChange: (zone: string) => void;
}

/** A purpose policy zone picked from the catalogue, with what the chosen zone allows. */
export function ZoneSelect(props: IZoneSelectProps): JSX.Element {
  const { trans, catalogue } = props;
  const zones =
    catalogue && !(catalogue instanceof Error) ? catalogue.zones : [];
  const zone = zones.find(candidate => candidate.name === props.value);
  const error =
    catalogue instanceof Error
      ? trans.__('Zones could not be loaded: %1', catalogue.message)
      : props.error;
  return (
    <Field
      label={props.label}
      hint={
        zone
          ? trans.__(
              '%1 May read: %2. Writes: %3.',
              zone.description,
              zone.may_read.join(', '),
              zone.writes
            )
          : props.hint
      }
      error={error}
    >
      {(id, describedBy) => (
        <select
          id={id}
          className="jp-mod-styled nbs-Input"
          value={props.value}
          aria-describedby={describedBy}
          aria-invalid={error !== null}
          onChange={event => props.onChange(event.target.value)}
        >
          <option value="" disabled={props.unset.disabled}>
            {props.unset.label}
          </option>
          {zones.map(candidate => (
            <option key={candidate.name} value={candidate.name}>
              {candidate.title}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

import { TranslationBundle } from '@jupyterlab/translation';
import React from 'react';

export interface ITimezoneSelectProps {
  id: string;
  trans: TranslationBundle;
  value: string;
  /** Names the server knows; null while loading, an Error when they could not be read. */
  timezones: string[] | Error | null;
  error: string | null;
  onChange: (timezone: string) => void;
}

/** IANA time zones as the server knows them, keyboard-searchable by typing. */
export function TimezoneSelect(props: ITimezoneSelectProps): JSX.Element {
  const { id, trans, value, timezones, error } = props;
  const names = Array.isArray(timezones) ? timezones : [];
  const options = names.includes(value) ? names : [value, ...names];
  const loadError =
    timezones instanceof Error
      ? trans.__('Time zones could not be loaded: %1', timezones.message)
      : null;
  return (
    <>
      <label className="nbs-Field-label" htmlFor={id}>
        {trans.__('Time zone')}
      </label>
      <select
        id={id}
        className="jp-mod-styled nbs-TimezoneSelect"
        value={value}
        aria-invalid={error !== null}
        aria-describedby={`${id}-error`}
        onChange={event => props.onChange(event.target.value)}
      >
        {options.map(name => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
      <p id={`${id}-error`} className="nbs-Field-error" role="alert">
        {error ?? loadError ?? ''}
      </p>
    </>
  );
}

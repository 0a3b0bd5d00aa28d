import { TranslationBundle } from '@jupyterlab/translation';
import React, { useState } from 'react';

import { Parameter } from '../../spec';

export interface IParameterValueProps {
  trans: TranslationBundle;
  parameter: Parameter;
  disabled: boolean;
  /** undefined means "use the notebook's default". */
  onChange: (value: unknown) => void;
}

/** A parameter value as the user reads and types it. */
export function shown(value: unknown): string {
  if (value === undefined || value === null) {
    return '';
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** JSON for list and dict values, kept as typed so a half-written value is not lost. */
function JsonValue(props: IParameterValueProps): JSX.Element {
  const { trans, parameter } = props;
  const [text, setText] = useState(shown(parameter.value));
  const [error, setError] = useState<string | null>(null);
  const expectArray = parameter.type === 'list';
  return (
    <>
      <textarea
        className="jp-mod-styled nbs-Input nbs-Input-code"
        aria-label={trans.__('Value of %1', parameter.name)}
        aria-invalid={error !== null}
        disabled={props.disabled}
        rows={2}
        value={text}
        placeholder={shown(parameter.default)}
        onChange={event => {
          const next = event.target.value;
          setText(next);
          if (next.trim() === '') {
            setError(null);
            props.onChange(undefined);
            return;
          }
          try {
            const value = JSON.parse(next);
            const fits = expectArray
              ? Array.isArray(value)
              : value !== null &&
                typeof value === 'object' &&
                !Array.isArray(value);
            if (!fits) {
              throw new Error();
            }
            setError(null);
            props.onChange(value);
          } catch {
            setError(
              expectArray
                ? trans.__('Write a JSON list, e.g. ["a", "b"].')
                : trans.__('Write a JSON object, e.g. {"key": 1}.')
            );
          }
        }}
      />
      {error && (
        <span className="nbs-Field-error" role="alert">
          {error}
        </span>
      )}
    </>
  );
}

/** An input that fits the parameter's type; empty means the notebook's default. */
export function ParameterValue(props: IParameterValueProps): JSX.Element {
  const { trans, parameter, disabled, onChange } = props;
  const label = trans.__('Value of %1', parameter.name);
  const placeholder = shown(parameter.default);
  switch (parameter.type) {
    case 'bool':
      return (
        <select
          className="jp-mod-styled nbs-Input"
          aria-label={label}
          disabled={disabled}
          value={parameter.value === undefined ? '' : String(parameter.value)}
          onChange={event =>
            onChange(
              event.target.value === ''
                ? undefined
                : event.target.value === 'true'
            )
          }
        >
          <option value="">
            {trans.__('Default (%1)', placeholder || '—')}
          </option>
          <option value="true">{trans.__('True')}</option>
          <option value="false">{trans.__('False')}</option>
        </select>
      );
    case 'int':
    case 'float':
      return (
        <input
          type="number"
          step={parameter.type === 'int' ? 1 : 'any'}
          className="jp-mod-styled nbs-Input"
          aria-label={label}
          disabled={disabled}
          placeholder={placeholder}
          value={shown(parameter.value)}
          onChange={event =>
            onChange(
              event.target.value === '' ? undefined : Number(event.target.value)
            )
          }
        />
      );
    case 'list':
    case 'dict':
      return <JsonValue {...props} />;
    default:
      return (
        <input
          type={
            parameter.type === 'date'
              ? 'date'
              : parameter.type === 'datetime'
                ? 'datetime-local'
                : 'text'
          }
          className="jp-mod-styled nbs-Input"
          aria-label={label}
          disabled={disabled}
          placeholder={placeholder}
          value={shown(parameter.value)}
          onChange={event =>
            onChange(event.target.value === '' ? undefined : event.target.value)
          }
        />
      );
  }
}

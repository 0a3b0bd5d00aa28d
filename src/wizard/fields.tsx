import React, { useId } from 'react';

interface IFieldProps {
  label: string;
  error?: string | null;
  hint?: string;
  children: (id: string, describedBy: string) => JSX.Element;
}

/** A labelled form field with its hint and its error, wired for screen readers. */
export function Field(props: IFieldProps): JSX.Element {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className="nbs-Field">
      <label className="nbs-Field-label" htmlFor={id}>
        {props.label}
      </label>
      {props.children(id, `${props.hint ? hintId : ''} ${errorId}`.trim())}
      {props.hint && (
        <p id={hintId} className="nbs-Field-hint">
          {props.hint}
        </p>
      )}
      <p id={errorId} className="nbs-Field-error" role="alert">
        {props.error ?? ''}
      </p>
    </div>
  );
}

/** A whole-number input that reports numbers, or undefined when emptied. */
export function IntegerInput(props: {
  id: string;
  describedBy: string;
  value: number | undefined;
  min?: number;
  invalid: boolean;
  onChange: (value: number | undefined) => void;
}): JSX.Element {
  return (
    <input
      id={props.id}
      type="number"
      step={1}
      min={props.min}
      className="jp-mod-styled nbs-Input nbs-Input-number"
      aria-describedby={props.describedBy}
      aria-invalid={props.invalid}
      value={props.value ?? ''}
      onChange={event => {
        const text = event.target.value;
        props.onChange(text === '' ? undefined : Number(text));
      }}
    />
  );
}

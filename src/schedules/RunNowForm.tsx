import { ReactWidget } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';
import React, { useState } from 'react';

import { Parameter, ScheduleSpec } from '../spec';
import { changedValues } from './formValues';
import { ParameterValue } from '../wizard/steps/ParameterValue';

function ParameterOverrides(props: {
  parameters: Parameter[];
  trans: TranslationBundle;
  onChange: (values: Record<string, unknown>) => void;
}): JSX.Element {
  const { parameters, trans } = props;
  const [values, setValues] = useState<Record<string, unknown>>({});
  if (parameters.length === 0) {
    return <p>{trans.__('The notebook has no parameters to override.')}</p>;
  }
  return (
    <table className="nbs-RunNow-parameters">
      <thead>
        <tr>
          <th scope="col">{trans.__('Parameter')}</th>
          <th scope="col">{trans.__('Type')}</th>
          <th scope="col">{trans.__('Value for this run')}</th>
        </tr>
      </thead>
      <tbody>
        {parameters.map(parameter => (
          <tr key={parameter.name}>
            <th scope="row">
              <code>{parameter.name}</code>
            </th>
            <td>{parameter.type}</td>
            <td>
              <ParameterValue
                trans={trans}
                disabled={false}
                parameter={{
                  ...parameter,
                  value:
                    parameter.name in values
                      ? values[parameter.name]
                      : parameter.value
                }}
                onChange={value => {
                  const next = { ...values, [parameter.name]: value };
                  setValues(next);
                  props.onChange(next);
                }}
              />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The Run now dialog's body; its value is the parameter overrides. */
export class RunNowForm extends ReactWidget {
  constructor(
    private readonly spec: ScheduleSpec,
    private readonly trans: TranslationBundle
  ) {
    super();
    this.addClass('nbs-RunNow');
  }

  getValue(): Record<string, unknown> {
    return changedValues(this.spec.parameters ?? [], this._values);
  }

  render(): JSX.Element {
    const { trans, spec } = this;
    return (
      <>
        <p>
          {trans.__(
            'Runs %1 now, outside its schedule. Change a value to override it for this run only; the reviewed spec stays as it is.',
            spec.name
          )}
        </p>
        <ParameterOverrides
          parameters={spec.parameters ?? []}
          trans={trans}
          onChange={values => (this._values = values)}
        />
      </>
    );
  }

  private _values: Record<string, unknown> = {};
}

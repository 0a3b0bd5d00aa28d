/// <reference types="node" />
// Node APIs: these tests read repository files.
import { readFileSync } from 'fs';
import path from 'path';

import { defaultSpec, withDefaults } from '..';
import { salesSpec } from './sampleSpecs';

const SCHEMA = JSON.parse(
  readFileSync(
    path.resolve(__dirname, '../../../nbschedule/spec/schedule.schema.json'),
    'utf-8'
  )
);

const MINIMAL = salesSpec({ zone: 'finance' });

describe('defaultSpec', () => {
  it('fills every top-level default the schema declares', () => {
    const draft = defaultSpec();
    for (const [key, property] of Object.entries<any>(SCHEMA.properties)) {
      if ('default' in property) {
        expect(draft[key as keyof typeof draft]).toEqual(property.default);
      }
    }
    expect(draft.version).toBe(1);
    expect(draft.catchup).toBe('latest');
  });

  it('keeps what the partial sets and treats undefined as left out', () => {
    const draft = defaultSpec({ retries: 3, catchup: undefined, name: 'x' });
    expect(draft.retries).toBe(3);
    expect(draft.catchup).toBe('latest');
    expect(draft.name).toBe('x');
  });

  it('fills nested defaults of landed checks and outputs', () => {
    const filled = withDefaults({
      ...MINIMAL,
      inputs: [
        { connection: 'dwh', table: 'sales.orders' },
        {
          connection: 'dwh',
          table: 'sales.returns',
          wait_until_landed: { date_column: 'day', poke_interval_seconds: 5 }
        }
      ],
      outputs: [{ connection: 'dwh', table: 'reports.daily' }]
    });
    expect(filled.inputs[0]).toEqual({
      connection: 'dwh',
      table: 'sales.orders'
    });
    expect(filled.inputs[1].wait_until_landed).toEqual({
      date_column: 'day',
      poke_interval_seconds: 5,
      timeout_seconds:
        SCHEMA.definitions.landedCheck.properties.timeout_seconds.default
    });
    expect(filled.outputs[0].mode).toBe('replace');
  });

  it('shares no arrays with the defaults or the partial', () => {
    const inputs = [{ connection: 'dwh', table: 'a' }];
    const first = defaultSpec({ inputs });
    first.inputs.push({ connection: 'dwh', table: 'b' });
    first.notify.push({ type: 'email', to: 'a@b.c' });
    expect(inputs).toHaveLength(1);
    expect(defaultSpec().notify).toEqual([]);
  });
});

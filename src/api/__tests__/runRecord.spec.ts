/// <reference types="node" />
// Node APIs: this test reads the repository's openapi.yaml.
import { readFileSync } from 'fs';
import { load } from 'js-yaml';
import path from 'path';

import { IRunRecord } from '..';

const OPENAPI = path.resolve(__dirname, '../../../nbschedule/api/openapi.yaml');

type Presence = 'required' | 'nullable' | 'optional';

/** How each field of T is present: a type, so a changed interface fails to compile here. */
type PresenceOf<T> = {
  [K in keyof T]-?: Partial<Pick<T, K>> extends Pick<T, K>
    ? 'optional'
    : null extends T[K]
      ? 'nullable'
      : 'required';
};

// Must list IRunRecord's fields exactly, each as the interface has it.
const RUN_RECORD_FIELDS = {
  schedule: 'required',
  notebook: 'required',
  owner: 'required',
  run_id: 'required',
  attempt: 'required',
  trigger: 'required',
  logical_date: 'required',
  status: 'required',
  exit_reason: 'required',
  message: 'required',
  started_at: 'required',
  ended_at: 'required',
  duration_seconds: 'required',
  output_uri: 'nullable',
  parameters: 'required',
  warnings: 'required',
  error: 'nullable',
  failing_cell: 'nullable',
  cells: 'required',
  zone: 'required',
  zone_violations: 'required',
  inputs: 'required',
  outputs: 'required',
  staged_inputs: 'required',
  published_outputs: 'required',
  published: 'required',
  workflow: 'nullable',
  withheld_outputs: 'required',
  sandbox: 'nullable',
  limits: 'nullable',
  resources: 'nullable',
  notifications: 'required',
  run_folder: 'optional',
  lite: 'optional'
} satisfies PresenceOf<IRunRecord>;

interface ISchema {
  required?: string[];
  properties: Record<string, { nullable?: boolean }>;
}

function presenceIn(schema: ISchema): Record<string, Presence> {
  return Object.fromEntries(
    Object.entries(schema.properties).map(([name, property]) => [
      name,
      !schema.required?.includes(name)
        ? 'optional'
        : property.nullable
          ? 'nullable'
          : 'required'
    ])
  );
}

describe('IRunRecord', () => {
  it("has openapi.yaml's RunRecord fields, each required, nullable or optional alike", () => {
    const openapi = load(readFileSync(OPENAPI, 'utf-8')) as {
      components: { schemas: Record<string, ISchema> };
    };
    expect(presenceIn(openapi.components.schemas.RunRecord)).toEqual(
      RUN_RECORD_FIELDS
    );
  });
});

import { INbScheduleClient } from './tokens';

/** A purpose policy zone from the workspace's catalogue. */
export interface IZone {
  name: string;
  title: string;
  description: string;
  may_read: string[];
  writes: string;
}

export interface IZoneCatalogue {
  zones: IZone[];
  /** Category name to its description. */
  categories: Record<string, string>;
}

/** One problem with a spec: the JSON pointer of the field, and why. */
export interface ISpecProblem {
  path: string;
  message: string;
  kind: string;
}

export interface ISpecCheck {
  problems: ISpecProblem[];
  /** The data category of each input and output, by JSON pointer. */
  datasets: { path: string; category: string }[];
}

export function fetchZones(client: INbScheduleClient): Promise<IZoneCatalogue> {
  return client.requestJson<IZoneCatalogue>('zones');
}

export function checkSpec(
  client: INbScheduleClient,
  spec: unknown,
  signal?: AbortSignal
): Promise<ISpecCheck> {
  return client.requestJson<ISpecCheck>('spec/check', {
    method: 'POST',
    body: JSON.stringify({ spec }),
    signal
  });
}

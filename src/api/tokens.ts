import { ServerConnection } from '@jupyterlab/services';
import { Token } from '@lumino/coreutils';

import { IFireTimes, ITimezones } from './types';

/** What every feature may ask of the server extension's REST API. */
export interface INbScheduleClient {
  readonly serverSettings: ServerConnection.ISettings;
  nextFireTimes(
    cron: string,
    timezone: string,
    count?: number,
    signal?: AbortSignal
  ): Promise<IFireTimes>;
  timezones(): Promise<ITimezones>;
  /**
   * A JSON request to `<base>/nbschedule/<endpoint>`; failures throw ApiError with the
   * server's own sentence.
   */
  requestJson<T>(endpoint: string, init?: RequestInit): Promise<T>;
}

/** The shared REST client, so every feature talks to the server the same way. */
export const INbScheduleClient = new Token<INbScheduleClient>(
  'nbschedule:INbScheduleClient',
  'Typed client for the nbschedule server extension.'
);

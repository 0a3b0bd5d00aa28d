import { URLExt } from '@jupyterlab/coreutils';
import { ServerConnection } from '@jupyterlab/services';

import { ApiError } from './errors';
import { INbScheduleClient } from './tokens';
import { IFireTimes, ITimezones } from './types';

const NAMESPACE = 'nbschedule';

/**
 * Typed client for the server extension; authentication and XSRF come from
 * ServerConnection, exactly as for JupyterLab's own requests.
 */
export class NbScheduleClient implements INbScheduleClient {
  constructor(
    readonly serverSettings: ServerConnection.ISettings = ServerConnection.makeSettings()
  ) {}

  nextFireTimes(
    cron: string,
    timezone: string,
    count = 5,
    signal?: AbortSignal
  ): Promise<IFireTimes> {
    const query = URLExt.objectToQueryString({
      cron,
      timezone,
      count: String(count)
    });
    return this.requestJson<IFireTimes>(`cron/next${query}`, { signal });
  }

  timezones(): Promise<ITimezones> {
    return this.requestJson<ITimezones>('timezones');
  }

  async requestJson<T>(endpoint: string, init: RequestInit = {}): Promise<T> {
    const url = URLExt.join(this.serverSettings.baseUrl, NAMESPACE, endpoint);
    const response = await ServerConnection.makeRequest(
      url,
      init,
      this.serverSettings
    );
    const text = await response.text();
    let body: any = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      // A proxy or a crashed handler answered with HTML; fall through to the status.
    }
    if (!response.ok) {
      const message =
        typeof body?.message === 'string' && body.message
          ? body.message
          : `The server answered ${response.status} ${response.statusText}.`;
      throw new ApiError(message, response.status, body?.field);
    }
    return body as T;
  }
}

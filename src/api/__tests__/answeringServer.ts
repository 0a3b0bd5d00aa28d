import { ServerConnection } from '@jupyterlab/services';

import { NbScheduleClient } from '..';

export interface IAnsweringServer {
  /** The settings of a server that is the test's `respond`. */
  settings: ServerConnection.ISettings;
  /** A real client of that server. */
  client: NbScheduleClient;
  /** Every request's URL, in the order the code under test asked. */
  asked: URL[];
}

/**
 * A server whose answer to each request is what `respond` makes of it, so that a real
 * client is tested without a Jupyter server.
 */
export function answeringServer(
  respond: (request: Request) => Response | Promise<Response>,
  baseUrl = 'http://localhost:8888/'
): IAnsweringServer {
  const asked: URL[] = [];
  const settings = ServerConnection.makeSettings({
    baseUrl,
    fetch: async (input: RequestInfo | URL, init?: RequestInit) => {
      const request =
        input instanceof Request ? input : new Request(String(input), init);
      asked.push(new URL(request.url));
      return respond(request);
    }
  });
  return { settings, client: new NbScheduleClient(settings), asked };
}

/** A reply whose body is `body` as JSON. */
export function jsonReply(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status });
}

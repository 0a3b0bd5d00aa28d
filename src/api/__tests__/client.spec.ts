import { ApiError, describeError } from '..';
import { answeringServer } from './answeringServer';

/** A client under a base URL whose server answers every request with `body`. */
function clientAnswering(status: number, body: string) {
  return answeringServer(
    () => new Response(body, { status, statusText: 'Status' }),
    'http://localhost:8888/lab-base/'
  );
}

describe('NbScheduleClient', () => {
  it('asks the server for fire times under the base URL', async () => {
    const { client, asked } = clientAnswering(
      200,
      JSON.stringify({ cron: '0 6 * * *', timezone: 'UTC', next: ['x'] })
    );
    const reply = await client.nextFireTimes('0 6 * * *', 'Europe/Berlin', 3);
    expect(reply.next).toEqual(['x']);
    const [url] = asked;
    expect(url.pathname).toBe('/lab-base/nbschedule/cron/next');
    expect(url.searchParams.get('cron')).toBe('0 6 * * *');
    expect(url.searchParams.get('timezone')).toBe('Europe/Berlin');
    expect(url.searchParams.get('count')).toBe('3');
  });

  it('turns a server client error into its message and field', async () => {
    const { client } = clientAnswering(
      400,
      JSON.stringify({
        message: 'Field 1 (minute): 61 is out of range 0–59.',
        field: 'cron'
      })
    );
    const error = await client.nextFireTimes('61 * * * *', 'UTC').catch(e => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.message).toBe('Field 1 (minute): 61 is out of range 0–59.');
    expect(error.field).toBe('cron');
    expect(error.status).toBe(400);
  });

  it('words a non-JSON failure by its status, never by its body', async () => {
    const { client } = clientAnswering(
      500,
      '<html>Traceback (most recent call last): ...</html>'
    );
    const error = await client.timezones().catch(e => e);
    expect(describeError(error)).toBe('The server answered 500 Status.');
  });
});

describe('describeError', () => {
  it('explains an unreachable server', () => {
    expect(describeError(new TypeError('Failed to fetch'))).toBe(
      'The Jupyter server cannot be reached. Check that it is running.'
    );
  });
});

import { useEffect, useState } from 'react';

import { describeError, NbScheduleClient } from '../api';

export type FireTimesState =
  | { status: 'loading' }
  | { status: 'ok'; next: string[] }
  | { status: 'error'; message: string; field?: string };

const DEBOUNCE_MS = 250;

/**
 * Next fire times from the server, refreshed as the user types: debounced, and
 * stale answers are aborted so a slow reply never overwrites a newer one.
 */
export function useFireTimes(
  client: NbScheduleClient,
  cron: string,
  timezone: string,
  count = 5
): FireTimesState {
  const [state, setState] = useState<FireTimesState>({ status: 'loading' });
  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    const timer = window.setTimeout(() => {
      client
        .nextFireTimes(cron, timezone, count, controller.signal)
        .then(result => setState({ status: 'ok', next: result.next }))
        .catch(error => {
          if (!controller.signal.aborted) {
            setState({
              status: 'error',
              message: describeError(error),
              field: error?.field
            });
          }
        });
    }, DEBOUNCE_MS);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [client, cron, timezone, count]);
  return state;
}

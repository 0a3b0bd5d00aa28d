import { useEffect, useState } from 'react';

import { checkSpec, describeError, ISpecCheck, NbScheduleClient } from '../api';
import { IScheduleDraft } from './draft';

export type SpecCheckState =
  | { status: 'checking'; last: ISpecCheck | null }
  | { status: 'ok'; check: ISpecCheck }
  | { status: 'error'; message: string };

const DEBOUNCE_MS = 300;

/**
 * The server's verdict on the draft (schema, cron, time zone, zone policy), refreshed
 * as the user edits. The last verdict stays visible while a new one is on its way.
 */
export function useSpecCheck(
  client: NbScheduleClient,
  draft: IScheduleDraft
): SpecCheckState {
  const [state, setState] = useState<SpecCheckState>({
    status: 'checking',
    last: null
  });
  useEffect(() => {
    const controller = new AbortController();
    setState(previous => ({
      status: 'checking',
      last: previous.status === 'ok' ? previous.check : null
    }));
    const timer = window.setTimeout(() => {
      checkSpec(client, draft, controller.signal)
        .then(check => setState({ status: 'ok', check }))
        .catch(error => {
          if (!controller.signal.aborted) {
            setState({ status: 'error', message: describeError(error) });
          }
        });
    }, DEBOUNCE_MS);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [client, draft]);
  return state;
}

export function latestCheck(state: SpecCheckState): ISpecCheck | null {
  if (state.status === 'ok') {
    return state.check;
  }
  return state.status === 'checking' ? state.last : null;
}

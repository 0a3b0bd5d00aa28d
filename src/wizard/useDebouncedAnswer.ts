import { DependencyList, useEffect, useState } from 'react';

import { describeError } from '../api';

export type Answer<T> =
  | { status: 'pending'; last: T | null }
  | { status: 'ok'; value: T }
  | { status: 'error'; message: string; field?: string };

/**
 * A server answer that follows what the user types: asked for after a pause of
 * `delayMs`, with stale requests aborted so a slow reply never overwrites a newer
 * one. The last answer stays available while the next is on its way.
 */
export function useDebouncedAnswer<T>(
  request: (signal: AbortSignal) => Promise<T>,
  delayMs: number,
  deps: DependencyList
): Answer<T> {
  const [answer, setAnswer] = useState<Answer<T>>({
    status: 'pending',
    last: null
  });
  useEffect(() => {
    const controller = new AbortController();
    setAnswer(previous => ({
      status: 'pending',
      last: previous.status === 'ok' ? previous.value : null
    }));
    const timer = window.setTimeout(() => {
      request(controller.signal)
        .then(value => setAnswer({ status: 'ok', value }))
        .catch(error => {
          if (!controller.signal.aborted) {
            setAnswer({
              status: 'error',
              message: describeError(error),
              field: error?.field
            });
          }
        });
    }, delayMs);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, deps);
  return answer;
}

/** The newest answer there is: the current one, or the last while a new one is pending. */
export function latestAnswer<T>(answer: Answer<T>): T | null {
  if (answer.status === 'ok') {
    return answer.value;
  }
  return answer.status === 'pending' ? answer.last : null;
}

import { DependencyList, useEffect, useState } from 'react';

import { describeError } from './errors';

/** What a component shows of a promise it loads. */
export interface ILoaded<T> {
  /** A load is under way. */
  loading: boolean;
  /** The latest loaded value, kept while the next one loads; null before the first. */
  value: T | null;
  /** The latest failure as a sentence, kept while the next load runs; null once one succeeds. */
  error: string | null;
}

/**
 * Loads `load()` again whenever `deps` change. An answer that arrives after `deps`
 * changed again, or after the component went away, is dropped, so a slow earlier
 * answer never replaces a newer one. `load` returning null means there is nothing
 * to load: value and error are cleared.
 */
export function useLoaded<T>(
  load: () => Promise<T> | null,
  deps: DependencyList
): ILoaded<T> {
  const [loaded, setLoaded] = useState<ILoaded<T>>({
    loading: true,
    value: null,
    error: null
  });
  useEffect(() => {
    const promise = load();
    if (!promise) {
      setLoaded({ loading: false, value: null, error: null });
      return;
    }
    let current = true;
    setLoaded(shown => (shown.loading ? shown : { ...shown, loading: true }));
    promise.then(
      value => current && setLoaded({ loading: false, value, error: null }),
      error =>
        current &&
        setLoaded(shown => ({
          loading: false,
          value: shown.value,
          error: describeError(error)
        }))
    );
    return () => {
      current = false;
    };
  }, deps);
  return loaded;
}

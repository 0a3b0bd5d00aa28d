/// <reference types="node" />
// react-dom directly (it ships no types here), as the other component tests do.
import React, { act } from 'react';

import { ApiError, ILoaded, useLoaded } from '..';

interface IRoot {
  render(element: JSX.Element): void;
  unmount(): void;
}

const { createRoot } = require('react-dom/client') as {
  createRoot: (node: Element) => IRoot;
};

/** A promise the test settles when it chooses. */
interface IDeferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (reason: unknown) => void;
}

function deferred<T>(): IDeferred<T> {
  const settle: Partial<IDeferred<T>> = {};
  settle.promise = new Promise<T>((resolve, reject) => {
    settle.resolve = resolve;
    settle.reject = reject;
  });
  return settle as IDeferred<T>;
}

function Probe(props: {
  name: string | null;
  answers: Map<string, IDeferred<string>>;
  seen: ILoaded<string>[];
}): JSX.Element {
  const loaded = useLoaded(
    () => (props.name ? props.answers.get(props.name)!.promise : null),
    [props.name]
  );
  props.seen.push(loaded);
  return <span />;
}

describe('useLoaded', () => {
  let node: HTMLElement;
  let root: IRoot;
  let answers: Map<string, IDeferred<string>>;
  let seen: ILoaded<string>[];

  const show = (name: string | null) =>
    act(() => root.render(<Probe name={name} answers={answers} seen={seen} />));
  const last = () => seen[seen.length - 1];

  beforeEach(() => {
    (globalThis as any).IS_REACT_ACT_ENVIRONMENT = true;
    node = document.body.appendChild(document.createElement('div'));
    root = createRoot(node);
    answers = new Map(['a', 'b', 'c'].map(name => [name, deferred()]));
    seen = [];
  });

  afterEach(() => {
    act(() => root.unmount());
    node.remove();
  });

  it('is loading until the promise settles, then holds its value', async () => {
    show('a');
    expect(last()).toEqual({ loading: true, value: null, error: null });
    await act(async () => answers.get('a')!.resolve('first'));
    expect(last()).toEqual({ loading: false, value: 'first', error: null });
  });

  it('drops an answer that arrives after the inputs changed', async () => {
    show('a');
    show('b');
    await act(async () => answers.get('b')!.resolve('newer'));
    await act(async () => answers.get('a')!.resolve('older'));
    expect(last()).toEqual({ loading: false, value: 'newer', error: null });
    expect(seen.map(loaded => loaded.value)).not.toContain('older');
  });

  it('keeps the value while reloading and through a failure, until a success', async () => {
    show('a');
    await act(async () => answers.get('a')!.resolve('first'));
    show('b');
    expect(last()).toEqual({ loading: true, value: 'first', error: null });
    await act(async () =>
      answers.get('b')!.reject(new ApiError('The run is gone.', 404, 'id'))
    );
    expect(last()).toEqual({
      loading: false,
      value: 'first',
      error: 'The run is gone.'
    });
    show('c');
    expect(last().error).toBe('The run is gone.');
    await act(async () => answers.get('c')!.resolve('third'));
    expect(last()).toEqual({ loading: false, value: 'third', error: null });
  });

  it('clears everything when there is nothing to load', async () => {
    show('a');
    await act(async () => answers.get('a')!.resolve('first'));
    show(null);
    expect(last()).toEqual({ loading: false, value: null, error: null });
  });
});

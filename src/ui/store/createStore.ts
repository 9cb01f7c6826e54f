/**
 * A minimal external store (state + subscribe) read from React with `useSyncExternalStore`.
 * The editor state lives outside React so that plain functions (keyboard shortcuts, autosave,
 * clipboard handlers) can read and change it without prop drilling or stale closures.
 */
import { useSyncExternalStore } from 'react';

/** A value with change notification. */
export interface Store<T> {
  get(): T;
  set(next: T | ((previous: T) => T)): void;
  subscribe(listener: () => void): () => void;
}

/** A store holding `initial`; `set` notifies subscribers only when the value changes. */
export function createStore<T>(initial: T): Store<T> {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => state,
    set(next) {
      const value = typeof next === 'function' ? (next as (previous: T) => T)(state) : next;
      if (Object.is(value, state)) return;
      state = value;
      for (const listener of [...listeners]) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/**
 * Reads a slice of a store in a component. The selector must return a value that is stable
 * while the state is unchanged (a field, not a freshly built object).
 */
export function useStoreValue<T, S>(store: Store<T>, selector: (state: T) => S): S {
  return useSyncExternalStore(store.subscribe, () => selector(store.get()));
}

/**
 * What the editor shows about live audio that React renders: whether audio is on, the transport
 * state, what is being heard. It changes on user actions only (play, stop, probe…), never per
 * audio frame: meters and the time display draw from `requestAnimationFrame` instead
 * (`frameLoop.ts`), so playback does not re-render the editor.
 */
import { createStore, useStoreValue } from '../store/createStore';

/** Which side of a node's A/B comparison is heard. */
export type AbSide = 'A' | 'B';

/** The live-audio state the UI renders. */
export interface LiveStatus {
  /** off: no audio context yet (before the first Play or dropped file). */
  audio: 'off' | 'starting' | 'on' | 'error';
  /** Why audio could not start (shown to the user). */
  error: string | null;
  playing: boolean;
  /** Whether the transport loops over [0, length). */
  loop: boolean;
  /** Length of the programme (the bounce's default length), s. */
  lengthSeconds: number;
  /** The node whose output is probed (heard instead of the master), or null. */
  monitored: string | null;
  /** The node being A/B compared and the side heard, or null. */
  ab: { nodeId: string; side: AbSide } | null;
  /** Why the live graph is not following the document (it has errors), or null. */
  stale: string | null;
}

/** The one live-status store. */
export const liveStore = createStore<LiveStatus>({
  audio: 'off',
  error: null,
  playing: false,
  loop: true,
  lengthSeconds: 30,
  monitored: null,
  ab: null,
  stale: null,
});

/** Changes some fields (keeps the same object when nothing changes, so nobody re-renders). */
export function patchLive(patch: Partial<LiveStatus>): void {
  liveStore.set((s) => {
    const keys = Object.keys(patch) as (keyof LiveStatus)[];
    return keys.every((k) => Object.is(s[k], patch[k])) ? s : { ...s, ...patch };
  });
}

/** Reads a slice of the live status in a component (the selector must return stable values). */
export function useLive<S>(selector: (s: LiveStatus) => S): S {
  return useStoreValue(liveStore, selector);
}

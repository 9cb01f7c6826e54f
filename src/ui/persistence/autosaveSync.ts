/** Keeps the autosave in step with the editor: after every change, and when the page hides. */
import { createStore, useStoreValue } from '../store/createStore';
import { editorStore, isDirty } from '../store/editorState';
import { createAutosaver, writeAutosave } from './autosave';
import { writeHistory } from './historyStore';

/** When the last autosave was written (null before the first), and whether storage refused it. */
export const autosaveStatus = createStore<{ savedAt: Date | null; failed: boolean }>({ savedAt: null, failed: false });

/** The autosave status for the status bar. */
export function useAutosaveStatus() {
  return useStoreValue(autosaveStatus, (s) => s);
}

let holds = 0;
let heldSave = false;
let resume: (() => void) | undefined;

/**
 * Keeps the autosave slot untouched until the returned function is called (a broken autosave
 * is still in it and its rescue is not yet confirmed). Saves asked for meanwhile are written
 * once every hold is released.
 */
export function holdAutosaveSlot(): () => void {
  holds += 1;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    holds -= 1;
    if (holds === 0 && heldSave) {
      heldSave = false;
      resume?.();
    }
  };
}

/** Whether the slot is held (for tests and the status bar). */
export function isAutosaveHeld(): boolean {
  return holds > 0;
}

/** Starts autosaving; returns a function that stops it (after a final flush). */
export function startAutosave(): () => void {
  const saver = createAutosaver(() => {
    if (holds > 0) {
      heldSave = true;
      return;
    }
    const started = performance.now();
    const state = editorStore.get();
    const text = writeAutosave(state.history.graph, isDirty(state), state.origin);
    const ok = text !== undefined;
    // The undo history rides along (bounded), so Ctrl+Z still works after a reload.
    if (ok) writeHistory(state.history, text);
    autosaveStatus.set({ savedAt: ok ? new Date() : autosaveStatus.get().savedAt, failed: !ok });
    // Read by `npm run bench:ui` (and visible in any performance trace).
    performance.measure('mixgraph:autosave', { start: started });
  });
  let last = editorStore.get();
  const unsubscribe = editorStore.subscribe(() => {
    const next = editorStore.get();
    if (next.history.graph !== last.history.graph || isDirty(next) !== isDirty(last) || next.origin !== last.origin) saver.schedule();
    last = next;
  });
  const onHide = () => saver.flush();
  const onVisibility = () => {
    if (document.visibilityState === 'hidden') saver.flush();
  };
  window.addEventListener('pagehide', onHide);
  window.addEventListener('beforeunload', onHide);
  document.addEventListener('visibilitychange', onVisibility);
  resume = () => saver.schedule();
  // The document opened at start-up is saved too, so a first visit survives a reload as is.
  saver.schedule();
  return () => {
    resume = undefined;
    saver.flush();
    unsubscribe();
    window.removeEventListener('pagehide', onHide);
    window.removeEventListener('beforeunload', onHide);
    document.removeEventListener('visibilitychange', onVisibility);
  };
}

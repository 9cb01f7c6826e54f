/**
 * The undo history kept beside the autosave (localStorage), so Ctrl+Z works after a reload.
 * Bounded (`DEFAULT_SNAPSHOT_LIMITS`: last 100 steps, 1 M characters); written whenever the
 * autosave is; read once at start-up and applied only when it fits the restored document
 * exactly (`restoreHistory`), otherwise dropped.
 */
import type { Graph } from '../../graph/types';
import { type History } from '../../graph/history';
import { restoreHistory, snapshotHistory } from '../../graph/historySnapshot';
import { parseDocument } from '../../runtime/document';

/** localStorage key of the stored history (beside `STORAGE_KEYS.autosave`). */
export const HISTORY_STORAGE_KEY = 'mixgraph.history.v1';

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

/**
 * Stores the history of the present document. A full storage only loses the history, never the
 * autosave. `graphText` is the document as the autosave just wrote it (`serializeGraph`'s text).
 */
export function writeHistory(history: History, graphText?: string): void {
  const store = storage();
  if (store === undefined) return;
  try {
    if (history.undoStack.length + history.redoStack.length === 0) store.removeItem(HISTORY_STORAGE_KEY);
    else store.setItem(HISTORY_STORAGE_KEY, snapshotHistory(history, undefined, graphText).text);
  } catch {
    try {
      store.removeItem(HISTORY_STORAGE_KEY); // an old history must not outlive its document
    } catch {
      // storage unusable: nothing stored, nothing to drop
    }
  }
}

/**
 * The stored history for `graph` (the document just restored from the autosave), or undefined
 * when there is none or it does not fit; a misfit is removed so it is never tried again.
 */
export function readHistory(graph: Graph, revision: number): History | undefined {
  const store = storage();
  const raw = store?.getItem(HISTORY_STORAGE_KEY);
  if (raw === null || raw === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    value = undefined;
  }
  const result = restoreHistory(graph, value, (g) => parseDocument(g).ok, revision);
  if (result.ok) return result.history;
  try {
    store?.removeItem(HISTORY_STORAGE_KEY);
  } catch {
    // ignore
  }
  return undefined;
}

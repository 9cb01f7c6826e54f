/**
 * The document as last saved (exported, saved as a preset, or opened unchanged), so "What changed"
 * can compare the mix with it. The editor store keeps only the saved revision number; this keeps
 * the graph of that revision, captured whenever the document is clean.
 */
import type { Graph } from '../../graph/types';
import { editorStore, isDirty } from '../store/editorState';

let saved: Graph | null = null;
let documentId = -1;

function capture(): void {
  const s = editorStore.get();
  if (s.documentId !== documentId) {
    documentId = s.documentId;
    saved = null;
  }
  if (!isDirty(s)) saved = s.history.graph;
}

/** Starts following the editor store; returns the unsubscribe function. */
export function followLastSaved(): () => void {
  capture();
  return editorStore.subscribe(capture);
}

/** The last saved graph of the open document, or null when it was never saved in this session. */
export function lastSavedGraph(): Graph | null {
  return saved;
}

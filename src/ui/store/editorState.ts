/**
 * The editor's state: the document with its undo history, the selection, where the document
 * came from, whether it is saved, and the latest notice. Everything the canvas, inspector,
 * toolbar and status bar show derives from this one value.
 */
import type { Graph } from '../../graph/types';
import { type History, createHistory } from '../../graph/history';
import { createStore, useStoreValue } from './createStore';

/** What is selected, by kind. Node, note and group ids share one namespace; edges have their own. */
export interface Selection {
  readonly nodes: readonly string[];
  readonly edges: readonly string[];
  readonly notes: readonly string[];
  readonly groups: readonly string[];
}

/** Nothing selected. */
export const EMPTY_SELECTION: Selection = Object.freeze({ nodes: [], edges: [], notes: [], groups: [] });

/** Where the open document came from (shown next to its name; decides what "saved" means). */
export interface DocumentOrigin {
  kind: 'preset' | 'file' | 'library' | 'link' | 'new' | 'autosave' | 'recovered' | 'lesson';
  /** Preset name, file name, library entry name… */
  name: string;
  /** IndexedDB key when the document was opened from the user's library. */
  libraryId?: string;
}

/** A short message for the user: a refused edit, an info, an error. */
export interface Notice {
  id: number;
  kind: 'refusal' | 'info' | 'error';
  text: string;
}

/** The whole editor state. */
export interface EditorState {
  history: History;
  selection: Selection;
  /** `history.revision` when the document was last opened, exported or saved as a preset. */
  savedRevision: number;
  origin: DocumentOrigin;
  notice: Notice | null;
  /** Increments each time a document is opened (the canvas fits the view to a new document). */
  documentId: number;
}

const EMPTY_GRAPH: Graph = { format: 'mixgraph', version: 1, name: 'Untitled', nodes: [], edges: [] };

/** The one editor store. */
export const editorStore = createStore<EditorState>({
  history: createHistory(EMPTY_GRAPH),
  selection: EMPTY_SELECTION,
  savedRevision: 0,
  origin: { kind: 'new', name: 'Untitled' },
  notice: null,
  documentId: 0,
});

/** The present document. */
export function currentGraph(): Graph {
  return editorStore.get().history.graph;
}

/** Whether the document has changes not exported or saved since it was opened. */
export function isDirty(state: EditorState = editorStore.get()): boolean {
  return state.history.revision !== state.savedRevision;
}

/** Reads a slice of the editor state in a component (the selector must return stable values). */
export function useEditor<S>(selector: (state: EditorState) => S): S {
  return useStoreValue(editorStore, selector);
}

/** The open document. */
export const useGraph = (): Graph => useEditor((s) => s.history.graph);
/** The selection. */
export const useSelection = (): Selection => useEditor((s) => s.selection);

/**
 * The editor's state: the document with its undo history, the selection, where the document
 * came from, whether it is saved, and the latest notice. Everything the canvas, inspector,
 * toolbar and status bar show derives from this one value.
 */
import type { Graph } from '../../graph/types';
import { type History, createHistory } from '../../graph/history';
import { openInstanceView } from '../../graph/modules/openInstance';
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
  /** The module definition open on the canvas (null: the document itself); see docs/modules.md. */
  scope: ModuleScope | null;
}

/**
 * An open module: the instances opened one inside the other, outermost first. The canvas shows
 * the last one's definition; its live meters are the nodes `a/b/<inner id>`.
 */
export interface ModuleScope {
  readonly trail: readonly { readonly instanceId: string; readonly moduleId: string }[];
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
  scope: null,
});

let lastView: { graph: Graph; scope: ModuleScope; view: Graph } | undefined;

/**
 * What the canvas and the inspector edit: the document, or the open module's definition seen as a
 * graph showing the opened instance's promoted values (memoised, so selectors get a stable object
 * until the document or the open module changes).
 */
export function scopedGraph(state: EditorState): Graph {
  const graph = state.history.graph;
  const scope = state.scope;
  if (scope === null || scope.trail.length === 0) return graph;
  if (lastView !== undefined && lastView.graph === graph && lastView.scope === scope) return lastView.view;
  const view = openInstanceView(graph, scope.trail);
  if (view === undefined) return graph;
  lastView = { graph, scope, view };
  return view;
}

/** The present document, or the open module's definition (what edits apply to). */
export function currentGraph(): Graph {
  return scopedGraph(editorStore.get());
}

/** The whole document, whatever module is open (engines, validation, saving). */
export function rootGraph(): Graph {
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
export const useGraph = (): Graph => useEditor(scopedGraph);
/** The whole document, whatever module is open. */
export const useRootGraph = (): Graph => useEditor((s) => s.history.graph);
/** The selection. */
export const useSelection = (): Selection => useEditor((s) => s.selection);

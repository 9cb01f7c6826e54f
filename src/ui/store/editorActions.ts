/**
 * The only functions that change the editor state. Graph edits arrive as command results
 * (`src/graph/commands`): a refusal becomes a notice the user can read, an edit goes through
 * history, so every change is undoable.
 */
import { applyEdit, type EditResult } from '../../graph/commands';
import type { Graph } from '../../graph/types';
import { createHistory, execute, mark, redo, undo } from '../../graph/history';
import { findModule } from '../../graph/modules/commands';
import { scopeEditToInstance } from '../../graph/modules/openInstance';
import { tooLargeForEditor } from './editorLimit';
import { type DocumentOrigin, EMPTY_SELECTION, type EditorState, type Notice, type Selection, editorStore, scopedGraph } from './editorState';

let noticeCounter = 0;

/** Shows a short message (refusals and errors stay until replaced or dismissed). */
export function showNotice(kind: Notice['kind'], text: string): void {
  noticeCounter += 1;
  editorStore.set((s) => ({ ...s, notice: { id: noticeCounter, kind, text } }));
}

/** Hides the notice. */
export function dismissNotice(): void {
  editorStore.set((s) => (s.notice === null ? s : { ...s, notice: null }));
}

/**
 * A check every edit must pass while it is set (a lesson step that locks params): given the graph
 * before and after, the reason the edit is refused, or undefined. Null: no check.
 */
export type EditGuard = (before: Graph, after: Graph) => string | undefined;
let editGuard: EditGuard | null = null;

/** Sets (or with null removes) the edit guard. */
export function setEditGuard(guard: EditGuard | null): void {
  editGuard = guard;
}

/**
 * Runs a command's result: applies the edit (recorded in history), or shows why it was refused.
 * Returns whether the edit was applied. `select` replaces the selection afterwards.
 */
export function dispatch(result: EditResult, options: { select?: Selection; quiet?: boolean; root?: boolean } = {}): boolean {
  if (!result.ok) {
    if (options.quiet !== true) showNotice('refusal', result.reason);
    return false;
  }
  // Inside an open module an edit is built against its definition (showing the opened instance's
  // values) and runs there, a promoted param going to that instance — unless it was built against
  // the whole document (`root`: snapshots, lessons).
  const scoped = (s: EditorState) => (s.scope === null || s.scope.trail.length === 0 || options.root === true ? result.edit : scopeEditToInstance(result.edit, s.scope.trail));
  if (editGuard !== null) {
    const before = editorStore.get().history.graph;
    const reason = editGuard(before, applyEdit(before, scoped(editorStore.get())));
    if (reason !== undefined) {
      if (options.quiet !== true) showNotice('refusal', reason);
      return false;
    }
  }
  let tooLarge: string | undefined;
  editorStore.set((s) => {
    const history = execute(s.history, scoped(s));
    // An edit may not take the document past what the editor handles (a paste, an insert).
    const nodes = history.graph.nodes.length;
    if (nodes > s.history.graph.nodes.length) tooLarge = tooLargeForEditor(nodes);
    if (tooLarge !== undefined) return s;
    const next = withLiveScope({ ...s, history });
    const selection = options.select ?? pruneSelection(s.selection, scopedGraph(next));
    const notice = s.notice?.kind === 'refusal' ? null : s.notice;
    return history === s.history && selection === s.selection ? s : { ...next, selection, notice };
  });
  if (tooLarge !== undefined) {
    showNotice('refusal', tooLarge);
    return false;
  }
  return true;
}

/** Closes open modules that no longer exist (an undo removed the definition). */
function withLiveScope(s: EditorState): EditorState {
  if (s.scope === null) return s;
  const trail = s.scope.trail;
  let keep = 0;
  let graphNodes = s.history.graph.nodes;
  for (const step of trail) {
    if (!graphNodes.some((n) => n.id === step.instanceId) || findModule(s.history.graph, step.moduleId) === undefined) break;
    graphNodes = findModule(s.history.graph, step.moduleId)!.nodes;
    keep++;
  }
  if (keep === trail.length) return s;
  return { ...s, scope: keep === 0 ? null : { trail: trail.slice(0, keep) }, selection: EMPTY_SELECTION };
}

/** Ends a gesture (drag, slider): the next merge-able edit starts a new undo step. */
export function commitGesture(): void {
  editorStore.set((s) => {
    const history = mark(s.history);
    return history === s.history ? s : { ...s, history };
  });
}

/** Undoes the last step. */
export function undoEdit(): void {
  editorStore.set((s) => {
    const history = undo(s.history);
    if (history === s.history) return s;
    const next = withLiveScope({ ...s, history });
    return { ...next, selection: pruneSelection(next.selection, scopedGraph(next)) };
  });
}

/** Redoes the last undone step. */
export function redoEdit(): void {
  editorStore.set((s) => {
    const history = redo(s.history);
    if (history === s.history) return s;
    const next = withLiveScope({ ...s, history });
    return { ...next, selection: pruneSelection(next.selection, scopedGraph(next)) };
  });
}

/** Replaces the selection. */
export function setSelection(selection: Selection): void {
  editorStore.set((s) => (sameSelection(s.selection, selection) ? s : { ...s, selection }));
}

/** Selects every node, note, group and wire. */
export function selectAll(): void {
  const g = scopedGraph(editorStore.get());
  setSelection({
    nodes: g.nodes.map((n) => n.id),
    edges: g.edges.map((e) => e.id),
    notes: (g.notes ?? []).map((n) => n.id),
    groups: (g.groups ?? []).map((x) => x.id),
  });
}

/**
 * Replaces the document (open, new, import, share link): a new history starts, and the
 * document counts as saved unless `dirty` says it carries unsaved work (a restored autosave).
 */
export function loadDocument(graph: Graph, origin: DocumentOrigin, options: { dirty?: boolean } = {}): void {
  editorStore.set((s) => {
    const revision = s.history.revision + 1;
    return {
      history: createHistory(graph, revision),
      selection: EMPTY_SELECTION,
      savedRevision: options.dirty === true ? revision - 1 : revision,
      origin,
      notice: null,
      documentId: s.documentId + 1,
      scope: null,
    };
  });
}

/** Records that the present document was exported or saved (it is no longer "unsaved"). */
export function markSaved(origin?: DocumentOrigin): void {
  editorStore.set((s) => ({ ...s, savedRevision: s.history.revision, origin: origin ?? s.origin }));
}

/** Drops selected ids that no longer exist (after undo, delete, …); keeps the same object when nothing changes. */
function pruneSelection(selection: Selection, graph: Graph): Selection {
  if (selection === EMPTY_SELECTION) return selection;
  const nodes = new Set(graph.nodes.map((n) => n.id));
  const edges = new Set(graph.edges.map((e) => e.id));
  const notes = new Set((graph.notes ?? []).map((n) => n.id));
  const groups = new Set((graph.groups ?? []).map((g) => g.id));
  const next: Selection = {
    nodes: selection.nodes.filter((id) => nodes.has(id)),
    edges: selection.edges.filter((id) => edges.has(id)),
    notes: selection.notes.filter((id) => notes.has(id)),
    groups: selection.groups.filter((id) => groups.has(id)),
  };
  return sameSelection(selection, next) ? selection : next;
}

/** Whether two selections hold the same ids in the same order. */
export function sameSelection(a: Selection, b: Selection): boolean {
  const same = (x: readonly string[], y: readonly string[]) => x.length === y.length && x.every((v, i) => v === y[i]);
  return same(a.nodes, b.nodes) && same(a.edges, b.edges) && same(a.notes, b.notes) && same(a.groups, b.groups);
}

/** Whether nothing is selected. */
export function isSelectionEmpty(s: Selection): boolean {
  return s.nodes.length + s.edges.length + s.notes.length + s.groups.length === 0;
}

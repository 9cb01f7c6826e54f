/**
 * The shape every graph edit takes: a pure immer recipe plus how history should treat it.
 *
 * Commands (the functions in this folder) look at the current graph, decide whether the edit
 * makes sense, and return either a refusal with a human reason or a `GraphEdit`. They never
 * mutate anything themselves; `applyEdit` or `history.execute` runs the recipe through immer.
 * This keeps the whole edit vocabulary testable in Node, without React or a DOM.
 */
import { type Draft, produce } from 'immer';
import type { Graph } from '../types';
import { isValidId, uniqueId } from '../ids';

/**
 * How history records an edit (after tldraw's marks and Excalidraw's `captureUpdate`):
 * - `record`: the edit is one undo step of its own.
 * - `merge`: consecutive edits with the same `mergeKey` fold into one undo step until the next
 *   mark (a param drag, a node drag: commit when the gesture ends).
 * - `ignore`: the graph changes but no undo step is made.
 */
export type HistoryMode = 'record' | 'merge' | 'ignore';

/** One edit of the document, ready to run. */
export interface GraphEdit {
  /** What the edit does, for the undo/redo tooltips ("Move 2 nodes", "Set Drums EQ · Gain"). */
  readonly label: string;
  readonly history: HistoryMode;
  /** Edits with `history: 'merge'` and the same key fold into one undo step. */
  readonly mergeKey?: string;
  /** Mutates an immer draft of the graph; must be deterministic (no clocks, no randomness). */
  readonly recipe: (draft: Draft<Graph>) => void;
}

/** What a command returns: the edit, or why it cannot be done (a sentence for the user). */
export type EditResult<Extra extends object = object> = ({ ok: true; edit: GraphEdit } & Extra) | { ok: false; reason: string };

/** Options shared by commands that a continuous gesture (slider, drag) repeats. */
export interface GestureOptions {
  /**
   * True while a gesture is in progress: the edit merges with the previous one of the same
   * gesture, and the caller marks history when the gesture ends.
   */
  merge?: boolean;
}

/** A refusal with its reason. */
export function refuse(reason: string): { ok: false; reason: string } {
  return { ok: false, reason };
}

/** Builds a `GraphEdit` with `record` history unless a merge key is given. */
export function makeEdit(label: string, recipe: (draft: Draft<Graph>) => void, mergeKey?: string): GraphEdit {
  return mergeKey === undefined ? { label, history: 'record', recipe } : { label, history: 'merge', mergeKey, recipe };
}

/** Runs an edit outside history (tests, previews, composing). Returns the same graph when nothing changed. */
export function applyEdit(graph: Graph, edit: GraphEdit): Graph {
  return produce(graph, edit.recipe);
}

/**
 * Several edits as one undo step, run in order on the same draft. Later edits must have been
 * built against the graph the earlier ones produce (see `applyEdit`).
 */
export function combineEdits(label: string, edits: readonly GraphEdit[]): GraphEdit {
  return makeEdit(label, (draft) => {
    for (const edit of edits) edit.recipe(draft);
  });
}

/** The name a user knows a node by: its label, else its id. */
export function nodeName(graph: Graph, nodeId: string): string {
  const node = graph.nodes.find((n) => n.id === nodeId);
  const label = node?.label?.trim();
  return label !== undefined && label !== '' ? label : nodeId;
}

/** Every id in the shared namespace of nodes, notes and groups (DESIGN.md: ids are unique across them). */
export function takenItemIds(graph: Graph): Set<string> {
  const taken = new Set<string>();
  for (const n of graph.nodes) taken.add(n.id);
  for (const n of graph.notes ?? []) taken.add(n.id);
  for (const g of graph.groups ?? []) taken.add(g.id);
  return taken;
}

/** Every edge id (edges have their own namespace). */
export function takenEdgeIds(graph: Graph): Set<string> {
  return new Set(graph.edges.map((e) => e.id));
}

/** "1 node", "3 nodes". */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/**
 * An id not in `taken`: `wanted` itself when it is well-formed and free, else `<prefix><n>` with
 * the smallest free n, where the prefix is `wanted` without its trailing digits (`eq1` → `eq2`)
 * or `fallbackPrefix`.
 */
export function freshId(wanted: string | undefined, fallbackPrefix: string, taken: ReadonlySet<string>): string {
  if (wanted !== undefined && isValidId(wanted) && !taken.has(wanted)) return wanted;
  const stem = wanted === undefined ? '' : wanted.replace(/[-_.]?[0-9]+$/, '');
  return uniqueId(stem !== '' ? stem : fallbackPrefix, taken);
}

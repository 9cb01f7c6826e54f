/**
 * Undo/redo for graph edits, built on immer patches (after tldraw's `HistoryManager`: undo
 * stops are marks, and each edit says whether history records it).
 *
 * A `History` is an immutable value: the present graph plus two stacks of steps. A step holds
 * the forward patches and the inverse patches of everything between two marks. `record` edits
 * are a step each; `merge` edits with the same key fold into the open step until `mark` is
 * called (the end of a drag); `ignore` edits change the graph without a step.
 *
 * Patches address array items by index, so a step can only be replayed on the graph it was
 * made from. That holds as long as every edit goes through here; an unrecorded (`ignore`) edit
 * that adds or removes items would break it, so such an edit drops both stacks.
 */
import { type Patch, applyPatches, enablePatches, produceWithPatches } from 'immer';
import type { Graph } from './types';
import type { GraphEdit } from './commands/edit';

enablePatches();

/** Everything between two undo stops. */
export interface HistoryStep {
  /** Label of the edit that opened the step ("Move Drums EQ"). */
  readonly label: string;
  /** Patches from the graph before the step to the graph after it, applied in order. */
  readonly patches: readonly Patch[];
  /** Patches from after back to before, applied in order. */
  readonly inversePatches: readonly Patch[];
}

/** The undo history with the present document. */
export interface History {
  /** The present document. */
  readonly graph: Graph;
  readonly undoStack: readonly HistoryStep[];
  readonly redoStack: readonly HistoryStep[];
  /**
   * Merge key of the top undo step while it is still open to `merge` edits; null after a mark.
   */
  readonly openMergeKey: string | null;
  /** Counts changes of `graph` (edits, undo, redo); lets the editor tell saved from unsaved. */
  readonly revision: number;
}

/** Most undo steps kept; the oldest are dropped beyond this. */
export const MAX_UNDO_STEPS = 500;

/** A fresh history whose present is `graph` (opening a document starts a new history). */
export function createHistory(graph: Graph, revision = 0): History {
  return { graph, undoStack: [], redoStack: [], openMergeKey: null, revision };
}

/** Runs an edit and records it according to its history mode. No-op edits change nothing. */
export function execute(history: History, edit: GraphEdit): History {
  const [graph, patches, inversePatches] = produceWithPatches(history.graph, edit.recipe);
  if (patches.length === 0) return history;
  const revision = history.revision + 1;

  if (edit.history === 'ignore') {
    if (isStructural(patches)) return { graph, undoStack: [], redoStack: [], openMergeKey: null, revision };
    return { ...history, graph, revision };
  }

  const top = history.undoStack[history.undoStack.length - 1];
  if (edit.history === 'merge' && edit.mergeKey !== undefined && top !== undefined && history.openMergeKey === edit.mergeKey) {
    const merged: HistoryStep = {
      label: top.label,
      patches: compact([...top.patches, ...patches]),
      inversePatches: compact([...inversePatches, ...top.inversePatches]),
    };
    return { graph, undoStack: [...history.undoStack.slice(0, -1), merged], redoStack: [], openMergeKey: edit.mergeKey, revision };
  }

  const step: HistoryStep = { label: edit.label, patches, inversePatches };
  const undoStack = [...history.undoStack, step];
  if (undoStack.length > MAX_UNDO_STEPS) undoStack.splice(0, undoStack.length - MAX_UNDO_STEPS);
  const openMergeKey = edit.history === 'merge' && edit.mergeKey !== undefined ? edit.mergeKey : null;
  return { graph, undoStack, redoStack: [], openMergeKey, revision };
}

/** Places an undo stop: the open step (a finished drag) takes no more merges. */
export function mark(history: History): History {
  return history.openMergeKey === null ? history : { ...history, openMergeKey: null };
}

/** Steps back once; returns the same history when there is nothing to undo. */
export function undo(history: History): History {
  const step = history.undoStack[history.undoStack.length - 1];
  if (step === undefined) return mark(history);
  return {
    graph: applyPatches(history.graph, step.inversePatches as Patch[]),
    undoStack: history.undoStack.slice(0, -1),
    redoStack: [...history.redoStack, step],
    openMergeKey: null,
    revision: history.revision + 1,
  };
}

/** Steps forward once; returns the same history when there is nothing to redo. */
export function redo(history: History): History {
  const step = history.redoStack[history.redoStack.length - 1];
  if (step === undefined) return mark(history);
  return {
    graph: applyPatches(history.graph, step.patches as Patch[]),
    undoStack: [...history.undoStack, step],
    redoStack: history.redoStack.slice(0, -1),
    openMergeKey: null,
    revision: history.revision + 1,
  };
}

/** Whether there is a step to undo. */
export function canUndo(history: History): boolean {
  return history.undoStack.length > 0;
}

/** Whether there is a step to redo. */
export function canRedo(history: History): boolean {
  return history.redoStack.length > 0;
}

/** Label of the step `undo` would revert, if any. */
export function undoLabel(history: History): string | undefined {
  return history.undoStack[history.undoStack.length - 1]?.label;
}

/** Label of the step `redo` would replay, if any. */
export function redoLabel(history: History): string | undefined {
  return history.redoStack[history.redoStack.length - 1]?.label;
}

/** Whether patches add or remove items (or swap whole arrays), which shifts later indexes. */
function isStructural(patches: readonly Patch[]): boolean {
  return patches.some((p) => p.op !== 'replace' || Array.isArray(p.value));
}

/**
 * Shortens a merged patch list: when every patch replaces a value (a drag sets positions, a
 * slider sets one param) and no path lies inside another, only the last write to each path
 * matters. Anything else is kept as is, which is always correct, only longer.
 */
function compact(patches: readonly Patch[]): Patch[] {
  if (!patches.every((p) => p.op === 'replace')) return [...patches];
  const keys = patches.map((p) => p.path.join('\u0000'));
  const distinct = [...new Set(keys)];
  for (const a of distinct) {
    for (const b of distinct) if (a !== b && b.startsWith(`${a}\u0000`)) return [...patches];
  }
  const lastIndex = new Map<string, number>();
  keys.forEach((key, i) => lastIndex.set(key, i));
  return patches.filter((_, i) => lastIndex.get(keys[i]) === i);
}

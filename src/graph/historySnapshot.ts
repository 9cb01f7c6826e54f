/**
 * The undo history as storable data, so Ctrl+Z still works after a reload.
 *
 * A snapshot carries the steps (immer patches, plain JSON) and a fingerprint of the document
 * they belong to. Patches address array items by index, so a step replayed on any other
 * document would corrupt it: `restoreHistory` therefore refuses a snapshot unless the
 * fingerprint matches the restored document AND a dry run (undo every step, then redo every
 * step back, validating each intermediate document) lands exactly on the restored document.
 * A refused snapshot is dropped, never partly applied.
 */
import { type Patch, applyPatches, enablePatches } from 'immer';
import type { Graph } from './types';
import { type History, type HistoryStep, createHistory } from './history';
import { serializeGraph } from './serialize';

enablePatches();

/** What is stored beside the autosave. */
export interface HistorySnapshot {
  format: 'mixgraph-history';
  version: 1;
  /** `graphFingerprint` of the document the steps end at (the present). */
  fingerprint: string;
  /** Oldest first, like `History.undoStack`. */
  undo: HistoryStep[];
  /** Like `History.redoStack`: the next redo is last. */
  redo: HistoryStep[];
}

/** Bounds of a stored history. */
export interface SnapshotLimits {
  /** Most steps kept (undo + redo). */
  maxSteps: number;
  /** Most characters of JSON kept (localStorage counts UTF-16 code units). */
  maxChars: number;
}

/** Last 100 steps, at most 1 M characters: well inside a 5 MB localStorage quota beside the autosave. */
export const DEFAULT_SNAPSHOT_LIMITS: SnapshotLimits = { maxSteps: 100, maxChars: 1_000_000 };

/**
 * A short fingerprint of a document: FNV-1a (32 bit) over its canonical text plus the text's
 * length. Collisions only matter together with a passing dry run, which checks the steps too.
 */
export function graphFingerprint(graph: Graph): string {
  return textFingerprint(serializeGraph(graph));
}

/** `graphFingerprint` of a document already written by `serializeGraph` (`text`). */
export function textFingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `${text.length.toString(36)}-${hash.toString(36)}`;
}

/**
 * The storable form of a history, bounded: the oldest undo steps go first, then the furthest
 * redo steps, until both limits hold. Returns the snapshot and its JSON text.
 */
export function snapshotHistory(
  history: History,
  limits: SnapshotLimits = DEFAULT_SNAPSHOT_LIMITS,
  /** `serializeGraph(history.graph)` when the caller has it already (saves writing it twice). */
  graphText?: string,
): { snapshot: HistorySnapshot; text: string } {
  const undo = history.undoStack.map(plainStep);
  const redo = history.redoStack.map(plainStep);
  const sizes = (steps: HistoryStep[]) => steps.map((s) => JSON.stringify(s).length + 1);
  const undoSizes = sizes(undo);
  const redoSizes = sizes(redo);
  let total = undoSizes.reduce((a, b) => a + b, 0) + redoSizes.reduce((a, b) => a + b, 0);
  let undoStart = 0;
  let redoStart = 0;
  const count = () => undo.length - undoStart + redo.length - redoStart;
  while (count() > 0 && (count() > limits.maxSteps || total > limits.maxChars)) {
    // The step least likely to be wanted goes first: the oldest undo, else the furthest redo.
    if (undoStart < undo.length) total -= undoSizes[undoStart++];
    else total -= redoSizes[redoStart++];
  }
  const snapshot: HistorySnapshot = {
    format: 'mixgraph-history',
    version: 1,
    fingerprint: graphText !== undefined ? textFingerprint(graphText) : graphFingerprint(history.graph),
    undo: undo.slice(undoStart),
    redo: redo.slice(redoStart),
  };
  return { snapshot, text: JSON.stringify(snapshot) };
}

/** Why a snapshot was not restored, or the restored history. */
export type RestoreResult = { ok: true; history: History } | { ok: false; reason: string };

/**
 * Rebuilds a history whose present is `graph` from stored JSON (any value: it is untrusted).
 * `isValid` says whether an intermediate document would load (the caller passes the
 * importer). Never throws; a snapshot that does not fit `graph` exactly is refused whole.
 */
export function restoreHistory(graph: Graph, stored: unknown, isValid: (g: Graph) => boolean, revision = 0): RestoreResult {
  if (!isSnapshot(stored)) return { ok: false, reason: 'the stored history has an unknown shape' };
  if (stored.fingerprint !== graphFingerprint(graph)) return { ok: false, reason: 'the stored history belongs to another document' };
  try {
    // Undo every step, then redo them all: each document on the way must load, and the walk
    // must come back to the present exactly.
    let g = graph;
    for (let i = stored.undo.length - 1; i >= 0; i--) {
      g = applyPatches(g, stored.undo[i].inversePatches as Patch[]);
      if (!isValid(g)) return { ok: false, reason: `undo step ${i + 1} does not give a valid document` };
    }
    for (const step of stored.undo) g = applyPatches(g, step.patches as Patch[]);
    if (!sameValue(g, graph)) return { ok: false, reason: 'the undo steps do not lead back to the document' };
    g = graph;
    for (let i = stored.redo.length - 1; i >= 0; i--) {
      g = applyPatches(g, stored.redo[i].patches as Patch[]);
      if (!isValid(g)) return { ok: false, reason: `redo step ${stored.redo.length - i} does not give a valid document` };
    }
    for (const step of stored.redo) g = applyPatches(g, step.inversePatches as Patch[]);
    if (!sameValue(g, graph)) return { ok: false, reason: 'the redo steps do not lead back to the document' };
  } catch {
    return { ok: false, reason: 'the stored steps do not fit the document' };
  }
  return { ok: true, history: { ...createHistory(graph, revision), undoStack: stored.undo, redoStack: stored.redo } };
}

/** Deep equality of JSON data, ignoring key order (an undone key removal re-adds the key last). */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** A step as plain JSON data (immer may hand out frozen objects; JSON drops nothing we need). */
function plainStep(step: HistoryStep): HistoryStep {
  return { label: step.label, patches: step.patches, inversePatches: step.inversePatches };
}

function isPatch(value: unknown): value is Patch {
  if (typeof value !== 'object' || value === null) return false;
  const p = value as Partial<Patch>;
  return (p.op === 'add' || p.op === 'remove' || p.op === 'replace') && Array.isArray(p.path) && p.path.every((k) => typeof k === 'string' || typeof k === 'number');
}

function isStep(value: unknown): value is HistoryStep {
  if (typeof value !== 'object' || value === null) return false;
  const s = value as Partial<HistoryStep>;
  return typeof s.label === 'string' && Array.isArray(s.patches) && s.patches.every(isPatch) && Array.isArray(s.inversePatches) && s.inversePatches.every(isPatch);
}

function isSnapshot(value: unknown): value is HistorySnapshot {
  if (typeof value !== 'object' || value === null) return false;
  const s = value as Partial<HistorySnapshot>;
  return (
    s.format === 'mixgraph-history' &&
    s.version === 1 &&
    typeof s.fingerprint === 'string' &&
    Array.isArray(s.undo) &&
    s.undo.every(isStep) &&
    Array.isArray(s.redo) &&
    s.redo.every(isStep)
  );
}

/**
 * Commands on the document's whole-mix snapshots A–D (issue 16): store, recall, rename, clear.
 * Recalling is an ordinary edit of params and bypass states — one undo step — so the live engine
 * ramps every changed param and crossfades every bypass exactly as it does for a knob turn.
 */
import { type NodeSettings, captureSettings, setNodeSettings } from '../nodeSettings';
import type { Graph, SnapshotSlot } from '../types';
import { MAX_SNAPSHOT_NAME } from '../validateSnapshots';
import { type EditResult, type GraphEdit, makeEdit, refuse } from './edit';

/** The snapshot in `slot`, if one is stored. */
export function snapshotIn(graph: Graph, slot: SnapshotSlot) {
  return graph.snapshots?.find((s) => s.slot === slot);
}

function checkName(name: string): string | undefined {
  if (name.trim() === '') return 'A snapshot needs a name.';
  if (name.trim().length > MAX_SNAPSHOT_NAME) return `A snapshot name has at most ${MAX_SNAPSHOT_NAME} characters.`;
  return undefined;
}

/** Stores the current mix in `slot` (replacing what was there); the name defaults to the slot's. */
export function storeSnapshot(graph: Graph, slot: SnapshotSlot, name?: string): EditResult {
  const existing = snapshotIn(graph, slot);
  const chosen = (name ?? existing?.name ?? `Snapshot ${slot}`).trim();
  const problem = checkName(chosen);
  if (problem !== undefined) return refuse(problem);
  const nodes = captureSettings(graph);
  return {
    ok: true,
    edit: makeEdit(`Store snapshot ${slot}`, (draft) => {
      const list = draft.snapshots ?? (draft.snapshots = []);
      const at = list.findIndex((s) => s.slot === slot);
      const next = { slot, name: chosen, nodes };
      if (at >= 0) list[at] = next;
      else {
        list.push(next);
        list.sort((a, b) => a.slot.localeCompare(b.slot));
      }
    }),
  };
}

/**
 * Sets every node `nodes` names to its params and bypass (one undo step labelled `label`); see
 * `setNodeSettings`. Nodes added since keep their state; nodes deleted since are skipped. Never
 * refused.
 */
export function applySettings(label: string, nodes: NodeSettings): { ok: true; edit: GraphEdit } {
  return { ok: true, edit: makeEdit(label, (draft) => setNodeSettings(draft, nodes)) };
}

/** Recalls the snapshot in `slot`: `applySettings` with its stored settings. */
export function recallSnapshot(graph: Graph, slot: SnapshotSlot): EditResult {
  const snapshot = snapshotIn(graph, slot);
  if (snapshot === undefined) return refuse(`Snapshot ${slot} is empty: store the mix there first.`);
  return applySettings(`Recall snapshot ${slot} (${snapshot.name})`, snapshot.nodes);
}

/** Renames the snapshot in `slot`. */
export function renameSnapshot(graph: Graph, slot: SnapshotSlot, name: string): EditResult {
  if (snapshotIn(graph, slot) === undefined) return refuse(`Snapshot ${slot} is empty.`);
  const problem = checkName(name);
  if (problem !== undefined) return refuse(problem);
  return {
    ok: true,
    edit: makeEdit(`Rename snapshot ${slot}`, (draft) => {
      const snapshot = draft.snapshots?.find((s) => s.slot === slot);
      if (snapshot !== undefined) snapshot.name = name.trim();
    }),
  };
}

/** Empties `slot`. */
export function clearSnapshot(graph: Graph, slot: SnapshotSlot): EditResult {
  if (snapshotIn(graph, slot) === undefined) return refuse(`Snapshot ${slot} is already empty.`);
  return {
    ok: true,
    edit: makeEdit(`Clear snapshot ${slot}`, (draft) => {
      draft.snapshots = (draft.snapshots ?? []).filter((s) => s.slot !== slot);
      if (draft.snapshots.length === 0) delete draft.snapshots;
    }),
  };
}

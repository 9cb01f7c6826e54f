/**
 * Commands on the document's whole-mix snapshots A–D (issue 16): store, recall, rename, clear.
 * Recalling is an ordinary edit of params and bypass states — one undo step — so the live engine
 * ramps every changed param and crossfades every bypass exactly as it does for a knob turn.
 */
import { captureSnapshot } from '../snapshot';
import type { Graph, NodeSetting, SnapshotSlot } from '../types';
import { MAX_SNAPSHOT_NAME } from '../validateSnapshots';
import { type EditResult, makeEdit, refuse } from './edit';

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
  const { nodes } = captureSnapshot(graph);
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
 * Sets every node `nodes` names to its params and bypass (one undo step labelled `label`). Nodes
 * added since keep their state; nodes deleted since are skipped. Param by param, so immer keeps
 * unchanged values and the live diff sees only real changes (ramped, click-free).
 */
export function applySettings(label: string, nodes: Readonly<Record<string, NodeSetting>>): EditResult {
  return {
    ok: true,
    edit: makeEdit(label, (draft) => {
      for (const node of draft.nodes) {
        const setting = Object.prototype.hasOwnProperty.call(nodes, node.id) ? nodes[node.id] : undefined;
        if (setting === undefined) continue;
        for (const key of Object.keys(node.params)) if (!(key in setting.params)) delete node.params[key];
        for (const [key, value] of Object.entries(setting.params)) if (node.params[key] !== value) node.params[key] = value;
        if (setting.bypass && node.bypass !== true) node.bypass = true;
        if (!setting.bypass && node.bypass !== undefined) delete node.bypass;
      }
    }),
  };
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

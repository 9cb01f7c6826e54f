/**
 * A snapshot of a whole mix: every node's params and bypass state, nothing about layout or
 * wiring. Snapshots A–D in the editor, a lesson step's "load this setting" and ear-training's
 * hidden variants are all snapshots applied to the same graph. Pure.
 */
import { applyEdit } from './commands/edit';
import { applySettings } from './commands/snapshots';
import { captureSettings } from './nodeSettings';
import type { Graph, NodeSetting } from './types';

export type { NodeSetting } from './types';

/** Node id → its setting. Nodes a snapshot does not name keep their current state when applied. */
export interface Snapshot {
  nodes: Record<string, NodeSetting>;
}

/** Takes the current params and bypass of every node (fresh objects; the graph is not shared). */
export function captureSnapshot(graph: Graph): Snapshot {
  return { nodes: captureSettings(graph) };
}

/**
 * The graph with the snapshot's settings applied: the `applySettings` edit run outside history
 * (the same graph back when nothing changes). A snapshot's params replace the node's params whole
 * (a param the snapshot leaves out returns to its default, as it was when captured); ids the graph
 * no longer has are skipped and listed, so a caller can say which nodes were not found.
 */
export function applySnapshot(graph: Graph, snapshot: Snapshot): { graph: Graph; missing: string[] } {
  const ids = new Set(graph.nodes.map((n) => n.id));
  const missing = Object.keys(snapshot.nodes).filter((id) => !ids.has(id));
  return { graph: applyEdit(graph, applySettings('Apply snapshot', snapshot.nodes).edit), missing };
}

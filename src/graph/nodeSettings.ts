/**
 * Node settings: each node's params and bypass state, the part of a graph that snapshots A–D, a
 * lesson step's "load this setting" and ABX versions store (no layout, no wiring). Taking them and
 * the one recipe that sets them live here, below both `snapshot.ts` and the snapshot commands, so
 * neither imports the other's module for them. Pure.
 */
import type { Draft } from 'immer';
import type { Graph, NodeSetting } from './types';

/** Node id → its setting. */
export type NodeSettings = Readonly<Record<string, NodeSetting>>;

/** The current params and bypass of every node (fresh objects; the graph is not shared). */
export function captureSettings(graph: Graph): Record<string, NodeSetting> {
  const nodes: Record<string, NodeSetting> = {};
  for (const node of graph.nodes) nodes[node.id] = { params: { ...node.params }, bypass: node.bypass === true };
  return nodes;
}

/**
 * Sets every node `settings` names to its params and bypass, on an immer draft. A setting's params
 * replace the node's whole (a param it leaves out returns to its default, as it was when taken);
 * nodes it does not name keep their state; ids the graph no longer has are skipped. Param by
 * param, so immer keeps unchanged values and the live diff sees only real changes.
 */
export function setNodeSettings(draft: Draft<Graph>, settings: NodeSettings): void {
  for (const node of draft.nodes) {
    const setting = Object.prototype.hasOwnProperty.call(settings, node.id) ? settings[node.id] : undefined;
    if (setting === undefined) continue;
    for (const key of Object.keys(node.params)) if (!(key in setting.params)) delete node.params[key];
    for (const [key, value] of Object.entries(setting.params)) if (node.params[key] !== value) node.params[key] = value;
    if (setting.bypass && node.bypass !== true) node.bypass = true;
    if (!setting.bypass && node.bypass !== undefined) delete node.bypass;
  }
}

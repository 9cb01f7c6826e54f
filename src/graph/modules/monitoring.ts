/**
 * Mute and solo across module boundaries (docs/modules.md, "Mute, solo and bypass"). The live
 * engine runs the flattened graph, so the ids muted or soloed are flat ids: `vox/comp` for a node
 * inside the opened instance `vox`, `vox` for a whole instance (its nodes `vox/…` together), a
 * plain id at the top level. The rules are those of `silencedWires` (src/graph/monitoring.ts),
 * applied to the flattened graph:
 *
 * - a muted node silences its outgoing wires; a muted instance the wires leaving it;
 * - a soloed instance is every node inside it soloed, so what it is fed still reaches it.
 *
 * Like top-level mute and solo, none of this is in the document, a share link or a render.
 */
import type { Catalog } from '../catalog';
import { silencedWires } from '../monitoring';
import type { Graph } from '../types';
import { flattenModules, hasModuleInstances } from './flatten';
import { INSTANCE_SEPARATOR } from './types';

/** Flat node ids of the graph and the paths of every instance (`vox`, `vox/inner`). */
export function monitorableIds(flat: Pick<Graph, 'nodes'>): Set<string> {
  const ids = new Set<string>();
  for (const n of flat.nodes) {
    ids.add(n.id);
    for (let cut = n.id.indexOf(INSTANCE_SEPARATOR); cut > 0; cut = n.id.indexOf(INSTANCE_SEPARATOR, cut + 1)) ids.add(n.id.slice(0, cut));
  }
  return ids;
}

/** The flat nodes an id stands for: itself, or every node inside the instance it names. */
function nodesOf(flat: Pick<Graph, 'nodes'>, id: string): string[] {
  const inside = id + INSTANCE_SEPARATOR;
  return flat.nodes.filter((n) => n.id === id || n.id.startsWith(inside)).map((n) => n.id);
}

/**
 * Ids of the wires of the flattened graph to silence for the muted and soloed ids (flat node ids
 * or instance paths). A graph without instances gives exactly `silencedWires`.
 */
export function silencedFlatWires(graph: Graph, catalog: Catalog, muted: ReadonlySet<string>, soloed: ReadonlySet<string>): Set<string> {
  if (!hasModuleInstances(graph)) return silencedWires(graph, catalog, muted, soloed);
  const flattened = flattenModules(graph);
  if (!flattened.ok) return new Set();
  const flat = flattened.graph;
  const plainIds = new Set(flat.nodes.map((n) => n.id));
  const mutedPlain = new Set<string>();
  const groupSilenced = new Set<string>();
  for (const id of muted) {
    if (plainIds.has(id)) {
      mutedPlain.add(id);
      continue;
    }
    // A whole instance: the wires that leave it (its outputs), as for a muted plain node.
    const group = new Set(nodesOf(flat, id));
    for (const e of flat.edges) if (group.has(e.from.node) && !group.has(e.to.node)) groupSilenced.add(e.id);
  }
  const soloedFlat = new Set([...soloed].flatMap((id) => nodesOf(flat, id)));
  const silenced = silencedWires(flat, catalog, mutedPlain, soloedFlat);
  for (const id of groupSilenced) silenced.add(id);
  return silenced;
}

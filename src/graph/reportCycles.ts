/**
 * Wording of loops found in a node list: one error per strongly connected tangle, naming a
 * shortest loop and the wires to cut. Shared by the document's graph and each module definition.
 */
import { type IssueCollector, humanList } from './issues';
import { findCycles } from './topology';
import type { Wire } from './validateEdges';

/** One error per loop (one per strongly connected component), naming its nodes and wires. */
export function reportCycles(nodes: { id: string }[], wires: readonly Wire[], issues: IssueCollector, path = 'edges'): void {
  const cycles = findCycles({ nodes, edges: wires.map((w) => ({ from: { node: w.from }, to: { node: w.to } })) });
  if (cycles.length === 0) return;
  const wireByEnds = new Map<string, string>();
  for (const w of wires) {
    const key = JSON.stringify([w.from, w.to]);
    if (!wireByEnds.has(key)) wireByEnds.set(key, w.id);
  }
  for (const cycle of cycles) {
    const loop = [...cycle, cycle[0]];
    const wireIds: string[] = [];
    for (let i = 0; i + 1 < loop.length; i++) {
      const id = wireByEnds.get(JSON.stringify([loop[i], loop[i + 1]]));
      if (id !== undefined) wireIds.push(id);
    }
    issues.errorMessage(
      path,
      `${path === 'edges' ? '' : `${path}: `}cycle: ${loop.join(' → ')}; audio cannot flow in a loop, remove one of the wires ${humanList(wireIds)}`,
      { nodeId: cycle[0] },
    );
  }
}

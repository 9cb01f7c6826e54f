/**
 * Where a new node goes: in free space (never on top of another node — the first click-added
 * node used to hide the master), and, when one node is selected, next to it and wired after it
 * when that is unambiguous. Pure geometry and graph logic; the editor passes the nodes' sizes
 * (measured on screen, a default for the rest).
 */
import type { Catalog } from '../catalog';
import type { Graph, Position } from '../types';
import { type EditResult, combineEdits, applyEdit, nodeName } from './edit';
import { type NewNode, addNode } from './nodes';
import { connect } from './wires';
import { spliceNode } from './splice';

/** Width and height, canvas px. */
export interface BoxSize {
  width: number;
  height: number;
}

/** Node sizes by id, with a fallback for nodes not measured yet. */
export interface NodeSizes {
  get(id: string): BoxSize | undefined;
}

/** Empty space kept around a placed node, px. */
export const PLACEMENT_MARGIN = 20;

function boxesOf(graph: Graph, sizes: NodeSizes, fallback: BoxSize) {
  const boxes = graph.nodes.map((n) => ({ ...n.position, ...(sizes.get(n.id) ?? fallback) }));
  for (const note of graph.notes ?? []) boxes.push({ ...note.position, width: note.width, height: note.height });
  return boxes;
}

/**
 * The grid position nearest to `want` (top-left of a `size` box) where the box, grown by
 * `PLACEMENT_MARGIN`, overlaps no node or note. Searches rings of grid steps outwards, nearest
 * first (ties go right, then down, so chains grow to the right).
 */
export function freePosition(graph: Graph, want: Position, size: BoxSize, sizes: NodeSizes, grid: number): Position {
  const boxes = boxesOf(graph, sizes, size);
  const start = { x: Math.round(want.x / grid) * grid, y: Math.round(want.y / grid) * grid };
  const fits = (p: Position) =>
    boxes.every(
      (b) =>
        p.x + size.width + PLACEMENT_MARGIN <= b.x ||
        b.x + b.width + PLACEMENT_MARGIN <= p.x ||
        p.y + size.height + PLACEMENT_MARGIN <= b.y ||
        b.y + b.height + PLACEMENT_MARGIN <= p.y,
    );
  if (fits(start)) return start;
  let best: Position | undefined;
  let bestDistance = Infinity;
  for (let ring = 1; ring <= 60; ring++) {
    // Once a fit is found, a further ring cannot hold a nearer one (its nearest cell is ring·grid away).
    if (best !== undefined && ring * grid > bestDistance) break;
    for (let dy = -ring; dy <= ring; dy++) {
      for (let dx = -ring; dx <= ring; dx++) {
        if (Math.max(Math.abs(dx), Math.abs(dy)) !== ring) continue;
        const p = { x: start.x + dx * grid, y: start.y + dy * grid };
        const distance = Math.hypot(dx * grid, dy * grid);
        const better = distance < bestDistance || (distance === bestDistance && best !== undefined && (p.x > best.x || (p.x === best.x && p.y > best.y)));
        if (better && fits(p)) {
          best = p;
          bestDistance = distance;
        }
      }
    }
  }
  return best ?? start;
}

/** How `addNodeNear` treated the selected node. */
export type AfterMode = 'spliced' | 'wired' | 'placed';

/**
 * Adds a node next to `afterId` (to its right, in the nearest free space) and wires it after it
 * when that is unambiguous: the selected node has one output and either no wire out of it (the
 * new node is wired from it) or exactly one (the new node is spliced into that wire). With
 * several wires out, or a new node that cannot take the signal, it is only placed. One undo step.
 */
export function addNodeAfter(
  graph: Graph,
  catalog: Catalog,
  spec: NewNode,
  afterId: string,
  size: BoxSize,
  sizes: NodeSizes,
  grid: number,
  options: { masterType?: string } = {},
): EditResult<{ id: string; mode: AfterMode }> {
  const after = graph.nodes.find((n) => n.id === afterId);
  if (after === undefined) return { ok: false, reason: `There is no node "${afterId}".` };
  const afterSize = sizes.get(afterId) ?? size;
  const want = { x: after.position.x + afterSize.width + 2 * PLACEMENT_MARGIN, y: after.position.y };
  const position = freePosition(graph, want, size, sizes, grid);
  const added = addNode(graph, catalog, { ...spec, position }, options);
  if (!added.ok) return added;
  const placed = { ok: true as const, id: added.id, edit: added.edit, mode: 'placed' as AfterMode };
  const afterSpec = catalog.get(after.type);
  const newSpec = catalog.get(spec.type);
  if (afterSpec === undefined || newSpec === undefined || afterSpec.outputs.length !== 1 || newSpec.inputs.length === 0) return placed;
  const outgoing = graph.edges.filter((e) => e.from.node === afterId);
  const withNode = applyEdit(graph, added.edit);
  if (outgoing.length === 1 && newSpec.outputs.length > 0) {
    const spliced = spliceNode(withNode, catalog, added.id, outgoing[0].id);
    if (!spliced.ok) return placed;
    return { ok: true, id: added.id, mode: 'spliced', edit: combineEdits(`Add ${newSpec.label} after ${nodeName(graph, afterId)}`, [added.edit, spliced.edit]) };
  }
  if (outgoing.length === 0) {
    const input = newSpec.inputs[newSpec.mainInput ?? 0] ?? newSpec.inputs[0];
    const wired = connect(withNode, catalog, { node: afterId, port: afterSpec.outputs[0].id }, { node: added.id, port: input.id });
    if (!wired.ok) return placed;
    return { ok: true, id: added.id, mode: 'wired', edit: combineEdits(`Add ${newSpec.label} after ${nodeName(graph, afterId)}`, [added.edit, wired.edit]) };
  }
  return placed;
}

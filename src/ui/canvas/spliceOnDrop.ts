/**
 * Dropping a node on a wire splices it in (Node-RED does this): a node dragged from the palette,
 * or an existing node with one input and one output, released with the pointer over a wire.
 * The wire that would take the node is highlighted while dragging. The splice is one undo step
 * with the drag or the add; a refusal (a loop, a node without input or output) says why.
 */
import { type GraphEdit, addNode, applyEdit, combineEdits, spliceNode } from '../../graph/commands';
import type { Position } from '../../graph/types';
import { catalog, getNodeDefinition } from '../../nodes/registry';
import { MASTER_NODE_TYPE } from '../config';
import { dispatch, showNotice } from '../store/editorActions';
import { currentGraph, editorStore } from '../store/editorState';
import { defaultLabel, snap } from './addNodeAt';

const HIGHLIGHT = 'is-splice-target';

/** The wire under a client point (not one touching `excludeNode`), by its drawn interaction stroke. */
export function wireUnder(client: Position, excludeNode?: string): string | undefined {
  const graph = currentGraph();
  for (const element of document.elementsFromPoint(client.x, client.y)) {
    const id = element.closest('.react-flow__edge')?.getAttribute('data-id');
    if (id === null || id === undefined) continue;
    const edge = graph.edges.find((e) => e.id === id);
    if (edge !== undefined && edge.from.node !== excludeNode && edge.to.node !== excludeNode) return id;
  }
  return undefined;
}

let highlighted: string | undefined;

/** Marks the wire a drop would splice into (undefined clears the mark). */
export function highlightWire(id: string | undefined): void {
  if (id === highlighted) return;
  const selector = (edge: string) => `.react-flow__edge[data-id="${CSS.escape(edge)}"]`;
  if (highlighted !== undefined) document.querySelector(selector(highlighted))?.classList.remove(HIGHLIGHT);
  highlighted = id;
  if (id !== undefined) document.querySelector(selector(id))?.classList.add(HIGHLIGHT);
}

/** Whether an existing node may be spliced by dragging: one input and one output (Node-RED's rule of thumb). */
export function canSpliceByDrag(nodeId: string): boolean {
  const node = currentGraph().nodes.find((n) => n.id === nodeId);
  const spec = node === undefined ? undefined : catalog.get(node.type);
  return spec !== undefined && spec.inputs.length === 1 && spec.outputs.length === 1;
}

/**
 * At the end of a node drag: splices the node into the wire under the pointer, folded into the
 * drag's own undo step (the step is still open: the caller marks history afterwards).
 */
export function spliceDraggedNode(nodeId: string, client: Position | undefined): void {
  highlightWire(undefined);
  if (client === undefined || !canSpliceByDrag(nodeId)) return;
  const edgeId = wireUnder(client, nodeId);
  if (edgeId === undefined) return;
  const result = spliceNode(currentGraph(), catalog, nodeId, edgeId);
  if (!result.ok) {
    showNotice('refusal', result.reason);
    return;
  }
  const open = editorStore.get().history.openMergeKey;
  const edit: GraphEdit = open === null ? result.edit : { ...result.edit, history: 'merge', mergeKey: open };
  dispatch({ ok: true, edit }, { select: { nodes: [nodeId], edges: [], notes: [], groups: [] } });
}

/**
 * A palette drop at `at` (canvas coordinates, the node's top-left) with the pointer over
 * `edgeId`: adds the node and splices it in as one undo step. A refused splice still adds the
 * node where it was dropped and says why it was not put into the wire.
 */
export function addNodeIntoWire(type: string, at: Position, edgeId: string): void {
  highlightWire(undefined);
  const graph = currentGraph();
  const definition = getNodeDefinition(type);
  if (definition === undefined) return;
  const added = addNode(graph, catalog, { type, label: defaultLabel(graph, definition.label), position: snap(at) }, { masterType: MASTER_NODE_TYPE });
  if (!added.ok) {
    showNotice('refusal', added.reason);
    return;
  }
  const select = { nodes: [added.id], edges: [], notes: [], groups: [] };
  const spliced = spliceNode(applyEdit(graph, added.edit), catalog, added.id, edgeId);
  if (!spliced.ok) {
    dispatch(added, { select });
    showNotice('refusal', `Added ${definition.label}, but not into the wire: ${spliced.reason}`);
    return;
  }
  dispatch({ ok: true, edit: combineEdits(spliced.edit.label, [added.edit, spliced.edit]) }, { select });
}

/**
 * Splicing a node into a wire (Node-RED does this when a node is dropped on a wire): the wire
 * A → B becomes A → node → B. Only a node with an input and an output fits; the two new wires
 * are checked like any wire, so a loop or a duplicate is refused with the usual reason.
 */
import type { Catalog } from '../catalog';
import type { Graph } from '../types';
import { type EditResult, applyEdit, combineEdits, makeEdit, nodeName, refuse } from './edit';
import { connect } from './wires';
import { specOfNode } from '../modules/nodeSpec';

/** Splices node `nodeId` into wire `edgeId` as one edit (see the file comment). */
export function spliceNode(graph: Graph, catalog: Catalog, nodeId: string, edgeId: string): EditResult<{ edges: [string, string] }> {
  const node = graph.nodes.find((n) => n.id === nodeId);
  const edge = graph.edges.find((e) => e.id === edgeId);
  if (node === undefined) return refuse(`There is no node "${nodeId}".`);
  if (edge === undefined) return refuse(`There is no wire "${edgeId}".`);
  const spec = specOfNode(graph, catalog, node);
  const name = `"${nodeName(graph, nodeId)}"`;
  if (spec === undefined) return refuse(`${name} has an unknown type "${node.type}".`);
  if (spec.inputs.length === 0 || spec.outputs.length === 0) {
    return refuse(`${name} cannot go into a wire: only a node with an input and an output can (a ${spec.label.toLowerCase()} has ${spec.inputs.length === 0 ? 'no input' : 'no output'}).`);
  }
  if (edge.from.node === nodeId || edge.to.node === nodeId) return refuse(`${name} is already at an end of that wire.`);
  const input = spec.inputs[spec.mainInput ?? 0] ?? spec.inputs[0];
  const output = spec.outputs[0];
  const removeWire = makeEdit('Remove wire', (draft) => {
    draft.edges = draft.edges.filter((e) => e.id !== edgeId);
  });
  const without = applyEdit(graph, removeWire);
  const into = connect(without, catalog, edge.from, { node: nodeId, port: input.id }, { id: edgeId });
  if (!into.ok) return refuse(`Cannot put ${name} into that wire: ${into.reason}`);
  const outOf = connect(applyEdit(without, into.edit), catalog, { node: nodeId, port: output.id }, edge.to);
  if (!outOf.ok) return refuse(`Cannot put ${name} into that wire: ${outOf.reason}`);
  return {
    ok: true,
    edges: [into.id, outOf.id],
    edit: combineEdits(`Insert ${nodeName(graph, nodeId)} between ${nodeName(graph, edge.from.node)} and ${nodeName(graph, edge.to.node)}`, [removeWire, into.edit, outOf.edit]),
  };
}

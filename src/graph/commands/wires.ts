/**
 * Wiring commands. Every refusal says why in words a user can act on: into a node without an
 * input (a source), output to output, a duplicate, or a loop (naming the nodes it would close).
 */
import type { Catalog, NodeTypeSpec } from '../catalog';
import type { Graph, PortRef } from '../types';
import { wouldCreateCycle } from '../topology';
import { type EditResult, freshId, makeEdit, nodeName, plural, refuse, takenEdgeIds } from './edit';
import { specOfNode } from '../modules/nodeSpec';

/** One end of a wire being drawn: a port and whether it is an input or an output of its node. */
export interface HandleEnd {
  node: string;
  port: string;
  side: 'input' | 'output';
}

/** Options of `connect`. */
export interface ConnectOptions {
  /** Wanted edge id; made unique if taken. Defaults to `w1`, `w2`, … */
  id?: string;
}

/**
 * Checks a wire from an output port to an input port. Returns undefined when it is allowed,
 * else the reason it is refused.
 */
export function connectionProblem(graph: Graph, catalog: Catalog, from: PortRef, to: PortRef): string | undefined {
  const fromNode = graph.nodes.find((n) => n.id === from.node);
  const toNode = graph.nodes.find((n) => n.id === to.node);
  if (fromNode === undefined) return `There is no node "${from.node}".`;
  if (toNode === undefined) return `There is no node "${to.node}".`;
  const fromSpec = specOfNode(graph, catalog, fromNode);
  const toSpec = specOfNode(graph, catalog, toNode);
  if (fromSpec === undefined || toSpec === undefined) return 'One end of the wire has an unknown node type.';
  const fromName = quoteName(graph, from.node);
  const toName = quoteName(graph, to.node);
  if (fromSpec.outputs.length === 0) return `${fromName} (${fromSpec.label}) has no output to wire from.`;
  if (!fromSpec.outputs.some((p) => p.id === from.port)) return `${fromName} has no output "${from.port}".`;
  if (toSpec.inputs.length === 0) {
    return `${toName} is a ${fromLabel(toSpec)} with no input: it makes sound, nothing can be wired into it.`;
  }
  const toPort = toSpec.inputs.find((p) => p.id === to.port);
  if (toPort === undefined) return `${toName} has no input "${to.port}".`;
  if (from.node === to.node) return `${fromName} cannot be wired into itself: that would be a loop.`;
  const duplicate = graph.edges.some(
    (e) => e.from.node === from.node && e.from.port === from.port && e.to.node === to.node && e.to.port === to.port,
  );
  if (duplicate) return `${fromName} is already wired to ${toName}${toSpec.inputs.length > 1 ? ` (${toPort.label})` : ''}.`;
  const loop = wouldCreateCycle(graph, from.node, to.node);
  if (loop !== null) {
    // `loop` lists the nodes in wire order from the new wire's start; repeating the first name
    // shows the loop closing ("Bus → Delay → Bus").
    const names = [...loop, loop[0]].map((id) => nodeName(graph, id));
    return `That wire would make a loop: ${names.join(' → ')}. Audio cannot feed back into itself here.`;
  }
  return undefined;
}

/** Adds a wire from an output port to an input port, if `connectionProblem` allows it. */
export function connect(graph: Graph, catalog: Catalog, from: PortRef, to: PortRef, options: ConnectOptions = {}): EditResult<{ id: string }> {
  const problem = connectionProblem(graph, catalog, from, to);
  if (problem !== undefined) return refuse(problem);
  const id = freshId(options.id, 'w', takenEdgeIds(graph));
  const edge = { id, from: { node: from.node, port: from.port }, to: { node: to.node, port: to.port } };
  return {
    ok: true,
    id,
    edit: makeEdit(`Wire ${nodeName(graph, from.node)} → ${nodeName(graph, to.node)}`, (draft) => {
      draft.edges.push(edge);
    }),
  };
}

/**
 * Wires two handles in whichever order they were dragged: output→input and input→output both
 * work; two outputs or two inputs are refused with the reason.
 */
export function connectEnds(graph: Graph, catalog: Catalog, a: HandleEnd, b: HandleEnd, options: ConnectOptions = {}): EditResult<{ id: string }> {
  if (a.side === 'output' && b.side === 'input') return connect(graph, catalog, a, b, options);
  if (a.side === 'input' && b.side === 'output') return connect(graph, catalog, b, a, options);
  if (a.side === 'output') {
    return refuse(`Output to output: a wire runs from an output (right side of a node) to an input (left side), not between two outputs (${quoteName(graph, a.node)} → ${quoteName(graph, b.node)}).`);
  }
  return refuse(`Input to input: a wire runs from an output (right side of a node) to an input (left side), not between two inputs (${quoteName(graph, a.node)} → ${quoteName(graph, b.node)}).`);
}

/**
 * Wires a handle to a node dropped on as a whole (not on one of its ports): an output goes into
 * the node's main input, an input takes the node's first output.
 */
export function connectToNode(graph: Graph, catalog: Catalog, end: HandleEnd, nodeId: string, options: ConnectOptions = {}): EditResult<{ id: string }> {
  const node = graph.nodes.find((n) => n.id === nodeId);
  if (node === undefined) return refuse(`There is no node "${nodeId}".`);
  const spec = specOfNode(graph, catalog, node);
  if (spec === undefined) return refuse(`${quoteName(graph, nodeId)} has an unknown type "${node.type}".`);
  if (end.side === 'output') {
    const port = spec.inputs[spec.mainInput ?? 0] ?? spec.inputs[0];
    if (port === undefined) return connectionProblemResult(graph, catalog, end, { node: nodeId, port: '' });
    return connect(graph, catalog, end, { node: nodeId, port: port.id }, options);
  }
  const port = spec.outputs[0];
  if (port === undefined) {
    return refuse(`${quoteName(graph, nodeId)} (${spec.label}) has no output to wire from.`);
  }
  return connect(graph, catalog, { node: nodeId, port: port.id }, end, options);
}

function connectionProblemResult(graph: Graph, catalog: Catalog, from: PortRef, to: PortRef): { ok: false; reason: string } {
  return refuse(connectionProblem(graph, catalog, from, to) ?? 'That wire is not allowed.');
}

/** Removes wires by id. */
export function disconnect(graph: Graph, edgeIds: readonly string[]): EditResult {
  const ids = new Set(edgeIds.filter((id) => graph.edges.some((e) => e.id === id)));
  if (ids.size === 0) return refuse('No wire is selected.');
  return {
    ok: true,
    edit: makeEdit(`Delete ${plural(ids.size, 'wire')}`, (draft) => {
      draft.edges = draft.edges.filter((e) => !ids.has(e.id));
    }),
  };
}

function quoteName(graph: Graph, nodeId: string): string {
  return `"${nodeName(graph, nodeId)}"`;
}

function fromLabel(spec: NodeTypeSpec): string {
  return spec.label.toLowerCase();
}

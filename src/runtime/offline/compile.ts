/**
 * graph → plan: the processing order and the wiring both engines follow (DESIGN.md data flow).
 */
import type { Graph, GraphIssue } from '../../graph/types';
import { resolveParams } from '../../graph/catalog';
import { topologicalOrder } from '../../graph/topology';
import { flattenModules } from '../../graph/modules/flatten';
import { getNodeDefinition, MASTER_NODE_TYPE } from '../../nodes/registry';
import type { NodeDefinition } from '../../nodes/types';
import type { Plan, PlanNode, PlanWire } from './plan';

export type CompileResult = { ok: true; plan: Plan } | { ok: false; errors: GraphIssue[] };

/**
 * Compiles a validated graph. Module instances are flattened first (`flattenModules`, a separate
 * pure pass: inner ids become `instance/inner`, and `plan.graph` is the flat graph), so ordering
 * and latency compensation see one flat graph across module boundaries. Nodes whose output never
 * reaches the master are left out (they would only cost time), and reported in `plan.unused`.
 */
export function compile(
  document: Graph,
  definitionOf: (type: string) => NodeDefinition | undefined = getNodeDefinition,
): CompileResult {
  const flat = flattenModules(document);
  if (!flat.ok) return { ok: false, errors: flat.errors };
  const graph = flat.graph;
  const masters = graph.nodes.filter((n) => n.type === MASTER_NODE_TYPE);
  if (masters.length !== 1) {
    return fail('nodes', `the graph needs exactly one ${MASTER_NODE_TYPE} node; found ${masters.length}`);
  }
  const sorted = topologicalOrder(graph);
  if (!sorted.ok) {
    return fail('edges', `the wires form a cycle: ${[...sorted.cycle, sorted.cycle[0]].join(' → ')}`);
  }
  const master = masters[0].id;

  // Walk the wires backwards from the master: only what reaches it is processed.
  const feeds = new Map<string, string[]>();
  for (const e of graph.edges) {
    const list = feeds.get(e.to.node);
    if (list) list.push(e.from.node);
    else feeds.set(e.to.node, [e.from.node]);
  }
  const live = new Set<string>([master]);
  const stack = [master];
  while (stack.length > 0) {
    for (const up of feeds.get(stack.pop()!) ?? []) {
      if (!live.has(up)) {
        live.add(up);
        stack.push(up);
      }
    }
  }

  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const order = sorted.order.filter((id) => live.has(id));
  const indexOf = new Map(order.map((id, i) => [id, i]));
  const nodes: PlanNode[] = [];
  for (const id of order) {
    const node = byId.get(id)!;
    const definition = definitionOf(node.type);
    if (!definition) return fail(`nodes "${id}"`, `node "${id}": unknown node type "${node.type}"`, id);
    nodes.push({
      id,
      definition,
      params: resolveParams(definition, node.params),
      bypass: node.bypass === true,
      inputs: definition.inputs.map(() => [] as PlanWire[]),
    });
  }
  for (const e of graph.edges) {
    const to = indexOf.get(e.to.node);
    const from = indexOf.get(e.from.node);
    if (to === undefined || from === undefined) continue;
    const target = nodes[to];
    const port = target.definition.inputs.findIndex((p) => p.id === e.to.port);
    const fromPort = nodes[from].definition.outputs.findIndex((p) => p.id === e.from.port);
    if (port < 0 || fromPort < 0) {
      return fail(`edges "${e.id}"`, `wire "${e.id}": port "${e.to.port}" or "${e.from.port}" does not exist`, e.to.node);
    }
    target.inputs[port].push({ edgeId: e.id, fromNode: from, fromPort });
  }
  // Sum wires in a fixed order so float addition is deterministic whatever the file order.
  for (const n of nodes) for (const wires of n.inputs) wires.sort((a, b) => a.fromNode - b.fromNode || a.fromPort - b.fromPort);

  const unused = graph.nodes.filter((n) => !live.has(n.id)).map((n) => n.id).sort();
  return { ok: true, plan: { graph, nodes, master: indexOf.get(master)!, unused } };
}

function fail(path: string, message: string, nodeId?: string): CompileResult {
  return { ok: false, errors: [{ path, message, nodeId }] };
}

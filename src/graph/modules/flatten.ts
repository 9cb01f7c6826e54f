/**
 * Module instances → plain nodes: the pass `compile` and the live engine run first, so both
 * engines only ever see flat graphs (DESIGN.md "Version 2: modules").
 *
 * Each instance `vox` of a definition is replaced by copies of the definition's nodes with ids
 * `vox/<inner id>` (nested instances give `vox/strip/<id>`), inner wires become `vox/<wire id>`,
 * and a wire to or from the instance's port is re-attached to the inner port that port stands for.
 * The instance's promoted values are written into the inner params they stand for before a nested
 * instance is expanded, so promotion chains through any depth. A bypassed instance bypasses every
 * node inside it (each passes its main input through, latency kept).
 *
 * Pure: the input graph is never modified; the result shares no objects with it except params
 * values (primitives).
 */
import type { Graph, GraphEdge, GraphIssue, GraphNode, ParamValue, PortRef } from '../types';
import { INSTANCE_SEPARATOR, MODULE_NODE_TYPE, MODULE_PARAM, type ModuleDefinition } from './types';

export type FlattenResult = { ok: true; graph: Graph } | { ok: false; errors: GraphIssue[] };

/** Deepest nesting of module instances; deeper is refused (a loop always is, with its chain). */
export const MAX_MODULE_DEPTH = 32;

/**
 * Most nodes a flattened graph may have (the document limit, `MAX_NODES`). Nesting multiplies:
 * ten instances of a module holding ten instances of another… grows without bound, so the size is
 * counted before anything is expanded.
 */
export const MAX_FLAT_NODES = 20_000;

/**
 * How many plain nodes `nodes` expand to, counted per definition (memoised) without expanding;
 * `Infinity` past `MAX_FLAT_NODES`. Linear in the document size.
 */
export function expandedNodeCount(nodes: readonly GraphNode[], definitions: readonly ModuleDefinition[]): number {
  const byId = new Map(definitions.map((m) => [m.id, m]));
  const memo = new Map<string, number>();
  const visiting = new Set<string>();
  const sizeOf = (list: readonly GraphNode[]): number => {
    let total = 0;
    for (const n of list) {
      if (n.type !== MODULE_NODE_TYPE) total += 1;
      else {
        const id = String(n.params[MODULE_PARAM]);
        let size = memo.get(id);
        if (size === undefined) {
          const definition = byId.get(id);
          // An unknown definition or a loop counts nothing here: `expand` names them precisely.
          if (definition === undefined || visiting.has(id)) continue;
          visiting.add(id);
          size = sizeOf(definition.nodes);
          visiting.delete(id);
          memo.set(id, size);
        }
        total += size;
      }
      if (total > MAX_FLAT_NODES) return Infinity;
    }
    return total;
  };
  return sizeOf(nodes);
}

class FlattenError extends Error {
  constructor(readonly issue: GraphIssue) {
    super(issue.message);
  }
}

interface Level {
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** Flat end of each plain node's or instance's port at this level, by local node id. */
  inputOf(nodeId: string, port: string): PortRef | undefined;
  outputOf(nodeId: string, port: string): PortRef | undefined;
}

/**
 * The graph with every module instance replaced by its inner nodes. A graph without instances is
 * returned as it is (same object). Errors (an unknown definition, a definition that contains
 * itself, a wire to a port the definition does not have) name the instance path.
 */
export function flattenModules(graph: Graph): FlattenResult {
  if (!graph.nodes.some((n) => n.type === MODULE_NODE_TYPE)) {
    return { ok: true, graph };
  }
  const definitions = new Map((graph.modules ?? []).map((m) => [m.id, m]));
  const size = expandedNodeCount(graph.nodes, graph.modules ?? []);
  if (size > MAX_FLAT_NODES) {
    const message = `nodes: the module instances expand to more than ${MAX_FLAT_NODES} nodes; a graph may hold at most ${MAX_FLAT_NODES}`;
    return { ok: false, errors: [{ path: 'nodes', message }] };
  }
  try {
    const level = expand(graph.nodes, graph.edges, '', false, [], definitions, 'nodes');
    const { modules: _modules, ...rest } = graph;
    return { ok: true, graph: { ...rest, version: 1, nodes: level.nodes, edges: level.edges } };
  } catch (cause) {
    if (cause instanceof FlattenError) return { ok: false, errors: [cause.issue] };
    throw cause;
  }
}

/** Whether any node of the graph is a module instance. */
export function hasModuleInstances(graph: Pick<Graph, 'nodes'>): boolean {
  return graph.nodes.some((n) => n.type === MODULE_NODE_TYPE);
}

function expand(
  nodes: readonly GraphNode[],
  edges: readonly GraphEdge[],
  prefix: string,
  bypassAll: boolean,
  chain: readonly string[],
  definitions: ReadonlyMap<string, ModuleDefinition>,
  where: string,
): Level {
  const flatNodes: GraphNode[] = [];
  const flatEdges: GraphEdge[] = [];
  const instances = new Map<string, { inputs: Map<string, PortRef>; outputs: Map<string, PortRef> }>();
  const plain = new Set<string>();

  for (const node of nodes) {
    const id = prefix + node.id;
    if (node.type !== MODULE_NODE_TYPE) {
      plain.add(node.id);
      const bypass = bypassAll || node.bypass === true;
      flatNodes.push({ ...node, id, ...(bypass ? { bypass: true } : {}), params: { ...node.params } });
      continue;
    }
    const name = node.params[MODULE_PARAM];
    const definition = typeof name === 'string' ? definitions.get(name) : undefined;
    const at = `${where} ${JSON.stringify(id)}`;
    if (definition === undefined) {
      throw new FlattenError({ path: at, nodeId: rootOf(id), message: `${at}: module ${JSON.stringify(String(name))} is not defined in this document` });
    }
    if (chain.includes(definition.id) || chain.length >= MAX_MODULE_DEPTH) {
      const loop = [...chain, definition.id].join(' → ');
      throw new FlattenError({ path: at, nodeId: rootOf(id), message: `${at}: a module cannot contain itself: ${loop}` });
    }
    const inner = withPromotedValues(definition, node.params);
    const sub = expand(inner, definition.edges, id + INSTANCE_SEPARATOR, bypassAll || node.bypass === true, [...chain, definition.id], definitions, `modules[${JSON.stringify(definition.id)}].nodes`);
    flatNodes.push(...sub.nodes);
    flatEdges.push(...sub.edges);
    const ports = { inputs: new Map<string, PortRef>(), outputs: new Map<string, PortRef>() };
    for (const p of definition.inputs) {
      const end = sub.inputOf(p.node, p.port);
      if (end !== undefined) ports.inputs.set(p.id, end);
    }
    for (const p of definition.outputs) {
      const end = sub.outputOf(p.node, p.port);
      if (end !== undefined) ports.outputs.set(p.id, end);
    }
    instances.set(node.id, ports);
  }

  const inputOf = (nodeId: string, port: string): PortRef | undefined =>
    plain.has(nodeId) ? { node: prefix + nodeId, port } : instances.get(nodeId)?.inputs.get(port);
  const outputOf = (nodeId: string, port: string): PortRef | undefined =>
    plain.has(nodeId) ? { node: prefix + nodeId, port } : instances.get(nodeId)?.outputs.get(port);

  for (const edge of edges) {
    const from = outputOf(edge.from.node, edge.from.port);
    const to = inputOf(edge.to.node, edge.to.port);
    if (from === undefined || to === undefined) {
      const missing = from === undefined ? `${edge.from.node}.${edge.from.port}` : `${edge.to.node}.${edge.to.port}`;
      const at = `edges ${JSON.stringify(prefix + edge.id)}`;
      throw new FlattenError({ path: at, message: `${at}: port ${JSON.stringify(missing)} does not exist` });
    }
    flatEdges.push({ id: prefix + edge.id, from, to });
  }
  return { nodes: flatNodes, edges: flatEdges, inputOf, outputOf };
}

/** The definition's nodes with the instance's promoted values written into the inner params. */
export function withPromotedValues(definition: ModuleDefinition, values: Readonly<Record<string, ParamValue>>): GraphNode[] {
  const overrides = new Map<string, Record<string, ParamValue>>();
  for (const p of definition.params) {
    if (!Object.prototype.hasOwnProperty.call(values, p.key)) continue;
    let forNode = overrides.get(p.node);
    if (forNode === undefined) overrides.set(p.node, (forNode = {}));
    forNode[p.param] = values[p.key];
  }
  if (overrides.size === 0) return definition.nodes;
  return definition.nodes.map((n) => {
    const o = overrides.get(n.id);
    return o === undefined ? n : { ...n, params: { ...n.params, ...o } };
  });
}

/** The top-level instance an inner flat id belongs to (`vox/strip/eq` → `vox`). */
function rootOf(flatId: string): string {
  const cut = flatId.indexOf(INSTANCE_SEPARATOR);
  return cut < 0 ? flatId : flatId.slice(0, cut);
}

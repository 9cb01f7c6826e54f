/**
 * Graph → the state the live engine should be in: every node with its resolved params, bypass
 * and kernel latency, every wire with its plugin-delay-compensation delay, and the master's
 * latency. Pure data, computed the same way as the offline engine (`src/runtime/offline/engine.ts`):
 *
 *   arrival(n)      = inputArrival(n) + latency(n)             samples from the sources to n's output
 *   inputArrival(n) = max over wires w into n of arrival(from(w))   (0 for a node without inputs)
 *   delay(w)        = inputArrival(to(w)) − arrival(from(w))    so all inputs of a node line up
 *   masterLatency   = arrival(master)
 *
 * Unlike the offline plan, nodes that do not reach the master are kept (the editor meters and
 * probes them); they never change the timing of nodes that do, because arrival only looks
 * upstream.
 */
import type { ResolvedParams } from '../../graph/catalog';
import { resolveParams } from '../../graph/catalog';
import type { Graph } from '../../graph/types';
import { topologicalOrder } from '../../graph/topology';
import { flattenModules } from '../../graph/modules/flatten';
import { getNodeDefinition, MASTER_NODE_TYPE } from '../../nodes/registry';
import type { NodeDefinition } from '../../nodes/types';
import { LiveGraphError } from './errors';

/** A node as the live engine builds it. */
export interface LiveNodeState {
  id: string;
  type: string;
  params: ResolvedParams;
  bypass: boolean;
  /** Latency the node's kernel reports, whole samples ≥ 0. */
  latency: number;
  /** Number of input ports (the definition's `inputs`). */
  inputCount: number;
  /** Input port passed through when bypassed. */
  mainInput: number;
  /** Whether each input port has at least one wire (a compressor's sidechain switches on). */
  inputConnected: readonly boolean[];
}

/** A wire as the live engine builds it: port indices, and its compensation delay. */
export interface LiveWireState {
  /** The edge id. */
  id: string;
  from: string;
  /** Output port index on `from`. */
  fromPort: number;
  to: string;
  /** Input port index on `to`. */
  toPort: number;
  /** Compensation delay, whole samples ≥ 0. */
  delay: number;
}

/** Everything the live graph should be, for one document. */
export interface LiveState {
  /** Node ids in topological order (Kahn, ties by id), every node of the graph. */
  order: readonly string[];
  nodes: ReadonlyMap<string, LiveNodeState>;
  /** Wires by edge id, in the order of `graph.edges`. */
  wires: ReadonlyMap<string, LiveWireState>;
  /** The one `output` node, or null when the graph has none or several. */
  master: string | null;
  /** Samples by which the master lags the sources (0 without a master). */
  masterLatency: number;
}

/** Kernel latency of a node type with given params, in samples. */
export type LatencyOf = (definition: NodeDefinition, params: ResolvedParams) => number;

/** How `liveState` learns latencies and node types. */
export interface LiveStateOptions {
  latencyOf: LatencyOf;
  /** Node types (the registry by default; tests pass fakes). */
  definitionOf?: (type: string) => NodeDefinition | undefined;
  /** Type of the master node (default: the registry's `output`). */
  masterType?: string;
}

/**
 * Computes the live state of a validated graph. Module instances are flattened first (inner nodes
 * become `instance/inner`), so an edit of a definition is one diff over every instance's nodes.
 * @throws LiveGraphError naming the nodes of a cycle, an unknown type or a wire to a missing port.
 */
export function liveState(document: Graph, options: LiveStateOptions): LiveState {
  const flat = flattenModules(document);
  if (!flat.ok) throw new LiveGraphError(flat.errors);
  const graph = flat.graph;
  const definitionOf = options.definitionOf ?? getNodeDefinition;
  const masterType = options.masterType ?? MASTER_NODE_TYPE;
  const sorted = topologicalOrder(graph);
  if (!sorted.ok) {
    throw new LiveGraphError([
      { path: 'edges', nodeId: sorted.cycle[0], message: `the wires form a cycle: ${[...sorted.cycle, sorted.cycle[0]].join(' → ')}` },
    ]);
  }
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const definitions = new Map<string, NodeDefinition>();
  for (const node of graph.nodes) {
    const definition = definitionOf(node.type);
    if (!definition) {
      throw new LiveGraphError([{ path: `nodes "${node.id}"`, nodeId: node.id, message: `node "${node.id}": unknown node type "${node.type}"` }]);
    }
    definitions.set(node.id, definition);
  }

  const wires = new Map<string, LiveWireState>();
  const into = new Map<string, LiveWireState[]>();
  for (const e of graph.edges) {
    const fromDef = definitions.get(e.from.node);
    const toDef = definitions.get(e.to.node);
    const fromPort = fromDef?.outputs.findIndex((p) => p.id === e.from.port) ?? -1;
    const toPort = toDef?.inputs.findIndex((p) => p.id === e.to.port) ?? -1;
    if (fromPort < 0 || toPort < 0) {
      throw new LiveGraphError([
        { path: `edges "${e.id}"`, nodeId: e.to.node, message: `wire "${e.id}": port "${e.from.node}.${e.from.port}" or "${e.to.node}.${e.to.port}" does not exist` },
      ]);
    }
    const wire: LiveWireState = { id: e.id, from: e.from.node, fromPort, to: e.to.node, toPort, delay: 0 };
    wires.set(e.id, wire);
    const list = into.get(e.to.node);
    if (list) list.push(wire);
    else into.set(e.to.node, [wire]);
  }

  const nodes = new Map<string, LiveNodeState>();
  const arrival = new Map<string, number>();
  for (const id of sorted.order) {
    const node = byId.get(id)!;
    const definition = definitions.get(id)!;
    const params = resolveParams(definition, node.params);
    const latency = Math.max(0, Math.round(options.latencyOf(definition, params)));
    const incoming = into.get(id) ?? [];
    let inputArrival = 0;
    for (const w of incoming) inputArrival = Math.max(inputArrival, arrival.get(w.from) ?? 0);
    for (const w of incoming) w.delay = inputArrival - (arrival.get(w.from) ?? 0);
    arrival.set(id, inputArrival + latency);
    const inputConnected = definition.inputs.map((_, port) => incoming.some((w) => w.toPort === port));
    nodes.set(id, {
      id,
      type: node.type,
      params,
      bypass: node.bypass === true,
      latency,
      inputCount: definition.inputs.length,
      mainInput: definition.mainInput ?? 0,
      inputConnected,
    });
  }

  const masters = graph.nodes.filter((n) => n.type === masterType);
  const master = masters.length === 1 ? masters[0].id : null;
  return {
    order: sorted.order,
    nodes,
    wires,
    master,
    masterLatency: master === null ? 0 : (arrival.get(master) ?? 0),
  };
}

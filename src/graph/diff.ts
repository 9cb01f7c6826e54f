/**
 * "What changed" between two graphs, in words a student reads aloud: "Vocals comp: Threshold
 * −24 dB → −30 dB", "Drum crush: bypassed", "new wire Vocals → Reverb send". Pure; the editor's
 * snapshot compare and `mixgraph diff` both call it.
 *
 * What counts as a change is what changes the sound or the patch: params (compared after defaults
 * are filled in, so a sparse and an explicit default are the same), bypass, nodes added or removed,
 * a node's type, wires (compared by their ends, never by wire id) and a node's name. Positions,
 * notes and groups are layout, not sound, and are left out.
 *
 * Module instances are read through their definition's spec (`specOfNode`), so a promoted value
 * reads with the promoted label and unit ("Vocals strip: Threshold −28 dB → −40 dB"); edits inside
 * a definition are listed by `diffDefinitions`, naming the module and the inner node.
 */
import { type Catalog, type NodeTypeSpec, type ParamSpec, resolveParams } from './catalog';
import { diffDefinitions } from './modules/diffDefinitions';
import { specOfNode } from './modules/nodeSpec';
import { formatParamValue } from './paramText';
import type { Graph, GraphEdge, GraphNode, ParamValue, PortRef } from './types';

/** The module definition an inner change happened in, and the instances it reaches. */
export interface ChangeModuleScope {
  /** Definition id. */
  id: string;
  /** Definition name (in graph B). */
  name: string;
  /** Top-level instances of the definition in graph B (what the canvas highlights). */
  instances: string[];
}

interface ChangeBase {
  /** The sentence shown to people. */
  text: string;
  /** Set when the change is inside a module definition; its node ids are then inner ids. */
  module?: ChangeModuleScope;
}

/** One difference between graph A and graph B. */
export type GraphChange =
  | (ChangeBase & { kind: 'param'; nodeId: string; param: string; from: ParamValue; to: ParamValue })
  | (ChangeBase & { kind: 'bypass'; nodeId: string; from: boolean; to: boolean })
  | (ChangeBase & { kind: 'label'; nodeId: string; from: string; to: string })
  | (ChangeBase & { kind: 'node-added' | 'node-removed'; nodeId: string; type: string })
  | (ChangeBase & { kind: 'wire-added' | 'wire-removed'; from: PortRef; to: PortRef })
  | (ChangeBase & { kind: 'module'; module: ChangeModuleScope });

/**
 * The canvas nodes a change is about (for highlighting): for a change inside a module, the
 * instances of that module; else the node or both ends of the wire.
 */
export function changedNodeIds(changes: readonly GraphChange[]): string[] {
  const ids = new Set<string>();
  for (const change of changes) {
    if (change.module !== undefined) for (const id of change.module.instances) ids.add(id);
    else if ('nodeId' in change) ids.add(change.nodeId);
    else if (change.kind === 'wire-added' || change.kind === 'wire-removed') {
      ids.add(change.from.node);
      ids.add(change.to.node);
    }
  }
  return [...ids];
}

/** The nodes and wires one diff compares: a graph's top level or one module definition's inside. */
export interface DiffScope {
  nodes: readonly GraphNode[];
  edges: readonly GraphEdge[];
}

/** How a scope's changes are looked up and worded. */
export interface DiffContext {
  /** Spec of a node of side A / side B (catalog type or module instance). */
  specA: (node: GraphNode) => NodeTypeSpec | undefined;
  specB: (node: GraphNode) => NodeTypeSpec | undefined;
  /** Put before a node's name (`Channel strip › `); empty at the top level. */
  namePrefix: string;
  /** Put before sentences about the scope as a whole (`Channel strip: `); empty at the top level. */
  scopePrefix: string;
  /** Put after a sentence that changes the sound; `param` is set for a param change. */
  reach: (nodeId: string | undefined, param?: string) => string;
  module?: ChangeModuleScope;
}

/** The name people see for a node: its label, else its type's label, else its id. */
function nodeName(node: GraphNode, spec: NodeTypeSpec | undefined): string {
  const label = node.label?.trim();
  if (label !== undefined && label !== '') return label;
  return spec?.label ?? node.id;
}

/** `Drums` or `Ducker (Sidechain)`: a port is named only when it is not the node's first one. */
function endName(scope: DiffScope, ref: PortRef, side: 'inputs' | 'outputs', specOf: DiffContext['specA']): string {
  const node = scope.nodes.find((n) => n.id === ref.node);
  if (node === undefined) return ref.node;
  const spec = specOf(node);
  const ports = spec?.[side] ?? [];
  const index = ports.findIndex((p) => p.id === ref.port);
  const name = nodeName(node, spec);
  return index === 0 ? name : `${name} (${ports[index]?.label ?? ref.port})`;
}

function wireKey(edge: GraphEdge): string {
  return JSON.stringify([edge.from.node, edge.from.port, edge.to.node, edge.to.port]);
}

function sameValue(a: ParamValue | undefined, b: ParamValue | undefined): boolean {
  return a === b || (typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b));
}

/** A value as the inspector writes it (`−24 dB`, `4:1`), or as JSON when its spec is unknown. */
export function valueText(spec: ParamSpec | undefined, value: ParamValue): string {
  return spec !== undefined ? formatParamValue(spec, value) : JSON.stringify(value);
}

/** The params of a node with defaults filled in where its type is known. */
function fullParams(node: GraphNode, spec: NodeTypeSpec | undefined): Record<string, ParamValue> {
  return spec !== undefined ? { ...node.params, ...resolveParams(spec, node.params) } : { ...node.params };
}

function paramChanges(a: GraphNode, b: GraphNode, context: DiffContext): GraphChange[] {
  // B's spec fills both sides' defaults: a default that moved with the definition is the
  // definition's change (listed once, there), not every instance's.
  const spec = context.specB(b);
  const before = fullParams(a, spec);
  const after = fullParams(b, spec);
  // Spec order first (the inspector's order), then any key the spec does not know.
  const keys = [...(spec?.params.map((p) => p.key) ?? []), ...Object.keys(before), ...Object.keys(after)];
  const name = context.namePrefix + nodeName(b, spec);
  const out: GraphChange[] = [];
  for (const key of new Set(keys)) {
    const from = before[key];
    const to = after[key];
    if (from === undefined || to === undefined || sameValue(from, to)) continue;
    const paramSpec = spec?.params.find((p) => p.key === key);
    const label = paramSpec?.label ?? key;
    out.push({
      kind: 'param',
      nodeId: b.id,
      param: key,
      from,
      to,
      text: `${name}: ${label} ${valueText(paramSpec, from)} → ${valueText(paramSpec, to)}${context.reach(b.id, key)}`,
      ...scoped(context),
    });
  }
  return out;
}

function scoped(context: DiffContext): { module?: ChangeModuleScope } {
  return context.module !== undefined ? { module: context.module } : {};
}

/**
 * The node and wire changes that turn scope `a` into scope `b`, in B's node order (then nodes only
 * A had), then wires.
 */
export function diffScope(a: DiffScope, b: DiffScope, context: DiffContext): GraphChange[] {
  const changes: GraphChange[] = [];
  const inA = new Map(a.nodes.map((n) => [n.id, n]));
  const inB = new Map(b.nodes.map((n) => [n.id, n]));
  const { namePrefix, scopePrefix } = context;
  const extra = scoped(context);
  const typeOf = (node: GraphNode, spec: NodeTypeSpec | undefined) => spec?.label.toLowerCase() ?? node.type;
  const removed = (before: GraphNode): GraphChange => {
    const spec = context.specA(before);
    const text = `${scopePrefix}removed ${nodeName(before, spec)} (${typeOf(before, spec)})${context.reach(undefined)}`;
    return { kind: 'node-removed', nodeId: before.id, type: before.type, text, ...extra };
  };

  for (const after of b.nodes) {
    const before = inA.get(after.id);
    const spec = context.specB(after);
    const name = nodeName(after, spec);
    // Same id, another type: a different node took the place, not an edit of the old one.
    if (before === undefined || before.type !== after.type) {
      if (before !== undefined) changes.push(removed(before));
      const text = `${scopePrefix}added ${name} (${typeOf(after, spec)})${context.reach(undefined)}`;
      changes.push({ kind: 'node-added', nodeId: after.id, type: after.type, text, ...extra });
      continue;
    }
    const oldName = nodeName(before, context.specA(before));
    if (oldName !== name) {
      changes.push({ kind: 'label', nodeId: after.id, from: oldName, to: name, text: `${namePrefix}${oldName}: renamed to ${name}`, ...extra });
    }
    const wasBypassed = before.bypass === true;
    const isBypassed = after.bypass === true;
    if (wasBypassed !== isBypassed) {
      const text = `${namePrefix}${name}: ${isBypassed ? 'bypassed' : 'back in (bypass off)'}${context.reach(after.id)}`;
      changes.push({ kind: 'bypass', nodeId: after.id, from: wasBypassed, to: isBypassed, text, ...extra });
    }
    changes.push(...paramChanges(before, after, context));
  }
  for (const before of a.nodes) if (!inB.has(before.id)) changes.push(removed(before));

  const wiresA = new Map(a.edges.map((e) => [wireKey(e), e]));
  const wiresB = new Map(b.edges.map((e) => [wireKey(e), e]));
  for (const [key, edge] of wiresB) {
    if (wiresA.has(key)) continue;
    const text = `${scopePrefix}new wire ${endName(b, edge.from, 'outputs', context.specB)} → ${endName(b, edge.to, 'inputs', context.specB)}${context.reach(undefined)}`;
    changes.push({ kind: 'wire-added', from: { ...edge.from }, to: { ...edge.to }, text, ...extra });
  }
  for (const [key, edge] of wiresA) {
    if (wiresB.has(key)) continue;
    const text = `${scopePrefix}wire removed ${endName(a, edge.from, 'outputs', context.specA)} → ${endName(a, edge.to, 'inputs', context.specA)}${context.reach(undefined)}`;
    changes.push({ kind: 'wire-removed', from: { ...edge.from }, to: { ...edge.to }, text, ...extra });
  }
  return changes;
}

/**
 * Every change that turns graph `a` into graph `b`: the top level (in B's node order, then nodes
 * only A had, then wires), then the edits inside module definitions. Two graphs that sound and
 * patch the same give an empty list.
 */
export function diffGraphs(a: Graph, b: Graph, catalog: Catalog): GraphChange[] {
  const context: DiffContext = {
    specA: (node) => specOfNode(a, catalog, node),
    specB: (node) => specOfNode(b, catalog, node),
    namePrefix: '',
    scopePrefix: '',
    reach: () => '',
  };
  return [...diffScope(a, b, context), ...diffDefinitions(a, b, catalog, diffScope)];
}

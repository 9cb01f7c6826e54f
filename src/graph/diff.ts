/**
 * "What changed" between two graphs, in words a student reads aloud: "Vocals comp: Threshold
 * −24 dB → −30 dB", "Drum crush: bypassed", "new wire Vocals → Reverb send". Pure; the editor's
 * snapshot compare and `mixgraph diff` both call it.
 *
 * What counts as a change is what changes the sound or the patch: params (compared after defaults
 * are filled in, so a sparse and an explicit default are the same), bypass, nodes added or removed,
 * a node's type, wires (compared by their ends, never by wire id) and a node's name. Positions,
 * notes and groups are layout, not sound, and are left out.
 */
import { type Catalog, type NodeTypeSpec, type ParamSpec, resolveParams } from './catalog';
import { formatParamValue } from './paramText';
import type { Graph, GraphEdge, GraphNode, ParamValue, PortRef } from './types';

interface ChangeBase {
  /** The sentence shown to people. */
  text: string;
}

/** One difference between graph A and graph B. */
export type GraphChange =
  | (ChangeBase & { kind: 'param'; nodeId: string; param: string; from: ParamValue; to: ParamValue })
  | (ChangeBase & { kind: 'bypass'; nodeId: string; from: boolean; to: boolean })
  | (ChangeBase & { kind: 'label'; nodeId: string; from: string; to: string })
  | (ChangeBase & { kind: 'node-added' | 'node-removed'; nodeId: string; type: string })
  | (ChangeBase & { kind: 'wire-added' | 'wire-removed'; from: PortRef; to: PortRef });

/** The nodes a change is about (for highlighting on the canvas): ids present in graph B first. */
export function changedNodeIds(changes: readonly GraphChange[]): string[] {
  const ids = new Set<string>();
  for (const change of changes) {
    if ('nodeId' in change) ids.add(change.nodeId);
    else {
      ids.add(change.from.node);
      ids.add(change.to.node);
    }
  }
  return [...ids];
}

/** The name people see for a node: its label, else its type's label, else its id. */
function nodeName(node: GraphNode, catalog: Catalog): string {
  const label = node.label?.trim();
  if (label !== undefined && label !== '') return label;
  return catalog.get(node.type)?.label ?? node.id;
}

/** `Drums` or `Ducker (Sidechain)`: a port is named only when it is not the node's first one. */
function endName(graph: Graph, ref: PortRef, side: 'inputs' | 'outputs', catalog: Catalog): string {
  const node = graph.nodes.find((n) => n.id === ref.node);
  if (node === undefined) return ref.node;
  const spec = catalog.get(node.type);
  const ports = spec?.[side] ?? [];
  const index = ports.findIndex((p) => p.id === ref.port);
  const name = nodeName(node, catalog);
  return index === 0 ? name : `${name} (${ports[index]?.label ?? ref.port})`;
}

function wireKey(edge: GraphEdge): string {
  return JSON.stringify([edge.from.node, edge.from.port, edge.to.node, edge.to.port]);
}

function sameValue(a: ParamValue | undefined, b: ParamValue | undefined): boolean {
  return a === b || (typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b));
}

function valueText(spec: ParamSpec | undefined, value: ParamValue): string {
  return spec !== undefined ? formatParamValue(spec, value) : JSON.stringify(value);
}

/** The params of a node with defaults filled in where its type is known. */
function fullParams(node: GraphNode, spec: NodeTypeSpec | undefined): Record<string, ParamValue> {
  return spec !== undefined ? { ...node.params, ...resolveParams(spec, node.params) } : { ...node.params };
}

function paramChanges(a: GraphNode, b: GraphNode, catalog: Catalog): GraphChange[] {
  const spec = catalog.get(b.type);
  const before = fullParams(a, spec);
  const after = fullParams(b, spec);
  // Catalog order first (the inspector's order), then any key the catalog does not know.
  const keys = [...(spec?.params.map((p) => p.key) ?? []), ...Object.keys(before), ...Object.keys(after)];
  const name = nodeName(b, catalog);
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
      text: `${name}: ${label} ${valueText(paramSpec, from)} → ${valueText(paramSpec, to)}`,
    });
  }
  return out;
}

/**
 * Every change that turns graph `a` into graph `b`, in B's node order (then nodes only A had),
 * then wires. Two graphs that sound and patch the same give an empty list.
 */
export function diffGraphs(a: Graph, b: Graph, catalog: Catalog): GraphChange[] {
  const changes: GraphChange[] = [];
  const inA = new Map(a.nodes.map((n) => [n.id, n]));
  const inB = new Map(b.nodes.map((n) => [n.id, n]));
  const typeOf = (node: GraphNode) => catalog.get(node.type)?.label.toLowerCase() ?? node.type;

  for (const after of b.nodes) {
    const before = inA.get(after.id);
    const name = nodeName(after, catalog);
    // Same id, another type: a different node took the place, not an edit of the old one.
    if (before === undefined || before.type !== after.type) {
      if (before !== undefined) {
        changes.push({ kind: 'node-removed', nodeId: before.id, type: before.type, text: `removed ${nodeName(before, catalog)} (${typeOf(before)})` });
      }
      changes.push({ kind: 'node-added', nodeId: after.id, type: after.type, text: `added ${name} (${typeOf(after)})` });
      continue;
    }
    const oldName = nodeName(before, catalog);
    if (oldName !== name) changes.push({ kind: 'label', nodeId: after.id, from: oldName, to: name, text: `${oldName}: renamed to ${name}` });
    const wasBypassed = before.bypass === true;
    const isBypassed = after.bypass === true;
    if (wasBypassed !== isBypassed) {
      changes.push({ kind: 'bypass', nodeId: after.id, from: wasBypassed, to: isBypassed, text: `${name}: ${isBypassed ? 'bypassed' : 'back in (bypass off)'}` });
    }
    changes.push(...paramChanges(before, after, catalog));
  }
  for (const before of a.nodes) {
    if (!inB.has(before.id)) changes.push({ kind: 'node-removed', nodeId: before.id, type: before.type, text: `removed ${nodeName(before, catalog)} (${typeOf(before)})` });
  }

  const wiresA = new Map(a.edges.map((e) => [wireKey(e), e]));
  const wiresB = new Map(b.edges.map((e) => [wireKey(e), e]));
  for (const [key, edge] of wiresB) {
    if (wiresA.has(key)) continue;
    const text = `new wire ${endName(b, edge.from, 'outputs', catalog)} → ${endName(b, edge.to, 'inputs', catalog)}`;
    changes.push({ kind: 'wire-added', from: { ...edge.from }, to: { ...edge.to }, text });
  }
  for (const [key, edge] of wiresA) {
    if (wiresB.has(key)) continue;
    const text = `wire removed ${endName(a, edge.from, 'outputs', catalog)} → ${endName(a, edge.to, 'inputs', catalog)}`;
    changes.push({ kind: 'wire-removed', from: { ...edge.from }, to: { ...edge.to }, text });
  }
  return changes;
}

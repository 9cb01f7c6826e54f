/**
 * "What changed" inside module definitions (issue 14): an edit to a definition reaches every
 * instance, so it is listed once, naming the module and the inner node, with how many instances it
 * reaches — `Channel strip › Compressor: Ratio 4:1 → 6:1 (all 5 instances)`. An inner param that
 * is promoted reaches only the instances that do not set their own value, and says so. Besides
 * the inner nodes and wires: the definition's name, its ports and the params on its face.
 * Description, version and layout are not sound and are left out, as at the top level.
 */
import type { Catalog, NodeTypeSpec } from '../catalog';
import type { ChangeModuleScope, DiffContext, DiffScope, GraphChange } from '../diff';
import type { Graph, GraphNode } from '../types';
import { specOfNode } from './nodeSpec';
import { MODULE_NODE_TYPE, MODULE_PARAM, type ModuleDefinition, type ModulePort, type PromotedParam } from './types';

/** Looks up the spec of a node of one side (catalog type or module instance). */
type SpecOf = (node: GraphNode) => NodeTypeSpec | undefined;

/** Diffs one scope's nodes and wires (`diffScope` of `graph/diff.ts`, passed in to keep imports one-way). */
export type ScopeDiffer = (a: DiffScope, b: DiffScope, context: DiffContext) => GraphChange[];

/** One instance of a definition somewhere in a graph: on the canvas, or inside another definition. */
interface InstanceRef {
  node: GraphNode;
  /** Name for people: `Vocals strip`, or `Bus strip › Inner strip` when nested. */
  name: string;
  /** The definition it sits in; undefined on the canvas. */
  inside?: string;
}

function instanceName(node: GraphNode): string {
  const label = node.label?.trim();
  return label !== undefined && label !== '' ? label : node.id;
}

/** Every instance of every definition in `graph`, by definition id. */
function instancesByDefinition(graph: Graph): Map<string, InstanceRef[]> {
  const out = new Map<string, InstanceRef[]>();
  const add = (node: GraphNode, inside: ModuleDefinition | undefined) => {
    if (node.type !== MODULE_NODE_TYPE) return;
    const id = String(node.params[MODULE_PARAM]);
    const list = out.get(id) ?? [];
    const name = inside === undefined ? instanceName(node) : `${inside.name} › ${instanceName(node)}`;
    list.push(inside === undefined ? { node, name } : { node, name, inside: inside.id });
    out.set(id, list);
  };
  for (const node of graph.nodes) add(node, undefined);
  for (const definition of graph.modules ?? []) for (const node of definition.nodes) add(node, definition);
  return out;
}

/** Canvas instances that play `id`, directly or through definitions that contain it. */
function canvasInstances(id: string, instances: Map<string, InstanceRef[]>, seen = new Set<string>()): string[] {
  if (seen.has(id)) return [];
  seen.add(id);
  const out: string[] = [];
  for (const ref of instances.get(id) ?? []) {
    if (ref.inside === undefined) out.push(ref.node.id);
    else out.push(...canvasInstances(ref.inside, instances, seen));
  }
  return out;
}

/** `(all 5 instances)`, `(its 1 instance)`, `(no instances)`. */
function everyInstance(count: number): string {
  if (count === 0) return ' (no instances)';
  return count === 1 ? ' (its 1 instance)' : ` (all ${count} instances)`;
}

/** For a promoted inner param: which instances follow the definition's value. */
function promotedReach(keys: readonly string[], instances: readonly InstanceRef[]): string {
  const following = instances.filter((ref) => !keys.some((key) => Object.prototype.hasOwnProperty.call(ref.node.params, key)));
  if (following.length === instances.length) return everyInstance(instances.length);
  if (following.length === 0) return ' (no instance: each sets its own)';
  const names = following.length <= 3 ? following.map((r) => r.name).join(', ') : `${following.length} of ${instances.length} instances`;
  const others = instances.length - following.length === 1 ? 'the other sets its own' : 'the others set their own';
  return ` (${names}; ${others})`;
}

function innerNodeName(definition: ModuleDefinition, nodeId: string, specOf: SpecOf): string {
  const node = definition.nodes.find((n) => n.id === nodeId);
  if (node === undefined) return nodeId;
  const label = node.label?.trim();
  return label !== undefined && label !== '' ? label : (specOf(node)?.label ?? node.id);
}

/** `Compressor (Sidechain)`: the inner end of a port. */
function innerEnd(definition: ModuleDefinition, port: ModulePort, side: 'inputs' | 'outputs', specOf: SpecOf): string {
  const node = definition.nodes.find((n) => n.id === port.node);
  const portLabel = (node === undefined ? undefined : specOf(node))?.[side].find((p) => p.id === port.port)?.label ?? port.port;
  return `${innerNodeName(definition, port.node, specOf)} (${portLabel})`;
}

function portChanges(a: ModuleDefinition, b: ModuleDefinition, side: 'inputs' | 'outputs', context: { prefix: string; reach: string; specA: SpecOf; specB: SpecOf }): string[] {
  const word = side === 'inputs' ? 'input' : 'output';
  const before = new Map(a[side].map((p) => [p.id, p]));
  const after = new Map(b[side].map((p) => [p.id, p]));
  const name = (p: ModulePort) => p.label ?? p.id;
  const out: string[] = [];
  for (const port of b[side]) {
    const old = before.get(port.id);
    if (old === undefined) {
      out.push(`${context.prefix}new ${word} ${name(port)}, ${side === 'inputs' ? 'into' : 'from'} ${innerEnd(b, port, side, context.specB)}${context.reach}`);
      continue;
    }
    if (name(old) !== name(port)) out.push(`${context.prefix}${word} ${name(old)} renamed to ${name(port)}`);
    if (old.node !== port.node || old.port !== port.port) {
      out.push(`${context.prefix}${word} ${name(port)} now ${side === 'inputs' ? 'goes into' : 'comes from'} ${innerEnd(b, port, side, context.specB)}${context.reach}`);
    }
  }
  for (const port of a[side]) if (!after.has(port.id)) out.push(`${context.prefix}${word} ${name(port)} removed${context.reach}`);
  return out;
}

function faceChanges(a: ModuleDefinition, b: ModuleDefinition, prefix: string, specA: SpecOf, specB: SpecOf): string[] {
  const innerLabel = (definition: ModuleDefinition, p: PromotedParam, specOf: SpecOf) => {
    const node = definition.nodes.find((n) => n.id === p.node);
    return (node === undefined ? undefined : specOf(node))?.params.find((q) => q.key === p.param)?.label ?? p.param;
  };
  const label = (definition: ModuleDefinition, p: PromotedParam, specOf: SpecOf) => p.label ?? innerLabel(definition, p, specOf);
  const before = new Map(a.params.map((p) => [p.key, p]));
  const after = new Map(b.params.map((p) => [p.key, p]));
  const out: string[] = [];
  const added = (p: PromotedParam) => {
    const inner = `${innerNodeName(b, p.node, specB)} ${innerLabel(b, p, specB)}`;
    out.push(`${prefix}${inner} put on the face${p.label !== undefined ? ` as ${p.label}` : ''}`);
  };
  for (const p of b.params) {
    const old = before.get(p.key);
    if (old === undefined) added(p);
    else if (old.node !== p.node || old.param !== p.param) {
      out.push(`${prefix}${label(a, old, specA)} taken off the face`);
      added(p);
    } else if (label(a, old, specA) !== label(b, p, specB)) out.push(`${prefix}face param ${label(a, old, specA)} renamed to ${label(b, p, specB)}`);
  }
  for (const p of a.params) if (!after.has(p.key)) out.push(`${prefix}${label(a, p, specA)} taken off the face`);
  return out;
}

/**
 * The changes inside the definitions of `b` that `a` also has (by id), then definitions added or
 * removed. Inner changes carry `module` (the definition and its canvas instances in `b`).
 */
export function diffDefinitions(a: Graph, b: Graph, catalog: Catalog, diffScope: ScopeDiffer): GraphChange[] {
  const before = new Map((a.modules ?? []).map((m) => [m.id, m]));
  const afterIds = new Set((b.modules ?? []).map((m) => m.id));
  const instances = instancesByDefinition(b);
  const specA: SpecOf = (node) => specOfNode(a, catalog, node);
  const specB: SpecOf = (node) => specOfNode(b, catalog, node);
  const changes: GraphChange[] = [];
  for (const definition of b.modules ?? []) {
    const refs = instances.get(definition.id) ?? [];
    const scope: ChangeModuleScope = { id: definition.id, name: definition.name, instances: canvasInstances(definition.id, instances) };
    const old = before.get(definition.id);
    if (old === undefined) {
      changes.push({ kind: 'module', module: scope, text: `new module ${definition.name}${everyInstance(refs.length)}` });
      continue;
    }
    if (old.name !== definition.name) changes.push({ kind: 'module', module: scope, text: `module ${old.name} renamed to ${definition.name}` });
    const reach = (nodeId: string | undefined, param?: string): string => {
      if (param === undefined || nodeId === undefined) return everyInstance(refs.length);
      const keys = definition.params.filter((p) => p.node === nodeId && p.param === param).map((p) => p.key);
      return keys.length === 0 ? everyInstance(refs.length) : promotedReach(keys, refs);
    };
    const context: DiffContext = { specA, specB, namePrefix: `${definition.name} › `, scopePrefix: `${definition.name}: `, reach, module: scope };
    changes.push(...diffScope(old, definition, context));
    const prefix = `${definition.name}: `;
    const portContext = { prefix, reach: everyInstance(refs.length), specA, specB };
    const texts = [...portChanges(old, definition, 'inputs', portContext), ...portChanges(old, definition, 'outputs', portContext), ...faceChanges(old, definition, prefix, specA, specB)];
    for (const text of texts) changes.push({ kind: 'module', module: scope, text });
  }
  for (const definition of a.modules ?? []) {
    if (afterIds.has(definition.id)) continue;
    changes.push({ kind: 'module', module: { id: definition.id, name: definition.name, instances: [] }, text: `module ${definition.name} removed` });
  }
  return changes;
}

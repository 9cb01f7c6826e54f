/**
 * Editor commands on modules, each one undo step (a pure immer recipe, `src/graph/commands/edit`):
 * make a module from a selection, unpack an instance, make an instance's definition unique, add
 * an instance, rename a module or one of its ports, promote or unpromote an inner param, and run
 * any other command inside an open definition (`scopeEdit`).
 */
import type { Draft } from 'immer';
import type { Catalog } from '../catalog';
import type { Graph, GraphEdge, GraphNode, Position } from '../types';
import { uniqueId } from '../ids';
import { type EditResult, type GraphEdit, freshId, makeEdit, nodeName, plural, refuse, takenEdgeIds, takenItemIds } from '../commands/edit';
import { withPromotedValues } from './flatten';
import { definitionsUsedBy, mergeDefinitions, moduleIdOf } from './definitionSet';
import { specOfNode } from './nodeSpec';
import { MODULE_NODE_TYPE, MODULE_PARAM, type ModuleDefinition, type ModulePort } from './types';

/** The definition `id` of `graph`. */
export function findModule(graph: Pick<Graph, 'modules'>, id: string): ModuleDefinition | undefined {
  return graph.modules?.find((m) => m.id === id);
}

/**
 * A definition seen as a graph, so every editor command can run on it: its nodes and wires, the
 * document's definitions (for nested instances), no notes or groups.
 */
export function moduleView(graph: Graph, moduleId: string): Graph | undefined {
  const definition = findModule(graph, moduleId);
  if (definition === undefined) return undefined;
  return { format: graph.format, version: graph.version, name: definition.name, nodes: definition.nodes, edges: definition.edges, ...(graph.modules !== undefined ? { modules: graph.modules } : {}) };
}

/**
 * Runs `edit` (built against `moduleView(graph, moduleId)`) on the definition inside the document:
 * one undo step that changes every instance at once.
 */
export function scopeEdit(edit: GraphEdit, moduleId: string): GraphEdit {
  return {
    ...edit,
    recipe: (draft) => {
      const definition = draft.modules?.find((m) => m.id === moduleId);
      if (definition === undefined) return;
      const view = { format: draft.format, version: draft.version, name: definition.name, nodes: definition.nodes, edges: definition.edges, modules: draft.modules } as Draft<Graph>;
      edit.recipe(view);
      if (view.nodes !== definition.nodes) definition.nodes = view.nodes;
      if (view.edges !== definition.edges) definition.edges = view.edges;
      // Edits inside never add notes or groups to a definition (it has none).
      dropDanglingPorts(draft, definition);
    },
  };
}

/**
 * After an inner node is deleted: its ports and promoted params go, and so do the wires that
 * used those ports on every instance (top level and inside other definitions), so the document
 * stays valid.
 */
function dropDanglingPorts(draft: Draft<Graph>, definition: Draft<ModuleDefinition>): void {
  const alive = new Set(definition.nodes.map((n) => n.id));
  const goneIn = new Set(definition.inputs.filter((p) => !alive.has(p.node)).map((p) => p.id));
  const goneOut = new Set(definition.outputs.filter((p) => !alive.has(p.node)).map((p) => p.id));
  const goneParams = definition.params.filter((p) => !alive.has(p.node)).map((p) => p.key);
  if (goneIn.size + goneOut.size + goneParams.length === 0) return;
  definition.inputs = definition.inputs.filter((p) => !goneIn.has(p.id));
  definition.outputs = definition.outputs.filter((p) => !goneOut.has(p.id));
  definition.params = definition.params.filter((p) => alive.has(p.node));
  if (definition.summaryParams !== undefined) definition.summaryParams = definition.summaryParams.filter((k) => !goneParams.includes(k));
  const lists: { nodes: Draft<GraphNode>[]; edges: Draft<GraphEdge>[] }[] = [draft, ...(draft.modules ?? [])];
  for (const list of lists) {
    const instances = new Set(list.nodes.filter((n) => n.type === MODULE_NODE_TYPE && n.params[MODULE_PARAM] === definition.id).map((n) => n.id));
    if (instances.size === 0) continue;
    for (const n of list.nodes) if (instances.has(n.id)) for (const key of goneParams) delete n.params[key];
    list.edges = list.edges.filter((e) => !(instances.has(e.to.node) && goneIn.has(e.to.port)) && !(instances.has(e.from.node) && goneOut.has(e.from.port)));
  }
}

/** Whether definition `outer` contains an instance of `inner`, at any depth (or is it). */
export function moduleContains(graph: Pick<Graph, 'modules'>, outer: string, inner: string): boolean {
  const definition = findModule(graph, outer);
  if (definition === undefined) return false;
  return outer === inner || definitionsUsedBy(definition.nodes, graph.modules ?? []).some((m) => m.id === inner);
}

/** A port id from the inner port's id: `in`, then `in-comp` when `in` is taken on that side. */
function portId(wanted: string, node: string, taken: Set<string>): string {
  let id = wanted;
  if (taken.has(id)) id = `${wanted}-${node}`.slice(0, 64);
  if (taken.has(id)) id = uniqueId(wanted, taken);
  taken.add(id);
  return id;
}

/** Options of `makeModule`. */
export interface MakeModuleOptions {
  /** The master type (`output`), which cannot go into a module. */
  masterType?: string;
  /** The new module's name (default "Module N"). */
  name?: string;
}

/**
 * Turns the selected nodes into one module instance, in one undo step. Its ports come from the
 * wires that crossed the selection: one input per inner input port fed from outside, one output
 * per inner output port read outside, each named after the inner port (`in`, `sidechain`, and
 * `in-comp` when two inner `in` ports are fed). The outside wires keep their ids.
 */
export function makeModule(graph: Graph, catalog: Catalog, nodeIds: readonly string[], options: MakeModuleOptions = {}): EditResult<{ moduleId: string; instanceId: string }> {
  const chosen = new Set(nodeIds);
  const inner = graph.nodes.filter((n) => chosen.has(n.id));
  if (inner.length === 0) return refuse('Select the nodes to put into a module first.');
  const master = inner.find((n) => options.masterType !== undefined && n.type === options.masterType);
  if (master !== undefined) return refuse(`${nodeName(graph, master.id)} cannot go into a module: the graph's one ${master.type} stays outside every module.`);

  const moduleIds = new Set((graph.modules ?? []).map((m) => m.id));
  const name = options.name ?? `Module ${(graph.modules?.length ?? 0) + 1}`;
  const moduleId = freshId(name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 56) || 'module', 'module', moduleIds);
  const origin = { x: Math.min(...inner.map((n) => n.position.x)), y: Math.min(...inner.map((n) => n.position.y)) };

  const innerEdges: GraphEdge[] = [];
  const inputs: ModulePort[] = [];
  const outputs: ModulePort[] = [];
  const inputFor = new Map<string, string>();
  const outputFor = new Map<string, string>();
  const takenIn = new Set<string>();
  const takenOut = new Set<string>();
  const outerEdges: GraphEdge[] = [];
  const portLabel = (node: GraphNode, port: string, side: 'inputs' | 'outputs', id: string) => {
    const spec = specOfNode(graph, catalog, node)?.[side].find((p) => p.id === port);
    const base = spec?.label ?? port;
    return id === port ? base : `${base} (${nodeName(graph, node.id)})`;
  };
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const instanceId = freshId(moduleId, 'module', takenItemIds(graph));

  for (const e of graph.edges) {
    const fromIn = chosen.has(e.from.node);
    const toIn = chosen.has(e.to.node);
    if (fromIn && toIn) innerEdges.push({ id: e.id, from: { ...e.from }, to: { ...e.to } });
    else if (toIn) {
      const key = JSON.stringify([e.to.node, e.to.port]);
      let id = inputFor.get(key);
      if (id === undefined) {
        id = portId(e.to.port, e.to.node, takenIn);
        inputFor.set(key, id);
        inputs.push({ id, label: portLabel(byId.get(e.to.node)!, e.to.port, 'inputs', id), node: e.to.node, port: e.to.port });
      }
      outerEdges.push({ id: e.id, from: { ...e.from }, to: { node: instanceId, port: id } });
    } else if (fromIn) {
      const key = JSON.stringify([e.from.node, e.from.port]);
      let id = outputFor.get(key);
      if (id === undefined) {
        id = portId(e.from.port, e.from.node, takenOut);
        outputFor.set(key, id);
        outputs.push({ id, label: portLabel(byId.get(e.from.node)!, e.from.port, 'outputs', id), node: e.from.node, port: e.from.port });
      }
      outerEdges.push({ id: e.id, from: { node: instanceId, port: id }, to: { ...e.to } });
    }
  }

  const definition: ModuleDefinition = {
    id: moduleId,
    name,
    version: 1,
    nodes: inner.map((n) => ({ ...n, position: { x: n.position.x - origin.x, y: n.position.y - origin.y }, params: { ...n.params } })),
    edges: innerEdges,
    inputs,
    outputs,
    params: [],
  };
  const instance: GraphNode = { id: instanceId, type: MODULE_NODE_TYPE, label: name, position: origin, params: { [MODULE_PARAM]: moduleId } };
  return {
    ok: true,
    moduleId,
    instanceId,
    edit: makeEdit(`Make module from ${plural(inner.length, 'node')}`, (draft) => {
      draft.nodes = draft.nodes.filter((n) => !chosen.has(n.id));
      draft.nodes.push(instance);
      draft.edges = draft.edges.filter((e) => !chosen.has(e.from.node) && !chosen.has(e.to.node));
      draft.edges.push(...outerEdges);
      for (const g of draft.groups ?? []) {
        if (!g.nodes.some((id) => chosen.has(id))) continue;
        g.nodes = [...g.nodes.filter((id) => !chosen.has(id)), instanceId];
      }
      (draft.modules ??= []).push(definition);
      draft.version = 2;
    }),
  };
}

/**
 * Replaces an instance by a copy of its definition's nodes, in one undo step: ids remapped where
 * taken, the layout kept (placed at the instance's position), the instance's promoted values and
 * bypass written into the nodes, and the outside wires re-attached to the inner ports.
 */
export function unpackModule(graph: Graph, instanceId: string): EditResult<{ ids: string[] }> {
  const instance = graph.nodes.find((n) => n.id === instanceId);
  const moduleId = instance === undefined ? undefined : moduleIdOf(instance);
  if (instance === undefined || moduleId === undefined) return refuse(`${instance === undefined ? `There is no node "${instanceId}"` : `${nodeName(graph, instanceId)} is not a module`}.`);
  const definition = findModule(graph, moduleId);
  if (definition === undefined) return refuse(`Module "${moduleId}" is not defined in this document.`);

  const taken = takenItemIds(graph);
  taken.delete(instanceId);
  const takenEdges = takenEdgeIds(graph);
  const idOf = new Map<string, string>();
  const origin = definition.nodes.length === 0 ? { x: 0, y: 0 } : { x: Math.min(...definition.nodes.map((n) => n.position.x)), y: Math.min(...definition.nodes.map((n) => n.position.y)) };
  const nodes: GraphNode[] = withPromotedValues(definition, instance.params).map((n) => {
    const id = freshId(n.id, n.type, taken);
    taken.add(id);
    idOf.set(n.id, id);
    const position: Position = { x: instance.position.x + n.position.x - origin.x, y: instance.position.y + n.position.y - origin.y };
    return { ...n, id, position, params: { ...n.params }, ...(instance.bypass === true ? { bypass: true } : {}) };
  });
  const edges: GraphEdge[] = definition.edges.map((e) => {
    const id = freshId(e.id, 'w', takenEdges);
    takenEdges.add(id);
    return { id, from: { node: idOf.get(e.from.node)!, port: e.from.port }, to: { node: idOf.get(e.to.node)!, port: e.to.port } };
  });
  const inputs = new Map(definition.inputs.map((p) => [p.id, { node: idOf.get(p.node)!, port: p.port }]));
  const outputs = new Map(definition.outputs.map((p) => [p.id, { node: idOf.get(p.node)!, port: p.port }]));
  const outer: GraphEdge[] = [];
  for (const e of graph.edges) {
    if (e.to.node === instanceId) {
      const to = inputs.get(e.to.port);
      if (to !== undefined) outer.push({ id: e.id, from: { ...e.from }, to });
    } else if (e.from.node === instanceId) {
      const from = outputs.get(e.from.port);
      if (from !== undefined) outer.push({ id: e.id, from, to: { ...e.to } });
    }
  }
  const ids = nodes.map((n) => n.id);
  return {
    ok: true,
    ids,
    edit: makeEdit(`Unpack ${nodeName(graph, instanceId)}`, (draft) => {
      const at = draft.nodes.findIndex((n) => n.id === instanceId);
      draft.nodes.splice(at, 1, ...nodes);
      draft.edges = draft.edges.filter((e) => e.from.node !== instanceId && e.to.node !== instanceId);
      draft.edges.push(...edges, ...outer);
      for (const g of draft.groups ?? []) {
        if (g.nodes.includes(instanceId)) g.nodes = [...g.nodes.filter((id) => id !== instanceId), ...ids];
      }
    }),
  };
}

/**
 * Gives one instance its own copy of its definition (`strip` → `strip2`, named "… (label)"), so
 * edits inside it no longer change the other instances. One undo step.
 */
export function makeUnique(graph: Graph, instanceId: string): EditResult<{ moduleId: string }> {
  const instance = graph.nodes.find((n) => n.id === instanceId);
  const moduleId = instance === undefined ? undefined : moduleIdOf(instance);
  const definition = moduleId === undefined ? undefined : findModule(graph, moduleId);
  if (instance === undefined || definition === undefined) return refuse(`${nodeName(graph, instanceId)} is not an instance of a module in this document.`);
  const fresh = uniqueId(definition.id.replace(/[-_.]?[0-9]+$/, ''), new Set((graph.modules ?? []).map((m) => m.id)));
  const copy: ModuleDefinition = { ...structuredClone(definition), id: fresh, name: `${definition.name} (${nodeName(graph, instanceId)})`, version: 1 };
  return {
    ok: true,
    moduleId: fresh,
    edit: makeEdit(`Make ${nodeName(graph, instanceId)} unique`, (draft) => {
      (draft.modules ??= []).push(copy);
      const target = draft.nodes.find((n) => n.id === instanceId);
      if (target !== undefined) target.params[MODULE_PARAM] = fresh;
    }),
  };
}

/** Options of `addModuleInstance`. */
export interface AddInstanceOptions {
  /** A definition from outside the document (library, built-in): merged in first. */
  definitions?: readonly ModuleDefinition[];
  /** The definition open in the editor: an instance that would contain it is refused. */
  inside?: string;
  label?: string;
}

/** Adds an instance of `moduleId` at `position` (bringing outside definitions in), one undo step. */
export function addModuleInstance(graph: Graph, moduleId: string, position: Position, options: AddInstanceOptions = {}): EditResult<{ id: string; moduleId: string }> {
  const merge = mergeDefinitions(graph.modules ?? [], options.definitions ?? []);
  const id = merge.ids.get(moduleId) ?? moduleId;
  const after = { modules: [...(graph.modules ?? []), ...merge.added] };
  const definition = findModule(after, id);
  if (definition === undefined) return refuse(`Module "${moduleId}" is not defined.`);
  if (options.inside !== undefined && moduleContains(after, id, options.inside)) {
    return refuse(`"${definition.name}" cannot go inside itself: a module that contains itself would never end.`);
  }
  const nodeId = freshId(id, 'module', takenItemIds(graph));
  const node: GraphNode = { id: nodeId, type: MODULE_NODE_TYPE, label: options.label ?? definition.name, position: { ...position }, params: { [MODULE_PARAM]: id } };
  return {
    ok: true,
    id: nodeId,
    moduleId: id,
    edit: makeEdit(`Add ${definition.name}`, (draft) => {
      if (merge.added.length > 0) {
        (draft.modules ??= []).push(...merge.added);
        draft.version = 2;
      }
      draft.nodes.push(node);
    }),
  };
}

/** Renames a module (its definition's `name`). */
export function renameModule(graph: Graph, moduleId: string, name: string): EditResult {
  const definition = findModule(graph, moduleId);
  if (definition === undefined) return refuse(`Module "${moduleId}" is not defined.`);
  if (name.trim() === '') return refuse('A module needs a name.');
  return { ok: true, edit: makeEdit(`Rename module to "${name}"`, (draft) => void (draft.modules!.find((m) => m.id === moduleId)!.name = name.trim())) };
}

/** Renames one port of a module (its label; the id stays, so every wire stays). */
export function renameModulePort(graph: Graph, moduleId: string, side: 'inputs' | 'outputs', portId: string, label: string): EditResult {
  const definition = findModule(graph, moduleId);
  const port = definition?.[side].find((p) => p.id === portId);
  if (definition === undefined || port === undefined) return refuse(`Module "${moduleId}" has no ${side === 'inputs' ? 'input' : 'output'} "${portId}".`);
  if (label.trim() === '') return refuse('A port needs a name.');
  return {
    ok: true,
    edit: makeEdit(`Rename port "${port.label ?? port.id}" to "${label.trim()}"`, (draft) => {
      const target = draft.modules!.find((m) => m.id === moduleId)![side].find((p) => p.id === portId)!;
      target.label = label.trim();
    }),
  };
}

/**
 * Shows an inner param on the instances' face (each instance then keeps its own value). The key
 * is the inner param's key, or `<key>-<node>` when that is taken.
 */
export function promoteParam(graph: Graph, catalog: Catalog, moduleId: string, nodeId: string, param: string, label?: string): EditResult<{ key: string }> {
  const definition = findModule(graph, moduleId);
  const node = definition?.nodes.find((n) => n.id === nodeId);
  if (definition === undefined || node === undefined) return refuse(`Module "${moduleId}" has no node "${nodeId}".`);
  const spec = specOfNode(graph, catalog, node)?.params.find((p) => p.key === param);
  if (spec === undefined || param === MODULE_PARAM) return refuse(`"${nodeId}" has no param "${param}" to promote.`);
  if (definition.params.some((p) => p.node === nodeId && p.param === param)) return refuse(`${spec.label} is already on the module's face.`);
  const keys = new Set([...definition.params.map((p) => p.key), MODULE_PARAM]);
  const key = keys.has(param) ? (keys.has(`${param}-${nodeId}`) ? uniqueId(param, keys) : `${param}-${nodeId}`.slice(0, 64)) : param;
  return {
    ok: true,
    key,
    edit: makeEdit(`Show ${spec.label} on the module`, (draft) => {
      draft.modules!.find((m) => m.id === moduleId)!.params.push({ key, ...(label !== undefined ? { label } : {}), node: nodeId, param });
    }),
  };
}

/** Takes a promoted param off the face; instances' own values for it are dropped. */
export function unpromoteParam(graph: Graph, moduleId: string, key: string): EditResult {
  const definition = findModule(graph, moduleId);
  if (definition === undefined || !definition.params.some((p) => p.key === key)) return refuse(`Module "${moduleId}" has no param "${key}" on its face.`);
  const strip = (nodes: Draft<GraphNode>[]) => {
    for (const n of nodes) if (n.type === MODULE_NODE_TYPE && n.params[MODULE_PARAM] === moduleId) delete n.params[key];
  };
  return {
    ok: true,
    edit: makeEdit(`Take ${key} off the module`, (draft) => {
      const target = draft.modules!.find((m) => m.id === moduleId)!;
      target.params = target.params.filter((p) => p.key !== key);
      if (target.summaryParams !== undefined) target.summaryParams = target.summaryParams.filter((k) => k !== key);
      strip(draft.nodes);
      for (const m of draft.modules!) strip(m.nodes);
    }),
  };
}

/** Every instance of `moduleId` at the top level of the document. */
export function instancesOf(graph: Graph, moduleId: string): GraphNode[] {
  return graph.nodes.filter((n) => moduleIdOf(n) === moduleId);
}

/**
 * Exposes inner port `node.port` of a definition as a new port of the module (one undo step):
 * every instance gains it, unwired. The id is the inner port's (`in`, then `in-<node>` when taken).
 */
export function addModulePort(graph: Graph, catalog: Catalog, moduleId: string, side: 'inputs' | 'outputs', nodeId: string, port: string, label?: string): EditResult<{ portId: string }> {
  const definition = findModule(graph, moduleId);
  const node = definition?.nodes.find((n) => n.id === nodeId);
  if (definition === undefined || node === undefined) return refuse(`Module "${moduleId}" has no node "${nodeId}".`);
  const kind = side === 'inputs' ? 'input' : 'output';
  const spec = specOfNode(graph, catalog, node)?.[side].find((p) => p.id === port);
  if (spec === undefined) return refuse(`${nodeName(graph, nodeId)} has no ${kind} "${port}".`);
  const existing = definition[side].find((p) => p.node === nodeId && p.port === port);
  if (existing !== undefined) return refuse(`${spec.label ?? port} of ${node.label ?? nodeId} is already the module's ${kind} "${existing.label ?? existing.id}".`);
  const id = portId(port, nodeId, new Set(definition[side].map((p) => p.id)));
  const name = label ?? (id === port ? (spec.label ?? port) : `${spec.label ?? port} (${node.label ?? nodeId})`);
  return {
    ok: true,
    portId: id,
    edit: makeEdit(`Expose ${name} as a module ${kind}`, (draft) => {
      draft.modules!.find((m) => m.id === moduleId)![side].push({ id, label: name, node: nodeId, port });
    }),
  };
}

/**
 * Removes port `portId` of a module (one undo step); the wires to it on every instance (top level
 * and inside other definitions) go with it, every other wire stays.
 */
export function removeModulePort(graph: Graph, moduleId: string, side: 'inputs' | 'outputs', portId: string): EditResult {
  const definition = findModule(graph, moduleId);
  const port = definition?.[side].find((p) => p.id === portId);
  if (definition === undefined || port === undefined) return refuse(`Module "${moduleId}" has no ${side === 'inputs' ? 'input' : 'output'} "${portId}".`);
  return {
    ok: true,
    edit: makeEdit(`Remove port "${port.label ?? port.id}"`, (draft) => {
      const target = draft.modules!.find((m) => m.id === moduleId)!;
      target[side] = target[side].filter((p) => p.id !== portId);
      const lists: { nodes: Draft<GraphNode>[]; edges: Draft<GraphEdge>[] }[] = [draft, ...(draft.modules ?? [])];
      for (const list of lists) {
        const instances = new Set(list.nodes.filter((n) => moduleIdOf(n) === moduleId).map((n) => n.id));
        if (instances.size === 0) continue;
        list.edges = list.edges.filter((e) => !(side === 'inputs' ? instances.has(e.to.node) && e.to.port === portId : instances.has(e.from.node) && e.from.port === portId));
      }
    }),
  };
}

/** Sets a module's description (its definition's `description`); empty removes it. */
export function describeModule(graph: Graph, moduleId: string, description: string): EditResult {
  const definition = findModule(graph, moduleId);
  if (definition === undefined) return refuse(`Module "${moduleId}" is not defined.`);
  const text = description.trim();
  if (text === (definition.description ?? '')) return refuse('The description is unchanged.');
  return {
    ok: true,
    edit: makeEdit(`Describe module "${definition.name}"`, (draft) => {
      const target = draft.modules!.find((m) => m.id === moduleId)!;
      if (text === '') delete target.description;
      else target.description = text;
    }),
  };
}

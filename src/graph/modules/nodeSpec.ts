/**
 * One lookup for "what are this node's ports and params": the catalog for ordinary nodes, the
 * definition's instance spec (`moduleTypeSpec`) for module nodes. Commands and the editor call
 * this instead of `catalog.get(node.type)`, so they work on module instances unchanged.
 */
import type { Catalog, NodeTypeSpec } from '../catalog';
import type { Graph, GraphNode } from '../types';
import { moduleTypeSpec } from './moduleSpec';
import { MODULE_NODE_TYPE, MODULE_PARAM, type ModuleDefinition } from './types';

/** Specs per definitions list: immer gives the list a new identity whenever any definition changes. */
const cache = new WeakMap<readonly ModuleDefinition[], Map<string, NodeTypeSpec | null>>();

/** The spec of definition `moduleId` in `graph`, or undefined when it is not defined (or loops). */
export function moduleSpecOf(graph: Pick<Graph, 'modules'>, catalog: Catalog, moduleId: string): NodeTypeSpec | undefined {
  const modules = graph.modules;
  if (modules === undefined) return undefined;
  let specs = cache.get(modules);
  if (specs === undefined) cache.set(modules, (specs = new Map()));
  return resolve(modules, catalog, moduleId, specs, new Set());
}

function resolve(
  modules: readonly ModuleDefinition[],
  catalog: Catalog,
  id: string,
  specs: Map<string, NodeTypeSpec | null>,
  visiting: Set<string>,
): NodeTypeSpec | undefined {
  const known = specs.get(id);
  if (known !== undefined) return known ?? undefined;
  const definition = modules.find((m) => m.id === id);
  if (definition === undefined || visiting.has(id)) return undefined;
  visiting.add(id);
  const spec = moduleTypeSpec(definition, (inner) =>
    inner.type === MODULE_NODE_TYPE ? resolve(modules, catalog, String(inner.params[MODULE_PARAM]), specs, visiting) : catalog.get(inner.type),
  );
  visiting.delete(id);
  specs.set(id, spec);
  return spec;
}

/** The spec of one node of `graph`: its catalog type, or its module definition's instance spec. */
export function specOfNode(graph: Pick<Graph, 'modules'>, catalog: Catalog, node: Pick<GraphNode, 'type' | 'params'>): NodeTypeSpec | undefined {
  if (node.type !== MODULE_NODE_TYPE) return catalog.get(node.type);
  const id = node.params[MODULE_PARAM];
  return typeof id === 'string' ? moduleSpecOf(graph, catalog, id) : undefined;
}

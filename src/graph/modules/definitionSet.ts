/**
 * Moving module definitions between documents (copy/paste, import-insert, the library): which
 * definitions a set of nodes needs, and merging definitions into a document without clobbering a
 * different definition that happens to have the same id.
 */
import type { GraphNode } from '../types';
import { uniqueId } from '../ids';
import { moduleToJSON } from '../serialize';
import { MODULE_NODE_TYPE, MODULE_PARAM, type ModuleDefinition } from './types';

/** The definition id a node instantiates, or undefined for a plain node. */
export function moduleIdOf(node: Pick<GraphNode, 'type' | 'params'>): string | undefined {
  if (node.type !== MODULE_NODE_TYPE) return undefined;
  const id = node.params[MODULE_PARAM];
  return typeof id === 'string' ? id : undefined;
}

/**
 * The definitions `nodes` need, nested ones included, in the order of `available`. Unknown ids
 * are skipped (the validator names them).
 */
export function definitionsUsedBy(nodes: readonly Pick<GraphNode, 'type' | 'params'>[], available: readonly ModuleDefinition[]): ModuleDefinition[] {
  const byId = new Map(available.map((m) => [m.id, m]));
  const needed = new Set<string>();
  const stack = nodes.map(moduleIdOf).filter((id): id is string => id !== undefined);
  while (stack.length > 0) {
    const id = stack.pop()!;
    const definition = byId.get(id);
    if (needed.has(id) || definition === undefined) continue;
    needed.add(id);
    for (const inner of definition.nodes) {
      const nested = moduleIdOf(inner);
      if (nested !== undefined) stack.push(nested);
    }
  }
  return available.filter((m) => needed.has(m.id));
}

/** Whether two definitions are the same in every saved field. */
export function sameDefinition(a: ModuleDefinition, b: ModuleDefinition): boolean {
  return JSON.stringify(moduleToJSON(a)) === JSON.stringify(moduleToJSON(b));
}

export interface DefinitionMerge {
  /** Definitions to append to the document (already renamed where needed). */
  added: ModuleDefinition[];
  /** Incoming id → the id to use in the document (equal when unchanged). */
  ids: Map<string, string>;
}

/**
 * Merges `incoming` definitions into a document that has `existing`: an identical definition
 * with the same id is reused; a different one with a taken id gets a fresh id (`strip` →
 * `strip2`), and every reference inside the incoming definitions follows the rename.
 */
export function mergeDefinitions(existing: readonly ModuleDefinition[], incoming: readonly ModuleDefinition[]): DefinitionMerge {
  const current = new Map(existing.map((m) => [m.id, m]));
  const taken = new Set([...current.keys(), ...incoming.map((m) => m.id)]);
  const ids = new Map<string, string>();
  for (const m of incoming) {
    const there = current.get(m.id);
    if (there === undefined || sameDefinition(there, m)) {
      ids.set(m.id, m.id);
      continue;
    }
    const fresh = uniqueId(m.id.replace(/[-_.]?[0-9]+$/, ''), taken);
    taken.add(fresh);
    ids.set(m.id, fresh);
  }
  const added: ModuleDefinition[] = [];
  for (const m of incoming) {
    const id = ids.get(m.id)!;
    const renamed = renameReferences(m, ids);
    if (current.has(id) && sameDefinition(current.get(id)!, renamed)) continue;
    added.push({ ...renamed, id });
  }
  return { added, ids };
}

/** A copy of `definition` whose inner instances use the renamed definition ids. */
function renameReferences(definition: ModuleDefinition, ids: ReadonlyMap<string, string>): ModuleDefinition {
  const copy = moduleToJSON(definition);
  for (const node of copy.nodes) {
    const used = moduleIdOf(node);
    const to = used === undefined ? undefined : ids.get(used);
    if (to !== undefined && to !== used) node.params[MODULE_PARAM] = to;
  }
  return copy;
}

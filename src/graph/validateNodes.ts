/**
 * Validation of the document's `nodes` array (DESIGN.md "Graph document"): ids, types from the
 * catalog, labels, positions, bypass and params. Builds fresh node objects; input objects are
 * never returned, so later changes to the input cannot reach the graph.
 */
import type { Catalog, NodeTypeSpec } from './catalog';
import type { GraphNode } from './types';
import { type IdSpace, readId, readOptionalBool, readOptionalString, readPosition } from './fields';
import { type IssueCollector, describeValue, humanList, itemPlace, keyPath, quote } from './issues';
import { checkKeys, isRecord, own } from './reader';
import { closestMatch } from './suggest';
import { validateParams } from './validateParams';
import { MODULE_NODE_TYPE, MODULE_PARAM } from './modules/types';

/** Where a node list sits and how its items are named in messages (module definitions differ). */
export interface NodeListOptions {
  /** The list's own path: `nodes` (default) or `modules["strip"].nodes`. */
  path?: string;
  /** An item's place: `nodes[3] "eq1"` by default, `modules["strip"].nodes["eq1"]` inside a module. */
  placeOf?: (index: number, rawId: unknown) => string;
  /** Specs of the document's module definitions by id, for nodes of type `module`. */
  moduleSpecs?: ReadonlyMap<string, NodeTypeSpec>;
}

/** Most nodes a document may hold; far above any mix, low enough that validation stays instant. */
export const MAX_NODES = 20_000;

/** The keys a node object may have, in the order `serializeGraph` writes them. */
export const NODE_KEYS: readonly string[] = ['id', 'type', 'label', 'position', 'bypass', 'params'];

/** What the later checks (edges, groups, master) need to know about each node item. */
export interface NodeEntry {
  index: number;
  /** `nodes[3] "eq1"`. */
  place: string;
  /** The id when it is well-formed and unique. */
  id: string | undefined;
  /** The `type` field when it is a string (known to the catalog or not). */
  type: string | undefined;
  /** The type's spec when the type is known. */
  spec: NodeTypeSpec | undefined;
}

export interface NodesResult {
  /** Fully valid nodes, fresh objects, in document order. */
  nodes: GraphNode[];
  /** Every node item that is an object, in document order. */
  entries: NodeEntry[];
  /** Entries by usable id. */
  byId: Map<string, NodeEntry>;
}

/**
 * Checks `raw` (the document's `nodes` value) and returns the valid nodes plus an index of all
 * node items for the cross-reference checks. Ids go into `ids`, the namespace shared with
 * notes and groups (the editor draws all three on one canvas).
 */
export function validateNodes(
  raw: unknown,
  catalog: Catalog,
  issues: IssueCollector,
  ids: IdSpace,
  options: NodeListOptions = {},
): NodesResult {
  const result: NodesResult = { nodes: [], entries: [], byId: new Map() };
  const listPath = options.path ?? 'nodes';
  const placeOf = options.placeOf ?? ((index: number, rawId: unknown) => itemPlace('nodes', index, rawId));
  const moduleSpecs = options.moduleSpecs;
  if (!Array.isArray(raw)) {
    issues.error(listPath, raw === undefined ? 'missing; expected an array of nodes' : `expected an array of nodes, got ${describeValue(raw)}`);
    return result;
  }
  if (raw.length > MAX_NODES) {
    issues.error(listPath, `${raw.length} nodes is more than the ${MAX_NODES} a graph may hold`);
    return result;
  }
  const knownTypes = [...catalog.keys()];
  for (let index = 0; index < raw.length; index++) {
    const item: unknown = raw[index];
    if (!isRecord(item)) {
      issues.error(placeOf(index, undefined), `expected a node object, got ${describeValue(item)}`);
      continue;
    }
    const rawId = own(item, 'id');
    const place = placeOf(index, rawId);
    const owner = typeof rawId === 'string' ? { nodeId: rawId } : {};
    const errorsBefore = issues.errorCount;

    checkKeys(item, NODE_KEYS, place, issues, { policy: 'error', what: 'a node', owner });
    const id = readId(item, place, ids, issues, owner);

    const type = own(item, 'type');
    let spec: NodeTypeSpec | undefined;
    if (typeof type !== 'string') {
      const problem = type === undefined ? 'missing' : `expected a node type name, got ${describeValue(type)}`;
      issues.error(keyPath(place, 'type'), `${problem}; known types are ${humanList(knownTypes)}`, owner);
    } else if (type === MODULE_NODE_TYPE && moduleSpecs !== undefined) {
      spec = moduleInstanceSpec(item, place, moduleSpecs, issues, owner);
    } else {
      spec = catalog.get(type);
      if (spec === undefined) {
        const hint = closestMatch(type, knownTypes);
        const suggestion = hint === undefined ? '' : `; did you mean ${quote(hint)}?`;
        issues.error(keyPath(place, 'type'), `unknown node type ${quote(type)}${suggestion} (known types are ${humanList(knownTypes)})`, owner);
      }
    }

    const label = readOptionalString(item, 'label', place, issues, owner);
    const position = readPosition(item, place, issues, owner);
    const bypass = readOptionalBool(item, 'bypass', place, issues, owner);
    const params = validateParams(own(item, 'params'), spec, keyPath(place, 'params'), issues, owner);

    const typeName = typeof type === 'string' ? type : undefined;
    const entry: NodeEntry = { index, place, id, type: typeName, spec };
    result.entries.push(entry);
    if (id !== undefined) result.byId.set(id, entry);

    const valid = issues.errorCount === errorsBefore;
    if (valid && id !== undefined && typeName !== undefined && spec !== undefined && label.ok && position !== undefined && bypass.ok) {
      // Keys in the documented order: id, type, label, position, bypass, params.
      result.nodes.push({
        id,
        type: typeName,
        ...(label.value !== undefined ? { label: label.value } : {}),
        position,
        ...(bypass.value !== undefined ? { bypass: bypass.value } : {}),
        params,
      });
    }
  }
  return result;
}


/**
 * The spec of a `module` node: the one of the definition its `params.module` names (a definition
 * exposes its ports and promoted params as a node type would). Reports a missing or unknown name.
 */
function moduleInstanceSpec(
  item: Readonly<Record<string, unknown>>,
  place: string,
  moduleSpecs: ReadonlyMap<string, NodeTypeSpec>,
  issues: IssueCollector,
  owner: { nodeId?: string },
): NodeTypeSpec | undefined {
  const params = own(item, 'params');
  const name = isRecord(params) ? own(params, MODULE_PARAM) : undefined;
  const at = keyPath(keyPath(place, 'params'), MODULE_PARAM);
  const known = [...moduleSpecs.keys()];
  const list = known.length === 0 ? 'this document defines no modules' : `modules: ${humanList(known)}`;
  if (typeof name !== 'string') {
    const problem = name === undefined ? 'missing' : `expected a module id, got ${describeValue(name)}`;
    issues.error(at, `${problem}; a module node names its definition (${list})`, owner);
    return undefined;
  }
  const spec = moduleSpecs.get(name);
  if (spec === undefined) {
    const hint = closestMatch(name, known);
    const suggestion = hint === undefined ? '' : `; did you mean ${quote(hint)}?`;
    issues.error(at, `unknown module ${quote(name)}${suggestion} (${list})`, owner);
  }
  return spec;
}

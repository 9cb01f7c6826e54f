/**
 * Validation of the document's `modules` list (format version 2). Places are written as paths
 * into the definition, `modules["strip"].nodes["comp"].params.ratio: 40 is above the maximum 20:1`,
 * so an error inside a module names the module first.
 *
 * Order: every definition's header (id, name, description, version) is read, then the
 * definitions' use of each other is checked for loops (`a module cannot contain itself:
 * strip → bus → strip`), then each definition is validated after the ones it uses, so an inner
 * module instance is checked against its definition's ports and promoted params.
 */
import type { Catalog, NodeTypeSpec } from '../catalog';
import type { GraphNode } from '../types';
import { type IdSpace, readId, readOptionalString, readRequiredString } from '../fields';
import { ID_PATTERN } from '../ids';
import { type IssueCollector, type IssueOwner, describeValue, humanList, keyPath, quote } from '../issues';
import { checkKeys, isRecord, own, type JsonRecord } from '../reader';
import { reportCycles } from '../reportCycles';
import { closestMatch } from '../suggest';
import { findCycles, topologicalOrder } from '../topology';
import { validateEdges } from '../validateEdges';
import { MAX_NODES, validateNodes } from '../validateNodes';
import { moduleTypeSpec } from './moduleSpec';
import { MODULE_NODE_TYPE, MODULE_PARAM, type ModuleDefinition, type ModulePort, type PromotedParam } from './types';

/** Most module definitions a document may hold. */
export const MAX_MODULES = 1000;

/** The keys of a definition, in the order `serializeGraph` writes them. */
export const MODULE_KEYS: readonly string[] = ['id', 'name', 'description', 'version', 'nodes', 'edges', 'inputs', 'outputs', 'params', 'summaryParams'];
const PORT_KEYS: readonly string[] = ['id', 'label', 'node', 'port'];
const PARAM_KEYS: readonly string[] = ['key', 'label', 'node', 'param'];

export interface ModulesResult {
  /** Valid definitions, fresh objects, in document order. */
  definitions: ModuleDefinition[];
  /** The instance spec of every valid definition, by id. */
  specs: Map<string, NodeTypeSpec>;
}

/** `modules["strip"]`, or `modules[2]` for an item without a usable id. */
export function modulePlace(index: number, rawId: unknown): string {
  return typeof rawId === 'string' && rawId !== '' ? `modules[${quote(rawId, 64)}]` : `modules[${index}]`;
}

/** `<base>.nodes["comp"]`, or `<base>.nodes[3]`. */
function innerPlace(base: string, list: string, index: number, rawId: unknown): string {
  return typeof rawId === 'string' && rawId !== '' ? `${base}.${list}[${quote(rawId, 64)}]` : `${base}.${list}[${index}]`;
}

interface Header {
  index: number;
  place: string;
  id: string;
  item: JsonRecord;
  /** Ids of the definitions this one's nodes instantiate. */
  uses: string[];
}

/**
 * Checks `raw` (the document's `modules`; undefined means none). `masterType` (the output node)
 * may not appear inside a module: a graph has exactly one master.
 */
export function validateModules(raw: unknown, catalog: Catalog, issues: IssueCollector, masterType?: string): ModulesResult {
  const result: ModulesResult = { definitions: [], specs: new Map() };
  if (raw === undefined) return result;
  if (!Array.isArray(raw)) {
    issues.error('modules', `expected an array of module definitions, got ${describeValue(raw)}`);
    return result;
  }
  if (raw.length > MAX_MODULES) {
    issues.error('modules', `${raw.length} modules is more than the ${MAX_MODULES} a document may hold`);
    return result;
  }

  // Inner nodes of all definitions together stay within one document's limit, so validation time
  // stays bounded whatever the number of definitions.
  const innerTotal = raw.reduce<number>((sum, m) => sum + (isRecord(m) && Array.isArray(own(m, 'nodes')) ? (own(m, 'nodes') as unknown[]).length : 0), 0);
  if (innerTotal > MAX_NODES) {
    issues.error('modules', `the modules hold ${innerTotal} nodes together, more than the ${MAX_NODES} a document may hold`);
    return result;
  }
  const headers = readHeaders(raw, issues);
  const byId = new Map(headers.map((h) => [h.id, h]));

  // Definitions that use each other in a loop would expand forever: refuse them, naming the chain.
  const uses = { nodes: headers, edges: headers.flatMap((h) => h.uses.filter((u) => byId.has(u)).map((u) => ({ from: { node: h.id }, to: { node: u } }))) };
  const blocked = new Set<string>();
  for (const h of headers) {
    if (h.uses.includes(h.id)) {
      issues.error(h.place, `a module cannot contain itself: ${h.id} → ${h.id}`);
      blocked.add(h.id);
    }
  }
  for (const cycle of findCycles(uses)) {
    if (cycle.length === 1) continue;
    issues.error(byId.get(cycle[0])!.place, `a module cannot contain itself: ${[...cycle, cycle[0]].join(' → ')}`);
    for (const id of cycle) blocked.add(id);
  }
  if (blocked.size > 0) return result;

  // Validate each definition after the ones it uses (edges point user → used, so reverse).
  const sorted = topologicalOrder(uses);
  const order = sorted.ok ? sorted.order.slice().reverse() : headers.map((h) => h.id);
  const valid = new Map<string, ModuleDefinition>();
  for (const id of order) {
    const header = byId.get(id)!;
    const definition = validateDefinition(header, catalog, result.specs, issues, masterType);
    if (definition === undefined) continue;
    valid.set(id, definition);
    const specOf = (node: GraphNode): NodeTypeSpec | undefined =>
      node.type === MODULE_NODE_TYPE ? result.specs.get(String(node.params[MODULE_PARAM])) : catalog.get(node.type);
    result.specs.set(id, moduleTypeSpec(definition, specOf));
  }
  for (const h of headers) {
    const d = valid.get(h.id);
    if (d !== undefined) result.definitions.push(d);
  }
  return result;
}

function readHeaders(raw: readonly unknown[], issues: IssueCollector): Header[] {
  const ids: IdSpace = new Map();
  const headers: Header[] = [];
  raw.forEach((item, index) => {
    if (!isRecord(item)) {
      issues.error(`modules[${index}]`, `expected a module definition object, got ${describeValue(item)}`);
      return;
    }
    const rawId = own(item, 'id');
    const place = modulePlace(index, rawId);
    checkKeys(item, MODULE_KEYS, place, issues, { policy: 'error', what: 'a module', owner: {} });
    const id = readId(item, place, ids, issues);
    if (id === undefined) return;
    const nodes = own(item, 'nodes');
    const usedIds: string[] = [];
    if (Array.isArray(nodes)) {
      for (const n of nodes) {
        if (!isRecord(n) || own(n, 'type') !== MODULE_NODE_TYPE) continue;
        const params = own(n, 'params');
        const name = isRecord(params) ? own(params, MODULE_PARAM) : undefined;
        if (typeof name === 'string' && !usedIds.includes(name)) usedIds.push(name);
      }
    }
    headers.push({ index, place, id, item, uses: usedIds });
  });
  return headers;
}

function validateDefinition(
  header: Header,
  catalog: Catalog,
  specs: ReadonlyMap<string, NodeTypeSpec>,
  issues: IssueCollector,
  masterType: string | undefined,
): ModuleDefinition | undefined {
  const { item, place, id } = header;
  const errorsBefore = issues.errorCount;
  const name = readRequiredString(item, 'name', place, issues);
  const description = readOptionalString(item, 'description', place, issues);
  const version = own(item, 'version');
  if (version !== undefined && (typeof version !== 'number' || !Number.isInteger(version) || version < 1)) {
    issues.error(keyPath(place, 'version'), `expected a whole number of 1 or more, got ${describeValue(version)}`);
  }

  const nodes = validateNodes(own(item, 'nodes'), catalog, issues, new Map(), {
    path: keyPath(place, 'nodes'),
    placeOf: (index, rawId) => innerPlace(place, 'nodes', index, rawId),
    moduleSpecs: specs,
  });
  const edges = validateEdges(own(item, 'edges'), nodes.byId, issues, {
    path: keyPath(place, 'edges'),
    placeOf: (index, rawId) => innerPlace(place, 'edges', index, rawId),
  });
  if (masterType !== undefined) {
    for (const e of nodes.entries) {
      if (e.type === masterType) issues.error(e.place, `a module cannot contain the ${masterType} node; the graph has exactly one, outside every module`);
    }
  }
  reportCycles(nodes.entries.flatMap((e) => (e.id === undefined ? [] : [{ id: e.id }])), edges.wires, issues, keyPath(place, 'edges'));

  const specOfInner = (nodeId: string): NodeTypeSpec | undefined => nodes.byId.get(nodeId)?.spec;
  const inputs = readPorts(item, 'inputs', place, nodes.byId, specOfInner, issues);
  const outputs = readPorts(item, 'outputs', place, nodes.byId, specOfInner, issues);
  const params = readPromoted(item, place, nodes.byId, specOfInner, issues);
  const summary = params === undefined ? undefined : readSummary(item, place, params, issues);

  if (issues.errorCount !== errorsBefore || name === undefined || !description.ok || inputs === undefined || outputs === undefined || params === undefined) {
    return undefined;
  }
  return {
    id,
    name,
    ...(description.value !== undefined ? { description: description.value } : {}),
    ...(typeof version === 'number' ? { version } : {}),
    nodes: nodes.nodes,
    edges: edges.edges,
    inputs,
    outputs,
    params,
    ...(summary !== undefined ? { summaryParams: summary } : {}),
  };
}

/**
 * Reads `summaryParams`: an array of promoted keys. A key that is not promoted (or repeated) is a
 * warning and left off the face — the face is display only, so a stale key must not make the
 * document unopenable; a value that is not an array of strings is an error.
 */
function readSummary(item: JsonRecord, place: string, params: readonly PromotedParam[], issues: IssueCollector): string[] | undefined {
  const raw = own(item, 'summaryParams');
  if (raw === undefined) return undefined;
  const at = keyPath(place, 'summaryParams');
  if (!Array.isArray(raw) || raw.some((k) => typeof k !== 'string')) {
    issues.error(at, `expected an array of promoted param keys, got ${describeValue(raw)}`);
    return undefined;
  }
  const promoted = params.map((p) => p.key);
  const out: string[] = [];
  (raw as string[]).forEach((key, index) => {
    if (out.includes(key)) issues.warn(`${at}[${index}]`, `${quote(key)} is already on the face; listed once`);
    else if (!promoted.includes(key)) {
      const hint = closestMatch(key, promoted);
      issues.warn(`${at}[${index}]`, `${quote(key)} is not a promoted param of this module, so it is not shown${hint === undefined ? '' : `; did you mean ${quote(hint)}?`}`);
    } else out.push(key);
  });
  return out;
}

/** Reads `inputs` or `outputs`: ids unique on their side, each naming an inner port of that kind. */
function readPorts(
  item: JsonRecord,
  side: 'inputs' | 'outputs',
  place: string,
  inner: ReadonlyMap<string, unknown>,
  specOf: (id: string) => NodeTypeSpec | undefined,
  issues: IssueCollector,
): ModulePort[] | undefined {
  const raw = own(item, side);
  const at = keyPath(place, side);
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    issues.error(at, `expected an array of ports, got ${describeValue(raw)}`);
    return undefined;
  }
  const ids: IdSpace = new Map();
  const ports: ModulePort[] = [];
  const before = issues.errorCount;
  raw.forEach((p, index) => {
    const pPlace = innerPlace(place, side, index, isRecord(p) ? own(p, 'id') : undefined);
    if (!isRecord(p)) {
      issues.error(pPlace, `expected { "id", "node", "port" }, got ${describeValue(p)}`);
      return;
    }
    checkKeys(p, PORT_KEYS, pPlace, issues, { policy: 'error', what: 'a module port', owner: {} });
    const id = readId(p, pPlace, ids, issues);
    const label = readOptionalString(p, 'label', pPlace, issues);
    const node = readRequiredString(p, 'node', pPlace, issues);
    const port = readRequiredString(p, 'port', pPlace, issues);
    if (id === undefined || !label.ok || node === undefined || port === undefined) return;
    if (!checkInner(node, pPlace, inner, issues)) return;
    const spec = specOf(node);
    if (spec === undefined) return;
    const list = side === 'inputs' ? spec.inputs : spec.outputs;
    if (!list.some((q) => q.id === port)) {
      const kind = side === 'inputs' ? 'input' : 'output';
      const known = list.map((q) => q.id);
      issues.error(keyPath(pPlace, 'port'), `${quote(node)} (${spec.type}) has no ${kind} port ${quote(port)} (${known.length === 0 ? `it has no ${kind}s` : `its ${kind}s: ${humanList(known)}`})`);
      return;
    }
    ports.push({ id, ...(label.value !== undefined ? { label: label.value } : {}), node, port });
  });
  return issues.errorCount === before ? ports : undefined;
}

/** Reads `params`: keys unique and never `module`, each naming an inner node's param. */
function readPromoted(
  item: JsonRecord,
  place: string,
  inner: ReadonlyMap<string, unknown>,
  specOf: (id: string) => NodeTypeSpec | undefined,
  issues: IssueCollector,
): PromotedParam[] | undefined {
  const raw = own(item, 'params');
  const at = keyPath(place, 'params');
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    issues.error(at, `expected an array of promoted params, got ${describeValue(raw)}`);
    return undefined;
  }
  const keys = new Map<string, string>();
  const out: PromotedParam[] = [];
  const before = issues.errorCount;
  raw.forEach((p, index) => {
    const rawKey = isRecord(p) ? own(p, 'key') : undefined;
    const pPlace = innerPlace(place, 'params', index, rawKey);
    if (!isRecord(p)) {
      issues.error(pPlace, `expected { "key", "node", "param" }, got ${describeValue(p)}`);
      return;
    }
    checkKeys(p, PARAM_KEYS, pPlace, issues, { policy: 'error', what: 'a promoted param', owner: {} });
    const key = readRequiredString(p, 'key', pPlace, issues);
    const label = readOptionalString(p, 'label', pPlace, issues);
    const node = readRequiredString(p, 'node', pPlace, issues);
    const param = readRequiredString(p, 'param', pPlace, issues);
    if (key === undefined || !label.ok || node === undefined || param === undefined) return;
    const owner: IssueOwner = {};
    if (!ID_PATTERN.test(key) || key === MODULE_PARAM) {
      issues.error(keyPath(pPlace, 'key'), key === MODULE_PARAM ? `"module" names the definition and cannot be promoted` : `${quote(key)} may only contain letters, digits, "_", "-" and "." (1 to 64)`, owner);
      return;
    }
    const previous = keys.get(key);
    if (previous !== undefined) {
      issues.error(pPlace, `key ${quote(key)} is already used by ${previous}`);
      return;
    }
    keys.set(key, pPlace);
    if (!checkInner(node, pPlace, inner, issues)) return;
    const spec = specOf(node);
    if (spec === undefined) return;
    if (param === MODULE_PARAM || !spec.params.some((q) => q.key === param)) {
      const known = spec.params.map((q) => q.key).filter((k) => k !== MODULE_PARAM);
      const hint = closestMatch(param, known);
      issues.error(keyPath(pPlace, 'param'), `${quote(node)} (${spec.type}) has no param ${quote(param)}${hint === undefined ? '' : `; did you mean ${quote(hint)}?`}`);
      return;
    }
    out.push({ key, ...(label.value !== undefined ? { label: label.value } : {}), node, param });
  });
  return issues.errorCount === before ? out : undefined;
}

function checkInner(node: string, place: string, inner: ReadonlyMap<string, unknown>, issues: IssueCollector): boolean {
  if (inner.has(node)) return true;
  const hint = closestMatch(node, [...inner.keys()]);
  issues.error(keyPath(place, 'node'), `inner node ${quote(node)} does not exist${hint === undefined ? '' : `; did you mean ${quote(hint)}?`}`);
  return false;
}

/**
 * Validation of the document's `edges` array: ids, endpoints that exist, an output port at the
 * start and an input port at the end, no self-loops, no duplicate wires. Cycles are found
 * afterwards (see parse.ts) from the wires this returns.
 */
import type { NodeTypeSpec, PortSpec } from './catalog';
import type { GraphEdge, PortRef } from './types';
import { type IdSpace, readId } from './fields';
import { type IssueCollector, type IssueOwner, describeValue, humanList, itemPlace, keyPath, quote } from './issues';
import { checkKeys, isRecord, own } from './reader';
import { closestMatch } from './suggest';
import type { NodeEntry } from './validateNodes';

/** Most edges a document may hold. */
export const MAX_EDGES = 100_000;

/** The keys an edge object may have, in the order `serializeGraph` writes them. */
export const EDGE_KEYS: readonly string[] = ['id', 'from', 'to'];

/** The keys of an edge end. */
export const PORT_REF_KEYS: readonly string[] = ['node', 'port'];

/** A wire between two existing, distinct nodes: enough to look for cycles. */
export interface Wire {
  id: string;
  from: string;
  to: string;
}

export interface EdgesResult {
  /** Fully valid edges, fresh objects, in document order. */
  edges: GraphEdge[];
  /** Every wire whose two ends name existing, distinct nodes (even if a port is wrong). */
  wires: Wire[];
}

/** Checks `raw` (the document's `edges` value) against the nodes found in `nodes`. */
export function validateEdges(
  raw: unknown,
  nodes: ReadonlyMap<string, NodeEntry>,
  issues: IssueCollector,
  options: { path?: string; placeOf?: (index: number, rawId: unknown) => string } = {},
): EdgesResult {
  const result: EdgesResult = { edges: [], wires: [] };
  const listPath = options.path ?? 'edges';
  const placeOf = options.placeOf ?? ((index: number, rawId: unknown) => itemPlace('edges', index, rawId));
  if (!Array.isArray(raw)) {
    issues.error(listPath, raw === undefined ? 'missing; expected an array of edges (use [] for none)' : `expected an array of edges, got ${describeValue(raw)}`);
    return result;
  }
  if (raw.length > MAX_EDGES) {
    issues.error(listPath, `${raw.length} edges is more than the ${MAX_EDGES} a graph may hold`);
    return result;
  }
  const edgeIds: IdSpace = new Map();
  /** First edge place for each from→to pair, to name the original of a duplicate. */
  const seenWires = new Map<string, string>();

  for (let index = 0; index < raw.length; index++) {
    const item: unknown = raw[index];
    if (!isRecord(item)) {
      issues.error(placeOf(index, undefined), `expected an edge object, got ${describeValue(item)}`);
      continue;
    }
    const rawId = own(item, 'id');
    const place = placeOf(index, rawId);
    const owner: IssueOwner = typeof rawId === 'string' ? { edgeId: rawId } : {};
    const errorsBefore = issues.errorCount;

    checkKeys(item, EDGE_KEYS, place, issues, { policy: 'error', what: 'an edge', owner });
    const id = readId(item, place, edgeIds, issues, owner);
    const from = readPortRef(item, 'from', place, issues, owner);
    const to = readPortRef(item, 'to', place, issues, owner);
    if (from === undefined || to === undefined) continue;

    const fromEntry = nodes.get(from.node);
    const toEntry = nodes.get(to.node);
    if (fromEntry === undefined) issues.error(place, `from node ${quote(from.node)} does not exist`, owner);
    if (toEntry === undefined) issues.error(place, `to node ${quote(to.node)} does not exist`, owner);
    if (fromEntry === undefined || toEntry === undefined) continue;

    if (fromEntry.spec !== undefined) checkPort(fromEntry, fromEntry.spec, from.port, 'from', place, issues, owner);
    if (toEntry.spec !== undefined) checkPort(toEntry, toEntry.spec, to.port, 'to', place, issues, owner);

    if (from.node === to.node) {
      issues.error(place, `wire from ${quote(from.node)} back into itself; audio cannot flow in a loop`, { ...owner, nodeId: from.node });
      continue;
    }
    if (id !== undefined) result.wires.push({ id, from: from.node, to: to.node });

    const wireKey = JSON.stringify([from.node, from.port, to.node, to.port]);
    const original = seenWires.get(wireKey);
    if (original !== undefined) {
      issues.error(place, `duplicates ${original} (${endName(from)} → ${endName(to)})`, owner);
      continue;
    }
    seenWires.set(wireKey, place);

    if (id !== undefined && issues.errorCount === errorsBefore) {
      result.edges.push({ id, from: { node: from.node, port: from.port }, to: { node: to.node, port: to.port } });
    }
  }
  return result;
}

function endName(ref: PortRef): string {
  return `${ref.node}.${ref.port.length > 40 ? `${ref.port.slice(0, 40)}…` : ref.port}`;
}

/** Reads an edge end `{ node, port }`; undefined after reporting a problem. */
function readPortRef(
  edge: Readonly<Record<string, unknown>>,
  key: 'from' | 'to',
  place: string,
  issues: IssueCollector,
  owner: IssueOwner,
): PortRef | undefined {
  const at = keyPath(place, key);
  const raw = own(edge, key);
  if (!isRecord(raw)) {
    const problem = raw === undefined ? 'missing' : `got ${describeValue(raw)}`;
    issues.error(at, `${problem}; expected { "node": id, "port": port id }`, owner);
    return undefined;
  }
  const errorsBefore = issues.errorCount;
  checkKeys(raw, PORT_REF_KEYS, at, issues, { policy: 'error', what: 'an edge end', owner });
  const node = own(raw, 'node');
  const port = own(raw, 'port');
  if (typeof node !== 'string') {
    issues.error(keyPath(at, 'node'), node === undefined ? 'missing; expected a node id' : `expected a node id, got ${describeValue(node)}`, owner);
  }
  if (typeof port !== 'string') {
    issues.error(keyPath(at, 'port'), port === undefined ? 'missing; expected a port id' : `expected a port id, got ${describeValue(port)}`, owner);
  }
  if (typeof node !== 'string' || typeof port !== 'string' || issues.errorCount !== errorsBefore) return undefined;
  return { node, port };
}

/**
 * A wire must start at an output port and end at an input port of the node's type.
 * `end` is 'from' (needs an output) or 'to' (needs an input).
 */
function checkPort(
  entry: NodeEntry,
  spec: NodeTypeSpec,
  port: string,
  end: 'from' | 'to',
  place: string,
  issues: IssueCollector,
  owner: IssueOwner,
): void {
  const wanted: readonly PortSpec[] = end === 'from' ? spec.outputs : spec.inputs;
  const other: readonly PortSpec[] = end === 'from' ? spec.inputs : spec.outputs;
  if (wanted.some((p) => p.id === port)) return;
  const kind = end === 'from' ? 'output' : 'input';
  const who = `${quote(entry.id ?? '')} (${spec.type})`;
  const wantedIds = wanted.map((p) => p.id);
  const list = wantedIds.length === 0 ? `it has no ${kind}s` : `its ${kind}s: ${humanList(wantedIds)}`;
  const withOwner: IssueOwner = { ...owner, ...(entry.id !== undefined ? { nodeId: entry.id } : {}) };
  let text: string;
  if (other.some((p) => p.id === port)) {
    const direction = end === 'from' ? 'start at an output' : 'end at an input';
    text = `${end} port ${quote(port)} of ${who} is an ${end === 'from' ? 'input' : 'output'}; a wire must ${direction} (${list})`;
  } else {
    const hint = closestMatch(port, wantedIds);
    const suggestion = hint === undefined ? '' : `; did you mean ${quote(hint)}?`;
    text = `${who} has no ${kind} port ${quote(port)}${suggestion} (${list})`;
  }
  issues.error(place, text, withOwner);
}

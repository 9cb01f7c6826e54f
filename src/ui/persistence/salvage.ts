/**
 * Opening what can be opened of a document that no longer validates (an autosave written by an
 * older editor, a hand-edited file). Pure: it repeatedly validates with `parseGraph` and removes
 * exactly what each error names — a bad param goes back to its default, a bad node, wire, note
 * or group is left out — until the rest validates. Nothing is guessed beyond that.
 */
import type { Catalog } from '../../graph/catalog';
import { parseGraph } from '../../graph/parse';
import { findCycles } from '../../graph/topology';
import type { Graph, GraphIssue } from '../../graph/types';
import type { GraphIssueDetail } from '../../graph/issues';

/** What `salvageDocument` could open, and what it had to change to open it. */
export interface SalvageResult {
  graph: Graph;
  /** One sentence per thing that was reset or left out. */
  changes: string[];
}

const MAX_ROUNDS = 50;
const ITEM = /^(nodes|edges|notes|groups)\[(\d+)\]/;
const PARAM = /^nodes\[(\d+)\](?: "(?:[^"\\]|\\.)*")?\.params(?:\.([A-Za-z_$][A-Za-z0-9_$]*)|\[("(?:[^"\\]|\\.)*")\])/;

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The largest valid part of `text` (JSON of a Mixgraph document), or undefined when the text is
 * not even a JSON object of the right format. The master-node rule is not enforced here: a
 * graph without its output still opens, and the status bar says what is missing.
 */
export function salvageDocument(text: string, catalog: Catalog): SalvageResult | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    return undefined;
  }
  if (!isObject(doc)) return undefined;
  const changes: string[] = [];
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const parsed = parseGraph(doc, catalog);
    if (parsed.ok) return { graph: parsed.graph, changes };
    if (!repair(doc, parsed.errors, changes)) return undefined;
  }
  return undefined;
}

/** Applies one round of repairs; false when no error could be acted on. */
function repair(doc: Json, errors: readonly GraphIssueDetail[], changes: string[]): boolean {
  const drop: Record<'nodes' | 'edges' | 'notes' | 'groups', Set<number>> = { nodes: new Set(), edges: new Set(), notes: new Set(), groups: new Set() };
  let acted = false;
  for (const issue of errors) {
    if (repairParam(doc, issue, changes)) {
      acted = true;
      continue;
    }
    const item = ITEM.exec(issue.path);
    if (item !== null) {
      drop[item[1] as keyof typeof drop].add(Number(item[2]));
      continue;
    }
    if (issue.edgeId !== undefined && Array.isArray(doc.edges)) {
      const index = doc.edges.findIndex((e) => isObject(e) && e.id === issue.edgeId);
      if (index >= 0) drop.edges.add(index);
      continue;
    }
    acted = repairTopLevel(doc, issue, changes) || acted;
  }
  for (const list of ['nodes', 'edges', 'notes', 'groups'] as const) {
    const items = doc[list];
    if (!Array.isArray(items) || drop[list].size === 0) continue;
    const kept = items.filter((_, i) => !drop[list].has(i));
    for (const i of [...drop[list]].sort((a, b) => a - b)) changes.push(`left out ${list}[${i}]${describeItem(items[i])}`);
    doc[list] = kept;
    acted = true;
  }
  return acted;
}

function repairParam(doc: Json, issue: GraphIssue, changes: string[]): boolean {
  const match = PARAM.exec(issue.path);
  if (match === null || !Array.isArray(doc.nodes)) return false;
  const node = doc.nodes[Number(match[1])];
  if (!isObject(node) || !isObject(node.params)) return false;
  const key = match[2] ?? (JSON.parse(match[3]) as string);
  if (!Object.prototype.hasOwnProperty.call(node.params, key)) return false;
  const params: Json = { ...node.params };
  delete params[key];
  node.params = params;
  changes.push(`reset ${typeof node.id === 'string' ? `"${node.id}"` : `nodes[${match[1]}]`}.${key} to its default`);
  return true;
}

function repairTopLevel(doc: Json, issue: GraphIssue, changes: string[]): boolean {
  switch (issue.path) {
    case 'name':
      doc.name = 'Recovered graph';
      changes.push('renamed the graph "Recovered graph" (its name was not text)');
      return true;
    case 'description':
      delete doc.description;
      changes.push('removed the description (it was not text)');
      return true;
    case 'edges':
      if (Array.isArray(doc.edges)) return breakCycles(doc, changes);
      doc.edges = [];
      changes.push('replaced "edges" (not a list) by an empty list');
      return true;
    case 'nodes':
      if (Array.isArray(doc[issue.path])) return false;
      doc[issue.path] = [];
      changes.push(`replaced "${issue.path}" (not a list) by an empty list`);
      return true;
    case 'notes':
    case 'groups':
      if (Array.isArray(doc[issue.path])) return false;
      delete doc[issue.path];
      changes.push(`removed "${issue.path}" (not a list)`);
      return true;
    default:
      return false;
  }
}

/** Removes, for every loop, the wire that closes it (from its last node back to its first). */
function breakCycles(doc: Json, changes: string[]): boolean {
  const edges = Array.isArray(doc.edges) ? doc.edges : [];
  const nodes = Array.isArray(doc.nodes) ? doc.nodes : [];
  const ends = (e: unknown): [string, string] | undefined => {
    if (!isObject(e) || !isObject(e.from) || !isObject(e.to)) return undefined;
    return typeof e.from.node === 'string' && typeof e.to.node === 'string' ? [e.from.node, e.to.node] : undefined;
  };
  const cycles = findCycles({
    nodes: nodes.flatMap((n) => (isObject(n) && typeof n.id === 'string' ? [{ id: n.id }] : [])),
    edges: edges.flatMap((e) => {
      const pair = ends(e);
      return pair === undefined ? [] : [{ from: { node: pair[0] }, to: { node: pair[1] } }];
    }),
  });
  const drop = new Set<number>();
  for (const cycle of cycles) {
    const last = cycle[cycle.length - 1];
    const index = edges.findIndex((e) => {
      const pair = ends(e);
      return pair !== undefined && pair[0] === last && pair[1] === cycle[0];
    });
    if (index >= 0) drop.add(index);
  }
  if (drop.size === 0) return false;
  for (const i of drop) changes.push(`left out edges[${i}]${describeItem(edges[i])} to break a loop`);
  doc.edges = edges.filter((_, i) => !drop.has(i));
  return true;
}

function describeItem(item: unknown): string {
  return isObject(item) && typeof item.id === 'string' ? ` "${item.id}"` : '';
}

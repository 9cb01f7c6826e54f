/**
 * Parsing untrusted graph documents (preset files, share links, pasted JSON, autosaves) into a
 * `Graph`, or into a complete list of precise, human errors. The rules are DESIGN.md's "Graph
 * document" section; docs/graph-format.md lists them with the message conventions.
 *
 * Guarantees: never throws, never hangs (every loop is bounded by the input size, and sizes are
 * capped), reports every error it finds (up to a cap), and returns only fresh objects — nothing
 * in the result is shared with the input.
 */
import type { Catalog } from './catalog';
import { GRAPH_FORMAT, GRAPH_VERSION, requiredVersion } from './types';
import type { Graph, GraphIssue, ParseResult } from './types';
import type { IdSpace } from './fields';
import { DEFAULT_MAX_ISSUES, type GraphIssueDetail, IssueCollector, describeValue, humanList, keyPath, quote } from './issues';
import { findJsonSyntaxError, locateIndex } from './jsonSyntax';
import { lintConnections } from './lintConnections';
import { migrateDocument } from './migrate';
import { FORBIDDEN_KEYS, isRecord, own, reportForbiddenKey, type JsonRecord } from './reader';
import { validateModules } from './modules/validateModules';
import { reportCycles } from './reportCycles';
import { MAX_FLAT_NODES, expandedNodeCount } from './modules/flatten';
import { validateGroups, validateNotes } from './validateAnnotations';
import { validateEdges } from './validateEdges';
import { validateNodes } from './validateNodes';
import { validateSnapshots } from './validateSnapshots';

/** The top-level keys of a document, in the order `serializeGraph` writes them. */
export const DOCUMENT_KEYS: readonly string[] = ['format', 'version', 'name', 'description', 'nodes', 'edges', 'notes', 'groups', 'modules', 'snapshots'];

/** Documents older than this are reported as upgraded (version 1 → 2 changes nothing). */
const FIRST_CURRENT_VERSION = 1;

/** Name given to a document that has none. */
export const DEFAULT_GRAPH_NAME = 'Untitled';

export interface ParseOptions {
  /**
   * The node type that is the master (the registry passes `'output'`). When given, the graph
   * must contain exactly one node of this type. The graph layer itself names no node types.
   */
  masterType?: string;
  /** Cap on reported errors (and on warnings) before "…and N more". Default 100. */
  maxIssues?: number;
}

/**
 * Validates `json` (a value from `JSON.parse`, or any object) against `catalog` and returns the
 * graph with warnings, or every error found. Runs migrations first when `version` is older.
 */
export function parseGraph(json: unknown, catalog: Catalog, options: ParseOptions = {}): ParseResult {
  const issues = new IssueCollector(options.maxIssues ?? DEFAULT_MAX_ISSUES);
  try {
    const graph = validateDocument(json, catalog, options, issues);
    if (graph === undefined || issues.hasErrors) return { ok: false, errors: issues.errors() };
    lintConnections(graph, catalog, options.masterType, issues);
    return { ok: true, graph, warnings: issues.warnings() };
  } catch (cause) {
    // Only reachable with hostile non-JSON input (a Proxy or getter that throws); a promise of
    // this function is that it reports instead of throwing.
    const why = cause instanceof Error ? cause.message : String(cause);
    const errors: GraphIssue[] = issues.errors();
    errors.push({ path: '', message: `the document could not be read: ${why}` });
    return { ok: false, errors };
  }
}

function validateDocument(json: unknown, catalog: Catalog, options: ParseOptions, issues: IssueCollector): Graph | undefined {
  if (!isRecord(json)) {
    issues.error('document', `expected a JSON object with "format": ${quote(GRAPH_FORMAT)}, got ${describeValue(json)}`);
    return undefined;
  }
  for (const key of Object.keys(json)) if (FORBIDDEN_KEYS.has(key)) reportForbiddenKey(key, '', issues);

  const format = own(json, 'format');
  if (format !== GRAPH_FORMAT) {
    const got = format === undefined ? 'missing' : `${describeValue(format)} is not ${quote(GRAPH_FORMAT)}`;
    issues.error('format', `${got}; this is not a Mixgraph graph document (expected "format": ${quote(GRAPH_FORMAT)})`);
    return undefined;
  }
  const migrated = migrateDocument(json);
  if (!migrated.ok) {
    issues.addError(migrated.error);
    return undefined;
  }
  const doc: JsonRecord = migrated.doc;
  if (migrated.fromVersion < FIRST_CURRENT_VERSION) {
    issues.warn('version', `upgraded from version ${migrated.fromVersion} to ${GRAPH_VERSION}; saving writes version ${GRAPH_VERSION}`);
  }
  for (const key of Object.keys(doc)) {
    if (!DOCUMENT_KEYS.includes(key) && !FORBIDDEN_KEYS.has(key)) {
      issues.warn(keyPath('', key), `not a Mixgraph document field; it was ignored (fields: ${humanList(DOCUMENT_KEYS)})`);
    }
  }

  const name = readName(doc, issues);
  const description = own(doc, 'description');
  if (description !== undefined && typeof description !== 'string') {
    issues.error('description', `expected text, got ${describeValue(description)}`);
  }

  // Nodes, notes and groups share one id namespace: the editor draws all three on one canvas.
  const ids: IdSpace = new Map();
  const modules = validateModules(own(doc, 'modules'), catalog, issues, options.masterType);
  const nodes = validateNodes(own(doc, 'nodes'), catalog, issues, ids, { moduleSpecs: modules.specs });
  const edges = validateEdges(own(doc, 'edges'), nodes.byId, issues);
  const notes = validateNotes(own(doc, 'notes'), issues, ids);
  const groups = validateGroups(own(doc, 'groups'), nodes.byId, issues, ids);
  const snapshots = validateSnapshots(own(doc, 'snapshots'), nodes.byId, issues);

  if (options.masterType !== undefined) checkMaster(nodes.entries, options.masterType, issues);
  reportCycles(nodes.entries.flatMap((e) => (e.id === undefined ? [] : [{ id: e.id }])), edges.wires, issues);

  if (!issues.hasErrors && modules.definitions.length > 0 && expandedNodeCount(nodes.nodes, modules.definitions) > MAX_FLAT_NODES) {
    issues.error('nodes', `the module instances expand to more than ${MAX_FLAT_NODES} nodes, more than a graph may hold; use fewer or smaller modules`);
  }
  if (issues.hasErrors || name === undefined) return undefined;
  const hasModules = own(doc, 'modules') !== undefined;
  return {
    format: GRAPH_FORMAT,
    version: requiredVersion({ modules: modules.definitions }),
    name,
    ...(typeof description === 'string' ? { description } : {}),
    nodes: nodes.nodes,
    edges: edges.edges,
    ...(notes !== undefined ? { notes } : {}),
    ...(groups !== undefined ? { groups } : {}),
    ...(hasModules ? { modules: modules.definitions } : {}),
    ...(snapshots !== undefined ? { snapshots } : {}),
  };
}

function readName(doc: JsonRecord, issues: IssueCollector): string | undefined {
  const name = own(doc, 'name');
  if (name === undefined) {
    issues.warn('name', `missing; using ${quote(DEFAULT_GRAPH_NAME)}`);
    return DEFAULT_GRAPH_NAME;
  }
  if (typeof name !== 'string') {
    issues.error('name', `expected text, got ${describeValue(name)}`);
    return undefined;
  }
  return name;
}

/** Exactly one node of the master type. */
function checkMaster(entries: readonly { id: string | undefined; type: string | undefined; index: number }[], masterType: string, issues: IssueCollector): void {
  const masters = entries.filter((e) => e.type === masterType);
  if (masters.length === 1) return;
  const names = masters.map((e) => e.id ?? `nodes[${e.index}]`);
  const found = masters.length === 0 ? 'found 0' : `found ${masters.length}: ${humanList(names)}`;
  issues.errorMessage('nodes', `the graph needs exactly one ${masterType} node; ${found}`);
}

/**
 * Parses JSON text, then the document. A JSON syntax error becomes one issue carrying its line,
 * column (1-based) and UTF-8 byte offset, with the message
 * `line 3, column 14 (byte 52): JSON syntax error: expected ',' or '}' after a property value, found '"'`.
 * A leading byte-order mark is skipped (line, column and byte offset still count it). Never throws.
 *
 * @param source where the text came from (a file name, "share link"). A syntax error's `path` is
 *   then `preset.json:3:14` (the form editors and terminals link); messages never repeat the
 *   source, since callers prefix every line with it.
 */
export function parseGraphText(text: string, catalog: Catalog, source?: string, options: ParseOptions = {}): ParseResult {
  if (typeof text !== 'string') {
    return { ok: false, errors: [{ path: '', message: `expected JSON text, got ${describeValue(text)}` }] };
  }
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const body = start === 0 ? text : text.slice(start);
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (cause) {
    return { ok: false, errors: [syntaxIssue(text, start, body, cause, source)] };
  }
  return parseGraph(json, catalog, options);
}

function syntaxIssue(text: string, start: number, body: string, cause: unknown, source: string | undefined): GraphIssueDetail {
  let found: ReturnType<typeof findJsonSyntaxError>;
  try {
    found = findJsonSyntaxError(body);
  } catch {
    found = null;
  }
  if (found === null) {
    // The engine refused text our scanner accepts (e.g. nesting beyond its limits): say so plainly.
    const why = cause instanceof Error ? cause.message : String(cause);
    return { path: '', message: `the JSON could not be read: ${why}` };
  }
  const at = locateIndex(text, found.index + start);
  return {
    path: source === undefined ? `line ${at.line}, column ${at.column}` : `${source}:${at.line}:${at.column}`,
    message: `line ${at.line}, column ${at.column} (byte ${at.offset}): JSON syntax error: ${found.message}`,
    line: at.line,
    column: at.column,
    offset: at.offset,
  };
}

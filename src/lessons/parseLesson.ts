/**
 * Validation of an untrusted lesson document. Like the graph parser it never throws, reports
 * every problem with its place (`steps[2] "Set the threshold".highlight[0]: …`) and returns fresh
 * objects. The lesson's graph goes through the graph parser; every node, param and value a step
 * names is checked against that graph and the node catalog.
 */
import type { Catalog } from '../graph/catalog';
import { IssueCollector, describeValue, humanList, itemPlace, keyPath, quote } from '../graph/issues';
import { checkKeys, isRecord, own, type JsonRecord } from '../graph/reader';
import { closestMatch } from '../graph/suggest';
import type { Snapshot, NodeSetting } from '../graph/snapshot';
import type { Graph, GraphIssue, ParamValue } from '../graph/types';
import { validateParams } from '../graph/validateParams';
import { catalog as nodeCatalog } from '../nodes/registry';
import { parseDocument } from '../runtime/document';
import { LESSON_FORMAT, LESSON_VERSION, type Lesson, type LessonCheck, type LessonStep, type ParamRef } from './types';

export type LessonParseResult = { ok: true; lesson: Lesson } | { ok: false; errors: GraphIssue[] };

const LESSON_KEYS = ['format', 'version', 'id', 'title', 'summary', 'graph', 'steps'] as const;
const STEP_KEYS = ['title', 'text', 'highlight', 'reveal', 'snapshot', 'check'] as const;
/** Enough for a term's course; small enough that a hostile file cannot make the panel crawl. */
export const MAX_LESSON_STEPS = 200;
const MAX_TEXT = 20_000;
const MAX_TITLE = 200;

function readText(record: JsonRecord, key: string, place: string, issues: IssueCollector, max: number, required = true): string {
  const value = own(record, key);
  if (value === undefined && !required) return '';
  if (typeof value !== 'string' || (required && value.trim() === '')) {
    issues.error(keyPath(place, key), value === undefined ? 'missing; expected text' : `expected text, got ${describeValue(value)}`);
    return '';
  }
  if (value.length > max) issues.error(keyPath(place, key), `${value.length} characters is more than the ${max} allowed`);
  return value;
}

/** Checks that `id` names a node of the graph, with a "did you mean" when it does not. */
function knownNode(graph: Graph, id: unknown, place: string, issues: IssueCollector): string | undefined {
  if (typeof id !== 'string') {
    issues.error(place, `expected a node id, got ${describeValue(id)}`);
    return undefined;
  }
  if (graph.nodes.some((n) => n.id === id)) return id;
  const hint = closestMatch(id, graph.nodes.map((n) => n.id));
  issues.error(place, `${quote(id)} is not a node of the lesson's graph${hint === undefined ? '' : `; did you mean ${quote(hint)}?`}`);
  return undefined;
}

/** Checks that the node's type has the param; returns the param's spec. */
function knownParam(graph: Graph, catalog: Catalog, node: string, param: unknown, place: string, issues: IssueCollector) {
  const type = graph.nodes.find((n) => n.id === node)!.type;
  const spec = catalog.get(type);
  const keys = spec?.params.map((p) => p.key) ?? [];
  const paramSpec = spec?.params.find((p) => p.key === param);
  if (typeof param !== 'string' || paramSpec === undefined) {
    const hint = typeof param === 'string' ? closestMatch(param, keys) : undefined;
    issues.error(place, `${describeValue(param)} is not a param of ${quote(node)} (a ${type}: ${humanList(keys)})${hint === undefined ? '' : `; did you mean ${quote(hint)}?`}`);
    return undefined;
  }
  return paramSpec;
}

function readNumber(record: JsonRecord, key: string, place: string, issues: IssueCollector, required: boolean): number | undefined {
  const value = own(record, key);
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    issues.error(keyPath(place, key), value === undefined ? 'missing; expected a number' : `expected a number, got ${describeValue(value)}`);
    return undefined;
  }
  return value;
}

function readCheck(raw: unknown, graph: Graph, catalog: Catalog, place: string, issues: IssueCollector): LessonCheck | undefined {
  if (!isRecord(raw)) {
    issues.error(place, `expected a check object, got ${describeValue(raw)}`);
    return undefined;
  }
  const kind = own(raw, 'kind');
  const before = issues.errorCount;
  const node = (): string | undefined => knownNode(graph, own(raw, 'node'), keyPath(place, 'node'), issues);
  switch (kind) {
    case 'loudness': {
      checkKeys(raw, ['kind', 'measure', 'target', 'tolerance'], place, issues, { policy: 'error', what: 'a loudness check' });
      const measure = own(raw, 'measure');
      if (measure !== 'integrated' && measure !== 'short-term') issues.error(keyPath(place, 'measure'), `expected "integrated" or "short-term", got ${describeValue(measure)}`);
      const target = readNumber(raw, 'target', place, issues, true);
      const tolerance = readNumber(raw, 'tolerance', place, issues, true);
      if (tolerance !== undefined && tolerance <= 0) issues.error(keyPath(place, 'tolerance'), `must be above 0 LU, got ${tolerance}`);
      if (issues.errorCount > before) return undefined;
      return { kind, measure: measure as 'integrated' | 'short-term', target: target!, tolerance: tolerance! };
    }
    case 'truePeak': {
      checkKeys(raw, ['kind', 'max'], place, issues, { policy: 'error', what: 'a true-peak check' });
      const max = readNumber(raw, 'max', place, issues, true);
      return issues.errorCount > before ? undefined : { kind, max: max! };
    }
    case 'gainReduction': {
      checkKeys(raw, ['kind', 'node', 'min', 'max'], place, issues, { policy: 'error', what: 'a gain-reduction check' });
      const id = node();
      const type = id === undefined ? undefined : graph.nodes.find((n) => n.id === id)!.type;
      if (type !== undefined && type !== 'compressor' && type !== 'limiter') {
        issues.error(keyPath(place, 'node'), `${quote(id!)} is a ${type}; gain reduction is measured on a compressor or a limiter`);
      }
      const min = readNumber(raw, 'min', place, issues, true);
      const max = readNumber(raw, 'max', place, issues, true);
      if (min !== undefined && max !== undefined && min > max) issues.error(place, `min ${min} dB is above max ${max} dB`);
      return issues.errorCount > before ? undefined : { kind, node: id!, min: min!, max: max! };
    }
    case 'param': {
      checkKeys(raw, ['kind', 'node', 'param', 'min', 'max', 'equals'], place, issues, { policy: 'error', what: 'a param check' });
      const id = node();
      const spec = id === undefined ? undefined : knownParam(graph, catalog, id, own(raw, 'param'), keyPath(place, 'param'), issues);
      const min = readNumber(raw, 'min', place, issues, false);
      const max = readNumber(raw, 'max', place, issues, false);
      const equals = own(raw, 'equals');
      if (min === undefined && max === undefined && equals === undefined) issues.error(place, 'a param check needs min, max or equals');
      if (spec !== undefined && (min !== undefined || max !== undefined) && spec.kind !== 'number') {
        issues.error(place, `${quote(spec.key)} is not a number; use equals`);
      }
      if (equals !== undefined && typeof equals !== 'number' && typeof equals !== 'boolean' && typeof equals !== 'string') {
        issues.error(keyPath(place, 'equals'), `expected a param value, got ${describeValue(equals)}`);
      }
      if (issues.errorCount > before) return undefined;
      const check: LessonCheck = { kind, node: id!, param: spec!.key };
      if (min !== undefined) check.min = min;
      if (max !== undefined) check.max = max;
      if (equals !== undefined) check.equals = equals as ParamValue;
      return check;
    }
    case 'bypass': {
      checkKeys(raw, ['kind', 'node', 'bypassed'], place, issues, { policy: 'error', what: 'a bypass check' });
      const id = node();
      const bypassed = own(raw, 'bypassed');
      if (typeof bypassed !== 'boolean') issues.error(keyPath(place, 'bypassed'), `expected true or false, got ${describeValue(bypassed)}`);
      return issues.errorCount > before ? undefined : { kind, node: id!, bypassed: bypassed as boolean };
    }
    default:
      issues.error(keyPath(place, 'kind'), `expected one of "loudness", "truePeak", "gainReduction", "param", "bypass", got ${describeValue(kind)}`);
      return undefined;
  }
}

function readSnapshot(raw: unknown, graph: Graph, catalog: Catalog, place: string, issues: IssueCollector): Snapshot | undefined {
  const nodesRaw = isRecord(raw) ? own(raw, 'nodes') : undefined;
  if (!isRecord(raw) || !isRecord(nodesRaw)) {
    issues.error(place, 'expected { "nodes": { "<node id>": { "params": {…}, "bypass": false } } }');
    return undefined;
  }
  checkKeys(raw, ['nodes'], place, issues, { policy: 'error', what: 'a snapshot' });
  const nodes: Record<string, NodeSetting> = {};
  for (const id of Object.keys(nodesRaw)) {
    const at = keyPath(keyPath(place, 'nodes'), id);
    if (knownNode(graph, id, at, issues) === undefined) continue;
    const setting = own(nodesRaw, id);
    if (!isRecord(setting)) {
      issues.error(at, `expected { "params": {…}, "bypass": … }, got ${describeValue(setting)}`);
      continue;
    }
    checkKeys(setting, ['params', 'bypass'], at, issues, { policy: 'error', what: 'a node setting' });
    const spec = catalog.get(graph.nodes.find((n) => n.id === id)!.type);
    const params = validateParams(own(setting, 'params'), spec, keyPath(at, 'params'), issues, { nodeId: id });
    const bypass = own(setting, 'bypass');
    if (bypass !== undefined && typeof bypass !== 'boolean') issues.error(keyPath(at, 'bypass'), `expected true or false, got ${describeValue(bypass)}`);
    nodes[id] = { params, bypass: bypass === true };
  }
  return { nodes };
}

function readStep(raw: unknown, index: number, graph: Graph, catalog: Catalog, issues: IssueCollector): LessonStep | undefined {
  if (!isRecord(raw)) {
    issues.error(`steps[${index}]`, `expected a step object, got ${describeValue(raw)}`);
    return undefined;
  }
  const place = itemPlace('steps', index, own(raw, 'title'));
  const before = issues.errorCount;
  checkKeys(raw, STEP_KEYS, place, issues, { policy: 'error', what: 'a step' });
  const title = readText(raw, 'title', place, issues, MAX_TITLE);
  const text = readText(raw, 'text', place, issues, MAX_TEXT);
  const highlight: string[] = [];
  const highlightRaw = own(raw, 'highlight');
  if (highlightRaw !== undefined && !Array.isArray(highlightRaw)) issues.error(keyPath(place, 'highlight'), `expected a list of node ids, got ${describeValue(highlightRaw)}`);
  if (Array.isArray(highlightRaw)) {
    highlightRaw.forEach((id: unknown, i) => {
      const ok = knownNode(graph, id, `${keyPath(place, 'highlight')}[${i}]`, issues);
      if (ok !== undefined) highlight.push(ok);
    });
  }
  const reveal: ParamRef[] = [];
  const revealRaw = own(raw, 'reveal');
  if (revealRaw !== undefined && !Array.isArray(revealRaw)) issues.error(keyPath(place, 'reveal'), `expected a list of { "node", "param" }, got ${describeValue(revealRaw)}`);
  if (Array.isArray(revealRaw)) {
    revealRaw.forEach((ref: unknown, i) => {
      const at = `${keyPath(place, 'reveal')}[${i}]`;
      if (!isRecord(ref)) return issues.error(at, `expected { "node", "param" }, got ${describeValue(ref)}`);
      checkKeys(ref, ['node', 'param'], at, issues, { policy: 'error', what: 'a param reference' });
      const node = knownNode(graph, own(ref, 'node'), keyPath(at, 'node'), issues);
      const spec = node === undefined ? undefined : knownParam(graph, catalog, node, own(ref, 'param'), keyPath(at, 'param'), issues);
      if (node !== undefined && spec !== undefined) reveal.push({ node, param: spec.key });
    });
  }
  const snapshotRaw = own(raw, 'snapshot');
  const snapshot = snapshotRaw === undefined ? undefined : readSnapshot(snapshotRaw, graph, catalog, keyPath(place, 'snapshot'), issues);
  const checkRaw = own(raw, 'check');
  const check = checkRaw === undefined ? undefined : readCheck(checkRaw, graph, catalog, keyPath(place, 'check'), issues);
  if (issues.errorCount > before) return undefined;
  const step: LessonStep = { title, text, highlight, reveal };
  if (snapshot !== undefined) step.snapshot = snapshot;
  if (check !== undefined) step.check = check;
  return step;
}

/** Validates a lesson (from `JSON.parse` or a built-in file) against the real node catalog. */
export function parseLesson(raw: unknown, catalog: Catalog = nodeCatalog): LessonParseResult {
  const issues = new IssueCollector();
  if (!isRecord(raw)) return { ok: false, errors: [{ path: '', message: `a lesson must be a JSON object, got ${describeValue(raw)}` }] };
  if (own(raw, 'format') !== LESSON_FORMAT) {
    return { ok: false, errors: [{ path: 'format', message: `format: expected "${LESSON_FORMAT}", got ${describeValue(own(raw, 'format'))}` }] };
  }
  const version = own(raw, 'version');
  if (version !== LESSON_VERSION) {
    const newer = typeof version === 'number' && version > LESSON_VERSION;
    return { ok: false, errors: [{ path: 'version', message: `version: ${newer ? `${version} is newer than this Mixgraph understands (${LESSON_VERSION}); update Mixgraph` : `expected ${LESSON_VERSION}, got ${describeValue(version)}`}` }] };
  }
  checkKeys(raw, LESSON_KEYS, '', issues, { policy: 'error', what: 'a lesson' });
  const id = readText(raw, 'id', '', issues, 100);
  if (id !== '' && !/^[a-z0-9][a-z0-9-]*$/.test(id)) issues.error('id', `${quote(id)}: use lower-case letters, digits and dashes (it names the lesson in links)`);
  const title = readText(raw, 'title', '', issues, MAX_TITLE);
  const summary = readText(raw, 'summary', '', issues, MAX_TEXT, false);
  const parsedGraph = parseDocument(own(raw, 'graph'));
  if (!parsedGraph.ok) {
    for (const e of parsedGraph.errors) issues.errorMessage(`graph.${e.path}`, `graph.${e.message}`, e.nodeId !== undefined ? { nodeId: e.nodeId } : {});
    return { ok: false, errors: issues.errors() };
  }
  const graph = parsedGraph.graph;
  const stepsRaw = own(raw, 'steps');
  const steps: LessonStep[] = [];
  if (!Array.isArray(stepsRaw) || stepsRaw.length === 0) {
    issues.error('steps', `expected a list of at least one step, got ${describeValue(stepsRaw)}`);
  } else if (stepsRaw.length > MAX_LESSON_STEPS) {
    issues.error('steps', `${stepsRaw.length} steps is more than the ${MAX_LESSON_STEPS} a lesson may hold`);
  } else {
    stepsRaw.forEach((s: unknown, i) => {
      const step = readStep(s, i, graph, catalog, issues);
      if (step !== undefined) steps.push(step);
    });
  }
  if (issues.hasErrors) return { ok: false, errors: issues.errors() };
  return { ok: true, lesson: { format: LESSON_FORMAT, version: LESSON_VERSION, id, title, summary, graph, steps } };
}

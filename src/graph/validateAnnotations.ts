/**
 * Validation of the optional `notes` (sticky notes) and `groups` (frames around nodes). The
 * engines ignore both, but every editor path keeps them, so they are checked as strictly as
 * nodes: unique ids (shared namespace with nodes), finite numbers, groups naming real nodes.
 */
import type { GraphGroup, GraphNote } from './types';
import { type IdSpace, readFinite, readId, readPosition, readRequiredString } from './fields';
import { type IssueCollector, describeValue, itemPlace, keyPath, quote } from './issues';
import { checkKeys, isRecord, own } from './reader';
import type { NodeEntry } from './validateNodes';

/** Most notes, and most groups, a document may hold. */
export const MAX_ANNOTATIONS = 10_000;

/** The keys a note may have, in the order `serializeGraph` writes them. */
export const NOTE_KEYS: readonly string[] = ['id', 'text', 'position', 'width', 'height'];

/** The keys a group may have, in the order `serializeGraph` writes them. */
export const GROUP_KEYS: readonly string[] = ['id', 'label', 'color', 'nodes'];

/**
 * Accepted group colors: `#rgb`, `#rgba`, `#rrggbb`, `#rrggbbaa`, or a CSS color keyword
 * (letters only). Kept narrow because the UI puts the value into a style.
 */
export const GROUP_COLOR_PATTERN = /^(#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})|[A-Za-z]{1,32})$/;

/**
 * Checks an optional list: returns undefined when absent (or unusable), else the valid items.
 */
function readList(raw: unknown, name: 'notes' | 'groups', issues: IssueCollector): unknown[] | undefined {
  if (raw === undefined) return undefined;
  if (!Array.isArray(raw)) {
    issues.error(name, `expected an array of ${name}, got ${describeValue(raw)}`);
    return undefined;
  }
  if (raw.length > MAX_ANNOTATIONS) {
    issues.error(name, `${raw.length} ${name} is more than the ${MAX_ANNOTATIONS} a graph may hold`);
    return undefined;
  }
  return raw;
}

/** Checks the document's `notes` value; undefined when absent. */
export function validateNotes(raw: unknown, issues: IssueCollector, ids: IdSpace): GraphNote[] | undefined {
  const list = readList(raw, 'notes', issues);
  if (list === undefined) return undefined;
  const notes: GraphNote[] = [];
  for (let index = 0; index < list.length; index++) {
    const item = list[index];
    if (!isRecord(item)) {
      issues.error(`notes[${index}]`, `expected a note object, got ${describeValue(item)}`);
      continue;
    }
    const place = itemPlace('notes', index, own(item, 'id'));
    const errorsBefore = issues.errorCount;
    checkKeys(item, NOTE_KEYS, place, issues, { policy: 'error', what: 'a note' });
    const id = readId(item, place, ids, issues);
    const text = readRequiredString(item, 'text', place, issues);
    const position = readPosition(item, place, issues);
    const width = readFinite(item, 'width', place, issues, {}, { nonNegative: true });
    const height = readFinite(item, 'height', place, issues, {}, { nonNegative: true });
    if (
      issues.errorCount === errorsBefore &&
      id !== undefined &&
      text !== undefined &&
      position !== undefined &&
      width !== undefined &&
      height !== undefined
    ) {
      notes.push({ id, text, position, width, height });
    }
  }
  return notes;
}

/** Checks the document's `groups` value against the nodes found; undefined when absent. */
export function validateGroups(
  raw: unknown,
  nodes: ReadonlyMap<string, NodeEntry>,
  issues: IssueCollector,
  ids: IdSpace,
): GraphGroup[] | undefined {
  const list = readList(raw, 'groups', issues);
  if (list === undefined) return undefined;
  const groups: GraphGroup[] = [];
  for (let index = 0; index < list.length; index++) {
    const item = list[index];
    if (!isRecord(item)) {
      issues.error(`groups[${index}]`, `expected a group object, got ${describeValue(item)}`);
      continue;
    }
    const place = itemPlace('groups', index, own(item, 'id'));
    const errorsBefore = issues.errorCount;
    checkKeys(item, GROUP_KEYS, place, issues, { policy: 'error', what: 'a group' });
    const id = readId(item, place, ids, issues);
    const label = readRequiredString(item, 'label', place, issues);
    const color = readRequiredString(item, 'color', place, issues);
    if (color !== undefined && !GROUP_COLOR_PATTERN.test(color)) {
      issues.error(keyPath(place, 'color'), `${quote(color)} is not a color; expected #rrggbb (or #rgb, #rrggbbaa) or a CSS color name`);
    }
    const members = readMembers(own(item, 'nodes'), keyPath(place, 'nodes'), nodes, issues);
    if (issues.errorCount === errorsBefore && id !== undefined && label !== undefined && color !== undefined && members !== undefined) {
      groups.push({ id, label, color, nodes: members });
    }
  }
  return groups;
}

/** A group's `nodes`: distinct ids of existing nodes. */
function readMembers(
  raw: unknown,
  at: string,
  nodes: ReadonlyMap<string, NodeEntry>,
  issues: IssueCollector,
): string[] | undefined {
  if (!Array.isArray(raw)) {
    issues.error(at, raw === undefined ? 'missing; expected an array of node ids' : `expected an array of node ids, got ${describeValue(raw)}`);
    return undefined;
  }
  if (raw.length > nodes.size) {
    issues.error(at, `lists ${raw.length} nodes but the graph has only ${nodes.size}`);
    return undefined;
  }
  const members: string[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < raw.length; i++) {
    const id: unknown = raw[i];
    if (typeof id !== 'string') {
      issues.error(`${at}[${i}]`, `expected a node id, got ${describeValue(id)}`);
    } else if (!nodes.has(id)) {
      issues.error(`${at}[${i}]`, `node ${quote(id)} does not exist`);
    } else if (seen.has(id)) {
      issues.error(`${at}[${i}]`, `node ${quote(id)} is listed twice`, { nodeId: id });
    } else {
      seen.add(id);
      members.push(id);
    }
  }
  return members;
}

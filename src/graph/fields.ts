/**
 * Readers for the small fields shared by nodes, edges, notes and groups: ids, positions,
 * finite numbers and optional strings. Each reports its own problems and returns a fresh value
 * (or undefined when the field is unusable).
 */
import type { Position } from './types';
import { ID_PATTERN, MAX_ID_LENGTH } from './ids';
import { type IssueCollector, type IssueOwner, describeValue, keyPath, quote } from './issues';
import { checkKeys, isRecord, own } from './reader';

/** Ids already taken in one namespace, with the place that took each (for duplicate messages). */
export type IdSpace = Map<string, string>;

/**
 * Reads an item's `id`: a string of 1–64 letters, digits, `_`, `-`, `.`, not already in
 * `space`. Returns the id when usable (also registering it), else undefined.
 */
export function readId(
  record: Readonly<Record<string, unknown>>,
  place: string,
  space: IdSpace,
  issues: IssueCollector,
  owner: IssueOwner = {},
): string | undefined {
  const at = keyPath(place, 'id');
  const id = own(record, 'id');
  if (id === undefined) {
    issues.error(at, 'missing; every item needs an id', owner);
    return undefined;
  }
  if (typeof id !== 'string') {
    issues.error(at, `expected a string, got ${describeValue(id)}`, owner);
    return undefined;
  }
  if (!ID_PATTERN.test(id)) {
    const why =
      id === ''
        ? 'must not be empty'
        : id.length > MAX_ID_LENGTH
          ? `is ${id.length} characters long (at most ${MAX_ID_LENGTH})`
          : 'may only contain letters, digits, "_", "-" and "."';
    issues.error(at, `${quote(id)} ${why}`, owner);
    return undefined;
  }
  const previous = space.get(id);
  if (previous !== undefined) {
    issues.error(place, `id ${quote(id)} is already used by ${previous}`, owner);
    return undefined;
  }
  space.set(id, place);
  return id;
}

/** Reads a required finite number field. */
export function readFinite(
  record: Readonly<Record<string, unknown>>,
  key: string,
  place: string,
  issues: IssueCollector,
  owner: IssueOwner = {},
  options: { nonNegative?: boolean } = {},
): number | undefined {
  const at = keyPath(place, key);
  const value = own(record, key);
  if (typeof value !== 'number') {
    issues.error(at, value === undefined ? 'missing; expected a number' : `expected a number, got ${describeValue(value)}`, owner);
    return undefined;
  }
  if (!Number.isFinite(value)) {
    issues.error(at, `${describeValue(value)} is not a finite number`, owner);
    return undefined;
  }
  if (options.nonNegative === true && value < 0) {
    issues.error(at, `${describeValue(value)} is negative; expected 0 or more`, owner);
    return undefined;
  }
  // -0 becomes 0: JSON cannot tell them apart, so the round trip stays exact.
  return value === 0 ? 0 : value;
}

/** Reads a required `{ x, y }` position of finite numbers (canvas pixels). */
export function readPosition(
  record: Readonly<Record<string, unknown>>,
  place: string,
  issues: IssueCollector,
  owner: IssueOwner = {},
): Position | undefined {
  const at = keyPath(place, 'position');
  const raw = own(record, 'position');
  if (!isRecord(raw)) {
    issues.error(at, raw === undefined ? 'missing; expected { "x": number, "y": number }' : `expected { "x": number, "y": number }, got ${describeValue(raw)}`, owner);
    return undefined;
  }
  checkKeys(raw, ['x', 'y'], at, issues, { policy: 'error', what: 'a position', owner });
  const x = readFinite(raw, 'x', at, issues, owner);
  const y = readFinite(raw, 'y', at, issues, owner);
  return x === undefined || y === undefined ? undefined : { x, y };
}

/** Result of reading an optional field: `ok: false` means a problem was reported. */
export type OptionalField<T> = { ok: true; value: T | undefined } | { ok: false };

/** Reads a required string field; undefined after reporting a problem. */
export function readRequiredString(
  record: Readonly<Record<string, unknown>>,
  key: string,
  place: string,
  issues: IssueCollector,
  owner: IssueOwner = {},
): string | undefined {
  const value = own(record, key);
  const at = keyPath(place, key);
  if (typeof value !== 'string') {
    issues.error(at, value === undefined ? 'missing; expected text' : `expected text, got ${describeValue(value)}`, owner);
    return undefined;
  }
  return value;
}

/** Reads a string field that may be absent. */
export function readOptionalString(
  record: Readonly<Record<string, unknown>>,
  key: string,
  place: string,
  issues: IssueCollector,
  owner: IssueOwner = {},
): OptionalField<string> {
  const value = own(record, key);
  if (value === undefined) return { ok: true, value: undefined };
  if (typeof value !== 'string') {
    issues.error(keyPath(place, key), `expected text, got ${describeValue(value)}`, owner);
    return { ok: false };
  }
  return { ok: true, value };
}

/** Reads a boolean field that may be absent. */
export function readOptionalBool(
  record: Readonly<Record<string, unknown>>,
  key: string,
  place: string,
  issues: IssueCollector,
  owner: IssueOwner = {},
): OptionalField<boolean> {
  const value = own(record, key);
  if (value === undefined) return { ok: true, value: undefined };
  if (typeof value !== 'boolean') {
    issues.error(keyPath(place, key), `expected true or false, got ${describeValue(value)}`, owner);
    return { ok: false };
  }
  return { ok: true, value };
}

/**
 * Safe reading of untrusted JSON-like objects: own properties only (a polluted
 * `Object.prototype` can never supply a field), and keys that could alter prototypes when merged
 * (`__proto__`, `constructor`, `prototype`) are reported as errors.
 */
import { closestMatch } from './suggest';
import { type IssueCollector, type IssueOwner, keyPath, quote, humanList } from './issues';

/** A JSON object as read from untrusted input. */
export type JsonRecord = Readonly<Record<string, unknown>>;

/** Keys rejected anywhere the parser reads an object: merging them could change prototypes. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** True for a non-null, non-array object. */
export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const hasOwn = Object.prototype.hasOwnProperty;

/** The object's own property `key`, or undefined (never an inherited one). */
export function own(record: JsonRecord, key: string): unknown {
  return hasOwn.call(record, key) ? record[key] : undefined;
}

/** Whether the object has its own property `key`. */
export function hasOwnKey(record: JsonRecord, key: string): boolean {
  return hasOwn.call(record, key);
}

/** How to treat keys outside the allowed list. */
export type UnknownKeyPolicy = 'error' | 'warning';

/**
 * Reports forbidden keys (always errors) and keys outside `allowed` (error or warning, with a
 * "did you mean" suggestion). `what` names the object in the message ("a node", "an edge").
 */
export function checkKeys(
  record: JsonRecord,
  allowed: readonly string[],
  path: string,
  issues: IssueCollector,
  options: { policy: UnknownKeyPolicy; what: string; owner?: IssueOwner },
): void {
  for (const key of Object.keys(record)) {
    if (FORBIDDEN_KEYS.has(key)) {
      reportForbiddenKey(key, path, issues, options.owner);
    } else if (!allowed.includes(key)) {
      const hint = issues.full ? undefined : closestMatch(key, allowed);
      const suggestion = hint === undefined ? '' : `did you mean ${quote(hint)}? `;
      const text = `unknown key ${quote(key, 40)}; ${suggestion}${options.what} has ${humanList(allowed)}`;
      const at = keyPath(path, key);
      if (options.policy === 'error') issues.error(at, text, options.owner);
      else issues.warn(at, `${text}; it was ignored`, options.owner);
    }
  }
}

/** Error for a `__proto__`/`constructor`/`prototype` key found at `path`. */
export function reportForbiddenKey(key: string, path: string, issues: IssueCollector, owner?: IssueOwner): void {
  issues.error(
    path === '' ? 'document' : path,
    `key ${quote(key)} is not allowed (it could change object prototypes); remove it`,
    owner,
  );
}

/**
 * Document migrations: pure functions that turn a raw (still unvalidated) document of version n
 * into version n + 1. `parseGraph` runs them before validating, so the validator only ever sees
 * the current shape.
 *
 * Adding a migration (see docs/graph-format.md "Migrations"):
 * 1. Bump `GRAPH_VERSION` in types.ts to n + 1 and change the types to the new shape.
 * 2. Add `n: migrateVnToVn1` to `migrations` below. It receives the raw version-n object, must not
 *    mutate it (copy what you change), must not throw on odd input (leave odd values alone; the
 *    validator reports them), and need not set `version` (the runner does).
 * 3. Add a test with a real version-n document that checks the migrated result.
 */
import { GRAPH_VERSION } from './types';
import type { GraphIssue } from './types';
import { describeValue } from './issues';
import { isRecord, own } from './reader';

/** A raw JSON object document, before validation. */
export type RawDocument = Readonly<Record<string, unknown>>;

/** Turns a raw version-n document into version n + 1. Pure. */
export type Migration = (doc: RawDocument) => RawDocument;

/**
 * Version 1 → 2: version 2 only adds the optional `modules` list, so every version-1 document is
 * already a valid version-2 document and passes through unchanged.
 */
export const migrateV1ToV2: Migration = (doc) => doc;

/** Migrations keyed by the version they upgrade FROM. */
export const migrations: Readonly<Record<number, Migration>> = Object.freeze({ 1: migrateV1ToV2 });

export interface MigrateOptions {
  /** The table to use (tests inject their own). Default: `migrations`. */
  migrations?: Readonly<Record<number, Migration>>;
  /** The version to reach. Default: `GRAPH_VERSION`. */
  targetVersion?: number;
}

export type MigrateResult =
  | { ok: true; doc: RawDocument; fromVersion: number }
  | { ok: false; error: GraphIssue };

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * Reads `version` and runs every migration from it up to the target. A missing, non-integer or
 * unknown version, a version newer than the target, and a migration that throws are all errors
 * (never exceptions). The input object is never modified.
 */
export function migrateDocument(raw: RawDocument, options: MigrateOptions = {}): MigrateResult {
  const table = options.migrations ?? migrations;
  const target = options.targetVersion ?? GRAPH_VERSION;
  const version = own(raw, 'version');
  const fail = (message: string): MigrateResult => ({ ok: false, error: { path: 'version', message } });

  if (version === undefined) {
    return fail(`version: missing; a Mixgraph document states its format version (this Mixgraph writes ${target})`);
  }
  if (typeof version !== 'number') return fail(`version: expected a whole number, got ${describeValue(version)}`);
  if (!Number.isInteger(version) || version < 0) {
    return fail(`version: ${describeValue(version)} is not a valid version (expected a whole number such as ${target})`);
  }
  if (version > target) {
    return fail(`version ${version} is newer than this Mixgraph understands (${target}); update Mixgraph`);
  }
  const oldest = oldestReadable(table, target);
  if (version < oldest) {
    return fail(`version ${version} is older than any version this Mixgraph can read (oldest: ${oldest})`);
  }

  let doc: RawDocument = raw;
  for (let v = version; v < target; v++) {
    const step = table[v];
    let next: unknown;
    try {
      next = step(doc);
    } catch (cause) {
      const why = cause instanceof Error ? cause.message : String(cause);
      return fail(`version: could not upgrade the document from version ${v} to ${v + 1}: ${why}`);
    }
    if (!isRecord(next)) {
      return fail(`version: upgrading from version ${v} to ${v + 1} gave ${describeValue(next)}, not a document object`);
    }
    doc = { ...next, version: v + 1 };
  }
  return { ok: true, doc, fromVersion: version };
}

/** The lowest version from which an unbroken chain of migrations reaches `target`. */
function oldestReadable(table: Readonly<Record<number, Migration>>, target: number): number {
  let oldest = target;
  while (oldest > 0 && hasOwn.call(table, oldest - 1) && typeof table[oldest - 1] === 'function') oldest--;
  return oldest;
}

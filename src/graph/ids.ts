/**
 * Identifiers of nodes, edges, notes and groups. Ids are short and URL/CSS/file-name safe, so
 * they can appear in share links, DOM ids, CLI output and error messages without escaping.
 */

/** Longest id, in characters. */
export const MAX_ID_LENGTH = 64;

/** Letters, digits, `_`, `-`, `.`; 1 to 64 characters. */
export const ID_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;

/** Whether `value` is a well-formed id. */
export function isValidId(value: unknown): value is string {
  return typeof value === 'string' && ID_PATTERN.test(value);
}

/**
 * A fresh id `<prefix><n>` with the smallest n ≥ 1 not in `taken` (e.g. `eq1`, `eq2`, …).
 * Characters outside the id alphabet are dropped from the prefix; an empty prefix becomes `n`.
 */
export function uniqueId(prefix: string, taken: ReadonlySet<string>): string {
  let base = prefix.replace(/[^A-Za-z0-9_.-]/g, '').slice(0, MAX_ID_LENGTH - 8);
  if (base === '') base = 'n';
  for (let n = 1; ; n++) {
    const candidate = `${base}${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

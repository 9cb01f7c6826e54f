/**
 * Clip references, the `clip` param of the `source` node: `demo:<stem>` for a built-in demo stem
 * or `file:<name>` for a clip the caller binds (CLI `--input name=path`, a dropped file).
 */
import { DEMO_STEMS, isDemoStemName, type DemoStemName } from './demo';

/** Longest `file:` name, in characters. */
export const MAX_CLIP_NAME_LENGTH = 128;

/**
 * Accepted clip references: `demo:` + one of the demo stems, or `file:` + 1–128 letters, digits,
 * `_`, `-` or `.` (a name, never a path: no slashes).
 */
export const CLIP_REF_PATTERN = new RegExp(
  `^(?:demo:(?:${DEMO_STEMS.join('|')})|file:[A-Za-z0-9_.-]{1,${MAX_CLIP_NAME_LENGTH}})$`,
);

/** Sentence for validation messages when a clip reference does not match. */
export const CLIP_REF_HINT = `a demo stem (${DEMO_STEMS.map((s) => `demo:${s}`).join(', ')}) or file:<name>, where the name is 1–${MAX_CLIP_NAME_LENGTH} letters, digits, "_", "-" or "."`;

export type ClipRef = { kind: 'demo'; stem: DemoStemName } | { kind: 'file'; name: string };

/**
 * Parses a clip reference.
 * @returns the reference, or undefined if `value` does not match `CLIP_REF_PATTERN`.
 */
export function parseClipRef(value: string): ClipRef | undefined {
  if (!CLIP_REF_PATTERN.test(value)) return undefined;
  const colon = value.indexOf(':');
  const rest = value.slice(colon + 1);
  if (value.startsWith('demo:')) return isDemoStemName(rest) ? { kind: 'demo', stem: rest } : undefined;
  return { kind: 'file', name: rest };
}

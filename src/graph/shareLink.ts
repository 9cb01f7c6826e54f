/**
 * Share links: the whole graph, compressed, in the URL fragment (`#g=…`). The fragment never
 * reaches a server (RFC 3986 §3.5: the fragment is resolved by the client alone), so a shared
 * graph stays between the people who pass the link around.
 *
 * Encoding: canonical JSON (`serializeGraph`) → UTF-8 → raw DEFLATE (RFC 1951, fflate, level 9)
 * → base64url without padding (RFC 4648 §5). Decoding undoes each layer and reports, without
 * throwing, the first one that fails: bad base64url (with the character position), damaged or
 * oversized compressed data, text that is not UTF-8, JSON syntax (line, column, byte), then
 * every `parseGraph` problem, exactly like a file import.
 */
import { Inflate, deflateSync } from 'fflate';
import type { Catalog } from './catalog';
import type { Graph, GraphIssue, ParseResult } from './types';
import { type ParseOptions, parseGraphText } from './parse';
import { serializeGraph } from './serialize';

/** The fragment parameter holding the graph: `#g=<base64url>`. */
export const SHARE_PARAM = 'g';

/** Where share-link problems say they come from (prefix of every issue path). */
export const SHARE_SOURCE = 'share link';

/** Longest payload accepted, in characters (~3 MB of compressed graph). */
export const MAX_SHARE_PAYLOAD_CHARS = 4_000_000;

/** Largest decompressed graph accepted, in bytes: stops a small "zip bomb" link from eating memory. */
export const MAX_SHARE_TEXT_BYTES = 16 * 1024 * 1024;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const DECODE_TABLE: Int16Array = (() => {
  const table = new Int16Array(128).fill(-1);
  for (let i = 0; i < ALPHABET.length; i++) table[ALPHABET.charCodeAt(i)] = i;
  return table;
})();

/** Bytes → base64url without `=` padding (RFC 4648 §5). */
export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] + ALPHABET[(n >> 6) & 63] + ALPHABET[n & 63];
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i] << 16;
    out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63];
  } else if (rest === 2) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8);
    out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] + ALPHABET[(n >> 6) & 63];
  }
  return out;
}

/** base64url text → bytes, or the reason it is not base64url (1-based character position). */
export function fromBase64Url(text: string): { ok: true; bytes: Uint8Array } | { ok: false; problem: string } {
  // Padding is optional in links; strip it so both forms decode.
  const body = text.replace(/=+$/, '');
  for (let i = 0; i < body.length; i++) {
    const code = body.charCodeAt(i);
    if (code >= 128 || DECODE_TABLE[code] < 0) {
      const shown = JSON.stringify(body[i]);
      return { ok: false, problem: `character ${i + 1} (${shown}) is not base64url (letters, digits, "-" and "_")` };
    }
  }
  if (body.length % 4 === 1) {
    return { ok: false, problem: `${body.length} characters cannot be base64url (one character too many or too few: was the link cut off?)` };
  }
  const bytes = new Uint8Array(Math.floor((body.length * 3) / 4));
  let o = 0;
  for (let i = 0; i < body.length; i += 4) {
    const a = DECODE_TABLE[body.charCodeAt(i)];
    const b = DECODE_TABLE[body.charCodeAt(i + 1)];
    const c = i + 2 < body.length ? DECODE_TABLE[body.charCodeAt(i + 2)] : 0;
    const d = i + 3 < body.length ? DECODE_TABLE[body.charCodeAt(i + 3)] : 0;
    const n = (a << 18) | (b << 12) | (c << 6) | d;
    bytes[o++] = n >> 16;
    if (i + 2 < body.length) bytes[o++] = (n >> 8) & 255;
    if (i + 3 < body.length) bytes[o++] = n & 255;
  }
  return { ok: true, bytes };
}

/** The fragment for a graph, without the leading `#`: `g=<base64url(deflate(json))>`. */
export function encodeShareFragment(graph: Graph): string {
  const bytes = new TextEncoder().encode(serializeGraph(graph));
  return `${SHARE_PARAM}=${toBase64Url(deflateSync(bytes, { level: 9 }))}`;
}

/** A full share URL: `base` (its own fragment dropped) + `#g=…`. */
export function shareUrl(base: string, graph: Graph): string {
  const hash = base.indexOf('#');
  return `${hash < 0 ? base : base.slice(0, hash)}#${encodeShareFragment(graph)}`;
}

/**
 * The `g` payload of a URL fragment (`#g=…`, `g=…`, or `#x=1&g=…`), or undefined when the
 * fragment carries no graph.
 */
export function readSharePayload(fragment: string): string | undefined {
  const body = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  for (const part of body.split('&')) {
    if (part.startsWith(`${SHARE_PARAM}=`)) return part.slice(SHARE_PARAM.length + 1);
  }
  return undefined;
}

/** Whether a URL fragment carries a shared graph. */
export function hasSharedGraph(fragment: string): boolean {
  return readSharePayload(fragment) !== undefined;
}

/** Input bytes handed to the inflater at a time; bounds the output of one step to ~1 MB. */
const INFLATE_STEP = 1024;

/**
 * Raw DEFLATE → bytes, stopping as soon as the output passes `cap`. Feeding the input in small
 * steps bounds both memory and time for a hostile link: DEFLATE expands at most ~1032:1, so one
 * step can never produce more than about a megabyte past the cap. Returns the bytes, the string
 * 'too-large', or the inflater's error message.
 */
export function inflateCapped(data: Uint8Array, cap: number): Uint8Array | 'too-large' | string {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let over = false;
  const inflater = new Inflate((chunk) => {
    total += chunk.length;
    if (total > cap) over = true;
    else chunks.push(chunk);
  });
  try {
    for (let i = 0; i < data.length && !over; i += INFLATE_STEP) {
      const end = Math.min(data.length, i + INFLATE_STEP);
      inflater.push(data.subarray(i, end), end === data.length);
    }
  } catch (cause) {
    return cause instanceof Error ? cause.message : String(cause);
  }
  if (over) return 'too-large';
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

function failure(message: string): ParseResult {
  const issue: GraphIssue = { path: SHARE_SOURCE, message: `${SHARE_SOURCE}: ${message}` };
  return { ok: false, errors: [issue] };
}

/**
 * Decodes and validates the graph in a URL fragment. Never throws: every failure is a list of
 * issues, and a graph comes back only when `parseGraph` accepts it.
 */
export function decodeShareFragment(fragment: string, catalog: Catalog, options: ParseOptions = {}): ParseResult {
  const payload = readSharePayload(fragment);
  if (payload === undefined) return failure(`the link has no "#${SHARE_PARAM}=" part, so it carries no graph`);
  if (payload === '') return failure('the graph part of the link is empty (was the link cut off?)');
  if (payload.length > MAX_SHARE_PAYLOAD_CHARS) {
    return failure(`the graph part is ${payload.length} characters long; at most ${MAX_SHARE_PAYLOAD_CHARS} are accepted`);
  }
  const decoded = fromBase64Url(payload);
  if (!decoded.ok) return failure(`the graph part is damaged: ${decoded.problem}`);

  const inflated = inflateCapped(decoded.bytes, MAX_SHARE_TEXT_BYTES);
  if (inflated === 'too-large') {
    return failure(`the graph expands to more than ${MAX_SHARE_TEXT_BYTES} bytes, which is more than any real graph`);
  }
  if (typeof inflated === 'string') {
    return failure(`the compressed graph is damaged and cannot be expanded (deflate: ${inflated}); was the link cut off or edited?`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(inflated);
  } catch {
    return failure('the expanded graph is not UTF-8 text');
  }
  const parsed = parseGraphText(text, catalog, SHARE_SOURCE, options);
  if (parsed.ok) return parsed;
  return {
    ok: false,
    errors: parsed.errors.map((e) => (e.message.startsWith(SHARE_SOURCE) ? e : { ...e, message: `${SHARE_SOURCE}: ${e.message}` })),
  };
}

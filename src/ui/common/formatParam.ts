/**
 * Showing and reading param values the way people write them: `−18 dB`, `4:1`, `1.2 kHz`,
 * `250 ms`; typed input accepts `1k`, `1.5 kHz`, `-3`, `−3 dB`. The display half lives in
 * `src/graph/paramText.ts` (the graph diff uses it too).
 */
import type { NumberParamSpec } from '../../graph/catalog';

export { stepDecimals, formatEditable, formatNumberParam, formatParamValue } from '../../graph/paramText';

/** A typed number, or why the text is not one. */
export type TypedNumber = { ok: true; value: number } | { ok: false; problem: string };

/**
 * Reads a typed number for a param. Accepts an optional unit matching the param's
 * (`dB`, `Hz`, `ms`…), a `k` multiplier (`1.5k`, `2 kHz`), `−` as minus and `,` as decimal mark.
 */
export function parseTypedNumber(text: string, spec: NumberParamSpec): TypedNumber {
  let body = text.trim().replace(/\u2212/g, '-').replace(',', '.');
  if (body === '') return { ok: false, problem: 'Type a number.' };
  if (spec.minIsOff === true && /^-?(inf|infinity|\u221e|off)$/i.test(body)) return { ok: true, value: spec.min };
  let factor = 1;
  const unit = spec.unit.trim();
  if (unit !== '' && body.toLowerCase().endsWith(unit.toLowerCase())) body = body.slice(0, body.length - unit.length).trim();
  if (/k$/i.test(body)) {
    factor = 1000;
    body = body.slice(0, -1).trim();
  }
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(body)) {
    return { ok: false, problem: `“${text.trim()}” is not a number${unit !== '' ? ` (in ${unit})` : ''}.` };
  }
  const value = Number(body) * factor;
  if (!Number.isFinite(value)) return { ok: false, problem: `“${text.trim()}” is too large.` };
  return { ok: true, value };
}

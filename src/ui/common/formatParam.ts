/**
 * Showing and reading param values the way people write them: `−18 dB`, `4:1`, `1.2 kHz`,
 * `250 ms`; typed input accepts `1k`, `1.5 kHz`, `-3`, `−3 dB`.
 */
import type { NumberParamSpec, ParamSpec } from '../../graph/catalog';
import type { ParamValue } from '../../graph/types';

const MINUS = '\u2212';

/** Decimals implied by a step (0.1 → 1, 0.01 → 2, 1 → 0). */
export function stepDecimals(step: number): number {
  if (!(step > 0) || step >= 1) return 0;
  return Math.min(6, Math.ceil(-Math.log10(step) - 1e-9));
}

/** Decimals for showing a value: from the step when given, else by magnitude. */
function decimalsFor(spec: NumberParamSpec, value: number): number {
  if (spec.step !== undefined) return stepDecimals(spec.step);
  const magnitude = Math.abs(value);
  return magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : 2;
}

/** Trims `1.50` to `1.5` and `2.00` to `2`. */
function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/** A number as typed-field text: plain ASCII, no unit, no trailing zeros. */
export function formatEditable(spec: NumberParamSpec, value: number): string {
  return trimZeros(value.toFixed(decimalsFor(spec, value)));
}

/** A number with its unit for display. */
export function formatNumberParam(spec: NumberParamSpec, value: number): string {
  if (spec.minIsOff === true && value <= spec.min) return spec.unit === 'dB' ? `${MINUS}\u221e dB` : 'off';
  if (spec.unit === 'Hz' && Math.abs(value) >= 1000) {
    return `${trimZeros((value / 1000).toFixed(Math.abs(value) >= 10_000 ? 1 : 2))} kHz`;
  }
  const text = formatEditable(spec, value).replace('-', MINUS);
  if (spec.unit === '') return text;
  if (spec.unit.startsWith(':') || spec.unit === '%') return `${text}${spec.unit}`;
  return `${text} ${spec.unit}`;
}

/** Any param value for display. */
export function formatParamValue(spec: ParamSpec, value: ParamValue): string {
  switch (spec.kind) {
    case 'number':
      return typeof value === 'number' ? formatNumberParam(spec, value) : String(value);
    case 'bool':
      return value === true ? 'On' : 'Off';
    case 'enum':
      return spec.unit !== undefined ? `${String(value)} ${spec.unit}` : String(value);
    case 'string':
      return String(value);
  }
}

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

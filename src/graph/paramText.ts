/**
 * Showing param values the way people write them: `−18 dB`, `4:1`, `1.2 kHz`, `250 ms`. Pure
 * text, shared by the inspector, the canvas and the graph diff ("what changed").
 */
import type { NumberParamSpec, ParamSpec } from './catalog';
import type { ParamValue } from './types';

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

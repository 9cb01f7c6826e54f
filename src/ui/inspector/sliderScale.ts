/**
 * Slider travel ↔ param value. Hz-like params (`scale: 'log'`) move on a logarithmic axis, so
 * each octave gets the same travel (20 Hz–20 kHz: ten octaves, 100 steps each on a 1000-step
 * slider); dB and linear params move linearly.
 */
import type { NumberParamSpec } from '../../graph/catalog';
import { stepDecimals } from '../common/formatParam';

/** Slider resolution: positions 0…SLIDER_STEPS. */
export const SLIDER_STEPS = 1000;

function isLog(spec: NumberParamSpec): boolean {
  return spec.scale === 'log' && spec.min > 0 && spec.max > spec.min;
}

/** Slider position (0…SLIDER_STEPS) for a value; out-of-range values pin to the ends. */
export function valueToSlider(spec: NumberParamSpec, value: number): number {
  const v = Math.min(spec.max, Math.max(spec.min, value));
  const t = isLog(spec) ? Math.log(v / spec.min) / Math.log(spec.max / spec.min) : (v - spec.min) / (spec.max - spec.min);
  return Math.round((Number.isFinite(t) ? t : 0) * SLIDER_STEPS);
}

/** Value for a slider position, rounded to the param's precision and kept in range. */
export function sliderToValue(spec: NumberParamSpec, position: number): number {
  const t = Math.min(1, Math.max(0, position / SLIDER_STEPS));
  const raw = isLog(spec) ? spec.min * (spec.max / spec.min) ** t : spec.min + t * (spec.max - spec.min);
  return roundValue(spec, raw);
}

/**
 * Rounds to the param's step when it has one; else log params keep 3 significant digits and
 * linear ones a thousandth of their range. The ends are exact (a slider at 0 gives `min`).
 */
export function roundValue(spec: NumberParamSpec, value: number): number {
  let rounded: number;
  if (spec.step !== undefined && spec.step > 0) {
    rounded = Number((Math.round(value / spec.step) * spec.step).toFixed(stepDecimals(spec.step)));
  } else if (isLog(spec)) {
    rounded = Number(value.toPrecision(3));
  } else {
    const quantum = 10 ** Math.floor(Math.log10((spec.max - spec.min) / SLIDER_STEPS));
    rounded = Number((Math.round(value / quantum) * quantum).toFixed(Math.max(0, -Math.log10(quantum))));
  }
  const clamped = Math.min(spec.max, Math.max(spec.min, rounded));
  return clamped === 0 ? 0 : clamped;
}

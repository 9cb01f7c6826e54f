/**
 * Second-order IIR filter with the coefficient formulas of the Web Audio API specification,
 * section "BiquadFilterNode" (itself after R. Bristow-Johnson's Audio EQ Cookbook), so the
 * offline engine and the live engine's BiquadFilterNode compute the same filter.
 *
 * Spec conventions kept on purpose:
 *  - lowpass/highpass Q is in dB: α = sin ω0 / (2·10^(Q/20))
 *  - bandpass/notch/allpass/peaking Q is linear: α = sin ω0 / (2Q)
 *  - shelves ignore Q and use slope S = 1: α = sin ω0 / 2 · √((A + 1/A)(1/S − 1) + 2)
 *  - A = 10^(G/40)
 *
 * Difference equation (normalised by a0):
 *   y[n] = b0·x[n] + b1·x[n−1] + b2·x[n−2] − a1·y[n−1] − a2·y[n−2]
 */

import { DENORMAL_FLOOR } from './denormal';

export type BiquadType =
  | 'lowpass'
  | 'highpass'
  | 'bandpass'
  | 'lowshelf'
  | 'highshelf'
  | 'peaking'
  | 'notch'
  | 'allpass';

export const BIQUAD_TYPES: readonly BiquadType[] = [
  'lowpass',
  'highpass',
  'bandpass',
  'lowshelf',
  'highshelf',
  'peaking',
  'notch',
  'allpass',
];

/** Normalised coefficients (a0 = 1). Mutable so a filter can be retuned without allocating. */
export interface BiquadCoefficients {
  b0: number;
  b1: number;
  b2: number;
  a1: number;
  a2: number;
}

export function identityCoefficients(): BiquadCoefficients {
  return { b0: 1, b1: 0, b2: 0, a1: 0, a2: 0 };
}

function setNormalised(
  out: BiquadCoefficients,
  b0: number,
  b1: number,
  b2: number,
  a0: number,
  a1: number,
  a2: number,
): BiquadCoefficients {
  const inv = 1 / a0;
  out.b0 = b0 * inv;
  out.b1 = b1 * inv;
  out.b2 = b2 * inv;
  out.a1 = a1 * inv;
  out.a2 = a2 * inv;
  return out;
}

function setGain(out: BiquadCoefficients, gain: number): BiquadCoefficients {
  return setNormalised(out, gain, 0, 0, 1, 0, 0);
}

/**
 * Computes the coefficients of a Web Audio BiquadFilterNode.
 * @param frequencyHz f0, clamped to [0, Nyquist] as the spec's computedFrequency.
 * @param q quality: dB for lowpass/highpass, linear otherwise, ignored by shelves.
 * @param gainDb G in dB, used by peaking and shelves.
 * @param sampleRate Fs in Hz.
 * @param out optional object to write into (no allocation on retune).
 */
export function biquadCoefficients(
  type: BiquadType,
  frequencyHz: number,
  q: number,
  gainDb: number,
  sampleRate: number,
  out: BiquadCoefficients = identityCoefficients(),
): BiquadCoefficients {
  const nyquist = sampleRate / 2;
  const f = Math.min(Math.max(frequencyHz, 0), nyquist);
  const A = Math.pow(10, gainDb / 40);
  // The normalised frequency; the spec treats f0 = 0 and f0 = Nyquist as limits below.
  const fn = f / nyquist;
  const w0 = Math.PI * fn;
  const cosw = Math.cos(w0);
  const sinw = Math.sin(w0);

  switch (type) {
    case 'lowpass': {
      if (fn >= 1) return setGain(out, 1);
      if (fn <= 0) return setGain(out, 0);
      const alpha = sinw / (2 * Math.pow(10, q / 20));
      return setNormalised(out, (1 - cosw) / 2, 1 - cosw, (1 - cosw) / 2, 1 + alpha, -2 * cosw, 1 - alpha);
    }
    case 'highpass': {
      if (fn >= 1) return setGain(out, 0);
      if (fn <= 0) return setGain(out, 1);
      const alpha = sinw / (2 * Math.pow(10, q / 20));
      return setNormalised(out, (1 + cosw) / 2, -(1 + cosw), (1 + cosw) / 2, 1 + alpha, -2 * cosw, 1 - alpha);
    }
    case 'bandpass': {
      if (fn <= 0 || fn >= 1) return setGain(out, 0);
      if (q <= 0) return setGain(out, 1);
      const alpha = sinw / (2 * q);
      return setNormalised(out, alpha, 0, -alpha, 1 + alpha, -2 * cosw, 1 - alpha);
    }
    case 'notch': {
      if (fn <= 0 || fn >= 1) return setGain(out, 1);
      if (q <= 0) return setGain(out, 0);
      const alpha = sinw / (2 * q);
      return setNormalised(out, 1, -2 * cosw, 1, 1 + alpha, -2 * cosw, 1 - alpha);
    }
    case 'allpass': {
      if (fn <= 0 || fn >= 1) return setGain(out, 1);
      if (q <= 0) return setGain(out, -1);
      const alpha = sinw / (2 * q);
      return setNormalised(out, 1 - alpha, -2 * cosw, 1 + alpha, 1 + alpha, -2 * cosw, 1 - alpha);
    }
    case 'peaking': {
      if (fn <= 0 || fn >= 1) return setGain(out, 1);
      if (q <= 0) return setGain(out, A * A);
      const alpha = sinw / (2 * q);
      return setNormalised(out, 1 + alpha * A, -2 * cosw, 1 - alpha * A, 1 + alpha / A, -2 * cosw, 1 - alpha / A);
    }
    case 'lowshelf': {
      if (fn >= 1) return setGain(out, A * A);
      if (fn <= 0) return setGain(out, 1);
      const alpha = (sinw / 2) * Math.SQRT2; // S = 1
      const k = 2 * Math.sqrt(A) * alpha;
      return setNormalised(
        out,
        A * (A + 1 - (A - 1) * cosw + k),
        2 * A * (A - 1 - (A + 1) * cosw),
        A * (A + 1 - (A - 1) * cosw - k),
        A + 1 + (A - 1) * cosw + k,
        -2 * (A - 1 + (A + 1) * cosw),
        A + 1 + (A - 1) * cosw - k,
      );
    }
    case 'highshelf': {
      if (fn >= 1) return setGain(out, 1);
      if (fn <= 0) return setGain(out, A * A);
      const alpha = (sinw / 2) * Math.SQRT2; // S = 1
      const k = 2 * Math.sqrt(A) * alpha;
      return setNormalised(
        out,
        A * (A + 1 + (A - 1) * cosw + k),
        -2 * A * (A - 1 + (A + 1) * cosw),
        A * (A + 1 + (A - 1) * cosw - k),
        A + 1 - (A - 1) * cosw + k,
        2 * (A - 1 - (A + 1) * cosw),
        A + 1 - (A - 1) * cosw - k,
      );
    }
  }
}

/**
 * Complex response H(e^{jω}) magnitude of a coefficient set at `frequencyHz` — what the EQ plot
 * draws and what `BiquadFilterNode.getFrequencyResponse` returns.
 */
export function biquadMagnitude(c: BiquadCoefficients, frequencyHz: number, sampleRate: number): number {
  const w = (2 * Math.PI * frequencyHz) / sampleRate;
  const cos1 = Math.cos(w);
  const sin1 = Math.sin(w);
  const cos2 = Math.cos(2 * w);
  const sin2 = Math.sin(2 * w);
  const nr = c.b0 + c.b1 * cos1 + c.b2 * cos2;
  const ni = -(c.b1 * sin1 + c.b2 * sin2);
  const dr = 1 + c.a1 * cos1 + c.a2 * cos2;
  const di = -(c.a1 * sin1 + c.a2 * sin2);
  return Math.sqrt((nr * nr + ni * ni) / (dr * dr + di * di));
}

/**
 * Filter state for one channel, transposed direct form II in double precision (low noise at low
 * frequencies, state survives coefficient changes without clicks).
 */
export class BiquadState {
  s1 = 0;
  s2 = 0;

  reset(): void {
    this.s1 = 0;
    this.s2 = 0;
  }

  /** Filters `frames` samples of `input` into `output` (may be the same array). */
  process(
    c: BiquadCoefficients,
    input: ArrayLike<number>,
    output: { [i: number]: number },
    frames: number,
  ): void {
    const { b0, b1, b2, a1, a2 } = c;
    let s1 = this.s1;
    let s2 = this.s2;
    for (let i = 0; i < frames; i++) {
      const x = input[i];
      const y = b0 * x + s1;
      s1 = b1 * x - a1 * y + s2;
      s2 = b2 * x - a2 * y;
      // Per sample (not per block) so the result does not depend on the block size.
      if (Math.abs(s1) < DENORMAL_FLOOR) s1 = 0;
      if (Math.abs(s2) < DENORMAL_FLOOR) s2 = 0;
      output[i] = y;
    }
    this.store(s1, s2);
  }

  /**
   * Stores the state after a block. A non-finite input must not poison the filter forever, so
   * non-finite state is cleared here, once per block (the flush above lets NaN through).
   */
  store(s1: number, s2: number): void {
    if (s1 - s1 !== 0 || s2 - s2 !== 0) {
      s1 = 0;
      s2 = 0;
    }
    this.s1 = s1;
    this.s2 = s2;
  }
}

/**
 * Two biquads in series over one block, in place: `second` filters `first`'s output sample by
 * sample in the same loop, both states in locals. The arithmetic is exactly that of two
 * `BiquadState.process` passes (same operations, same order), so the samples are identical; it
 * saves one pass over memory and one loop's overhead per pair of sections.
 */
export function processBiquadPair(
  c: BiquadCoefficients,
  first: BiquadState,
  d: BiquadCoefficients,
  second: BiquadState,
  block: Float64Array,
  frames: number,
): void {
  const { b0, b1, b2, a1, a2 } = c;
  const e0 = d.b0;
  const e1 = d.b1;
  const e2 = d.b2;
  const f1 = d.a1;
  const f2 = d.a2;
  let s1 = first.s1;
  let s2 = first.s2;
  let t1 = second.s1;
  let t2 = second.s2;
  for (let i = 0; i < frames; i++) {
    const x = block[i];
    const y = b0 * x + s1;
    s1 = b1 * x - a1 * y + s2;
    s2 = b2 * x - a2 * y;
    if (Math.abs(s1) < DENORMAL_FLOOR) s1 = 0;
    if (Math.abs(s2) < DENORMAL_FLOOR) s2 = 0;
    const z = e0 * y + t1;
    t1 = e1 * y - f1 * z + t2;
    t2 = e2 * y - f2 * z;
    if (Math.abs(t1) < DENORMAL_FLOOR) t1 = 0;
    if (Math.abs(t2) < DENORMAL_FLOOR) t2 = 0;
    block[i] = z;
  }
  first.store(s1, s2);
  second.store(t1, t2);
}

/**
 * Filters for the demo-stem synthesizers: a per-sample biquad that takes its coefficients from
 * the Web Audio formulas in `src/dsp/biquad.ts` (so they can be retuned every few samples for
 * filter envelopes) and D. Klatt's formant resonator.
 */
import { biquadCoefficients, identityCoefficients, type BiquadType } from '../../../dsp/biquad';

/** Below this magnitude recursive state is flushed to zero (no denormals in tails). */
const DENORMAL_FLOOR = 1e-25;

/**
 * One biquad, transposed direct form II, one sample at a time:
 *   y = b0·x + s1;  s1 = b1·x − a1·y + s2;  s2 = b2·x − a2·y
 */
export class SynthBiquad {
  private readonly c = identityCoefficients();
  private s1 = 0;
  private s2 = 0;

  constructor(private readonly sampleRate: number) {}

  /** Retunes (Web Audio conventions: lowpass/highpass Q in dB, bandpass/peaking Q linear). */
  set(type: BiquadType, frequency: number, q: number, gainDb = 0): this {
    biquadCoefficients(type, frequency, q, gainDb, this.sampleRate, this.c);
    return this;
  }

  reset(): void {
    this.s1 = 0;
    this.s2 = 0;
  }

  tick(x: number): number {
    const c = this.c;
    const y = c.b0 * x + this.s1;
    let s1 = c.b1 * x - c.a1 * y + this.s2;
    let s2 = c.b2 * x - c.a2 * y;
    if (s1 < DENORMAL_FLOOR && s1 > -DENORMAL_FLOOR) s1 = 0;
    if (s2 < DENORMAL_FLOOR && s2 > -DENORMAL_FLOOR) s2 = 0;
    this.s1 = s1;
    this.s2 = s2;
    return y;
  }
}

/**
 * Klatt's two-pole digital resonator (D. H. Klatt, "Software for a cascade/parallel formant
 * synthesizer", JASA 67(3), 1980, eq. 1–2):
 *   y[n] = A·x[n] + B·y[n−1] + C·y[n−2]
 *   C = −exp(−2π·BW·T),  B = 2·exp(−π·BW·T)·cos(2π·F·T),  A = 1 − B − C
 * a resonance at F Hz with bandwidth BW Hz and unity gain at 0 Hz, so a cascade of them shapes a
 * vowel without changing the overall level at low frequencies.
 */
export class FormantResonator {
  private a = 1;
  private b = 0;
  private c = 0;
  private y1 = 0;
  private y2 = 0;

  constructor(private readonly sampleRate: number) {}

  set(frequency: number, bandwidth: number): void {
    const t = 1 / this.sampleRate;
    this.c = -Math.exp(-2 * Math.PI * bandwidth * t);
    this.b = 2 * Math.exp(-Math.PI * bandwidth * t) * Math.cos(2 * Math.PI * frequency * t);
    this.a = 1 - this.b - this.c;
  }

  reset(): void {
    this.y1 = 0;
    this.y2 = 0;
  }

  tick(x: number): number {
    let y = this.a * x + this.b * this.y1 + this.c * this.y2;
    if (y < DENORMAL_FLOOR && y > -DENORMAL_FLOOR) y = 0;
    this.y2 = this.y1;
    this.y1 = y;
    return y;
  }
}

/**
 * Klatt resonators in cascade (a vowel's vocal tract), state in typed arrays so the per-sample
 * loop stays tight. Same equations as `FormantResonator`.
 */
export class FormantCascade {
  private readonly a: Float64Array;
  private readonly b: Float64Array;
  private readonly c: Float64Array;
  private readonly y1: Float64Array;
  private readonly y2: Float64Array;

  constructor(
    private readonly sampleRate: number,
    readonly stages: number,
  ) {
    this.a = new Float64Array(stages).fill(1);
    this.b = new Float64Array(stages);
    this.c = new Float64Array(stages);
    this.y1 = new Float64Array(stages);
    this.y2 = new Float64Array(stages);
  }

  /** Tunes stage `stage` to a formant at `frequency` Hz with `bandwidth` Hz. */
  set(stage: number, frequency: number, bandwidth: number): void {
    const t = 1 / this.sampleRate;
    const c = -Math.exp(-2 * Math.PI * bandwidth * t);
    const b = 2 * Math.exp(-Math.PI * bandwidth * t) * Math.cos(2 * Math.PI * frequency * t);
    this.a[stage] = 1 - b - c;
    this.b[stage] = b;
    this.c[stage] = c;
  }

  tick(x: number): number {
    let y = x;
    for (let j = 0; j < this.stages; j++) {
      let out = this.a[j] * y + this.b[j] * this.y1[j] + this.c[j] * this.y2[j];
      if (out < DENORMAL_FLOOR && out > -DENORMAL_FLOOR) out = 0;
      this.y2[j] = this.y1[j];
      this.y1[j] = out;
      y = out;
    }
    return y;
  }
}

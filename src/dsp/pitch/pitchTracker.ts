/**
 * A voice pitch tracker for streaming audio: McLeod's method (`mpm.ts`) on a decimated copy of
 * the signal finds the period coarsely and cheaply, then the NSDF at the full rate around that lag
 * refines it (parabolic interpolation on full-rate lags: a fraction of a cent at voice pitches).
 *
 * Why two stages: the NSDF costs window × lags multiply-adds. At 48 kHz a window of two periods of
 * 82 Hz is 1164 samples and lags run to 582: 0.5 M per analysis. Decimated by 8 (6 kHz) it is 64
 * times less, and the refinement adds a handful of lags × two periods. Decimation is preceded by
 * a 4th-order Butterworth low-pass (two RBJ cookbook sections, Q = 0.5412 and 1.3066) at 0.25 ×
 * the decimated rate (1.5 kHz: above C6, the highest pitch), enough to keep aliases from
 * inventing periodicity.
 *
 * The tracker owns no copy of the full-rate signal: `analyse` reads the caller's ring buffer.
 */
import { nsdf, pickNsdfPeak, type NsdfPeak } from './mpm';

/** MPM's k: the chosen key maximum must reach 0.9 × the highest (McLeod & Wyvill use 0.8–1.0). */
const KEY_MAXIMUM_FRACTION = 0.9;

/** One analysis. */
export interface PitchEstimate {
  /** Period in full-rate samples (0 = no periodicity found in range). */
  period: number;
  /** NSDF value at the period (0..1): how periodic the window is. */
  clarity: number;
  /** RMS of the refinement span (two periods centred in the window), linear; 0 when no period was found. */
  rms: number;
}

/** Geometry of the tracker at one sample rate. */
export interface PitchTrackerLayout {
  /** Decimation factor D (7 at 44.1 kHz, 8 at 48 kHz, 14/16 at 88.2/96 kHz: ≈ 6 kHz). */
  decimation: number;
  /** Full-rate window length (a multiple of D), samples. */
  window: number;
  /** Longest period the tracker can report, full-rate samples. */
  maxPeriod: number;
}

/** The layout for `sampleRate` and a lowest pitch `floorHz` (the window holds two of its periods). */
export function pitchTrackerLayout(sampleRate: number, floorHz: number): PitchTrackerLayout {
  const decimation = Math.max(1, Math.floor(sampleRate / 6000));
  const maxPeriod = Math.ceil(sampleRate / floorHz);
  const window = Math.ceil((2 * maxPeriod + 2 * decimation) / decimation) * decimation;
  return { decimation, window, maxPeriod };
}

interface Section {
  b0: number;
  b1: number;
  b2: number;
  a1: number;
  a2: number;
  z1: number;
  z2: number;
}

/** RBJ cookbook low-pass (linear Q), normalised by a0. */
function lowpassSection(cutoffHz: number, q: number, sampleRate: number): Section {
  const w0 = (2 * Math.PI * cutoffHz) / sampleRate;
  const alpha = Math.sin(w0) / (2 * q);
  const cos = Math.cos(w0);
  const a0 = 1 + alpha;
  const b1 = (1 - cos) / a0;
  return { b0: b1 / 2, b1, b2: b1 / 2, a1: (-2 * cos) / a0, a2: (1 - alpha) / a0, z1: 0, z2: 0 };
}

/** Streaming two-stage MPM pitch tracker (see the file comment). */
export class PitchTracker {
  readonly layout: PitchTrackerLayout;
  private readonly sections: [Section, Section];
  /** Decimated signal, a ring of `decimatedMask + 1` samples, indexed by full-rate index / D. */
  private readonly decimated: Float32Array;
  private readonly decimatedMask: number;
  private readonly windowScratch: Float64Array;
  private readonly nsdfScratch: Float64Array;
  private readonly fullWindow: Float64Array;
  private readonly prefixSquares: Float64Array;
  private readonly peak: NsdfPeak = { lag: 0, clarity: 0 };
  /** Next full-rate index to run through the decimation filter. */
  private filtered = 0;
  /** Length of the part of the full-rate window the refinement uses (centred in the window). */
  private refineLength = 0;

  constructor(sampleRate: number, floorHz: number) {
    this.layout = pitchTrackerLayout(sampleRate, floorHz);
    const { decimation, window } = this.layout;
    const decimatedRate = sampleRate / decimation;
    this.sections = [lowpassSection(0.25 * decimatedRate, 0.5412, sampleRate), lowpassSection(0.25 * decimatedRate, 1.3066, sampleRate)];
    const decimatedWindow = window / decimation;
    let size = 1;
    while (size < decimatedWindow * 2) size *= 2;
    this.decimated = new Float32Array(size);
    this.decimatedMask = size - 1;
    this.windowScratch = new Float64Array(decimatedWindow);
    this.nsdfScratch = new Float64Array(decimatedWindow + 2);
    this.fullWindow = new Float64Array(window);
    this.prefixSquares = new Float64Array(window + 1);
  }

  reset(): void {
    for (const s of this.sections) {
      s.z1 = 0;
      s.z2 = 0;
    }
    this.decimated.fill(0);
    this.filtered = 0;
  }

  /**
   * Analyses the window of full-rate samples [end − window, end) of `ring` (a power-of-two ring
   * indexed by sample index & `ringMask`; it must hold the last `window` samples).
   * Samples since the previous call are run through the decimation filter first, so calls must
   * come in increasing `end`, at most a ring's length apart.
   * @param minPeriod shortest period accepted (sampleRate / highest pitch), samples.
   * @param maxPeriod longest period accepted (sampleRate / lowest pitch), ≤ layout.maxPeriod.
   */
  analyse(ring: Float32Array, ringMask: number, end: number, minPeriod: number, maxPeriod: number, out: PitchEstimate): PitchEstimate {
    this.decimate(ring, ringMask, end);
    const { decimation: d, window } = this.layout;
    // Coarse: MPM on two periods of the longest period asked for (not of the layout's floor: the
    // cost grows with window × lags), centred on the full-rate window.
    const decimatedWindow = Math.min(window / d, Math.ceil((2 * maxPeriod) / d) + 2);
    const x = this.windowScratch;
    const lastDecimated = Math.floor((end - window / 2) / d) + (decimatedWindow >> 1) - 1;
    const firstDecimated = lastDecimated - decimatedWindow + 1;
    const dmask = this.decimatedMask;
    for (let j = 0; j < decimatedWindow; j++) x[j] = this.decimated[(firstDecimated + j) & dmask];
    const maxLag = Math.min(decimatedWindow - 1, Math.ceil(maxPeriod / d) + 1);
    nsdf(x, decimatedWindow, maxLag, this.nsdfScratch);
    const coarse = pickNsdfPeak(this.nsdfScratch, Math.max(1, Math.floor(minPeriod / d) - 1), maxLag, KEY_MAXIMUM_FRACTION, this.peak);

    out.rms = 0;
    out.period = 0;
    out.clarity = 0;
    if (coarse.lag <= 0) return out;

    // Fine: the full-rate NSDF over about two coarse periods centred on the analysis window,
    // climbing from D × the coarse lag to the top of its peak (the coarse parabola lands within
    // a sample or two of it; the peak's main lobe is several samples wide), then a parabola.
    const centre = coarse.lag * d;
    const span = Math.min(window, 2 * Math.ceil(centre) + 8);
    // Copy the span (and its prefix sums of squares, for m(τ)); its RMS is the window's level.
    const start = (window - span) >> 1;
    const full = this.fullWindow;
    const prefix = this.prefixSquares;
    prefix[0] = 0;
    const first = end - window + start;
    for (let j = 0; j < span; j++) {
      const v = ring[(first + j) & ringMask];
      full[j] = v;
      prefix[j + 1] = prefix[j] + v * v;
    }
    out.rms = Math.sqrt(prefix[span] / span);
    this.refineLength = span;
    let bestLag = Math.min(span - 3, Math.max(2, Math.round(centre)));
    let best = this.fullNsdf(bestLag);
    let before = this.fullNsdf(bestLag - 1);
    let after = this.fullNsdf(bestLag + 1);
    for (let step = 0; step < 2 * d + 2; step++) {
      if (after > best && bestLag + 2 < span - 1) {
        before = best;
        best = after;
        bestLag++;
        after = this.fullNsdf(bestLag + 1);
      } else if (before > best && bestLag - 2 >= 1) {
        after = best;
        best = before;
        bestLag--;
        before = this.fullNsdf(bestLag - 1);
      } else {
        break;
      }
    }
    if (!(best >= before && best >= after)) return out;
    const denominator = before - 2 * best + after;
    const shift = denominator < 0 ? (0.5 * (before - after)) / denominator : 0;
    const period = bestLag + shift;
    if (period < minPeriod || period > maxPeriod) return out;
    out.period = period;
    out.clarity = Math.min(1, best - 0.25 * (before - after) * shift);
    return out;
  }

  /** n(τ) of the refinement span (copied to the start of `fullWindow`), m(τ) from its prefix sums. */
  private fullNsdf(tau: number): number {
    const x = this.fullWindow;
    const n = this.refineLength - tau;
    let r = 0;
    for (let j = 0; j < n; j++) r += x[j] * x[j + tau];
    const prefix = this.prefixSquares;
    const m = prefix[n] + (prefix[this.refineLength] - prefix[tau]);
    return m > 1e-20 ? (2 * r) / m : 0;
  }

  /** Low-passes full-rate samples [filtered, end) and keeps every D-th in the decimated ring. */
  private decimate(ring: Float32Array, ringMask: number, end: number): void {
    const d = this.layout.decimation;
    const [s1, s2] = this.sections;
    const { b0: p0, b1: p1, b2: p2, a1: pa1, a2: pa2 } = s1;
    const { b0: q0, b1: q1, b2: q2, a1: qa1, a2: qa2 } = s2;
    let z11 = s1.z1;
    let z12 = s1.z2;
    let z21 = s2.z1;
    let z22 = s2.z2;
    const dmask = this.decimatedMask;
    const out = this.decimated;
    // Sample i is kept when (i + 1) is a multiple of D, as decimated index (i + 1)/D − 1.
    let untilKeep = d - (this.filtered % d);
    let keepIndex = Math.floor(this.filtered / d);
    for (let i = this.filtered; i < end; i++) {
      // Transposed direct form II, two sections.
      const x = ring[i & ringMask];
      const y1 = p0 * x + z11;
      z11 = p1 * x - pa1 * y1 + z12;
      z12 = p2 * x - pa2 * y1;
      const y2 = q0 * y1 + z21;
      z21 = q1 * y1 - qa1 * y2 + z22;
      z22 = q2 * y1 - qa2 * y2;
      if (--untilKeep === 0) {
        out[keepIndex & dmask] = y2;
        keepIndex++;
        untilKeep = d;
      }
    }
    // Flush denormals in the recursion (src/dsp/denormal.ts explains the floor).
    s1.z1 = Math.abs(z11) < 1e-25 ? 0 : z11;
    s1.z2 = Math.abs(z12) < 1e-25 ? 0 : z12;
    s2.z1 = Math.abs(z21) < 1e-25 ? 0 : z21;
    s2.z2 = Math.abs(z22) < 1e-25 ? 0 : z22;
    this.filtered = end;
  }
}

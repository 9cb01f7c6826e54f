/**
 * Band-limited sample-rate conversion by a windowed-sinc FIR (Kaiser window) evaluated as a
 * polyphase filter: output sample k sits at input time t_k = k · from / to (in input samples) and
 * is Σ_n x[n] · h(t_k − n). Pure: no `node:` imports.
 *
 * Design (J. O. Smith, "Digital Audio Resampling Home Page", bandlimited interpolation; J. F.
 * Kaiser's window formulas as given in Oppenheim & Schafer, "Discrete-Time Signal Processing",
 * 3rd ed., §7.6.1, eqs. 7.75–7.76):
 *  - Lower Nyquist frequency fN = min(from, to) / 2. Passband edge 0.9·fN, stopband edge 1.0·fN,
 *    cutoff (the sinc's −6 dB point) halfway at 0.95·fN. The stopband starts exactly at fN so
 *    nothing above it can alias (downsampling) and no image survives (upsampling).
 *  - Stopband attenuation A = 100 dB ⇒ Kaiser β = 0.1102 · (A − 8.7) ≈ 10.06, and the same
 *    δ = 10^(−A/20) bounds the passband ripple (≈ 0.0001 dB).
 *  - Length N = (A − 7.95) / (2.285 · Δω) with Δω = 2π · 0.05 (transition 0.1·fN expressed in
 *    radians per sample at the lower rate) ⇒ N ≈ 128 samples of the lower rate, i.e. ≈ 61 sinc
 *    zero crossings on each side.
 *  - h(t) = 2fc · sinc(2fc · t) · w(t / T), fc = cutoff in cycles per input sample, T = N/2
 *    converted to input samples, w the Kaiser window; each polyphase row is normalised to unit sum
 *    so a DC input stays exactly DC.
 *  - The ratio to/from is reduced to L/M. When L rows of K taps fit in 2^21 coefficients, the
 *    table holds the L exact phases; otherwise (odd rates such as 44101 → 48000) it holds 1024
 *    phases and interpolates linearly between neighbouring rows (error ≈ (2π·fc/1024)²/8 ≈ −119 dB).
 *  - Samples outside the input are zeros; the filter is zero-phase (centred), so output k is
 *    aligned with input time k·from/to — no delay to compensate.
 */

/** Stopband attenuation the filter is designed for, dB. */
export const RESAMPLER_STOPBAND_DB = 100;
/** Passband edge as a fraction of the lower Nyquist frequency. */
export const RESAMPLER_PASSBAND_EDGE = 0.9;
/** Cutoff (−6 dB) as a fraction of the lower Nyquist frequency. */
export const RESAMPLER_CUTOFF = 0.95;

/** Transition band, fraction of the lower Nyquist (from the passband edge to Nyquist). */
const TRANSITION = 1 - RESAMPLER_PASSBAND_EDGE;
/** Largest exact polyphase table, in coefficients (8 MiB as float32). */
const MAX_EXACT_TABLE = 1 << 21;
/** Phases of the interpolated table used when the exact one would be larger. */
const INTERPOLATED_PHASES = 1024;
/** Outputs this small are written as 0 so no float32 denormal leaves the resampler. */
const DENORMAL_FLOOR = 1e-30;

/** A precomputed polyphase filter for one (from, to) pair. */
export interface ResamplerDesign {
  /** Input rate, Hz. */
  readonly fromRate: number;
  /** Output rate, Hz. */
  readonly toRate: number;
  /** to/from reduced: L (upsampling factor). */
  readonly up: number;
  /** to/from reduced: M (downsampling factor). */
  readonly down: number;
  /** Rows of the table (L when exact, 1024 when interpolated; an interpolated table stores one more). */
  readonly phases: number;
  /** True when `phases = L`: every output uses one row exactly. */
  readonly exact: boolean;
  /** Taps per row (input samples each output depends on). */
  readonly taps: number;
  /** Cutoff in cycles per input sample (0.5 = input Nyquist). */
  readonly cutoff: number;
  /** Kaiser window β. */
  readonly beta: number;
  /** Row-major coefficients: row p holds h(p/phases − j) for j = −taps/2+1 … taps/2. */
  readonly table: Float32Array;
}

const designCache = new Map<string, ResamplerDesign>();
const DESIGN_CACHE_SIZE = 8;

/** Greatest common divisor of two non-negative integers (Euclid). */
function gcd(a: number, b: number): number {
  while (b !== 0) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

/**
 * Zeroth-order modified Bessel function of the first kind, I0(x) = Σ_k ((x/2)^k / k!)², summed
 * until the terms stop mattering (Abramowitz & Stegun 9.6.12).
 */
function besselI0(x: number): number {
  const half = x / 2;
  let term = 1;
  let sum = 1;
  for (let k = 1; k < 200; k++) {
    term *= (half / k) * (half / k);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return sum;
}

function checkRate(rate: number, what: string): void {
  if (!Number.isInteger(rate) || rate <= 0 || rate > 10_000_000) {
    throw new RangeError(`${what} must be a positive integer number of hertz, got ${rate}`);
  }
}

/**
 * Number of output frames for `inputFrames` input frames: round(n · to / from).
 */
export function resampledLength(inputFrames: number, fromRate: number, toRate: number): number {
  checkRate(fromRate, 'fromRate');
  checkRate(toRate, 'toRate');
  const g = gcd(fromRate, toRate);
  return Math.round((inputFrames * (toRate / g)) / (fromRate / g));
}

/**
 * Builds (or returns from a small cache) the polyphase filter converting `fromRate` to `toRate`.
 * @param fromRate input rate, Hz (positive integer).
 * @param toRate output rate, Hz (positive integer).
 */
export function resamplerDesign(fromRate: number, toRate: number): ResamplerDesign {
  checkRate(fromRate, 'fromRate');
  checkRate(toRate, 'toRate');
  const key = `${fromRate}:${toRate}`;
  const cached = designCache.get(key);
  if (cached) return cached;

  const g = gcd(fromRate, toRate);
  const up = toRate / g;
  const down = fromRate / g;
  // Lower rate expressed in input samples: one lower-rate sample = max(1, from/to) input samples.
  const inputPerLow = Math.max(1, fromRate / toRate);
  const cutoff = (0.5 * RESAMPLER_CUTOFF) / inputPerLow;
  const beta = 0.1102 * (RESAMPLER_STOPBAND_DB - 8.7);
  const deltaOmega = 2 * Math.PI * (TRANSITION / 2); // radians per lower-rate sample
  const lengthLow = (RESAMPLER_STOPBAND_DB - 7.95) / (2.285 * deltaOmega);
  const halfLength = (lengthLow / 2) * inputPerLow; // T, in input samples
  // A multiple of 4 so the inner loops can run four independent accumulators.
  const taps = 4 * Math.ceil(halfLength / 2);
  const exact = up * taps <= MAX_EXACT_TABLE;
  const phases = exact ? up : INTERPOLATED_PHASES;
  const rows = exact ? phases : phases + 1;
  const table = new Float32Array(rows * taps);
  const i0Beta = besselI0(beta);
  const row = new Float64Array(taps);

  for (let p = 0; p < rows; p++) {
    const phase = p / phases;
    let sum = 0;
    for (let jj = 0; jj < taps; jj++) {
      const t = phase - (jj - taps / 2 + 1); // distance from the output instant to input tap
      let h = 0;
      if (Math.abs(t) < halfLength) {
        const x = 2 * cutoff * t;
        const sinc = x === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
        const r = t / halfLength;
        h = 2 * cutoff * sinc * (besselI0(beta * Math.sqrt(1 - r * r)) / i0Beta);
      }
      row[jj] = h;
      sum += h;
    }
    for (let jj = 0; jj < taps; jj++) table[p * taps + jj] = row[jj] / sum;
  }

  const design: ResamplerDesign = { fromRate, toRate, up, down, phases, exact, taps, cutoff, beta, table };
  if (designCache.size >= DESIGN_CACHE_SIZE) {
    const oldest = designCache.keys().next().value;
    if (oldest !== undefined) designCache.delete(oldest);
  }
  designCache.set(key, design);
  return design;
}

/**
 * Converts a signal from `fromRate` to `toRate` with the band-limited filter described above.
 *
 * @param input samples at `fromRate` (not modified).
 * @param fromRate input rate, Hz (positive integer).
 * @param toRate output rate, Hz (positive integer).
 * @returns round(n · to / from) samples at `toRate`; a copy of `input` when the rates are equal.
 */
export function resample(input: Float32Array, fromRate: number, toRate: number): Float32Array {
  return resampleHead(input, fromRate, toRate, resampledLength(input.length, fromRate, toRate));
}

/**
 * The first `count` samples of {@link resample}`(input, fromRate, toRate)`, bit for bit, computing
 * only those: a render that plays one second of a long file resamples one second (issue 10,
 * item 5). Only the input the filter reaches for them is copied.
 *
 * @param count output samples wanted, at most round(n · to / from).
 */
export function resampleHead(input: Float32Array, fromRate: number, toRate: number, count: number): Float32Array {
  const outLength = Math.max(0, Math.min(Math.floor(count), resampledLength(input.length, fromRate, toRate)));
  if (fromRate === toRate) return input.slice(0, outLength);
  const design = resamplerDesign(fromRate, toRate);
  const { up, down, taps } = design;
  const output = new Float32Array(outLength);
  if (outLength === 0) return output;

  // Zero-padded copy: padded[i + j] is the j-th tap of the output whose integer input time is i.
  // Only the part the last output reaches is needed: its integer time is floor((n−1)·M/L).
  const front = taps / 2 - 1;
  const lastWhole = Math.floor(((outLength - 1) * down) / up);
  const needed = Math.min(input.length, Math.max(0, lastWhole + taps - front));
  const padded = new Float32Array(Math.max(needed, 0) + taps);
  padded.set(input.subarray(0, needed), front);

  resampleSpan(design, padded, output, 0, outLength, { whole: 0, remainder: 0 });
  return output;
}

/**
 * Where the next output of a polyphase span reads its input: output k's integer input time
 * floor(k·M/L), relative to the start of the input array the span is given, and the phase
 * numerator (k·M) mod L. {@link resampleSpan} advances it in place.
 */
export interface ResampleCursor {
  whole: number;
  remainder: number;
}

/**
 * The polyphase inner loop: `count` outputs into `output[at …]`, output k being
 * Σ_j table[phase_k][j] · padded[whole_k + j] (exact table) or the linear interpolation between
 * the two neighbouring rows (interpolated table). `padded` is the zero-padded input (its index 0
 * is `cursor.whole = 0`); the caller guarantees it reaches `whole_last + taps`. {@link resample}
 * runs it once over the whole signal, the streaming resampler (decoders/stereoStream.ts) once per
 * window, so both sum in the same order and agree bit for bit. No allocation.
 */
export function resampleSpan(
  design: ResamplerDesign,
  padded: Float32Array,
  output: Float32Array,
  at: number,
  count: number,
  cursor: ResampleCursor,
): void {
  const { up, down, taps, table, phases, exact } = design;
  const stepWhole = Math.floor(down / up);
  const stepRemainder = down % up;
  let whole = cursor.whole; // floor(k · M / L), relative to padded[0]
  let remainder = cursor.remainder; // (k · M) mod L: the phase numerator
  const end = at + count;
  if (exact) {
    for (let k = at; k < end; k++) {
      const rowStart = remainder * taps;
      // Four partial sums: independent dependency chains run about 1.6× faster in V8.
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let j = 0; j < taps; j += 4) {
        const r = rowStart + j;
        const x = whole + j;
        s0 += table[r] * padded[x];
        s1 += table[r + 1] * padded[x + 1];
        s2 += table[r + 2] * padded[x + 2];
        s3 += table[r + 3] * padded[x + 3];
      }
      const sum = s0 + s1 + s2 + s3;
      output[k] = sum > -DENORMAL_FLOOR && sum < DENORMAL_FLOOR ? 0 : sum;
      whole += stepWhole;
      remainder += stepRemainder;
      if (remainder >= up) {
        remainder -= up;
        whole++;
      }
    }
  } else {
    const phaseScale = phases / up;
    for (let k = at; k < end; k++) {
      const position = remainder * phaseScale;
      const rowIndex = Math.floor(position);
      const fraction = position - rowIndex;
      const rowA = rowIndex * taps;
      const rowB = rowA + taps;
      let sumA = 0;
      let sumB = 0;
      let sumA2 = 0;
      let sumB2 = 0;
      for (let j = 0; j < taps; j += 2) {
        const x0 = padded[whole + j];
        const x1 = padded[whole + j + 1];
        sumA += table[rowA + j] * x0;
        sumB += table[rowB + j] * x0;
        sumA2 += table[rowA + j + 1] * x1;
        sumB2 += table[rowB + j + 1] * x1;
      }
      sumA += sumA2;
      sumB += sumB2;
      const sum = sumA + fraction * (sumB - sumA);
      output[k] = sum > -DENORMAL_FLOOR && sum < DENORMAL_FLOOR ? 0 : sum;
      whole += stepWhole;
      remainder += stepRemainder;
      if (remainder >= up) {
        remainder -= up;
        whole++;
      }
    }
  }
  cursor.whole = whole;
  cursor.remainder = remainder;
}

/**
 * Deterministic noise: a seeded pseudo-random generator and a pink (1/f) noise filter.
 *
 * Everything that sounds random in Mixgraph (noise test tones, the demo stems, later the reverb's
 * modulation) draws from `SeededRandom`, never from `Math.random`, so a render is the same bytes
 * on every run, in Node and in the browser.
 */

/** 2^−32: turns a uint32 into a number in [0, 1). */
const UINT32_TO_UNIT = 1 / 4294967296;

/** Rotates a 32-bit integer left by `k` bits. */
function rotateLeft(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/**
 * Seeded pseudo-random generator: xoshiro128** (D. Blackman and S. Vigna, "Scrambled linear
 * pseudorandom number generators", ACM TOMS 47(4), 2021), period 2^128 − 1, with its 128-bit state
 * filled from the 32-bit seed by the SplitMix32 mixer (the MurmurHash3 32-bit finaliser applied to
 * a Weyl sequence with step 0x9E3779B9), as the authors recommend, so nearby seeds give unrelated
 * streams. All arithmetic is 32-bit integer (`Math.imul`, `>>>`), so the sequence is identical on
 * every JavaScript engine. No method allocates.
 */
export class SeededRandom {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;
  private spareGaussian = 0;
  private hasSpareGaussian = false;

  /** @param seed any number; only its low 32 bits matter. */
  constructor(seed: number) {
    this.reseed(seed);
  }

  /** Restarts the sequence from `seed` (same seed → same sequence). */
  reseed(seed: number): void {
    let weyl = seed >>> 0;
    const mix = (): number => {
      weyl = (weyl + 0x9e3779b9) >>> 0;
      let z = weyl;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s0 = mix();
    this.s1 = mix();
    this.s2 = mix();
    this.s3 = mix();
    // The all-zero state is the one state xoshiro never leaves; SplitMix cannot produce four
    // zeros in a row, but guard anyway.
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
    this.hasSpareGaussian = false;
    this.spareGaussian = 0;
  }

  /** Next integer, uniform in [0, 2^32). */
  nextUint32(): number {
    const result = Math.imul(rotateLeft(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotateLeft(this.s3, 11);
    return result;
  }

  /** Next number, uniform in [0, 1) with 32-bit resolution. */
  next(): number {
    return this.nextUint32() * UINT32_TO_UNIT;
  }

  /**
   * Next number, uniform in [−1, 1): mean 0, variance 1/3, so RMS = 1/√3 (see
   * `UNIFORM_BIPOLAR_RMS`).
   */
  bipolar(): number {
    return this.nextUint32() * (2 * UINT32_TO_UNIT) - 1;
  }

  /** Next number in [lo, hi). */
  range(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /**
   * Next standard normal number (mean 0, variance 1), by the Marsaglia polar method
   * (G. Marsaglia and T. A. Bray, SIAM Review 6(3), 1964): two uniforms inside the unit circle
   * give two independent normals; the second is kept for the next call.
   */
  gaussian(): number {
    if (this.hasSpareGaussian) {
      this.hasSpareGaussian = false;
      return this.spareGaussian;
    }
    let u = 0;
    let v = 0;
    let s = 0;
    do {
      u = this.bipolar();
      v = this.bipolar();
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const scale = Math.sqrt((-2 * Math.log(s)) / s);
    this.spareGaussian = v * scale;
    this.hasSpareGaussian = true;
    return u * scale;
  }
}

/** RMS of `SeededRandom.bipolar()` (uniform on [−1, 1)): √(1/3). */
export const UNIFORM_BIPOLAR_RMS = Math.sqrt(1 / 3);

/**
 * Pink noise filter design: P. Kellet's "refined" approximation of a −3 dB/octave slope
 * ("Filter to make pink noise from white", music-dsp mailing list / musicdsp.org, 1999): six
 * one-pole low-passes in parallel plus a direct path and a one-sample FIR tap,
 *
 *   y[n] = Σ_i s_i[n] + d·x[n] + e·x[n−1],   s_i[n] = p_i·s_i[n−1] + g_i·x[n]
 *
 * designed at 44.1 kHz to be within ±0.05 dB of 1/f from 9.2 Hz to Nyquist. Its poles are fixed
 * per sample, so at other rates the same curve is stretched in frequency: the slope stays
 * −3 dB/oct, the bottom corner moves (10 Hz at 48 kHz, 20 Hz at 96 kHz).
 */
const PINK_POLES = [0.99886, 0.99332, 0.969, 0.8665, 0.55, -0.7616] as const;
const PINK_GAINS = [0.0555179, 0.0750759, 0.153852, 0.3104856, 0.5329522, -0.016898] as const;
const PINK_DIRECT = 0.5362;
const PINK_DELAYED = 0.115926;

/**
 * √(Σ h[n]²) of the pink filter's impulse response h: the output RMS for unit-variance white
 * input, since for white input var(y) = σ²·Σ h[n]². Summed until the slowest pole (0.99886) has
 * decayed below 10^−20 in energy.
 */
const PINK_IMPULSE_RMS = (() => {
  // n = 0: every one-pole contributes its gain; the delayed tap starts at n = 1.
  let h0 = PINK_DIRECT;
  for (let i = 0; i < PINK_GAINS.length; i++) h0 += PINK_GAINS[i];
  let energy = h0 * h0;
  const state = PINK_GAINS.map((g) => g);
  for (let n = 1; n < 50000; n++) {
    let h = n === 1 ? PINK_DELAYED : 0;
    for (let i = 0; i < state.length; i++) {
      state[i] *= PINK_POLES[i];
      h += state[i];
    }
    energy += h * h;
  }
  return Math.sqrt(energy);
})();

/**
 * Turns white noise into pink noise (−3 dB/octave power spectral density, i.e. equal energy per
 * octave) with Kellet's refined filter, scaled so that unit-variance white input gives
 * unit-variance (RMS 1) pink output. State is double precision; noise never decays, but the
 * states are still flushed near zero so a silent input cannot produce denormals.
 */
export class PinkNoiseFilter {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;
  private s4 = 0;
  private s5 = 0;
  private previousInput = 0;

  /** Clears the filter state. */
  reset(): void {
    this.s0 = this.s1 = this.s2 = this.s3 = this.s4 = this.s5 = 0;
    this.previousInput = 0;
  }

  /** Filters one white sample; returns one pink sample (same RMS as the input for white input). */
  step(white: number): number {
    this.s0 = flush(PINK_POLES[0] * this.s0 + PINK_GAINS[0] * white);
    this.s1 = flush(PINK_POLES[1] * this.s1 + PINK_GAINS[1] * white);
    this.s2 = flush(PINK_POLES[2] * this.s2 + PINK_GAINS[2] * white);
    this.s3 = flush(PINK_POLES[3] * this.s3 + PINK_GAINS[3] * white);
    this.s4 = flush(PINK_POLES[4] * this.s4 + PINK_GAINS[4] * white);
    this.s5 = flush(PINK_POLES[5] * this.s5 + PINK_GAINS[5] * white);
    const y =
      this.s0 + this.s1 + this.s2 + this.s3 + this.s4 + this.s5 + PINK_DIRECT * white + PINK_DELAYED * this.previousInput;
    this.previousInput = white;
    return y / PINK_IMPULSE_RMS;
  }
}

/** Recursive state below this magnitude is set to zero (denormal guard, per sample). */
const DENORMAL_FLOOR = 1e-25;

function flush(x: number): number {
  return x < DENORMAL_FLOOR && x > -DENORMAL_FLOOR ? 0 : x;
}

/**
 * Seeded white and pink noise sources with unit RMS, for test tones and synthesis.
 * `white()` is uniform (bounded: peak √3 ≈ +4.8 dB over RMS); `pink()` is that white noise
 * through `PinkNoiseFilter`.
 */
export class NoiseSource {
  private readonly random: SeededRandom;
  private readonly pinkFilter = new PinkNoiseFilter();

  constructor(private readonly seed: number) {
    this.random = new SeededRandom(seed);
  }

  /** Restarts the same sequence. */
  reset(): void {
    this.random.reseed(this.seed);
    this.pinkFilter.reset();
  }

  /** Next white sample, uniform, RMS 1. */
  white(): number {
    return this.random.bipolar() / UNIFORM_BIPOLAR_RMS;
  }

  /** Next pink sample (−3 dB/oct), RMS 1. */
  pink(): number {
    return this.pinkFilter.step(this.white());
  }
}

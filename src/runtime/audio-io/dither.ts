/**
 * TPDF (triangular probability density) dither for word-length reduction, from a seeded PRNG so
 * a render is byte-for-byte reproducible. Pure: no `node:` imports.
 *
 * The dither value is the difference of two independent uniform variables on [0, 1): its density
 * is triangular on (−1, 1) LSB, mean 0, variance 1/6 LSB². Added before rounding to the nearest
 * integer it makes the total error's mean and variance independent of the signal (first and
 * second moments; Lipshitz, Wannamaker & Vanderkooy, "Quantization and Dither: A Theoretical
 * Survey", JAES 40(5), 1992): mean 0, variance 1/12 + 1/6 = 1/4 LSB².
 *
 * Uniform source: Marsaglia's xorshift32 (shifts 13, 17, 5; "Xorshift RNGs", J. Stat. Softw.
 * 8(14), 2003), period 2^32 − 1: two draws per sample give over 6 hours of stereo 48 kHz audio
 * before the sequence repeats. Its statistical weaknesses are irrelevant at dither amplitude.
 */

/** Default seed of every render's dither ('mixg' in ASCII), so two renders of a graph match. */
export const DEFAULT_DITHER_SEED = 0x6d697867;

/** A TPDF dither generator with its own PRNG state. */
export interface TpdfDither {
  /** Next dither value, in LSB, triangular on (−1, 1). */
  next(): number;
}

/**
 * Creates a TPDF dither generator.
 * @param seed any 32-bit integer; 0 (the one state xorshift cannot leave) is replaced by the default.
 */
export function createTpdfDither(seed: number = DEFAULT_DITHER_SEED): TpdfDither {
  let state = seed >>> 0 || DEFAULT_DITHER_SEED;
  const nextUniform = (): number => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 4294967296; // [0, 1); never 0 because the state is never 0
  };
  return {
    next(): number {
      return nextUniform() - nextUniform();
    },
  };
}

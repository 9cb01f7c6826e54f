/**
 * Loudness matching for A/B (pure, unit-tested): the gain that makes a node's input (what bypass
 * lets through) as loud as its output, from their BS.1770 loudness over the last 3 s.
 *
 *   gain dB = L_out − L_in   (short-term loudness, EBU Tech 3341 § 2.1; momentary until 3 s
 *                             have been measured), clamped to ±MAX_MATCH_DB
 *
 * Loudness rather than peak or plain RMS, because loudness (K-weighted, BS.1770-4) is what the ear
 * compares: a compressor that adds 4 dB of RMS on the low end may add less than that in loudness.
 */

/** Largest correction applied, dB (beyond this the signals are too different to match). */
export const MAX_MATCH_DB = 24;

/** Loudness values of one side, LUFS (null: silent or not measured yet). */
export interface SideLoudness {
  shortTermLufs: number | null;
  momentaryLufs: number | null;
}

/** Best available loudness of a side: short-term, else momentary, else null. */
function loudnessOf(side: SideLoudness): number | null {
  return side.shortTermLufs ?? side.momentaryLufs;
}

/**
 * The gain for the B (bypassed) side, dB, or null when either side is silent or unmeasured
 * (the caller then keeps the last gain).
 */
export function matchGainDb(input: SideLoudness, output: SideLoudness): number | null {
  const lin = loudnessOf(input);
  const lout = loudnessOf(output);
  if (lin === null || lout === null || !Number.isFinite(lin) || !Number.isFinite(lout)) return null;
  return Math.min(MAX_MATCH_DB, Math.max(-MAX_MATCH_DB, lout - lin));
}

/** dB → linear amplitude factor 10^(dB/20). */
export function dbToGain(db: number): number {
  return Math.pow(10, db / 20);
}

import type { LoudnessHistogram } from './histogram';

/** Relative gate of EBU Tech 3342 § 3: −20 LU below the absolute-gated mean. */
export const LRA_RELATIVE_GATE_LU = -20;
/** Lower percentile of the short-term loudness distribution (EBU Tech 3342 § 3). */
export const LRA_LOW_PERCENTILE = 0.1;
/** Upper percentile of the short-term loudness distribution (EBU Tech 3342 § 3). */
export const LRA_HIGH_PERCENTILE = 0.95;

/**
 * Loudness Range (LRA) of EBU Tech 3342 § 3 from the short-term values (3 s windows, sampled
 * every 100 ms) stored in `shortTerm`, which already applied the −70 LUFS absolute gate:
 *   gate = L(mean energy of the stored values) − 20 LU;
 *   LRA = L95 − L10 of the values above the gate, where Lp is the value at 0-based rank
 *   round((n − 1)·p) of the n gated values sorted ascending (as in Tech 3342's example code).
 * @returns LU, or null when no short-term value passes the absolute gate (silence, or a
 *   programme shorter than 3 s).
 */
export function loudnessRange(shortTerm: LoudnessHistogram): number | null {
  if (shortTerm.total === 0) return null;
  const ungated = shortTerm.meanEnergyAbove(0);
  const gateEnergy = ungated.energy * Math.pow(10, LRA_RELATIVE_GATE_LU / 10);
  const n = shortTerm.meanEnergyAbove(gateEnergy).count;
  if (n === 0) return null;
  const low = shortTerm.loudnessAtRank(Math.round((n - 1) * LRA_LOW_PERCENTILE), gateEnergy);
  const high = shortTerm.loudnessAtRank(Math.round((n - 1) * LRA_HIGH_PERCENTILE), gateEnergy);
  return Math.max(0, high - low);
}

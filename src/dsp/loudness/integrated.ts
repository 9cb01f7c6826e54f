import type { LoudnessHistogram } from './histogram';
import { energyToLufs } from './units';

/** Relative gate of BS.1770-4 Annex 1 § 5 (since BS.1770-2, EBU R 128 v2): −10 LU. */
export const RELATIVE_GATE_LU = -10;

/**
 * Gated ("integrated", programme) loudness of BS.1770-4 Annex 1 § 5, eqs. (5)–(7), from the
 * 400 ms gating blocks (75 % overlap) stored in `blocks`, which already applied the absolute gate:
 *   Γr = L(mean of blocks above −70 LUFS) − 10 LU;
 *   L_K = −0.691 + 10·log10(mean of the blocks whose loudness > Γr).
 * @returns LUFS, or null when no block passes the absolute gate (e.g. silence).
 */
export function integratedLoudness(blocks: LoudnessHistogram): number | null {
  if (blocks.total === 0) return null;
  const ungated = blocks.meanEnergyAbove(0);
  const relativeGateEnergy = ungated.energy * Math.pow(10, RELATIVE_GATE_LU / 10);
  const gated = blocks.meanEnergyAbove(relativeGateEnergy);
  if (gated.count === 0) return null;
  return energyToLufs(gated.energy);
}

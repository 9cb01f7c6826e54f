import { ABSOLUTE_GATE_LUFS, energyToLufs, lufsToEnergy } from './units';

/** Bin width of the loudness histograms, LU. Fine enough that gating and percentiles stay exact
 * to well under the 0.1 LU tolerance of EBU Tech 3341/3342. */
export const HISTOGRAM_BIN_LU = 0.01;

/** Loudness covered by the histogram: (−70, +30] LUFS; louder values land in the top bin. */
const HISTOGRAM_TOP_LUFS = 30;
const BIN_COUNT = Math.round((HISTOGRAM_TOP_LUFS - ABSOLUTE_GATE_LUFS) / HISTOGRAM_BIN_LU);

/** Energy at the absolute gate: values must exceed it to be counted. */
const ABSOLUTE_GATE_ENERGY = lufsToEnergy(ABSOLUTE_GATE_LUFS);

/**
 * A bounded store for a programme's block loudness values (BS.1770 gating blocks or EBU Tech
 * 3342 short-term values): counts and energy sums in 0.01 LU bins above the absolute gate.
 *
 * Memory is fixed (10 000 bins) whatever the programme length. Each bin keeps the sum of its
 * blocks' energies, so gated means are exact; only the choice of which bin a gate threshold or a
 * percentile falls in is quantised, and that uses the bin's mean loudness, which is exact for
 * the steady signals of the EBU test cases.
 */
export class LoudnessHistogram {
  /** Σ energy of the blocks in each bin. */
  readonly energySums = new Float64Array(BIN_COUNT);
  /** Number of blocks in each bin. */
  readonly counts = new Float64Array(BIN_COUNT);
  /** Blocks stored (those above the absolute gate). */
  total = 0;

  clear(): void {
    this.energySums.fill(0);
    this.counts.fill(0);
    this.total = 0;
  }

  /**
   * Stores a block if it passes the absolute gate (loudness > −70 LUFS).
   * @param energy the block's channel-weighted mean square Σ Gi·zi.
   * @returns whether the block was stored.
   */
  add(energy: number): boolean {
    if (!(energy > ABSOLUTE_GATE_ENERGY) || !Number.isFinite(energy)) return false;
    const position = (energyToLufs(energy) - ABSOLUTE_GATE_LUFS) / HISTOGRAM_BIN_LU;
    const bin = Math.min(BIN_COUNT - 1, Math.max(0, Math.floor(position)));
    this.energySums[bin] += energy;
    this.counts[bin] += 1;
    this.total += 1;
    return true;
  }

  /** Mean energy of the stored blocks whose bin mean exceeds `floorEnergy` (0 = all). */
  meanEnergyAbove(floorEnergy: number): { energy: number; count: number } {
    let energy = 0;
    let count = 0;
    const sums = this.energySums;
    const counts = this.counts;
    for (let i = 0; i < BIN_COUNT; i++) {
      const n = counts[i];
      if (n > 0 && sums[i] / n > floorEnergy) {
        energy += sums[i];
        count += n;
      }
    }
    return { energy: count > 0 ? energy / count : 0, count };
  }

  /**
   * Loudness (LUFS) of the block with 0-based `rank` in ascending order among the blocks whose
   * bin mean exceeds `floorEnergy`; the bin's mean loudness stands for the block.
   */
  loudnessAtRank(rank: number, floorEnergy: number): number {
    const sums = this.energySums;
    const counts = this.counts;
    let seen = 0;
    let last = -Infinity;
    for (let i = 0; i < BIN_COUNT; i++) {
      const n = counts[i];
      if (n > 0 && sums[i] / n > floorEnergy) {
        last = energyToLufs(sums[i] / n);
        seen += n;
        if (seen > rank) return last;
      }
    }
    return last;
  }
}

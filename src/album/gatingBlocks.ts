/**
 * Album loudness: BS.1770-4 gating over all tracks as one programme. Each track's 400 ms gating
 * blocks (Annex 1 § 5) are kept in the meter's own bounded histogram and written to the plan
 * sparsely; the reduce adds the histograms of every track and gates the sum, which is what a
 * meter would report for the tracks played back to back (blocks that straddle two tracks aside),
 * the same way EBU R 128 album loudness and ReplayGain 2.0 album gain are computed.
 */
import { LoudnessHistogram, integratedLoudness, lufsToEnergy } from '../dsp/loudness';

/** One non-empty histogram bin: [bin index, block count, summed block energy]. */
export type GatingBin = [number, number, number];

/** Collects gating blocks from momentary readings taken every 100 ms. */
export class GatingBlockCollector {
  readonly histogram = new LoudnessHistogram();

  /** Adds a 400 ms block whose loudness is `lufs` (null = silence). */
  addBlock(lufs: number | null): void {
    if (lufs !== null) this.histogram.add(lufsToEnergy(lufs));
  }

  /** The non-empty bins, for the plan. */
  sparse(): GatingBin[] {
    const out: GatingBin[] = [];
    const { counts, energySums } = this.histogram;
    for (let i = 0; i < counts.length; i++) if (counts[i] > 0) out.push([i, counts[i], energySums[i]]);
    return out;
  }
}

/** Gated integrated loudness of several tracks' blocks taken together, LUFS (null if silent). */
export function combinedIntegratedLufs(tracks: readonly (readonly GatingBin[])[]): number | null {
  const sum = new LoudnessHistogram();
  for (const bins of tracks) {
    for (const [bin, count, energy] of bins) {
      if (!(bin >= 0 && bin < sum.counts.length)) continue;
      sum.counts[bin] += count;
      sum.energySums[bin] += energy;
      sum.total += count;
    }
  }
  return integratedLoudness(sum);
}

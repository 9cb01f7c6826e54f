/**
 * The overlap-add step of TD-PSOLA (E. Moulines & F. Charpentier, Speech Communication 9, 1990):
 * one windowed grain of a stereo input ring added into stereo output accumulators, with the
 * window itself added into a weight accumulator (for normalising where grains overlap by more
 * than a partition of unity). Rings are power-of-two arrays indexed by absolute sample & mask.
 */

/** Raised-cosine half window ½(1 + cos(πx)) at x = i/N, with T[i] + T[N − i] = 1 exactly. */
const RAISED_COSINE_STEPS = 4096;
const RAISED_COSINE = (() => {
  const table = new Float64Array(RAISED_COSINE_STEPS + 2);
  for (let i = 0; i <= RAISED_COSINE_STEPS / 2; i++) {
    table[i] = 0.5 + 0.5 * Math.cos((Math.PI * i) / RAISED_COSINE_STEPS);
    table[RAISED_COSINE_STEPS - i] = 1 - table[i];
  }
  table[RAISED_COSINE_STEPS + 1] = 0;
  return table;
})();

/** The rings a grain is read from and added into. */
export interface GrainBuffers {
  inLeft: Float32Array;
  inRight: Float32Array;
  accLeft: Float64Array;
  accRight: Float64Array;
  /** Sum of the windows added at each sample. */
  accWeight: Float64Array;
  /** Ring length − 1 (all rings the same power-of-two length). */
  mask: number;
}

/**
 * Adds one grain centred on output sample `position`: input around `position + offset`, read at
 * `ratio` input samples per output sample (1 = as is; otherwise linear interpolation), under a
 * raised-cosine rise over `left` samples and fall over `right` samples, w = ½(1 + cos(π·u/λ)).
 * The rise of one grain and the fall of the previous over the same span sum to 1 (the table is
 * interpolated linearly, which keeps T(x) + T(1 − x) = 1).
 */
export function addGrain(buffers: GrainBuffers, position: number, offset: number, left: number, right: number, ratio: number): void {
  const { inLeft: ringL, inRight: ringR, accLeft: accL, accRight: accR, accWeight: accW, mask } = buffers;
  const table = RAISED_COSINE;
  const source = position + offset;
  for (let half = 0; half < 2; half++) {
    const length = half === 0 ? left : right;
    const from = half === 0 ? 1 - left : 0;
    const to = half === 0 ? 0 : right;
    const scale = RAISED_COSINE_STEPS / length;
    for (let u = from; u < to; u++) {
      const x = (u < 0 ? -u : u) * scale;
      const i = x | 0;
      const w = table[i] + (table[i + 1] - table[i]) * (x - i);
      const t = (position + u) & mask;
      accW[t] += w;
      if (ratio === 1) {
        const k = (source + u) & mask;
        accL[t] += ringL[k] * w;
        accR[t] += ringR[k] * w;
      } else {
        const at = source + u * ratio;
        const i0 = Math.floor(at);
        const frac = at - i0;
        const x0 = i0 & mask;
        const x1 = (i0 + 1) & mask;
        accL[t] += (ringL[x0] + (ringL[x1] - ringL[x0]) * frac) * w;
        accR[t] += (ringR[x0] + (ringR[x1] - ringR[x0]) * frac) * w;
      }
    }
  }
}

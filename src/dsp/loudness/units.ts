/**
 * Units and channel weights of ITU-R BS.1770-4, Annex 1.
 */

/**
 * BS.1770-4 Annex 1, eq. (2): L = −0.691 + 10·log10(Σ Gi·zi). The −0.691 makes a 997 Hz sine
 * in one front channel read its RMS level in dB FS (K-weighting adds ≈ +0.691 dB there).
 */
export const LOUDNESS_OFFSET_DB = -0.691;

/** Absolute gate Γa of BS.1770-4 Annex 1 § 5 and EBU Tech 3342 § 3: −70 LUFS. */
export const ABSOLUTE_GATE_LUFS = -70;

/**
 * Loudness of a weighted mean square.
 * @param energy Σ Gi·zi, the channel-weighted mean square of the K-weighted signal (≥ 0).
 * @returns LUFS (LKFS); −Infinity for 0.
 */
export function energyToLufs(energy: number): number {
  return LOUDNESS_OFFSET_DB + 10 * Math.log10(energy);
}

/** Inverse of {@link energyToLufs}: the weighted mean square that reads `lufs`. */
export function lufsToEnergy(lufs: number): number {
  return Math.pow(10, (lufs - LOUDNESS_OFFSET_DB) / 10);
}

/**
 * Default channel weights Gi of BS.1770-4 Annex 1, Table 3, by channel count:
 *  - 1, 2, 3 channels (mono; L R; L R C): 1.0 each
 *  - 5 channels (L R C Ls Rs): 1.0, 1.0, 1.0, 1.41, 1.41
 *  - 6 channels (L R C LFE Ls Rs, the 5.1 order of SMPTE/ITU-R BS.775): LFE excluded (0)
 *  - any other count: 1.0 each (pass explicit weights for other layouts)
 */
export function defaultChannelWeights(channels: number): number[] {
  if (channels === 5) return [1, 1, 1, 1.41, 1.41];
  if (channels === 6) return [1, 1, 1, 0, 1.41, 1.41];
  return new Array<number>(channels).fill(1);
}

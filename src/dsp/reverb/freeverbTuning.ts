/**
 * Delay lengths of the Freeverb topology (J. "Jezar" Wakefield, Freeverb, public domain, 2000),
 * which are specified in samples at 44.1 kHz: eight parallel low-pass-feedback combs and four
 * series allpasses per channel, the right channel's lines longer by a fixed "stereo spread".
 * The lengths are mutually incommensurate so the combs' resonances interleave instead of piling up.
 *
 * We scale every length by the sample-rate ratio fs / 44100 (so the reverb sounds the same at
 * 48/88.2/96 kHz) and the room lengths by the `size` factor. The spread is scaled by the rate
 * only: it is what decorrelates left from right, and it should not shrink with a small room.
 */

/** The rate at which the classic lengths are specified, in Hz. */
export const FREEVERB_REFERENCE_RATE = 44100;

/** Comb delays in samples at 44.1 kHz (Freeverb `combtuningL1..8`). */
export const FREEVERB_COMB_LENGTHS: readonly number[] = [1116, 1188, 1277, 1356, 1422, 1491, 1557, 1617];

/** Allpass delays in samples at 44.1 kHz (Freeverb `allpasstuningL1..4`), in series order. */
export const FREEVERB_ALLPASS_LENGTHS: readonly number[] = [556, 441, 341, 225];

/** Extra samples (at 44.1 kHz) on every right-channel line (Freeverb `stereospread`). */
export const FREEVERB_STEREO_SPREAD = 23;

/** Feedback coefficient of the series allpasses (Freeverb uses 0.5). */
export const FREEVERB_ALLPASS_GAIN = 0.5;

/** Smallest and largest length factor, reached at `size` 0 and 1. */
export const SIZE_SCALE_MIN = 0.3;
export const SIZE_SCALE_MAX = 1.3;

/**
 * Length factor for a `size` in [0, 1]: 0.3 + size, so size 0.7 gives exactly the classic
 * lengths, size 0 a small room (×0.3) and size 1 a large one (×1.3).
 */
export function sizeScale(size: number): number {
  const s = Math.min(Math.max(size, 0), 1);
  return SIZE_SCALE_MIN + s * (SIZE_SCALE_MAX - SIZE_SCALE_MIN);
}

/**
 * A line length in samples at `sampleRate`:
 * round(base·scale·fs/44100) + (right channel ? round(spread·fs/44100) : 0), at least 1.
 * @param base length in samples at 44.1 kHz.
 * @param scale `sizeScale(size)`.
 * @param right whether the line belongs to the right channel.
 */
export function tunedLength(base: number, scale: number, sampleRate: number, right: boolean): number {
  const ratio = sampleRate / FREEVERB_REFERENCE_RATE;
  const spread = right ? Math.round(FREEVERB_STEREO_SPREAD * ratio) : 0;
  return Math.max(1, Math.round(base * scale * ratio) + spread);
}

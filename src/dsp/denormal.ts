/**
 * The denormal flush shared by every recursive filter in `src/dsp`.
 *
 * A decaying feedback loop (reverb comb, biquad, one-pole) fed with silence approaches 0
 * geometrically and eventually reaches subnormal doubles (< 2.2e−308), where x86 arithmetic
 * becomes 10–100× slower. Long before that, once |v| < 1e−25 (−500 dBFS, far below any audible or
 * measurable level and far above the subnormal range), the state is set to exactly 0.
 *
 * Why `Math.abs(v) < DENORMAL_FLOOR ? 0 : v`: for every finite v it gives the same result as the
 * older two-comparison form `!(v >= F || v <= −F) ? 0 : v` (both keep ±F itself and turn −0 into
 * +0), so outputs stay bit-identical, but it compiles to one mask and one compare instead of two
 * compares and two branches. It differs only for NaN, which the older form cleared and this one
 * keeps — so every caller either sanitises its input (a non-finite sample becomes 0 before it
 * enters a loop) or clears non-finite state once per block. See docs/performance.md.
 */

/** Magnitude below which recursive state is flushed to 0 (−500 dB). */
export const DENORMAL_FLOOR = 1e-25;

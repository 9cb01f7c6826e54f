/**
 * Where the limiter's latency comes from, in samples (all integers):
 *
 *   D = TruePeakInterpolator.delaySamples   the detector reports the peak around x[n − D] when
 *                                           it is given x[n] (20 at every rate: N/2 of 40 taps)
 *   a = D                                   guard: the gain is held at or below a peak's
 *                                           requirement for a samples on either side of it, which
 *                                           covers the interpolator's 40-tap support, so the
 *                                           output's interpolated points see the reduced gain
 *   L = max(round(lookahead · fs), L_min)   length of the gain's fall (and of its smoothing)
 *
 *   latencySamples = D + L + a
 *
 * L_min keeps a short ramp even at lookahead 0: an instantaneous gain drop next to a peak would
 * itself create inter-sample overshoot (and a click); MIN_RAMP_SECONDS is chosen in
 * docs/dynamics.md from the measured worst case.
 */

/** Shortest gain ramp L_min, in seconds (used when `lookahead` asks for less). */
export const MIN_RAMP_SECONDS = 0.001;

/** Largest lookahead param value, ms (the spec's max). */
export const MAX_LOOKAHEAD_MS = 10;

/** L in samples for a lookahead in ms at `sampleRate`. */
export function rampSamples(lookaheadMs: number, sampleRate: number): number {
  const requested = Math.round((Math.min(MAX_LOOKAHEAD_MS, Math.max(0, lookaheadMs)) / 1000) * sampleRate);
  const minimum = Math.round(MIN_RAMP_SECONDS * sampleRate);
  return Math.max(requested, minimum);
}

/**
 * The limiter's latency D + L + a (see above) for given params and rate.
 * @param interpolatorDelay D, `TruePeakInterpolator.delaySamples` at this rate.
 */
export function limiterLatencySamples(lookaheadMs: number, sampleRate: number, interpolatorDelay: number): number {
  return 2 * interpolatorDelay + rampSamples(lookaheadMs, sampleRate);
}

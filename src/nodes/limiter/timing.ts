/**
 * Where the limiter's latency comes from, in samples (all integers):
 *
 *   D = detector delay                      the detector reports the peak around x[n − D] when
 *                                           it is given x[n]: bandLimit on, M + 2 with M the
 *                                           band-limiting filter's half-length (62 at 44.1 kHz,
 *                                           30 at 48 kHz, 10 from 88.2 kHz); off,
 *                                           TruePeakInterpolator.delaySamples (22 at every rate)
 *   a = D                                   guard: the gain is held at or below a peak's
 *                                           requirement for a samples on either side of it, which
 *                                           covers the detector's support, so the output's
 *                                           interpolated points see the reduced gain
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
 * @param interpolatorDelay D, the detector's `delaySamples` at this rate (see above).
 */
export function limiterLatencySamples(lookaheadMs: number, sampleRate: number, interpolatorDelay: number): number {
  return 2 * interpolatorDelay + rampSamples(lookaheadMs, sampleRate);
}

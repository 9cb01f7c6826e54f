/**
 * Axes for the response and transfer plots: frequency on a log axis (20 Hz–20 kHz, the range of
 * hearing), levels in dB on a linear axis. Pure functions of plot size, so they are easy to test.
 */

export const F_MIN = 20;
/** Top of the frequency axis, Hz. */
export const F_MAX = 20_000;

/** `count` frequencies evenly spaced on a log axis from `fMin` to `fMax` (both included). */
export function logFrequencies(count: number, fMin = F_MIN, fMax = F_MAX): Float64Array {
  const out = new Float64Array(count);
  const ratio = Math.log(fMax / fMin);
  for (let i = 0; i < count; i++) out[i] = fMin * Math.exp((ratio * i) / Math.max(1, count - 1));
  return out;
}

/** x pixel (0…width) of a frequency. */
export function freqToX(f: number, width: number): number {
  return (Math.log(f / F_MIN) / Math.log(F_MAX / F_MIN)) * width;
}

/** Frequency at an x pixel (inverse of `freqToX`). */
export function xToFreq(x: number, width: number): number {
  return F_MIN * (F_MAX / F_MIN) ** (x / width);
}

/** y pixel (0 at the top) of a level in [lo, hi] dB. */
export function dbToY(db: number, height: number, lo: number, hi: number): number {
  return ((hi - db) / (hi - lo)) * height;
}

/** Level at a y pixel (inverse of `dbToY`). */
export function yToDb(y: number, height: number, lo: number, hi: number): number {
  return hi - (y / height) * (hi - lo);
}

/** An SVG path through points, clamping y into the plot so off-scale values run along its edge. */
export function polyline(xs: ArrayLike<number>, ys: ArrayLike<number>, height: number): string {
  let d = '';
  for (let i = 0; i < xs.length; i++) {
    const y = Number.isFinite(ys[i]) ? Math.min(height, Math.max(0, ys[i])) : height;
    d += `${i === 0 ? 'M' : 'L'}${xs[i].toFixed(1)},${y.toFixed(1)}`;
  }
  return d;
}

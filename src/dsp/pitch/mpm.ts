/**
 * McLeod's normalised square difference function (NSDF) and its peak picking, after P. McLeod and
 * G. Wyvill, "A Smarter Way to Find Pitch", Proc. ICMC 2005 (the McLeod Pitch Method, MPM):
 *
 *   r(τ) = Σ_{j=0}^{W−1−τ} x_j·x_{j+τ}                      (autocorrelation, type II)
 *   m(τ) = Σ_{j=0}^{W−1−τ} (x_j² + x_{j+τ}²)                 (m(τ) = m(τ−1) − x_{τ−1}² − x_{W−τ}²)
 *   n(τ) = 2·r(τ) / m(τ)  ∈ [−1, 1]
 *
 * A periodic signal gives n ≈ 1 at its period. Peak picking (paper §5): skip the lobe around
 * τ = 0, take the largest value of every positive lobe between zero crossings ("key maxima"), and
 * choose the first key maximum within `k` of the highest one. The clarity n(τ*) measures how
 * periodic the window is (1 = exactly periodic), which is what voicing decisions use.
 */

/** Where the NSDF of a window peaks. */
export interface NsdfPeak {
  /** Lag of the chosen key maximum, samples, refined by parabolic interpolation (0 = none found). */
  lag: number;
  /** n at the refined peak (≈ clarity, 0..1; 0 when no peak was found). */
  clarity: number;
}

/**
 * Writes n(τ) for τ = 0..maxLag of `x[0..length)` into `nsdf` (length ≥ maxLag + 1).
 * Cost: about length·maxLag multiply-adds. A silent window gives n = 0 everywhere.
 */
export function nsdf(x: Float64Array, length: number, maxLag: number, nsdfOut: Float64Array): void {
  let m = 0;
  for (let j = 0; j < length; j++) m += x[j] * x[j];
  m *= 2;
  for (let tau = 0; tau <= maxLag; tau++) {
    if (tau > 0) {
      const a = x[tau - 1];
      const b = x[length - tau];
      m -= a * a + b * b;
    }
    let r = 0;
    const end = length - tau;
    for (let j = 0; j < end; j++) r += x[j] * x[j + tau];
    // m may round below 0 near the end of a decaying window; such lags carry no information.
    nsdfOut[tau] = m > 1e-20 ? (2 * r) / m : 0;
  }
}

/**
 * MPM peak picking on `nsdf[0..=maxLag]` (see the file comment).
 * @param minLag lags below this are not candidates (the highest pitch allowed), samples.
 * @param k fraction of the highest key maximum the chosen one must reach (McLeod: 0.8–1.0).
 */
export function pickNsdfPeak(nsdfValues: Float64Array, minLag: number, maxLag: number, k: number, out: NsdfPeak): NsdfPeak {
  out.lag = 0;
  out.clarity = 0;
  // Skip the lobe around τ = 0: up to the first negative value.
  let tau = 1;
  while (tau <= maxLag && nsdfValues[tau] > 0) tau++;
  // First pass: the highest key maximum.
  let highest = 0;
  for (let t = tau; t < maxLag; t++) {
    const v = nsdfValues[t];
    if (v > 0 && v >= nsdfValues[t - 1] && v > nsdfValues[t + 1] && v > highest) highest = v;
  }
  if (highest <= 0) return out;
  // Second pass: the first key maximum at or above k·highest, taking the top of its lobe.
  const threshold = k * highest;
  let t = tau;
  while (t < maxLag) {
    // Find the next positive lobe.
    while (t < maxLag && nsdfValues[t] <= 0) t++;
    let best = t;
    while (t < maxLag && nsdfValues[t] > 0) {
      if (nsdfValues[t] > nsdfValues[best]) best = t;
      t++;
    }
    if (best < maxLag && nsdfValues[best] >= threshold && best >= 1) {
      if (best < minLag) return out;
      const a = nsdfValues[best - 1];
      const b = nsdfValues[best];
      const c = nsdfValues[best + 1];
      const denominator = a - 2 * b + c;
      const shift = denominator < 0 ? (0.5 * (a - c)) / denominator : 0;
      out.lag = best + shift;
      out.clarity = Math.min(1, b - 0.25 * (a - c) * shift);
      return out;
    }
  }
  return out;
}

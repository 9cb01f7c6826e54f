/**
 * Mapping an FFT's bins onto a log-frequency display (pure, unit-tested). Column x of a W-pixel
 * plot covers frequencies f(x)…f(x+1) with f(x) = fLow·(fHigh/fLow)^(x/W); bin k of an N-point
 * FFT at rate fs is centred on k·fs/N (Web Audio API § AnalyserNode: the frequency data has N/2
 * bins from 0 Hz up to, not including, Nyquist).
 */

/** Lowest and highest frequency drawn, Hz. */
export const SPECTRUM_LOW_HZ = 20;
export const SPECTRUM_HIGH_HZ = 20_000;

/** Frequency at the left edge of column `x` of a `width`-pixel log axis, Hz. */
export function columnFrequency(x: number, width: number, low = SPECTRUM_LOW_HZ, high = SPECTRUM_HIGH_HZ): number {
  return low * Math.pow(high / low, x / width);
}

/** Horizontal position (0…width) of frequency `f` on the same axis. */
export function frequencyColumn(f: number, width: number, low = SPECTRUM_LOW_HZ, high = SPECTRUM_HIGH_HZ): number {
  return (width * Math.log(f / low)) / Math.log(high / low);
}

/**
 * For each column, the first and last bin (inclusive) it covers; a column narrower than one bin
 * gets the nearest bin, so low frequencies are drawn without gaps.
 * @returns Int32Array of 2·width entries: [first0, last0, first1, last1, …].
 */
export function columnBins(width: number, fftSize: number, sampleRate: number): Int32Array {
  const bins = fftSize / 2;
  const hzPerBin = sampleRate / fftSize;
  const out = new Int32Array(2 * width);
  for (let x = 0; x < width; x++) {
    const lo = columnFrequency(x, width) / hzPerBin;
    const hi = columnFrequency(x + 1, width) / hzPerBin;
    let first = Math.ceil(lo);
    let last = Math.floor(hi);
    if (last < first) first = last = Math.round((lo + hi) / 2);
    out[2 * x] = Math.min(bins - 1, Math.max(0, first));
    out[2 * x + 1] = Math.min(bins - 1, Math.max(0, last));
  }
  return out;
}

/** Largest value of `data` over each column's bins (a peak-preserving reduction), into `out`. */
export function reduceColumns(data: Float32Array, ranges: Int32Array, out: Float32Array): void {
  for (let x = 0; x < out.length; x++) {
    let best = -Infinity;
    for (let k = ranges[2 * x]; k <= ranges[2 * x + 1]; k++) if (data[k] > best) best = data[k];
    out[x] = best;
  }
}

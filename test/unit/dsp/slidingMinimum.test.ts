/**
 * `SlidingMinimum` against the definition min[n] = min of the last W values (fewer after a reset),
 * computed by brute force: windows of 1 to 37 values, value by value and in blocks of odd sizes
 * mixed, with ties, a reset and a reconfiguration mid-stream.
 */
import { describe, expect, it } from 'vitest';
import { SlidingMinimum } from '../../../src/dsp/dynamics/slidingMinimum';
import { SeededRandom } from '../../../src/dsp/noise';

function bruteForce(values: number[], window: number): number[] {
  return values.map((_, n) => Math.min(...values.slice(Math.max(0, n - window + 1), n + 1)));
}

describe('SlidingMinimum', () => {
  it.each([1, 2, 3, 8, 37])('gives the minimum of the last %i values, pushed singly and in blocks', (window) => {
    const random = new SeededRandom(window);
    // Ties on purpose: values from a small set, with runs of 1 (the limiter's "no reduction").
    const values = Array.from({ length: 600 }, () => (random.bipolar() > 0.2 ? 1 : Math.round(8 * (random.bipolar() + 1)) / 16));
    const filter = new SlidingMinimum(40);
    filter.configure(window);
    const got: number[] = [];
    const sizes = [1, 5, 17, 64, 3];
    for (let at = 0, s = 0; at < values.length; s++) {
      const n = Math.min(sizes[s % sizes.length], values.length - at);
      if (n === 1) {
        got.push(filter.push(values[at]));
      } else {
        const out = new Float64Array(n);
        filter.pushBlock(Float64Array.from(values.slice(at, at + n)), out, n);
        got.push(...out);
      }
      at += n;
    }
    expect(got).toEqual(bruteForce(values, window));
  });

  it('starts afresh after reset and after configure', () => {
    const filter = new SlidingMinimum(10);
    filter.configure(4);
    for (const v of [0.1, 0.2, 0.3]) filter.push(v);
    filter.reset();
    expect([0.9, 0.8, 0.95, 0.7, 0.99, 0.99].map((v) => filter.push(v))).toEqual([0.9, 0.8, 0.8, 0.7, 0.7, 0.7]);
    filter.configure(2);
    expect([0.5, 0.6, 0.7, 0.4].map((v) => filter.push(v))).toEqual([0.5, 0.5, 0.6, 0.4]);
    expect(filter.capacity).toBe(10);
  });
});

/** The spectrum's log-frequency axis and bin mapping, against the formulas. */
import { describe, expect, it } from 'vitest';
import { columnBins, columnFrequency, frequencyColumn, reduceColumns } from '../../../src/ui/meters/spectrumMath';

describe('spectrum axis', () => {
  it('maps 20 Hz … 20 kHz logarithmically and back', () => {
    expect(columnFrequency(0, 300)).toBeCloseTo(20, 9);
    expect(columnFrequency(300, 300)).toBeCloseTo(20000, 6);
    // Three decades over 300 px: 1 kHz sits at log10(1000/20)/3 of the width.
    expect(frequencyColumn(1000, 300)).toBeCloseTo((300 * Math.log10(50)) / 3, 9);
    expect(columnFrequency(frequencyColumn(440, 300), 300)).toBeCloseTo(440, 9);
  });

  it('covers every bin from 20 Hz up, without gaps at low frequencies', () => {
    const fs = 48000;
    const n = 8192;
    const ranges = columnBins(300, n, fs);
    for (let x = 0; x < 300; x++) expect(ranges[2 * x + 1]).toBeGreaterThanOrEqual(ranges[2 * x]);
    // The column holding 1 kHz reaches bin round(1000·N/fs).
    const x = Math.floor(frequencyColumn(1000, 300));
    const bin = Math.round((1000 * n) / fs);
    expect(ranges[2 * x] - 1).toBeLessThanOrEqual(bin);
    expect(ranges[2 * x + 1] + 1).toBeGreaterThanOrEqual(bin);
    // A peak in one bin shows in a column (max reduction).
    const data = new Float32Array(n / 2).fill(-120);
    data[bin] = -6;
    const out = new Float32Array(300);
    reduceColumns(data, ranges, out);
    expect(Math.max(...out)).toBe(-6);
  });
});

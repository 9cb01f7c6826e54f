/** The Export WAV form → bounce options, with the CLI's limits. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_FORM, readBounceForm } from '../../../src/ui/bounce/bounceOptions';

describe('readBounceForm', () => {
  it('defaults to the CLI defaults: whole programme, 48 kHz, 24-bit, no target', () => {
    expect(readBounceForm(DEFAULT_FORM)).toEqual({ ok: true, options: { sampleRate: 48000, bits: 24 } });
  });
  it('reads length, rate, bits and a target, with commas and typographic minus', () => {
    const read = readBounceForm({ seconds: '12,5', sampleRate: 44100, bits: 16, target: 'custom', customLufs: '−18' });
    expect(read).toEqual({ ok: true, options: { sampleRate: 44100, bits: 16, seconds: 12.5, normalizeLufs: -18 } });
    expect(readBounceForm({ ...DEFAULT_FORM, target: '-14' })).toEqual({ ok: true, options: { sampleRate: 48000, bits: 24, normalizeLufs: -14 } });
  });
  it('refuses what the CLI refuses, saying what to fix', () => {
    const read = readBounceForm({ seconds: '0', sampleRate: 22050, bits: 24, target: 'custom', customLufs: '3' });
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.problems.join(' ')).toMatch(/Length/);
    expect(read.problems.join(' ')).toMatch(/Sample rate/);
    expect(read.problems.join(' ')).toMatch(/Loudness target/);
  });
});

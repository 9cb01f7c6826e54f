/** The autotune pitch trace's model and readout (pure parts of the editor's trace and canvas readout). */
import { describe, expect, it } from 'vitest';
import { hzToMidiOrNaN, PitchTraceModel, pitchReadout, TRACE_HALF_SPAN } from '../../../src/ui/meters/pitchTraceModel';

const reading = (detectedHz: number, correctedHz: number) => ({ detectedHz, correctedHz, targetNote: NaN, correctionCents: 0 });

describe('pitch trace model', () => {
  it('converts Hz to MIDI (A4 = 69) and unvoiced (0 Hz) to NaN', () => {
    expect(hzToMidiOrNaN(440)).toBe(69);
    expect(hzToMidiOrNaN(880)).toBeCloseTo(81, 12);
    expect(hzToMidiOrNaN(0)).toBeNaN();
  });

  it('keeps the last `capacity` readings in order, oldest first', () => {
    const model = new PitchTraceModel(4);
    for (const hz of [220, 0, 440, 880, 110]) model.push(reading(hz, hz));
    expect(model.length).toBe(4);
    expect([0, 1, 2, 3].map((i) => model.at(model.detected, i))).toEqual([NaN, 69, 81, 45]);
    expect(model.at(model.detected, 4)).toBeNaN();
  });

  it('glides its view towards a voice outside the middle of the window, never jumping', () => {
    const model = new PitchTraceModel(10, 57);
    model.push(reading(midi(75), midi(75)));
    // Moves a fifth of the way to keep 75 within half a span of the centre.
    const expected = 57 + (75 - TRACE_HALF_SPAN / 2 - 57) * 0.2;
    expect(model.centre).toBeCloseTo(expected, 9);
    for (let i = 0; i < 40; i++) model.push(reading(midi(75), midi(75)));
    expect(Math.abs(model.centre - (75 - TRACE_HALF_SPAN / 2))).toBeLessThan(0.01);
    // Unvoiced readings leave the view where it is.
    const before = model.centre;
    model.push(undefined);
    expect(model.centre).toBe(before);
  });
});

describe('pitch readout', () => {
  it('names the target note in scientific pitch notation and signs the cents', () => {
    expect(pitchReadout(57, -40.4, 225)).toBe('A3 −40 ¢');
    expect(pitchReadout(72, 12.6, 520)).toBe('C5 +13 ¢');
    expect(pitchReadout(61, 0.2, 277)).toBe('C#4 ±0 ¢');
    expect(pitchReadout(NaN, 0, 0)).toBe('—');
  });
});

function midi(m: number): number {
  return 440 * Math.pow(2, (m - 69) / 12);
}

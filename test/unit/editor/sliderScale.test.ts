import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NumberParamSpec } from '../../../src/graph/catalog';
import { SLIDER_STEPS, roundValue, sliderToValue, valueToSlider } from '../../../src/ui/inspector/sliderScale';

const hz: NumberParamSpec = { kind: 'number', key: 'f', label: 'F', help: '', unit: 'Hz', min: 20, max: 20000, default: 1000, scale: 'log', step: 1 };
const db: NumberParamSpec = { kind: 'number', key: 'g', label: 'G', help: '', unit: 'dB', min: -24, max: 24, default: 0, scale: 'db', step: 0.1 };
const ratio: NumberParamSpec = { kind: 'number', key: 'r', label: 'R', help: '', unit: ':1', min: 1, max: 20, default: 4, scale: 'linear' };

describe('log slider for Hz', () => {
  it('gives every octave the same travel: 20 Hz–20 kHz is log2(1000) ≈ 9.97 octaves', () => {
    const perOctave = SLIDER_STEPS / Math.log2(1000);
    expect(valueToSlider(hz, 20)).toBe(0);
    expect(valueToSlider(hz, 20000)).toBe(SLIDER_STEPS);
    expect(valueToSlider(hz, 40)).toBe(Math.round(perOctave));
    expect(valueToSlider(hz, 1000)).toBe(Math.round(perOctave * Math.log2(50)));
  });

  it('maps positions back to frequencies f = 20·1000^(p/1000), rounded to the 1 Hz step', () => {
    expect(sliderToValue(hz, 0)).toBe(20);
    expect(sliderToValue(hz, SLIDER_STEPS)).toBe(20000);
    expect(sliderToValue(hz, 500)).toBe(Math.round(20 * Math.sqrt(1000)));
  });

  it('round trips within one slider step for any in-range value', () => {
    fc.assert(
      fc.property(fc.double({ min: 20, max: 20000, noNaN: true }), (f) => {
        const back = sliderToValue(hz, valueToSlider(hz, f));
        // One step is a factor of 1000^(1/1000) ≈ 1.0069; rounding to whole Hz adds ±0.5.
        expect(Math.abs(Math.log(back / f))).toBeLessThanOrEqual(Math.log(1000) / 2000 + 0.5 / f + 1e-12);
      }),
    );
  });
});

describe('linear sliders', () => {
  it('dB moves linearly and rounds to the 0.1 dB step without float noise', () => {
    expect(sliderToValue(db, 0)).toBe(-24);
    expect(sliderToValue(db, 500)).toBe(0);
    expect(sliderToValue(db, 750)).toBe(12);
    expect(sliderToValue(db, 333)).toBe(-8);
    expect(String(sliderToValue(db, 337))).toBe('-7.8');
    expect(valueToSlider(db, 6)).toBe(625);
  });

  it('without a step, keeps a thousandth of the range (19/1000 → 0.01)', () => {
    expect(sliderToValue(ratio, 500)).toBe(10.5);
    expect(roundValue(ratio, 4.26789)).toBe(4.27);
  });

  it('pins out-of-range values to the ends', () => {
    expect(valueToSlider(db, 99)).toBe(SLIDER_STEPS);
    expect(valueToSlider(db, -99)).toBe(0);
    expect(roundValue(db, 30)).toBe(24);
  });
});

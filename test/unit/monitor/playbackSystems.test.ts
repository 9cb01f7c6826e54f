/**
 * Playback-system models: each model's response, as the module computes it, against the curve
 * computed here from the documented filter list with the Audio EQ Cookbook / Web Audio spec
 * formulas written out in this test (not src/dsp/biquad.ts), at third-octave points, ±0.5 dB.
 */
import { describe, expect, it } from 'vitest';
import {
  PLAYBACK_SYSTEMS,
  levelMatchGainDb,
  playbackSystem,
  playbackSystemResponseDb,
  thirdOctaveCentres,
  type PlaybackFilter,
} from '../../../src/monitor/playbackSystems';
import { MONITOR_MODES, composeMatrices, monitorModeMatrix, widthMatrix } from '../../../src/monitor/monitorModes';

const RATE = 48000;

/**
 * |H(e^{jω})| of one filter: coefficients per the Web Audio spec's BiquadFilterNode section
 * (high/low-pass Q in dB, peaking Q linear, shelves S = 1, A = 10^(G/40)), evaluated as
 * |B(e^{jω})| / |A(e^{jω})|.
 */
function cookbookMagnitudeDb(f: PlaybackFilter, freq: number, fs: number): number {
  const w0 = (2 * Math.PI * f.frequency) / fs;
  const cos = Math.cos(w0);
  const sin = Math.sin(w0);
  const A = 10 ** (f.gainDb / 40);
  let b: number[];
  let a: number[];
  if (f.type === 'lowpass' || f.type === 'highpass') {
    const alpha = sin / (2 * 10 ** (f.q / 20));
    const s = f.type === 'lowpass' ? 1 - cos : 1 + cos;
    b = f.type === 'lowpass' ? [s / 2, s, s / 2] : [s / 2, -s, s / 2];
    a = [1 + alpha, -2 * cos, 1 - alpha];
  } else if (f.type === 'peaking') {
    const alpha = sin / (2 * f.q);
    b = [1 + alpha * A, -2 * cos, 1 - alpha * A];
    a = [1 + alpha / A, -2 * cos, 1 - alpha / A];
  } else {
    const alpha = (sin / 2) * Math.sqrt((A + 1 / A) * (1 / 1 - 1) + 2);
    const k = 2 * Math.sqrt(A) * alpha;
    const sign = f.type === 'lowshelf' ? 1 : -1;
    b = [
      A * (A + 1 - sign * (A - 1) * cos + k),
      sign * 2 * A * (A - 1 - sign * (A + 1) * cos),
      A * (A + 1 - sign * (A - 1) * cos - k),
    ];
    a = [A + 1 + sign * (A - 1) * cos + k, -sign * 2 * (A - 1 + sign * (A + 1) * cos), A + 1 + sign * (A - 1) * cos - k];
  }
  const w = (2 * Math.PI * freq) / fs;
  const mag = (c: number[]) => Math.hypot(c[0] + c[1] * Math.cos(w) + c[2] * Math.cos(2 * w), c[1] * Math.sin(w) + c[2] * Math.sin(2 * w));
  return 20 * Math.log10(mag(b) / mag(a));
}

describe('playback-system models', () => {
  const points = thirdOctaveCentres(20, 20000);

  it('third-octave points are the ISO 266 series (31 points from 20 Hz to 20 kHz)', () => {
    expect(points.length).toBe(31);
    expect(points[0]).toBeCloseTo(19.95, 2);
    expect(points[17]).toBeCloseTo(1000, 9);
  });

  for (const system of PLAYBACK_SYSTEMS) {
    it(`${system.name}: response matches its documented filters within ±0.5 dB`, () => {
      for (const rate of [44100, 48000, 96000]) {
        for (const f of points) {
          const expected = system.filters.reduce((db, filter) => db + cookbookMagnitudeDb(filter, f, rate), 0);
          const got = playbackSystemResponseDb(system, f, rate);
          expect(Math.abs(got - expected), `${system.id} at ${f.toFixed(0)} Hz, ${rate} Hz`).toBeLessThan(0.5);
        }
      }
    });
  }

  it('flat is flat; the small speakers lose the bass; phone and car differ as documented', () => {
    const flat = playbackSystem('flat');
    for (const f of points) expect(playbackSystemResponseDb(flat, f, RATE)).toBe(0);
    // Phone: two Butterworth high-pass sections at 600 Hz = 4th order: 100 Hz is far below.
    expect(playbackSystemResponseDb(playbackSystem('phone'), 100, RATE)).toBeLessThan(-50);
    expect(playbackSystemResponseDb(playbackSystem('laptop'), 60, RATE)).toBeLessThan(-30);
    expect(playbackSystemResponseDb(playbackSystem('car'), 60, RATE)).toBeGreaterThan(4);
    expect(playbackSystem('phone').width).toBe(0);
  });

  it('level match: flat needs 0 dB; a model gets minus its mean third-octave power', () => {
    expect(levelMatchGainDb(playbackSystem('flat'), RATE)).toBeCloseTo(0, 12);
    const loud = { ...playbackSystem('flat'), filters: [{ type: 'peaking', frequency: 1000, q: 1, gainDb: 6, why: '' }] } as const;
    // A wide peak is not uniform; check against the mean power computed here.
    const centres = thirdOctaveCentres();
    const meanPower = centres.reduce((s, f) => s + 10 ** (cookbookMagnitudeDb(loud.filters[0], f, RATE) / 10), 0) / centres.length;
    expect(levelMatchGainDb(loud, RATE)).toBeCloseTo(-10 * Math.log10(meanPower), 9);
    for (const s of PLAYBACK_SYSTEMS) expect(Number.isFinite(levelMatchGainDb(s, RATE))).toBe(true);
  });
});

describe('monitor modes', () => {
  const apply = (m: ReturnType<typeof monitorModeMatrix>, l: number, r: number) => [m.ll * l + m.lr * r, m.rl * l + m.rr * r];

  it('each mode routes as named', () => {
    expect(apply(monitorModeMatrix('stereo'), 1, 2)).toEqual([1, 2]);
    expect(apply(monitorModeMatrix('mono'), 1, 2)).toEqual([1.5, 1.5]);
    expect(apply(monitorModeMatrix('mono'), 1, -1)).toEqual([0, 0]); // an inverted pair goes silent
    expect(apply(monitorModeMatrix('side'), 1, 1)).toEqual([0, 0]); // mono material has no side
    expect(apply(monitorModeMatrix('left'), 1, 2)).toEqual([1, 1]);
    expect(apply(monitorModeMatrix('right'), 1, 2)).toEqual([2, 2]);
    expect(apply(monitorModeMatrix('swap'), 1, 2)).toEqual([2, 1]);
    expect(MONITOR_MODES.length).toBe(6);
  });

  it('width 1 is the identity, width 0 equals mono; composing applies in order', () => {
    expect(widthMatrix(1)).toEqual(monitorModeMatrix('stereo'));
    expect(widthMatrix(0)).toEqual(monitorModeMatrix('mono'));
    const swapThenLeft = composeMatrices(monitorModeMatrix('left'), monitorModeMatrix('swap'));
    expect(apply(swapThenLeft, 1, 2)).toEqual([2, 2]);
  });
});

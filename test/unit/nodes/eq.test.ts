import { describe, expect, it } from 'vitest';
import { resolveParams } from '../../../src/graph/catalog';
import type { ParamValue } from '../../../src/graph/types';
import { eqNode } from '../../../src/nodes/eq';
import { eqMagnitudeDb, eqSections } from '../../../src/nodes/eq/eqSections';
import { renderKernel, runKernelSuite, suiteSignal, type StereoAudio } from './kernelSuite';

runKernelSuite(eqNode, {
  ports: { inputs: ['in'], outputs: ['out'] },
  randomParamSets: 4,
  extraParams: [
    { hpOn: true, hpSlope: 24, hpFreq: 20, lpOn: true, lpSlope: 24, lpFreq: 20000, p1Q: 18, p1Gain: 24, p1Freq: 20 },
  ],
});

type Params = Record<string, ParamValue>;

// ---------------------------------------------------------------------------------------------
// An independent model: R. Bristow-Johnson's Audio EQ Cookbook with *linear* Q everywhere,
// evaluated as complex polynomials in z^−1 = e^{−jω}. Shares no code with src/dsp/biquad.ts.

interface Cookbook {
  b: [number, number, number];
  a: [number, number, number];
}

function cookbook(type: string, f0: number, q: number, gainDb: number, fs: number): Cookbook {
  const w0 = (2 * Math.PI * f0) / fs;
  const c = Math.cos(w0);
  const sn = Math.sin(w0);
  const A = 10 ** (gainDb / 40);
  switch (type) {
    case 'lowpass': {
      const alpha = sn / (2 * q);
      return { b: [(1 - c) / 2, 1 - c, (1 - c) / 2], a: [1 + alpha, -2 * c, 1 - alpha] };
    }
    case 'highpass': {
      const alpha = sn / (2 * q);
      return { b: [(1 + c) / 2, -(1 + c), (1 + c) / 2], a: [1 + alpha, -2 * c, 1 - alpha] };
    }
    case 'peaking': {
      const alpha = sn / (2 * q);
      return { b: [1 + alpha * A, -2 * c, 1 - alpha * A], a: [1 + alpha / A, -2 * c, 1 - alpha / A] };
    }
    case 'lowshelf':
    case 'highshelf': {
      // Shelf slope S = 1: alpha = sin(w0)/2 · sqrt((A + 1/A)(1/S − 1) + 2) = sin(w0)/√2.
      const alpha = (sn / 2) * Math.sqrt((A + 1 / A) * (1 / 1 - 1) + 2);
      const r = 2 * Math.sqrt(A) * alpha;
      const s = type === 'lowshelf' ? 1 : -1;
      return {
        b: [A * (A + 1 - s * (A - 1) * c + r), s * 2 * A * (A - 1 - s * (A + 1) * c), A * (A + 1 - s * (A - 1) * c - r)],
        a: [A + 1 + s * (A - 1) * c + r, -s * 2 * (A - 1 + s * (A + 1) * c), A + 1 + s * (A - 1) * c - r],
      };
    }
    default:
      throw new Error(type);
  }
}

function polyAt(p: readonly number[], w: number): [number, number] {
  let re = 0;
  let im = 0;
  p.forEach((coefficient, k) => {
    re += coefficient * Math.cos(k * w);
    im -= coefficient * Math.sin(k * w);
  });
  return [re, im];
}

function cookbookMagnitude(f: Cookbook, freq: number, fs: number): number {
  const w = (2 * Math.PI * freq) / fs;
  const [nr, ni] = polyAt(f.b, w);
  const [dr, di] = polyAt(f.a, w);
  return Math.hypot(nr, ni) / Math.hypot(dr, di);
}

/** 4th-order Butterworth section Qs, from the pole angles measured from the imaginary axis. */
const BUTTERWORTH_4 = [1 / (2 * Math.sin((3 * Math.PI) / 8)), 1 / (2 * Math.sin(Math.PI / 8))];

/** The EQ described directly from its params (not via eqSections), as cookbook biquads. */
function independentEqDb(params: Params, freq: number, fs: number): number {
  const p = resolveParams(eqNode, params) as Record<string, number & boolean>;
  const filters: Cookbook[] = [];
  const passQs = (slope: number): number[] => (slope === 24 ? BUTTERWORTH_4 : [Math.SQRT1_2]);
  if (p.hpOn) for (const q of passQs(p.hpSlope)) filters.push(cookbook('highpass', p.hpFreq, q, 0, fs));
  filters.push(cookbook('lowshelf', p.lsFreq, 1, p.lsGain, fs));
  for (const n of [1, 2, 3]) filters.push(cookbook('peaking', p[`p${n}Freq`], p[`p${n}Q`], p[`p${n}Gain`], fs));
  filters.push(cookbook('highshelf', p.hsFreq, 1, p.hsGain, fs));
  if (p.lpOn) for (const q of passQs(p.lpSlope)) filters.push(cookbook('lowpass', p.lpFreq, q, 0, fs));
  return 20 * Math.log10(filters.reduce((m, f) => m * cookbookMagnitude(f, freq, fs), 1));
}

// ---------------------------------------------------------------------------------------------
// Measurement: the kernel's impulse response and its DFT at arbitrary frequencies.

const IR_LENGTH = 65536;

function impulseResponse(params: Params, fs: number): StereoAudio {
  const impulse = { left: new Float32Array(IR_LENGTH), right: new Float32Array(IR_LENGTH) };
  impulse.left[0] = 1;
  impulse.right[0] = 1;
  return renderKernel(eqNode, params, [impulse], { blockSize: 4096, frames: IR_LENGTH, sampleRate: fs })[0];
}

/** 20·log10 |Σ h[n]·e^{−j2πfn/fs}|. */
function measuredDb(h: Float32Array, freq: number, fs: number): number {
  const w = (2 * Math.PI * freq) / fs;
  let re = 0;
  let im = 0;
  for (let n = 0; n < h.length; n++) {
    if (h[n] === 0) continue;
    re += h[n] * Math.cos(w * n);
    im -= h[n] * Math.sin(w * n);
  }
  return 10 * Math.log10(re * re + im * im);
}

function logSpaced(from: number, to: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => from * (to / from) ** (i / (count - 1)));
}

const FREQS = logSpaced(20, 20000, 36);

/**
 * Below about −60 dB the float32 output (≈ −150 dB rounding noise spread over the response)
 * makes a measured magnitude less exact than the 0.01 dB asked for; those points are not compared.
 */
const MEASURABLE_DB = -60;

const CASES: [string, Params, number][] = [
  [
    'vocal-style chain at 48 kHz',
    { hpOn: true, hpFreq: 80, hpSlope: 24, lsFreq: 120, lsGain: 4, p1Freq: 250, p1Gain: -6, p1Q: 2, p2Freq: 1000, p2Gain: 3, p2Q: 0.7, p3Freq: 4000, p3Gain: -9, p3Q: 4, hsFreq: 8000, hsGain: 5, lpOn: true, lpFreq: 16000, lpSlope: 12 },
    48000,
  ],
  [
    'narrow and broad bands with steep filters at 44.1 kHz',
    { hpOn: true, hpFreq: 200, hpSlope: 12, lsFreq: 60, lsGain: -12, p1Freq: 500, p1Gain: 12, p1Q: 0.1, p2Freq: 1000, p2Gain: -18, p2Q: 18, p3Freq: 12000, p3Gain: 6, p3Q: 1.5, hsFreq: 15000, hsGain: -6, lpOn: true, lpFreq: 5000, lpSlope: 24 },
    44100,
  ],
  [
    'extreme gains at 96 kHz',
    { lsFreq: 30, lsGain: 24, p1Freq: 100, p1Gain: -24, p1Q: 1, p2Freq: 3000, p2Gain: 24, p2Q: 8, p3Freq: 19000, p3Gain: -24, p3Q: 0.5, hsFreq: 20000, hsGain: 24 },
    96000,
  ],
];

describe('eq: frequency response', () => {
  it.each(CASES)('%s: impulse-response DFT = eqMagnitudeDb = cookbook product within 0.01 dB', (_name, params, fs) => {
    const ir = impulseResponse(params, fs);
    const plotted = eqMagnitudeDb(resolveParams(eqNode, params), FREQS, fs);
    let compared = 0;
    FREQS.forEach((f, i) => {
      const expected = independentEqDb(params, f, fs);
      // The plot function and the cookbook agree everywhere, even deep in the stop band.
      expect(Math.abs(plotted[i] - expected), `eqMagnitudeDb at ${f.toFixed(1)} Hz`).toBeLessThanOrEqual(0.01);
      if (expected < MEASURABLE_DB) return;
      compared++;
      for (const channel of [ir.left, ir.right]) {
        const measured = measuredDb(channel, f, fs);
        expect(Math.abs(measured - expected), `kernel at ${f.toFixed(1)} Hz: ${measured} vs ${expected}`).toBeLessThanOrEqual(0.01);
      }
    });
    expect(compared).toBeGreaterThanOrEqual(30);
  });
});

describe('eq: Butterworth slopes', () => {
  const fs = 48000;
  /** Bilinear-transform frequency warping: the analog Ω seen at digital frequency f (fc ↦ 1). */
  const warped = (f: number, fc: number): number => Math.tan((Math.PI * f) / fs) / Math.tan((Math.PI * fc) / fs);

  it('24 dB/oct high-pass: −3.01 dB at fc, 10·log10(1/(1 + (f/fc)^−8)) below', () => {
    const fc = 1000;
    const params = resolveParams(eqNode, { hpOn: true, hpFreq: fc, hpSlope: 24 });
    const [atFc, octaveBelow, twoOctavesBelow] = eqMagnitudeDb(params, [fc, fc / 2, fc / 4], fs);
    expect(atFc).toBeCloseTo(10 * Math.log10(0.5), 3); // −3.0103 dB
    // Exact for the bilinear transform of the analog Butterworth:
    expect(octaveBelow).toBeCloseTo(10 * Math.log10(1 / (1 + warped(fc / 2, fc) ** -8)), 3);
    expect(twoOctavesBelow).toBeCloseTo(10 * Math.log10(1 / (1 + warped(fc / 4, fc) ** -8)), 3);
    // And about the analog value, −24.08 dB an octave below:
    expect(Math.abs(octaveBelow - 10 * Math.log10(1 / (1 + 2 ** 8)))).toBeLessThan(0.1);
    // The kernel itself:
    const ir = impulseResponse({ hpOn: true, hpFreq: fc, hpSlope: 24 }, fs);
    expect(measuredDb(ir.left, fc, fs)).toBeCloseTo(-3.0103, 2);
    expect(Math.abs(measuredDb(ir.left, fc / 2, fs) - 10 * Math.log10(1 / (1 + 256)))).toBeLessThan(0.1);
  });

  it('12 dB/oct high-pass: −3.01 dB at fc, 10·log10(1/(1 + Ω^−4)) below', () => {
    const fc = 150;
    const params = resolveParams(eqNode, { hpOn: true, hpFreq: fc, hpSlope: 12 });
    const [atFc, octaveBelow] = eqMagnitudeDb(params, [fc, fc / 2], fs);
    expect(atFc).toBeCloseTo(-3.0103, 3);
    expect(octaveBelow).toBeCloseTo(10 * Math.log10(1 / (1 + warped(fc / 2, fc) ** -4)), 3);
    expect(Math.abs(octaveBelow - 10 * Math.log10(1 / 17))).toBeLessThan(0.05);
  });

  it('low-pass slopes mirror it: −3.01 dB at fc, 10·log10(1/(1 + Ω^2N)) above', () => {
    const fc = 4000;
    for (const [slope, order] of [[12, 2], [24, 4]] as const) {
      const params = resolveParams(eqNode, { lpOn: true, lpFreq: fc, lpSlope: slope });
      const [atFc, octaveAbove] = eqMagnitudeDb(params, [fc, 2 * fc], fs);
      expect(atFc).toBeCloseTo(-3.0103, 3);
      expect(octaveAbove).toBeCloseTo(10 * Math.log10(1 / (1 + warped(2 * fc, fc) ** (2 * order))), 3);
    }
  });

  it('uses the spec convention for pass-filter Q: dB values of the Butterworth section Qs', () => {
    const twelve = eqSections(resolveParams(eqNode, { hpOn: true }), fs);
    expect(twelve).toHaveLength(1);
    expect(twelve[0].type).toBe('highpass');
    expect(twelve[0].q).toBeCloseTo(20 * Math.log10(Math.SQRT1_2), 12); // −3.0103 dB
    const steep = eqSections(resolveParams(eqNode, { lpOn: true, lpSlope: 24 }), fs);
    expect(steep.map((s) => s.type)).toEqual(['lowpass', 'lowpass']);
    expect(steep.map((s) => s.q).sort((a, b) => a - b)).toEqual(
      BUTTERWORTH_4.map((q) => 20 * Math.log10(q)).sort((a, b) => a - b).map((q) => expect.closeTo(q, 12)),
    );
    expect(BUTTERWORTH_4[0]).toBeCloseTo(0.5412, 4);
    expect(BUTTERWORTH_4[1]).toBeCloseTo(1.3066, 4);
  });
});

describe('eq: sections and identity', () => {
  it('lists sections in processing order with the spec units', () => {
    const params = resolveParams(eqNode, { hpOn: true, hpSlope: 24, lsGain: 1, p1Gain: 2, p2Gain: 3, p3Gain: 4, p3Q: 7, hsGain: 5, lpOn: true });
    const sections = eqSections(params, 48000);
    expect(sections.map((s) => s.type)).toEqual([
      'highpass', 'highpass', 'lowshelf', 'peaking', 'peaking', 'peaking', 'highshelf', 'lowpass',
    ]);
    expect(sections.map((s) => s.frequency)).toEqual([80, 80, 120, 250, 1000, 4000, 8000, 18000]);
    expect(sections.map((s) => s.gain)).toEqual([0, 0, 1, 2, 3, 4, 5, 0]);
    expect(sections[5].q).toBe(7); // peaking Q stays linear
  });

  it('skips 0 dB bands and disabled filters: the defaults have no sections', () => {
    expect(eqSections(resolveParams(eqNode, {}), 48000)).toEqual([]);
    const zeroGains = resolveParams(eqNode, { p1Freq: 33, p1Q: 9, hsFreq: 2000, lsFreq: 900, hpFreq: 500, lpFreq: 2000 });
    expect(eqSections(zeroGains, 44100)).toEqual([]);
    expect(Array.from(eqMagnitudeDb(zeroGains, [20, 1000, 20000], 44100))).toEqual([0, 0, 0]);
  });

  it('a flat EQ is a bit-exact identity', () => {
    const frames = 8192;
    const input = suiteSignal(frames, 48000, 17);
    const flat: Params[] = [{}, { p2Freq: 3000, p2Q: 12, lsFreq: 40, hpFreq: 300 }];
    for (const params of flat) {
      const out = renderKernel(eqNode, params, [input], { blockSize: 128, frames, sampleRate: 48000 })[0];
      expect(Array.from(out.left)).toEqual(Array.from(input.left));
      expect(Array.from(out.right)).toEqual(Array.from(input.right));
    }
  });

  it('a band switched off and on again starts from silence (no stale state)', () => {
    const frames = 4096;
    const boosted = { p2Gain: 12, p2Q: 10 };
    const def = eqNode;
    const ctx = { sampleRate: 48000, maxBlockSize: frames, getClip: () => undefined };
    const kernel = def.createKernel(ctx, resolveParams(def, boosted));
    const input = suiteSignal(frames, 48000, 2);
    const io = (x: StereoAudio, y: StereoAudio) => ({ inputs: [x], inputConnected: [true], outputs: [y], frames });
    const scratch = { left: new Float32Array(frames), right: new Float32Array(frames) };
    kernel.process(io(input, scratch));
    kernel.setParams(resolveParams(def, {}));
    kernel.process(io(input, scratch));
    kernel.setParams(resolveParams(def, boosted));
    const again = { left: new Float32Array(frames), right: new Float32Array(frames) };
    kernel.process(io(input, again));
    const fresh = renderKernel(def, boosted, [input], { blockSize: frames, frames, sampleRate: 48000 })[0];
    expect(Array.from(again.left)).toEqual(Array.from(fresh.left));
  });
});

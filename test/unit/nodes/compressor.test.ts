/**
 * Compressor tests: every expected number is computed here from the textbook formulas
 * (Giannoulis, Massberg & Reiss, JAES 2012: hard knee, quadratic soft knee, one-pole time
 * constants), written independently of src/dsp/dynamics.
 */
import { describe, expect, it } from 'vitest';
import { compressorNode, CompressorKernel, staticCurve, staticCurvePoints } from '../../../src/nodes/compressor';
import { resolveParams } from '../../../src/graph/catalog';
import type { StereoBlock } from '../../../src/nodes/types';
import {
  fullScaleNoise,
  renderKernel,
  runKernelSuite,
  silence,
  suiteSignal,
  testContext,
  type StereoAudio,
} from './kernelSuite';

runKernelSuite(compressorNode, { ports: { inputs: ['in', 'sidechain'], outputs: ['out'] } });

const SR = 48000;
const dB = (x: number): number => 20 * Math.log10(x);
const fromDb = (db: number): number => Math.pow(10, db / 20);

// ---------------------------------------------------------------------------------------------
// The formulas, written out independently of the implementation.

/** Hard knee: y = x below T, T + (x − T)/R above. */
function hardKnee(x: number, T: number, R: number): number {
  return x <= T ? x : T + (x - T) / R;
}

/**
 * Soft knee of width W: straight lines outside [T − W/2, T + W/2], and inside the quadratic that
 * starts at slope 1 and ends at slope 1/R: y = x + (1/R − 1)(x − T + W/2)² / (2W).
 */
function softKnee(x: number, T: number, R: number, W: number): number {
  if (W === 0) return hardKnee(x, T, R);
  if (x < T - W / 2) return x;
  if (x > T + W / 2) return T + (x - T) / R;
  const u = x - T + W / 2;
  return x + ((1 / R - 1) * u * u) / (2 * W);
}

/** Steady-state output level with makeup M and dry/wet mix m (amplitudes add in phase). */
function expectedOutputDb(x: number, T: number, R: number, W: number, M: number, m: number): number {
  const gainDb = softKnee(x, T, R, W) - x + M;
  return x + dB(1 - m + m * fromDb(gainDb));
}

// ---------------------------------------------------------------------------------------------
// Signals and measurement.

/** ±amplitude square wave of `frequency` (an integer number of samples per period at SR). */
function squareWave(frames: number, levelDb: number, frequency = 100, start = 0): Float32Array {
  const amplitude = fromDb(levelDb);
  const period = Math.round(SR / frequency);
  const out = new Float32Array(frames);
  for (let n = 0; n < frames; n++) out[n] = (n + start) % period < period / 2 ? amplitude : -amplitude;
  return out;
}

function stereo(left: Float32Array, right: Float32Array = left): StereoAudio {
  return { left: Float32Array.from(left), right: Float32Array.from(right) };
}

/** Peak level in dBFS of x[from … to). */
function peakDb(x: Float32Array, from: number, to = x.length): number {
  let peak = 0;
  for (let i = from; i < to; i++) peak = Math.max(peak, Math.abs(x[i]));
  return dB(peak);
}

function render(params: Record<string, number | string | boolean>, main: StereoAudio, sidechain?: StereoAudio): StereoAudio {
  return renderKernel(compressorNode, params, [main, sidechain], { blockSize: 256, frames: main.left.length, sampleRate: SR })[0];
}

/** Gain reduction per sample in dB, 20·log10(|in| / |out|), for a constant-magnitude input. */
function reductionDb(input: Float32Array, output: Float32Array): Float64Array {
  const out = new Float64Array(input.length);
  for (let i = 0; i < input.length; i++) out[i] = dB(Math.abs(input[i]) / Math.abs(output[i]));
  return out;
}

// ---------------------------------------------------------------------------------------------

describe('compressor: static curve (100 Hz square, −60 … 0 dBFS in 3 dB steps, after 1 s)', () => {
  const levels = Array.from({ length: 21 }, (_, i) => -60 + 3 * i);
  const frames = Math.round(1.2 * SR);
  const settle = SR; // skip the first second

  const cases = [
    { name: 'hard knee, peak detector', threshold: -18, ratio: 4, knee: 0, makeup: 0, detector: 'peak' },
    { name: 'hard knee, RMS detector', threshold: -30, ratio: 8, knee: 0, makeup: 0, detector: 'rms' },
    { name: 'soft knee 6 dB, peak', threshold: -18, ratio: 4, knee: 6, makeup: 0, detector: 'peak' },
    { name: 'soft knee 24 dB, ratio 20, makeup 6, RMS', threshold: -24, ratio: 20, knee: 24, makeup: 6, detector: 'rms' },
  ] as const;

  for (const c of cases) {
    it(`${c.name}: output within 0.05 dB of the formula`, () => {
      const worst = { error: 0, level: 0 };
      for (const level of levels) {
        const input = stereo(squareWave(frames, level));
        const out = render({ ...c, attack: 5, release: 50 }, input);
        const measured = peakDb(out.left, settle);
        const expected = expectedOutputDb(level, c.threshold, c.ratio, c.knee, c.makeup, 1);
        const error = Math.abs(measured - expected);
        if (error > worst.error) Object.assign(worst, { error, level });
        expect(peakDb(out.right, settle)).toBeCloseTo(measured, 9);
      }
      expect(worst.error, `worst at ${worst.level} dBFS`).toBeLessThanOrEqual(0.05);
    });
  }

  it('theory: −10 dBFS square, threshold −20, ratio 4, hard knee → −17.50 dBFS', () => {
    // 10 dB over the threshold comes out 10/4 = 2.5 dB over it.
    const out = render({ threshold: -20, ratio: 4, knee: 0, attack: 1, release: 50 }, stereo(squareWave(frames, -10)));
    expect(Math.abs(peakDb(out.left, settle) - -17.5)).toBeLessThanOrEqual(0.05);
    expect(staticCurve({ threshold: -20, ratio: 4, knee: 0, makeup: 0, mix: 1 }, -10)).toBeCloseTo(-17.5, 12);
  });
});

describe('compressor: staticCurve', () => {
  const settings = [
    { threshold: -18, ratio: 4, knee: 0, makeup: 0, mix: 1 },
    { threshold: -18, ratio: 4, knee: 6, makeup: 0, mix: 1 },
    { threshold: -40, ratio: 20, knee: 24, makeup: 12, mix: 1 },
    { threshold: 0, ratio: 1.5, knee: 12, makeup: 3, mix: 1 },
    { threshold: -30, ratio: 10, knee: 3, makeup: 6, mix: 0.5 },
    { threshold: -30, ratio: 10, knee: 0, makeup: 0, mix: 0 },
  ];

  it('matches the hard/soft-knee formulas (with makeup and mix) from −80 to +6 dBFS', () => {
    for (const s of settings) {
      for (let x = -80; x <= 6; x += 0.05) {
        const expected = expectedOutputDb(x, s.threshold, s.ratio, s.knee, s.makeup, s.mix);
        expect(Math.abs(staticCurve(s, x) - expected)).toBeLessThan(1e-9);
      }
    }
  });

  it('is continuous with matching slope at both ends of the knee', () => {
    const s = { threshold: -20, ratio: 5, knee: 10, makeup: 0, mix: 1 };
    const h = 1e-6;
    for (const edge of [-25, -15]) {
      const left = staticCurve(s, edge - h);
      const right = staticCurve(s, edge + h);
      expect(Math.abs(right - left)).toBeLessThan(1e-5);
      const slopeLeft = (staticCurve(s, edge - h) - staticCurve(s, edge - 2 * h)) / h;
      const slopeRight = (staticCurve(s, edge + 2 * h) - staticCurve(s, edge + h)) / h;
      expect(Math.abs(slopeLeft - slopeRight)).toBeLessThan(1e-3);
    }
  });

  it('staticCurvePoints samples the curve evenly for the plot', () => {
    const s = settings[1];
    const points = staticCurvePoints(s, -60, 0, 121);
    expect(points.inputDb.length).toBe(121);
    expect(points.inputDb[0]).toBe(-60);
    expect(points.inputDb[120]).toBe(0);
    for (let i = 0; i < 121; i++) expect(points.outputDb[i]).toBe(staticCurve(s, points.inputDb[i]));
  });
});

describe('compressor: attack and release times', () => {
  // −40 → −20 dBFS square, threshold −30, ratio 4, hard knee: the reduction steps from 0 to
  // (−20 − −30)(1 − 1/4) = 7.5 dB, and back to 0 when the level drops again.
  const threshold = -30;
  const ratio = 4;
  const finalReduction = (-20 - threshold) * (1 - 1 / ratio);
  const stepUp = Math.round(0.5 * SR);
  const stepDown = Math.round(2.5 * SR);
  const frames = Math.round(5 * SR);

  function stepSignal(): Float32Array {
    const loud = squareWave(frames, -20);
    const quiet = squareWave(frames, -40);
    const x = new Float32Array(frames);
    for (let n = 0; n < frames; n++) x[n] = n >= stepUp && n < stepDown ? loud[n] : quiet[n];
    return x;
  }

  /** Seconds from `from` until `reached(reduction)` first holds. */
  function timeUntil(reduction: Float64Array, from: number, reached: (r: number) => boolean): number {
    for (let n = from; n < reduction.length; n++) if (reached(reduction[n])) return (n - from) / SR;
    return Number.POSITIVE_INFINITY;
  }

  for (const [attackMs, releaseMs] of [
    [10, 150],
    [1, 50],
    [50, 1000],
    [200, 400],
  ]) {
    it(`attack ${attackMs} ms / release ${releaseMs} ms: 63 % of the change within ±10 %`, () => {
      const x = stepSignal();
      const out = render({ threshold, ratio, knee: 0, attack: attackMs, release: releaseMs }, stereo(x));
      const reduction = reductionDb(x, out.left);
      // Settled before each step (0 dB, then 7.5 dB).
      expect(reduction[stepUp - 1]).toBeCloseTo(0, 9);
      expect(Math.abs(reduction[stepDown - 1] - finalReduction)).toBeLessThan(0.01);
      const attack = timeUntil(reduction, stepUp, (r) => r >= (1 - Math.exp(-1)) * finalReduction);
      const release = timeUntil(reduction, stepDown, (r) => r <= Math.exp(-1) * finalReduction);
      expect(Math.abs(attack - attackMs / 1000)).toBeLessThanOrEqual(0.1 * (attackMs / 1000));
      expect(Math.abs(release - releaseMs / 1000)).toBeLessThanOrEqual(0.1 * (releaseMs / 1000));
    });
  }

  it('reports the largest gain reduction of each block on meters.gainReductionDb', () => {
    const kernel = new CompressorKernel(testContext(SR, 4800), resolveParams(compressorNode, { threshold, ratio, knee: 0, attack: 1 }));
    const block = stereo(squareWave(4800, -20));
    const out: StereoBlock = { left: new Float32Array(4800), right: new Float32Array(4800) };
    for (let i = 0; i < 20; i++) {
      kernel.process({ inputs: [block, { left: new Float32Array(4800), right: new Float32Array(4800) }], inputConnected: [true, false], outputs: [out], frames: 4800 });
    }
    expect(Math.abs((kernel.meters.gainReductionDb ?? 0) - finalReduction)).toBeLessThan(0.01);
    let largest = 0;
    for (const r of reductionDb(block.left, out.left)) largest = Math.max(largest, r);
    expect(kernel.meters.gainReductionDb).toBeCloseTo(largest, 4);
  });
});

describe('compressor: sidechain, mix and stereo link', () => {
  const frames = Math.round(1.2 * SR);
  const settle = SR;
  const base = { threshold: -30, ratio: 4, knee: 0, attack: 1, release: 50 };

  it('a loud sidechain ducks a quiet main input by the predicted amount', () => {
    const quiet = stereo(squareWave(frames, -40));
    const key = stereo(squareWave(frames, -10, 50));
    const out = render(base, quiet, key);
    // The key is 20 dB over the threshold: reduction 20·(1 − 1/4) = 15 dB on the main signal.
    expect(Math.abs(peakDb(out.left, settle) - (-40 - 15))).toBeLessThanOrEqual(0.05);
    expect(Math.abs(peakDb(out.right, settle) - (-40 - 15))).toBeLessThanOrEqual(0.05);
    // Without a sidechain wire the quiet signal is under the threshold and passes unchanged.
    const alone = render(base, quiet);
    expect(Array.from(alone.left)).toEqual(Array.from(quiet.left));
  });

  it('an unwired sidechain is ignored even if its buffer holds sound; the main input keys itself', () => {
    const loud = stereo(squareWave(frames, -10));
    const ctx = testContext(SR, frames);
    const run = (sidechain: StereoAudio, connected: boolean): StereoAudio => {
      const kernel = compressorNode.createKernel(ctx, resolveParams(compressorNode, base));
      const out = silence(frames);
      kernel.process({ inputs: [loud, sidechain], inputConnected: [true, connected], outputs: [out], frames });
      return out;
    };
    const withJunk = run(fullScaleNoise(frames), false);
    const withSilence = run(silence(frames), false);
    expect(Array.from(withJunk.left)).toEqual(Array.from(withSilence.left));
    // Keyed by itself: −10 dBFS is 20 dB over, so −10 − 15 = −25 dBFS.
    expect(Math.abs(peakDb(withJunk.left, settle) - -25)).toBeLessThanOrEqual(0.05);
    // Wired to silence, the loud main input is not compressed at all.
    const keyedBySilence = run(silence(frames), true);
    expect(Array.from(keyedBySilence.left)).toEqual(Array.from(loud.left));
  });

  it('mix = 0 passes the dry signal bit-exactly, even under heavy compression', () => {
    const input = suiteSignal(frames, SR, 5);
    const out = render({ threshold: -60, ratio: 20, knee: 0, makeup: 24, mix: 0 }, input);
    expect(Array.from(out.left)).toEqual(Array.from(input.left));
    expect(Array.from(out.right)).toEqual(Array.from(input.right));
  });

  it('mix = 0.5 is the average of dry and compressed amplitudes', () => {
    for (const level of [-40, -20, -6]) {
      const input = stereo(squareWave(frames, level));
      const makeup = 4;
      const out = render({ ...base, makeup, mix: 0.5 }, input);
      const gain = fromDb(hardKnee(level, base.threshold, base.ratio) - level + makeup);
      const expected = fromDb(level) * (0.5 + 0.5 * gain);
      for (let i = settle; i < frames; i++) {
        expect(Math.abs(Math.abs(out.left[i]) - expected)).toBeLessThan(1e-5 * expected);
      }
    }
  });

  it('linked: both channels get the reduction of the louder one; unlinked: each its own', () => {
    const left = squareWave(frames, -10);
    const right = squareWave(frames, -40);
    const input = stereo(left, right);
    const linked = render({ ...base, link: true }, input);
    expect(Math.abs(peakDb(linked.left, settle) - -25)).toBeLessThanOrEqual(0.05);
    expect(Math.abs(peakDb(linked.right, settle) - (-40 - 15))).toBeLessThanOrEqual(0.05);
    const unlinked = render({ ...base, link: false }, input);
    expect(Math.abs(peakDb(unlinked.left, settle) - -25)).toBeLessThanOrEqual(0.05);
    expect(Array.from(unlinked.right)).toEqual(Array.from(input.right));
  });

  it('linked RMS detection uses the mean power of both channels', () => {
    const left = squareWave(frames, -6);
    const right = squareWave(frames, -20);
    const input = stereo(left, right);
    const out = render({ ...base, detector: 'rms', link: true }, input);
    // Mean square of two constant-magnitude squares: (a² + b²)/2.
    const levelDb = 10 * Math.log10((fromDb(-6) ** 2 + fromDb(-20) ** 2) / 2);
    const reduction = levelDb - hardKnee(levelDb, base.threshold, base.ratio);
    expect(Math.abs(peakDb(out.left, settle) - (-6 - reduction))).toBeLessThanOrEqual(0.05);
    expect(Math.abs(peakDb(out.right, settle) - (-20 - reduction))).toBeLessThanOrEqual(0.05);
  });
});

describe('compressor: silence after loud material', () => {
  // A release decaying towards 0 for ever would pass through subnormal doubles, which cost some
  // CPUs a hundred times a normal operation. What matters is observable without a clock: the
  // smoothed reduction (the kernel's gain-reduction meter) reaches exactly 0 and is never
  // subnormal on the way (speed itself is measured by `npm run bench`, never by a test).
  it('the smoothed reduction falls to exactly 0, never through subnormal values', () => {
    // 2 s release: 30 dB decays past the denormal floor (1e-25, src/dsp/denormal.ts) after ≈ 125 s.
    const seconds = 200;
    const block = 4096;
    const params = resolveParams(compressorNode, { threshold: -40, ratio: 8, detector: 'rms', release: 2000, makeup: 12 });
    const kernel = compressorNode.createKernel(testContext(SR, block), params);
    const loud = fullScaleNoise(block, 3);
    const quiet = silence(block);
    const out: StereoBlock = { left: new Float32Array(block), right: new Float32Array(block) };
    const noSidechain = silence(block);
    for (let n = 0; n < SR; n += block) {
      kernel.process({ inputs: [loud, noSidechain], inputConnected: [true, false], outputs: [out], frames: block });
    }
    expect(kernel.meters?.gainReductionDb).toBeGreaterThan(10);
    const SMALLEST_NORMAL = 2.2250738585072014e-308;
    let subnormal = 0;
    let zeroAt = -1;
    for (let n = 0; n < seconds * SR; n += block) {
      kernel.process({ inputs: [quiet, noSidechain], inputConnected: [true, false], outputs: [out], frames: block });
      const r = kernel.meters?.gainReductionDb ?? NaN;
      if (r !== 0 && Math.abs(r) < SMALLEST_NORMAL) subnormal++;
      if (r === 0 && zeroAt < 0) zeroAt = n / SR;
    }
    expect(subnormal).toBe(0);
    expect(zeroAt).toBeGreaterThan(0);
    expect(kernel.meters?.gainReductionDb).toBe(0);
  });
});

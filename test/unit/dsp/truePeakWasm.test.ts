/**
 * The true-peak stages in WebAssembly (asm/truePeak.ts): built from their source by the project's
 * own script, and giving the same values, bit for bit, as the TypeScript loops they replace —
 * the limiter's band-limiting filter and 4× detector (`BandLimitedPeakDetector`), the meter's
 * half-band cascade at 8×, 4× and 2× (`TruePeakInterpolator`: running maximum, peaks above a
 * threshold, the end-of-file flush), and the limiter kernel that uses both, with pruning on and
 * off, at 44.1 to 192 kHz, on material that is partly silent, partly quiet (pruned) and partly
 * loud, in odd block sizes.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTruePeakWasm, setTruePeakWasmEnabled } from '../../../src/dsp/wasm/truePeakWasm';
import { TRUE_PEAK_WASM_BASE64 } from '../../../src/dsp/wasm/truePeakWasmBytes';
import { TRUE_PEAK_METER_WASM_BASE64 } from '../../../src/dsp/wasm/truePeakMeterWasmBytes';
import { LoudnessMeter, type LoudnessResult } from '../../../src/dsp/loudness/meter';
import { BandLimitedPeakDetector } from '../../../src/dsp/dynamics/bandLimitedPeak';
import { TruePeakInterpolator } from '../../../src/dsp/truePeak';
import { SeededRandom } from '../../../src/dsp/noise';
import { limiterNode } from '../../../src/nodes/limiter';
import { resolveParams } from '../../../src/graph/catalog';
import type { ParamValue } from '../../../src/graph/types';

const root = resolve(import.meta.dirname, '../../..');

/**
 * Sections of 3000 samples: loud white noise, silence, quiet noise, a full-scale near-Nyquist
 * sine, loud noise with a single full-scale click; then a NaN-free tail of tiny values.
 */
function material(frames: number, seed: number): Float64Array {
  const random = new SeededRandom(seed);
  const x = new Float64Array(frames);
  for (let i = 0; i < frames; i++) {
    const section = Math.floor(i / 3000) % 5;
    if (section === 0) x[i] = 0.9 * random.bipolar();
    else if (section === 1) x[i] = 0;
    else if (section === 2) x[i] = 0.01 * random.bipolar();
    else if (section === 3) x[i] = Math.sin(2 * Math.PI * 0.45 * i + 0.3);
    else x[i] = i % 3000 === 1234 ? -1 : 0.5 * random.bipolar();
  }
  for (let i = frames - 500; i < frames; i++) x[i] = 1e-30 * random.bipolar();
  return x;
}

/** Whether two arrays hold the same values, bit for bit (−0 ≠ +0); reports the first difference. */
function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return -2;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return -1;
}

/** Runs `make()` with WebAssembly on or off. */
function withWasm<T>(enabled: boolean, make: () => T): T {
  setTruePeakWasmEnabled(enabled);
  try {
    return make();
  } finally {
    setTruePeakWasmEnabled(true);
  }
}

function bandLimited(useWasm: boolean, rate: number, factor: number, pruning: boolean, threshold: number, x: Float64Array, block: number) {
  const detector = withWasm(useWasm, () => new BandLimitedPeakDetector(rate, factor, pruning));
  const output = new Float64Array(x.length);
  const peaks = new Float64Array(x.length);
  const blockOut = new Float64Array(block);
  const blockPeaks = new Float64Array(block);
  for (let done = 0; done < x.length; done += block) {
    const n = Math.min(block, x.length - done);
    detector.process(x.subarray(done, done + n), n, threshold, blockOut, blockPeaks);
    output.set(blockOut.subarray(0, n), done);
    peaks.set(blockPeaks.subarray(0, n), done);
  }
  return { output, peaks };
}

function cascade(useWasm: boolean, rate: number, factor: number, pruning: boolean, threshold: number, x: Float64Array, block: number) {
  const rising = withWasm(useWasm, () => new TruePeakInterpolator(rate, { factor, pruning }));
  const above = withWasm(useWasm, () => new TruePeakInterpolator(rate, { factor, pruning }));
  const maxima: number[] = [];
  const flushed: number[] = [];
  const peaks = new Float64Array(x.length);
  let peak = 0;
  for (let done = 0; done < x.length; done += block) {
    const n = Math.min(block, x.length - done);
    peak = rising.scanMax(x, done, done + n, peak);
    maxima.push(peak);
    flushed.push(rising.flushMax(peak));
    above.scanPeaks(x, done, done + n, threshold, peaks, done);
  }
  const single = withWasm(useWasm, () => new TruePeakInterpolator(rate, { factor, pruning }));
  const one = Array.from(x.subarray(0, 4000), (v) => single.next(v));
  return { maxima, flushed, peaks, one };
}

function limiterRender(
  useWasm: boolean,
  params: Record<string, ParamValue>,
  x: Float64Array,
  y: Float64Array,
  block: number,
  rate = 44100,
  change?: Record<string, ParamValue>,
) {
  const ctx = { sampleRate: rate, maxBlockSize: block, getClip: () => undefined };
  const kernel = withWasm(useWasm, () => limiterNode.createKernel(ctx, resolveParams(limiterNode, params)));
  const usesWasm = (kernel as unknown as { wasm: unknown }).wasm !== undefined;
  const reductions: number[] = [];
  const left = new Float32Array(x.length);
  const right = new Float32Array(x.length);
  const io = {
    inputs: [{ left: new Float32Array(block), right: new Float32Array(block) }],
    inputConnected: [true],
    outputs: [{ left: new Float32Array(block), right: new Float32Array(block) }],
    frames: block,
  };
  for (let done = 0; done < x.length; done += block) {
    const n = Math.min(block, x.length - done);
    for (let i = 0; i < n; i++) {
      io.inputs[0].left[i] = x[done + i];
      io.inputs[0].right[i] = y[done + i];
    }
    io.frames = n;
    // Halfway: the params change (a new release keeps the state, a new lookahead starts afresh).
    if (change && done < x.length / 2 && done + n >= x.length / 2) kernel.setParams(resolveParams(limiterNode, { ...params, ...change }));
    kernel.process(io);
    reductions.push(kernel.meters!.gainReductionDb as number);
    left.set(io.outputs[0].left.subarray(0, n), done);
    right.set(io.outputs[0].right.subarray(0, n), done);
  }
  return { left, right, usesWasm, reductions, clips: (kernel as unknown as { safetyClipCount: number }).safetyClipCount };
}

/**
 * A stereo meter fed `left`/`right` (float32, as the render hands them) in blocks whose sizes
 * cycle through `blocks`; every reading is taken after each block (the flush included).
 */
function meterReadings(useWasm: boolean, rate: number, pruning: boolean, left: Float32Array, right: Float32Array, blocks: number[]) {
  const meter = withWasm(useWasm, () => new LoudnessMeter(rate, 2, { truePeakPruning: pruning }));
  const usesWasm = meter['truePeaks'][0].wasmDescriptor >= 0 && meter['stereoWasm'] !== undefined;
  const readings: LoudnessResult[] = [];
  for (let done = 0, b = 0; done < left.length; b++) {
    const n = Math.min(blocks[b % blocks.length], left.length - done);
    meter.push(left.subarray(done, done + n), right.subarray(done, done + n), n);
    readings.push(meter.result());
    done += n;
  }
  const channels = [meter.channelTruePeakDbtp(0), meter.channelTruePeakDbtp(1)];
  meter.reset();
  meter.push(left.subarray(0, 5000), right.subarray(0, 5000));
  readings.push(meter.result());
  return { readings, channels, usesWasm };
}

describe('true-peak stages in WebAssembly', () => {
  afterEach(() => setTruePeakWasmEnabled(true));

  it('loads in Node', () => {
    expect(createTruePeakWasm(1000)).toBeDefined();
  });

  const x = material(31000, 5);

  it.each([
    [44100, 4, true],
    [48000, 4, true],
    [48000, 4, false],
    [96000, 4, true],
    [192000, 2, true],
  ] as const)('the band-limited detector at %i Hz, %i×, pruning %s: same output and peaks', (rate, factor, pruning) => {
    const threshold = 0.7;
    const wasm = bandLimited(true, rate, factor, pruning, threshold, x, 333);
    const ts = bandLimited(false, rate, factor, pruning, threshold, x, 333);
    // The material reaches the threshold and is also skipped: both paths are exercised.
    expect(ts.peaks.some((v) => v > threshold)).toBe(true);
    expect(ts.peaks.filter((v) => v === 0).length).toBeGreaterThan(x.length / 3);
    expect(firstDifference(wasm.output, ts.output)).toBe(-1);
    expect(firstDifference(wasm.peaks, ts.peaks)).toBe(-1);
  });

  it.each([
    [48000, 8, true],
    [44100, 8, false],
    [96000, 4, true],
    [96000, 4, false],
    [192000, 2, true],
  ] as const)('the meter cascade at %i Hz, %i×, pruning %s: same maxima, flushes and peaks', (rate, factor, pruning) => {
    const wasm = cascade(true, rate, factor, pruning, 0.6, x, 1000);
    const ts = cascade(false, rate, factor, pruning, 0.6, x, 1000);
    expect(ts.peaks.some((v) => v > 0.6)).toBe(true);
    expect(firstDifference(wasm.maxima, ts.maxima)).toBe(-1);
    expect(firstDifference(wasm.flushed, ts.flushed)).toBe(-1);
    expect(firstDifference(wasm.peaks, ts.peaks)).toBe(-1);
    expect(firstDifference(wasm.one, ts.one)).toBe(-1);
  });

  it.each([
    [{ inputGain: 12, ceiling: -1 }],
    [{ inputGain: 12, ceiling: -1, bandLimit: false }],
    [{ inputGain: 3, ceiling: -0.1, lookahead: 1, release: 20 }],
  ] as const)('the limiter kernel %j: same samples', (params) => {
    const y = material(31000, 6);
    const wasm = limiterRender(true, params, x, y, 517);
    const ts = limiterRender(false, params, x, y, 517);
    expect(ts.left.some((v) => v !== 0)).toBe(true);
    expect(firstDifference(wasm.left, ts.left)).toBe(-1);
    expect(firstDifference(wasm.right, ts.right)).toBe(-1);
  });

  it.each([
    [48000, { inputGain: 14, ceiling: -1 }, { release: 300 }],
    [44100, { inputGain: 6, ceiling: -2, release: 5 }, { lookahead: 2 }],
    [96000, { inputGain: 12, ceiling: -1, lookahead: 10 }, { release: 1000, inputGain: 3 }],
  ] as const)('the limiter chunk in one call at %i Hz %j, then %j: same samples, meters, clips', (rate, params, change) => {
    const x = material(40000, 9);
    const y = material(40000, 10);
    x[777] = NaN;
    y[9999] = -Infinity;
    const wasm = limiterRender(true, params, x, y, 1024, rate, change);
    const ts = limiterRender(false, params, x, y, 1024, rate, change);
    expect(wasm.usesWasm).toBe(true);
    expect(ts.usesWasm).toBe(false);
    expect(Math.max(...ts.reductions)).toBeGreaterThan(3);
    expect(firstDifference(wasm.left, ts.left)).toBe(-1);
    expect(firstDifference(wasm.right, ts.right)).toBe(-1);
    expect(firstDifference(wasm.reductions, ts.reductions)).toBe(-1);
    expect(wasm.clips).toBe(ts.clips);
  });

  it.each([
    [48000, true],
    [44100, false],
    [96000, true],
    [192000, true],
  ] as const)('the stereo loudness meter at %i Hz, pruning %s: every reading the same', (rate, pruning) => {
    // Loud and quiet sections, silence, a denormal tail, and non-finite samples (which count as 0).
    const left = Float32Array.from(material(rate * 5, 7));
    const right = Float32Array.from(material(rate * 5, 8), (v) => 0.5 * v);
    left[1000] = NaN;
    right[2000] = Infinity;
    left[rate * 2 + 17] = -Infinity;
    const blocks = [1, 333, 4096, 480, 7];
    const wasm = meterReadings(true, rate, pruning, left, right, blocks);
    const ts = meterReadings(false, rate, pruning, left, right, blocks);
    expect(wasm.usesWasm).toBe(true);
    expect(ts.usesWasm).toBe(false);
    const last = ts.readings[ts.readings.length - 2];
    expect(last.integratedLufs).not.toBeNull();
    expect(last.truePeakDbtp).toBeGreaterThan(last.samplePeakDbfs!);
    expect(wasm.readings.length).toBe(ts.readings.length);
    const fields = Object.keys(last) as (keyof LoudnessResult)[];
    for (let i = 0; i < ts.readings.length; i++) {
      for (const field of fields) {
        expect(Object.is(wasm.readings[i][field], ts.readings[i][field]), `reading ${i}, ${field}`).toBe(true);
      }
    }
    expect(firstDifference(wasm.channels as number[], ts.channels as number[])).toBe(-1);
  });

  it('is what `npm run build:wasm` compiles from asm/truePeakMeter.ts', () => {
    const fresh = execFileSync(process.execPath, ['scripts/build-wasm.mjs', '--print', 'truePeakMeter'], { cwd: root, encoding: 'utf8' }).trim();
    expect(fresh, 'src/dsp/wasm/truePeakMeterWasmBytes.ts is stale: run `npm run build:wasm`').toBe(TRUE_PEAK_METER_WASM_BASE64);
  }, 60_000);

  it('is what `npm run build:wasm` compiles from asm/truePeak.ts', () => {
    const fresh = execFileSync(process.execPath, ['scripts/build-wasm.mjs', '--print', 'truePeak'], { cwd: root, encoding: 'utf8' }).trim();
    expect(fresh, 'src/dsp/wasm/truePeakWasmBytes.ts is stale: run `npm run build:wasm`').toBe(TRUE_PEAK_WASM_BASE64);
  }, 60_000);
});

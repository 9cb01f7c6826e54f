import { describe, expect, it } from 'vitest';
import { resolveParams } from '../../../src/graph/catalog';
import { BiquadState, biquadCoefficients } from '../../../src/dsp/biquad';
import { DelayLine } from '../../../src/dsp/delayLine';
import { FreeverbChannel } from '../../../src/dsp/reverb/freeverbChannel';
import {
  FREEVERB_COMB_LENGTHS,
  FREEVERB_REFERENCE_RATE,
  FREEVERB_STEREO_SPREAD,
  sizeScale,
} from '../../../src/dsp/reverb/freeverbTuning';
import { reverbNode } from '../../../src/nodes/reverb';
import type { StereoBlock } from '../../../src/nodes/types';
import {
  FLOAT32_MIN_NORMAL,
  createTestKernel,
  dualMono,
  firstBitDifference,
  firstNonZero,
  renderKernel,
  runKernelSuite,
  seededRandom,
  silence,
  type StereoAudio,
} from './kernelSuite';

runKernelSuite(reverbNode, {
  ports: { inputs: ['in'], outputs: ['out'] },
  extraParams: [{ decay: 10, damping: 20000, size: 1, mix: 1, predelay: 0 }],
});

/** Wet-only impulse response (mix 1) of `frames` samples. */
function impulseResponse(params: Record<string, number>, frames: number, sampleRate: number): StereoAudio {
  const x = silence(frames);
  x.left[0] = 1;
  x.right[0] = 1;
  return renderKernel(reverbNode, { ...params, mix: 1 }, [x], { blockSize: 2048, frames, sampleRate })[0];
}

/**
 * Reverberation time by ISO 3382-1 / Schroeder ("New method of measuring reverberation time",
 * JASA 37, 1965): backward-integrate the squared impulse response into the energy decay curve
 * EDC(t) = Σ_{τ≥t} h²(τ), fit a least-squares line to 10·log10 EDC between −5 and −35 dB (T30)
 * and extrapolate its slope to 60 dB.
 */
function t30(channels: readonly Float32Array[], sampleRate: number): number {
  const n = channels[0].length;
  const edc = new Float64Array(n);
  let acc = 0;
  for (let i = n - 1; i >= 0; i--) {
    for (const h of channels) acc += h[i] * h[i];
    edc[i] = acc;
  }
  const total = edc[0];
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const db = 10 * Math.log10(edc[i] / total);
    if (db > -5) continue;
    if (db < -35) break;
    const t = i / sampleRate;
    sx += t;
    sy += db;
    sxx += t * t;
    sxy += t * db;
    count++;
  }
  const slope = (count * sxy - sx * sy) / (count * sxx - sx * sx);
  return -60 / slope;
}

/** `x` filtered twice by a Web Audio bandpass at `centerHz` with Q = √2 (about an octave wide). */
function octaveBand(x: Float32Array, centerHz: number, sampleRate: number): Float32Array {
  const c = biquadCoefficients('bandpass', centerHz, Math.SQRT2, 0, sampleRate);
  const out = Float32Array.from(x);
  const a = new BiquadState();
  const b = new BiquadState();
  a.process(c, out, out, out.length);
  b.process(c, out, out, out.length);
  return out;
}

/** `x` filtered twice by a Web Audio bandpass at `centerHz` with Q = 4.32 (about a third of an octave). */
function thirdOctaveBand(x: Float32Array, centerHz: number, sampleRate: number): Float32Array {
  const c = biquadCoefficients('bandpass', centerHz, 4.32, 0, sampleRate);
  const out = Float32Array.from(x);
  const a = new BiquadState();
  const b = new BiquadState();
  a.process(c, out, out, out.length);
  b.process(c, out, out, out.length);
  return out;
}

/** Frames long enough for the tail to fall well below −60 dB, so the EDC is not truncated. */
function irFrames(decay: number, sampleRate: number): number {
  return Math.round((1.4 * decay + 0.3) * sampleRate);
}

describe('reverb: definition', () => {
  it('keeps the catalog keys, in the Space category, with defaults inside their ranges', () => {
    expect(reverbNode.type).toBe('reverb');
    expect(reverbNode.category).toBe('Space');
    expect(reverbNode.params.map((p) => p.key)).toEqual(['decay', 'predelay', 'damping', 'size', 'mix']);
    const byKey = Object.fromEntries(reverbNode.params.map((p) => [p.key, p]));
    expect(byKey.decay).toMatchObject({ unit: 's', min: 0.1, max: 10, default: 1.8, scale: 'log' });
    expect(byKey.predelay).toMatchObject({ unit: 'ms', min: 0, max: 200, default: 20 });
    expect(byKey.damping).toMatchObject({ unit: 'Hz', min: 1000, max: 20000, default: 8000 });
    expect(byKey.size).toMatchObject({ min: 0, max: 1, default: 0.7 });
    expect(byKey.mix).toMatchObject({ min: 0, max: 1, default: 0.25 });
    for (const p of reverbNode.params) expect(p.help.length).toBeGreaterThan(20);
    expect(createTestKernel(reverbNode, {}, { blockSize: 128, frames: 0 }).latencySamples).toBe(0);
  });
});

describe('reverb: RT60 follows `decay` (Schroeder EDC, T30)', () => {
  for (const sampleRate of [48000, 44100]) {
    for (const decay of [0.5, 1.8, 4]) {
      it(`broadband T30 within ±10 % of decay = ${decay} s at ${sampleRate} Hz (size 0.7 default, damping off)`, () => {
        const ir = impulseResponse({ decay, damping: 20000, predelay: 0 }, irFrames(decay, sampleRate), sampleRate);
        const measured = t30([ir.left, ir.right], sampleRate);
        expect(Math.abs(measured - decay) / decay).toBeLessThan(0.1);
      });
      it(`500 Hz octave-band T30 within ±10 % of decay = ${decay} s at ${sampleRate} Hz (size 0.7, damping 8000 Hz defaults)`, () => {
        const ir = impulseResponse({ decay, predelay: 0 }, irFrames(decay, sampleRate), sampleRate);
        const measured = t30([octaveBand(ir.left, 500, sampleRate), octaveBand(ir.right, 500, sampleRate)], sampleRate);
        expect(Math.abs(measured - decay) / decay).toBeLessThan(0.1);
      });
    }
  }

  for (const [dampingHz, bandHz] of [
    [8000, 8000],
    [3000, 4000],
  ] as const) {
    it(`shortens the ${bandHz} Hz decay as the loop low-pass at ${dampingHz} Hz predicts (decay 4 s, 48 kHz)`, () => {
      // Per trip round comb i (d_i samples) the band loses 60·d_i/(T·fs) dB from g_i plus
      // −20·log10|H(f)| from the bilinear one-pole, |H| = 1/√(1 + (tan(πf/fs)/tan(πfc/fs))²),
      // so that comb decays with T_i = 60 / (loss per trip · fs/d_i). The band's EDC is then the
      // sum of the eight combs' exponentials (equal start energy), fitted like the measurement.
      const sampleRate = 48000;
      const decay = 4;
      const ir = impulseResponse({ decay, damping: dampingHz, predelay: 0 }, irFrames(decay, sampleRate), sampleRate);
      const measured = t30([thirdOctaveBand(ir.left, bandHz, sampleRate), thirdOctaveBand(ir.right, bandHz, sampleRate)], sampleRate);
      const K = Math.tan((Math.PI * dampingHz) / sampleRate);
      const lossDb = 10 * Math.log10(1 + (Math.tan((Math.PI * bandHz) / sampleRate) / K) ** 2);
      // Decay rate of each comb in dB/s: (loss per trip) / (trip length in s).
      const rates = FREEVERB_COMB_LENGTHS.map((base) => {
        const tripSeconds = Math.round(base * (sampleRate / FREEVERB_REFERENCE_RATE)) / sampleRate;
        return 60 / decay + lossDb / tripSeconds;
      });
      const model = new Float32Array(ir.left.length);
      for (let n = 0; n < model.length; n++) {
        let e = 0;
        for (const r of rates) e += Math.pow(10, (-r * n) / sampleRate / 10);
        model[n] = Math.sqrt(e);
      }
      const predicted = t30([model], sampleRate);
      // The band's lower edge decays slower than its centre, so the measurement sits a little above.
      expect(measured).toBeLessThan(0.8 * decay);
      expect(Math.abs(measured - predicted) / predicted).toBeLessThan(0.15);
    });
  }

  for (const size of [0, 0.3, 1]) {
    it(`keeps T30 within ±10 % of decay = 1.8 s when size = ${size} changes the loop lengths (48 kHz, damping off)`, () => {
      const ir = impulseResponse({ decay: 1.8, size, damping: 20000, predelay: 0 }, irFrames(1.8, 48000), 48000);
      const measured = t30([ir.left, ir.right], 48000);
      expect(Math.abs(measured - 1.8) / 1.8).toBeLessThan(0.1);
    });
  }
});

describe('reverb: determinism, onset and stereo', () => {
  it('renders the same samples every time (fresh kernels and block sizes)', () => {
    const frames = 48000;
    const rand = seededRandom(5);
    const input = dualMono(Float32Array.from({ length: frames }, (_, n) => (n < 4800 ? 2 * rand() - 1 : 0)));
    const a = renderKernel(reverbNode, {}, [input], { blockSize: 128, frames, sampleRate: 48000 })[0];
    const again = renderKernel(reverbNode, {}, [input], { blockSize: 128, frames, sampleRate: 48000 })[0];
    const b = renderKernel(reverbNode, {}, [input], { blockSize: 777, frames, sampleRate: 48000 })[0];
    for (const other of [again, b]) {
      expect(firstBitDifference(a.left, other.left)).toBe(-1);
      expect(firstBitDifference(a.right, other.right)).toBe(-1);
    }
    expect(firstNonZero(a.left.subarray(4800 + 2000))).toBeGreaterThanOrEqual(0);
  });

  for (const [sampleRate, predelay, size] of [
    [48000, 0, 0.7],
    [48000, 20, 0.7],
    [44100, 137.3, 0.2],
    [96000, 200, 1],
  ] as const) {
    it(`starts the wet signal at predelay + the shortest comb (${predelay} ms, size ${size}, ${sampleRate} Hz)`, () => {
      // The combs have no direct path (their output is the line's oldest sample) and the allpasses
      // add no delay, so an impulse first leaves channel c at round(predelay·fs/1000) + min d_c,
      // with d = round(base·(0.3 + size)·fs/44100) (+ round(23·fs/44100) on the right).
      const ratio = sampleRate / FREEVERB_REFERENCE_RATE;
      const scale = 0.3 + size;
      const shortestLeft = Math.round(Math.min(...FREEVERB_COMB_LENGTHS) * scale * ratio);
      const shortestRight = shortestLeft + Math.round(FREEVERB_STEREO_SPREAD * ratio);
      const p = Math.round((predelay * sampleRate) / 1000);
      const ir = impulseResponse({ predelay, size }, p + shortestRight + 100, sampleRate);
      expect(firstNonZero(ir.left)).toBe(p + shortestLeft);
      expect(firstNonZero(ir.right)).toBe(p + shortestRight);
    });
  }

  it('decorrelates left from right: |correlation| of the tail well below 1', () => {
    const sampleRate = 48000;
    const ir = impulseResponse({}, sampleRate, sampleRate);
    // The tail from 50 ms to 1 s, past the first echoes.
    let lr = 0;
    let ll = 0;
    let rr = 0;
    for (let n = 0.05 * sampleRate; n < sampleRate; n++) {
      lr += ir.left[n] * ir.right[n];
      ll += ir.left[n] * ir.left[n];
      rr += ir.right[n] * ir.right[n];
    }
    const correlation = lr / Math.sqrt(ll * rr);
    expect(Math.abs(correlation)).toBeLessThan(0.2);
  });
});

describe('reverb: denormals in a silent tail', () => {
  // Seen without a clock; the speed of silence is a row of `npm run bench`.
  it('a 60 s silent tail after a burst holds only exact zeros or normal floats', () => {
    const sampleRate = 48000;
    const frames = 60 * sampleRate;
    const rand = seededRandom(9);
    const burstThenSilence = silence(frames);
    for (let n = 0; n < sampleRate / 10; n++) burstThenSilence.left[n] = burstThenSilence.right[n] = 2 * rand() - 1;
    const tail = renderKernel(reverbNode, { decay: 1.8, mix: 1 }, [burstThenSilence], { blockSize: 1024, frames, sampleRate })[0];
    for (const ch of [tail.left, tail.right]) {
      for (let n = 0; n < frames; n++) {
        const v = ch[n];
        if (v !== 0 && Math.abs(v) < FLOAT32_MIN_NORMAL) throw new Error(`subnormal ${v} at ${n}`);
      }
    }
    // 60 dB per 1.8 s: the loops pass 1e-25 (−500 dB) after about 15 s and are flushed to zero.
    expect(tail.left[frames - 1]).toBe(0);
    expect(tail.right[frames - 1]).toBe(0);
  });
});

describe('reverb: size and pre-delay changes while playing', () => {
  const sampleRate = 48000;
  const frames = 2 * sampleRate;
  const changeAt = sampleRate; // a boundary of 128- and 1000-frame blocks
  type ReverbParams = { decay: number; size: number; predelay: number };

  /**
   * Steady noise low-passed at 400 Hz (two Web Audio low-pass biquads, Q = 1/√2): its wet output
   * moves by small steps (≈ 2π·400/fs of its level), while a jump between two unrelated points of
   * the tail is of the order of the level itself, so a click stands out. (A pure sine is a poor
   * probe here: a smooth change makes the combs ring at their own peaks, near but not at the sine,
   * with more level than the steady sine sitting between peaks; steady noise already excites them.)
   */
  function lowNoise(seed: number): Float32Array {
    const rand = seededRandom(seed);
    const x = Float32Array.from({ length: frames }, () => 2 * rand() - 1);
    const c = biquadCoefficients('lowpass', 400, Math.SQRT1_2, 0, sampleRate);
    const a = new BiquadState();
    const b = new BiquadState();
    a.process(c, x, x, frames);
    b.process(c, x, x, frames);
    return x;
  }

  /** Wet-only (mix 1, damping off) output in blocks of `blockSize`; each change is applied by `setParams` at its frame. */
  function renderWithChanges(
    x: Float32Array,
    changes: readonly [number, ReverbParams][],
    first: ReverbParams,
    blockSize: number,
  ): StereoAudio {
    const fixed = { mix: 1, damping: 20000 };
    const kernel = createTestKernel(reverbNode, { ...first, ...fixed }, { blockSize, frames, sampleRate });
    const inBlock: StereoBlock = { left: new Float32Array(blockSize), right: new Float32Array(blockSize) };
    const outBlock: StereoBlock = { left: new Float32Array(blockSize), right: new Float32Array(blockSize) };
    const out = silence(frames);
    for (let start = 0; start < frames; start += blockSize) {
      for (const [at, params] of changes) {
        if (at === start) kernel.setParams(resolveParams(reverbNode, { ...params, ...fixed }));
      }
      const n = Math.min(blockSize, frames - start);
      inBlock.left.set(x.subarray(start, start + n));
      inBlock.right.set(x.subarray(start, start + n));
      kernel.process({ inputs: [inBlock], inputConnected: [true], outputs: [outBlock], frames: n });
      out.left.set(outBlock.left.subarray(0, n), start);
      out.right.set(outBlock.right.subarray(0, n), start);
    }
    return out;
  }

  /**
   * The same network retuned the naive way (the left channel): every read position moves at the
   * change, built from the DSP parts with instant `configure`, as the kernel did before the declick.
   */
  function instantRetuneLeft(x: Float32Array, before: ReverbParams, after: ReverbParams): Float32Array {
    const channel = new FreeverbChannel(sampleRate, false);
    const line = new DelayLine(Math.round(0.2 * sampleRate));
    const out = new Float32Array(frames);
    let params = before;
    channel.configure(sizeScale(params.size), params.decay, null);
    for (let n = 0; n < frames; n++) {
      if (n === changeAt) {
        params = after;
        // configure() keeps the lines; only the lengths (read positions) and gains change.
        channel.configure(sizeScale(params.size), params.decay, null);
      }
      const p = Math.round((params.predelay * sampleRate) / 1000);
      const m = x[n];
      const v = p === 0 ? m : line.readInteger(p);
      line.write(m);
      out[n] = channel.step(v);
    }
    return out;
  }

  function maxStep(y: Float32Array, from: number, to: number): number {
    let worst = 0;
    for (let n = from + 1; n < to; n++) worst = Math.max(worst, Math.abs(y[n] - y[n - 1]));
    return worst;
  }

  /** Largest step within 100 ms from the change ÷ largest step in the 500 ms before it. */
  function clickRatio(y: Float32Array): number {
    return maxStep(y, changeAt - 1, changeAt + 0.1 * sampleRate) / maxStep(y, changeAt - sampleRate / 2, changeAt);
  }

  /**
   * The same ratio for the peaks of `y` high-passed at 3 kHz (two Web Audio high-pass biquads,
   * Q = 1/√2). The input has almost nothing up there (−70 dB), so the steady level is tiny, while a
   * jump anywhere in the network is broadband and rings on in the tail. This catches a pre-delay
   * jump, which the combs and allpasses spread into a burst whose single steps stay small.
   */
  function highBandRatio(y: Float32Array): number {
    const c = biquadCoefficients('highpass', 3000, Math.SQRT1_2, 0, sampleRate);
    const h = Float32Array.from(y);
    const a = new BiquadState();
    const b = new BiquadState();
    a.process(c, h, h, frames);
    b.process(c, h, h, frames);
    const peak = (from: number, to: number): number => {
      let m = 0;
      for (let n = from; n < to; n++) m = Math.max(m, Math.abs(h[n]));
      return m;
    };
    return peak(changeAt, changeAt + 0.1 * sampleRate) / peak(changeAt - sampleRate / 2, changeAt);
  }

  const before: ReverbParams = { decay: 0.5, size: 0.3, predelay: 20 };
  for (const [label, after] of [
    ['size 0.3 → 0.9', { decay: 0.5, size: 0.9, predelay: 20 }],
    ['predelay 20 → 120 ms', { decay: 0.5, size: 0.3, predelay: 120 }],
    ['both at once', { decay: 0.5, size: 0.9, predelay: 120 }],
  ] as const) {
    for (const seed of [1, 2, 3]) {
      it(`${label}: no step above 1.5× the steady ones, where an instant retune jumps (noise seed ${seed})`, () => {
        const x = lowNoise(seed);
        const declicked = renderWithChanges(x, [[changeAt, after]], before, 128);
        const instant = instantRetuneLeft(x, before, after);
        // The reference is the same network: identical up to the change.
        expect(firstBitDifference(declicked.left.subarray(0, changeAt), instant.subarray(0, changeAt))).toBe(-1);
        // Without the declick the change is heard: a burst of highs, and with a size change a jump
        // several times the steady steps (a lone pre-delay jump is smeared by the combs).
        expect(highBandRatio(instant)).toBeGreaterThan(5);
        if (after.size !== before.size) expect(clickRatio(instant)).toBeGreaterThan(3);
        for (const y of [declicked.left, declicked.right]) {
          expect(clickRatio(y)).toBeLessThan(1.5);
          expect(highBandRatio(y)).toBeLessThan(1.5);
        }
        // Once the fade and the room's transient are over, it is the new room exactly: the same as
        // a fresh kernel with the new params fed the same input (equal to float rounding).
        const fresh = renderWithChanges(x, [], after, 128);
        let diff = 0;
        let peak = 0;
        for (let n = frames - 0.2 * sampleRate; n < frames; n++) {
          diff = Math.max(diff, Math.abs(declicked.left[n] - fresh.left[n]));
          peak = Math.max(peak, Math.abs(fresh.left[n]));
        }
        expect(diff).toBeLessThan(1e-3 * peak);
      });
    }
  }

  it('renders a mid-stream change bit-identically in 128- and 1000-frame blocks', () => {
    const rand = seededRandom(3);
    const x = Float32Array.from({ length: frames }, () => 2 * rand() - 1);
    const after = { decay: 1.2, size: 0.9, predelay: 120 };
    const a = renderWithChanges(x, [[changeAt, after]], before, 128);
    const b = renderWithChanges(x, [[changeAt, after]], before, 1000);
    expect(firstBitDifference(a.left, b.left)).toBe(-1);
    expect(firstBitDifference(a.right, b.right)).toBe(-1);
  });

  it('holds a change made during a fade and renders it the same in 64- and 128-frame blocks', () => {
    const rand = seededRandom(4);
    const x = Float32Array.from({ length: frames }, () => 2 * rand() - 1);
    // The second change lands 640 frames into the 1440-frame fade of the first.
    const changes: [number, ReverbParams][] = [
      [changeAt, { decay: 0.5, size: 0.9, predelay: 120 }],
      [changeAt + 640, { decay: 0.5, size: 0.1, predelay: 0 }],
    ];
    const a = renderWithChanges(x, changes, before, 64);
    const b = renderWithChanges(x, changes, before, 128);
    expect(firstBitDifference(a.left, b.left)).toBe(-1);
    expect(firstBitDifference(a.right, b.right)).toBe(-1);
    // It ends in the last room: equal to a fresh kernel with those params once the transient is over.
    const fresh = renderWithChanges(x, [], changes[1][1], 128);
    let diff = 0;
    let peak = 0;
    for (let n = frames - 0.2 * sampleRate; n < frames; n++) {
      diff = Math.max(diff, Math.abs(a.left[n] - fresh.left[n]));
      peak = Math.max(peak, Math.abs(fresh.left[n]));
    }
    expect(diff).toBeLessThan(1e-3 * peak);
  });
});

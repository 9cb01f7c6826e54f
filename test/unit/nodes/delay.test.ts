import { describe, expect, it } from 'vitest';
import { resolveParams } from '../../../src/graph/catalog';
import { DelayLine } from '../../../src/dsp/delayLine';
import { delayNode } from '../../../src/nodes/delay';
import type { StereoBlock } from '../../../src/nodes/types';
import {
  FLOAT32_MIN_NORMAL,
  createTestKernel,
  renderKernel,
  runKernelSuite,
  seededRandom,
  silence,
  type StereoAudio,
} from './kernelSuite';

runKernelSuite(delayNode, {
  ports: { inputs: ['in'], outputs: ['out'] },
  extraParams: [
    { pingpong: true, feedback: 0.95, tone: 1200 },
    { time: 1.37, feedback: 0.9, mix: 1 },
  ],
});

const SR = 48000;

/** A stereo impulse of height `left`/`right` at sample 0. */
function impulse(frames: number, left = 1, right = 1): StereoAudio {
  const x = silence(frames);
  x.left[0] = left;
  x.right[0] = right;
  return x;
}

function render(params: Record<string, number | boolean>, input: StereoAudio, sampleRate = SR, blockSize = 512): StereoAudio {
  return renderKernel(delayNode, params, [input], { blockSize, frames: input.left.length, sampleRate })[0];
}

/** Σ x[n]·e^{−jωn} over [start, end), magnitude. */
function dftMagnitude(x: Float32Array, start: number, end: number, frequencyHz: number, sampleRate: number): number {
  const w = (2 * Math.PI * frequencyHz) / sampleRate;
  let re = 0;
  let im = 0;
  for (let n = start; n < end; n++) {
    re += x[n] * Math.cos(w * (n - start));
    im -= x[n] * Math.sin(w * (n - start));
  }
  return Math.hypot(re, im);
}

describe('delay: definition', () => {
  it('keeps the catalog keys, in the Space category, with defaults inside their ranges', () => {
    expect(delayNode.type).toBe('delay');
    expect(delayNode.category).toBe('Space');
    expect(delayNode.params.map((p) => p.key)).toEqual(['time', 'feedback', 'mix', 'tone', 'pingpong']);
    const byKey = Object.fromEntries(delayNode.params.map((p) => [p.key, p]));
    expect(byKey.time).toMatchObject({ unit: 'ms', min: 1, max: 2000, default: 250, scale: 'log' });
    expect(byKey.feedback).toMatchObject({ min: 0, max: 0.95, default: 0.3 });
    expect(byKey.mix).toMatchObject({ min: 0, max: 1, default: 0.25 });
    expect(byKey.tone).toMatchObject({ unit: 'Hz', min: 200, max: 20000, default: 20000, scale: 'log' });
    expect(byKey.pingpong).toMatchObject({ kind: 'bool', default: false });
    for (const p of delayNode.params) expect(p.help.length).toBeGreaterThan(20);
    const kernel = createTestKernel(delayNode, {}, { blockSize: 128, frames: 0, sampleRate: SR });
    expect(kernel.latencySamples).toBe(0);
  });
});

describe('delay: echoes', () => {
  it('puts echo k of an impulse at k·D with amplitude fb^(k−1), exactly, for integer D (250 ms at 48 kHz = 12000)', () => {
    const D = 12000;
    const fb = 0.6;
    const out = render({ time: 250, feedback: fb, mix: 1, tone: 20000 }, impulse(5 * D + 10));
    for (const channel of [out.left, out.right]) {
      let worst = 0;
      for (let n = 0; n < channel.length; n++) {
        const k = n / D;
        const expected = n > 0 && Number.isInteger(k) ? Math.pow(fb, k - 1) : 0;
        worst = Math.max(worst, Math.abs(channel[n] - expected));
      }
      expect(worst).toBeLessThan(1e-6);
    }
  });

  it('is sample-exact for integer delays at 44.1 kHz too (100 ms = 4410 samples)', () => {
    const D = 4410;
    const out = render({ time: 100, feedback: 0.5, mix: 1 }, impulse(3 * D + 5), 44100);
    expect(out.left[D]).toBe(1);
    expect(out.left[2 * D]).toBe(0.5);
    expect(out.left[D - 1]).toBe(0);
    expect(out.left[D + 1]).toBe(0);
  });

  for (const D of [1000.25, 1000.5, 1000.7]) {
    it(`places a fractional delay of ${D} samples by its centroid (Hermite: Σh = 1, Σn·h/Σh = D, then 2D)`, () => {
      const fb = 0.5;
      const out = render({ time: (D * 1000) / SR, feedback: fb, mix: 1 }, impulse(2600));
      const x = out.left;
      // Echo 1 lives in [D − 2, D + 3), echo 2 (interpolated twice) in [2D − 4, 2D + 5).
      const moments = (start: number, end: number): [number, number] => {
        let sum = 0;
        let first = 0;
        for (let n = start; n < end; n++) {
          sum += x[n];
          first += n * x[n];
        }
        return [sum, first / sum];
      };
      const [sum1, centroid1] = moments(Math.floor(D) - 2, Math.floor(D) + 4);
      const [sum2, centroid2] = moments(Math.floor(2 * D) - 4, Math.floor(2 * D) + 6);
      expect(sum1).toBeCloseTo(1, 6);
      expect(Math.abs(centroid1 - D)).toBeLessThan(1e-5);
      expect(sum2).toBeCloseTo(fb, 6);
      expect(Math.abs(centroid2 - 2 * D)).toBeLessThan(1e-5);
      // Nothing outside those two windows.
      let stray = 0;
      for (let n = 0; n < x.length; n++) {
        const inside = (n >= Math.floor(D) - 2 && n < Math.floor(D) + 4) || (n >= Math.floor(2 * D) - 4 && n < Math.floor(2 * D) + 6);
        if (!inside) stray = Math.max(stray, Math.abs(x[n]));
      }
      expect(stray).toBe(0);
    });
  }

  it('interpolates with the 4-point cubic Hermite polynomial (delay line checked against the formula)', () => {
    // Samples of a known signal; a read at delay d must equal Niemitalo's Hermite form at t.
    const line = new DelayLine(64);
    const w = (n: number): number => Math.sin(0.3 * n) + 0.1 * n;
    for (let n = 0; n < 40; n++) line.write(w(n));
    // Next sample index is 40; delay 10.3 → between w[30] (t = 0) and w[29] (t = 1).
    const t = 0.3;
    const [xm1, x0, x1, x2] = [w(31), w(30), w(29), w(28)];
    const expected =
      x0 +
      t * (0.5 * (x1 - xm1)) +
      t * t * (xm1 - 2.5 * x0 + 2 * x1 - 0.5 * x2) +
      t * t * t * (0.5 * (x2 - xm1) + 1.5 * (x0 - x1));
    expect(line.readHermite(10.3)).toBeCloseTo(expected, 12);
    expect(line.readHermite(10)).toBe(w(30));
  });
});

describe('delay: tone (low-pass in the loop)', () => {
  for (const toneHz of [2000, 6000]) {
    it(`darkens each repeat by the bilinear one-pole magnitude at tone = ${toneHz} Hz`, () => {
      const D = 2400; // 50 ms
      const fb = 0.8;
      const out = render({ time: 50, feedback: fb, mix: 1, tone: toneHz }, impulse(4 * D + 10)).left;
      // Analog prototype 1/(1 + s/ωc) through the bilinear transform prewarped at fc:
      // |H(f)| = 1/√(1 + (tan(πf/fs)/tan(πfc/fs))²).
      const K = Math.tan((Math.PI * toneHz) / SR);
      const magnitude = (f: number): number => 1 / Math.sqrt(1 + (Math.tan((Math.PI * f) / SR) / K) ** 2);
      for (const f of [500, 3000, 10000, 16000]) {
        const tap = (k: number): number => dftMagnitude(out, k * D, (k + 1) * D, f, SR);
        // Echo 1 has not been through the loop: flat.
        expect(tap(1)).toBeCloseTo(1, 5);
        for (const k of [1, 2]) {
          const ratio = tap(k + 1) / tap(k);
          expect(Math.abs(ratio - fb * magnitude(f)) / (fb * magnitude(f))).toBeLessThan(1e-4);
        }
      }
      // Darker: echo 3 has lost much more at 10 kHz than at 500 Hz.
      const t3hi = dftMagnitude(out, 3 * D, 4 * D, 10000, SR);
      const t3lo = dftMagnitude(out, 3 * D, 4 * D, 500, SR);
      expect(t3hi).toBeLessThan(0.5 * t3lo);
    });
  }
});

describe('delay: ping-pong', () => {
  it('sends the mono sum to the left first, then alternates right/left with amplitude fb^(k−1)', () => {
    const D = 4800; // 100 ms
    const fb = 0.7;
    for (const [l, r] of [
      [1, 0],
      [0, 1],
      [0.5, 0.5],
    ]) {
      const out = render({ time: 100, feedback: fb, mix: 1, pingpong: true }, impulse(5 * D + 3, l, r));
      const mono = (l + r) / 2;
      let worst = 0;
      for (let n = 0; n < out.left.length; n++) {
        const k = n / D;
        const isEcho = n > 0 && Number.isInteger(k);
        const amplitude = isEcho ? mono * Math.pow(fb, k - 1) : 0;
        const expectedLeft = isEcho && k % 2 === 1 ? amplitude : 0;
        const expectedRight = isEcho && k % 2 === 0 ? amplitude : 0;
        worst = Math.max(worst, Math.abs(out.left[n] - expectedLeft), Math.abs(out.right[n] - expectedRight));
      }
      expect(worst).toBeLessThan(1e-6);
    }
  });
});

describe('delay: mix', () => {
  it('outputs dry·(1 − mix) + wet·mix (a linear crossfade), with mix 0 an exact identity', () => {
    const frames = 6000;
    const rand = seededRandom(3);
    const input: StereoAudio = {
      left: Float32Array.from({ length: frames }, () => 2 * rand() - 1),
      right: Float32Array.from({ length: frames }, () => 2 * rand() - 1),
    };
    const D = 480; // 10 ms, no feedback: wet = x[n − D]
    for (const mix of [0, 0.25, 0.6, 1]) {
      const out = render({ time: 10, feedback: 0, mix }, input);
      let worst = 0;
      for (const ch of ['left', 'right'] as const) {
        for (let n = 0; n < frames; n++) {
          const wet = n >= D ? input[ch][n - D] : 0;
          worst = Math.max(worst, Math.abs(out[ch][n] - ((1 - mix) * input[ch][n] + mix * wet)));
        }
      }
      expect(worst).toBeLessThan(1e-6);
      if (mix === 0) expect(out.left).toEqual(input.left);
    }
  });
});

describe('delay: time changes while playing', () => {
  it('crossfades to the new time without a click, then plays the new delay exactly', () => {
    const frames = 24064; // 188 blocks of 128
    const freq = 440;
    const x = Float32Array.from({ length: frames }, (_, n) => Math.sin((2 * Math.PI * freq * n) / SR));
    const kernel = createTestKernel(delayNode, { time: 100, feedback: 0, mix: 1 }, { blockSize: 128, frames, sampleRate: SR });
    const block = (): StereoBlock => ({ left: new Float32Array(128), right: new Float32Array(128) });
    const inBlock = block();
    const outBlock = block();
    const out = new Float32Array(frames);
    const changeAt = 12032; // a block boundary, after the line is full
    for (let start = 0; start < frames; start += 128) {
      if (start === changeAt) kernel.setParams(resolveParams(delayNode, { time: 137.3, feedback: 0, mix: 1 }));
      inBlock.left.set(x.subarray(start, start + 128));
      inBlock.right.set(x.subarray(start, start + 128));
      kernel.process({ inputs: [inBlock], inputConnected: [true], outputs: [outBlock], frames: 128 });
      out.set(outBlock.left, start);
    }
    // The largest step of a unit sine is 2π·f/fs; a jump between two phases would be up to 2.
    const sineSlope = (2 * Math.PI * freq) / SR;
    let worstStep = 0;
    for (let n = 4800 + 1; n < frames; n++) worstStep = Math.max(worstStep, Math.abs(out[n] - out[n - 1]));
    expect(worstStep).toBeLessThan(sineSlope * 1.1);
    // Without a declick the change would be a step of |sin(a) − sin(b)| between the two heads.
    const newD = (137.3 * SR) / 1000;
    const fadeEnd = changeAt + Math.round(0.03 * SR) + 1;
    let worst = 0;
    for (let n = fadeEnd; n < frames; n++) {
      worst = Math.max(worst, Math.abs(out[n] - Math.sin((2 * Math.PI * freq * (n - newD)) / SR)));
    }
    // Hermite interpolation error of a 440 Hz sine is far below this.
    expect(worst).toBeLessThan(1e-4);
  });
});

describe('delay: denormals in a silent tail', () => {
  // Subnormal floats cost some CPUs a hundred times a normal operation. A test can see them
  // without a clock (the speed of silence is a row of `npm run bench`, never a timed test).
  it('a 60 s silent tail after a burst holds only exact zeros or normal floats', () => {
    const frames = 60 * SR;
    const params = { time: 250, feedback: 0.6, mix: 1, tone: 3000 };
    const rand = seededRandom(9);
    const burstThenSilence = silence(frames);
    for (let n = 0; n < SR / 10; n++) burstThenSilence.left[n] = burstThenSilence.right[n] = 2 * rand() - 1;
    const tail = render(params, burstThenSilence, SR, 1024);
    for (const ch of [tail.left, tail.right]) {
      for (let n = 0; n < frames; n++) {
        const v = ch[n];
        if (v !== 0 && Math.abs(v) < FLOAT32_MIN_NORMAL) throw new Error(`subnormal ${v} at ${n}`);
      }
    }
    // 0.6 per 250 ms: after 60 s (240 trips) the echoes are ~1e-53 → flushed to exact zeros.
    expect(tail.left[frames - 1]).toBe(0);
    expect(tail.right[frames - 1]).toBe(0);
  });
});

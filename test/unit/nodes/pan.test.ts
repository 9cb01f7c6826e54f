import { describe, expect, it } from 'vitest';
import { panNode } from '../../../src/nodes/pan';
import { dualMono, renderKernel, runKernelSuite, seededRandom, type StereoAudio } from './kernelSuite';

runKernelSuite(panNode, { ports: { inputs: ['in'], outputs: ['out'] } });

const FRAMES = 2048;
const SR = 48000;

/**
 * The Web Audio spec's StereoPannerNode algorithm for a two-channel input, written out branch by
 * branch (https://webaudio.github.io/web-audio-api/#stereopanner-algorithm).
 */
function specStereoPan(pan: number, inL: number, inR: number): [number, number] {
  if (pan <= 0) {
    const x = pan + 1;
    const gainL = Math.cos((x * Math.PI) / 2);
    const gainR = Math.sin((x * Math.PI) / 2);
    return [inL + inR * gainL, inR * gainR];
  }
  const x = pan;
  const gainL = Math.cos((x * Math.PI) / 2);
  const gainR = Math.sin((x * Math.PI) / 2);
  return [inL * gainL, inR + inL * gainR];
}

function noise(seed: number): Float32Array {
  const rand = seededRandom(seed);
  return Float32Array.from({ length: FRAMES }, () => 2 * rand() - 1);
}

function expectMatchesSpec(pan: number, input: StereoAudio): void {
  const out = renderKernel(panNode, { pan }, [input], { blockSize: 128, frames: FRAMES, sampleRate: SR })[0];
  let worst = 0;
  for (let i = 0; i < FRAMES; i++) {
    const [l, r] = specStereoPan(pan, input.left[i], input.right[i]);
    worst = Math.max(worst, Math.abs(out.left[i] - l), Math.abs(out.right[i] - r));
  }
  expect(worst).toBeLessThan(1e-6);
}

describe('pan: Web Audio StereoPannerNode stereo formulas', () => {
  const PANS = [-1, -0.5, 0, 0.3, 1];

  it.each(PANS)('stereo input at pan %d matches the spec within 1e-6', (pan) => {
    expectMatchesSpec(pan, { left: noise(1), right: noise(2) });
  });

  it.each(PANS)('mono input (L = R) at pan %d matches the spec within 1e-6', (pan) => {
    expectMatchesSpec(pan, dualMono(noise(3)));
  });

  it('hard left puts both channels of a mono source on the left: L′ = 2m, R′ = 0', () => {
    // pan = −1: x = 0, cos 0 = 1, sin 0 = 0, so L′ = L + R and R′ = 0.
    const mono = dualMono(noise(4));
    const hardLeft = renderKernel(panNode, { pan: -1 }, [mono], { blockSize: 256, frames: FRAMES, sampleRate: SR })[0];
    expect(Array.from(hardLeft.left)).toEqual(Array.from(mono.left, (m) => Math.fround(2 * m)));
    expect(hardLeft.right.every((v) => v === 0)).toBe(true);
  });

  it('is equal-power for a one-sided source: L′² + R′² = L² when only the left channel plays', () => {
    const left = noise(7);
    const input = { left, right: new Float32Array(FRAMES) };
    for (const pan of [0.1, 0.3, 0.5, 0.8, 1]) {
      const out = renderKernel(panNode, { pan }, [input], { blockSize: 128, frames: FRAMES, sampleRate: SR })[0];
      let worst = 0;
      for (let i = 0; i < FRAMES; i++) worst = Math.max(worst, Math.abs(out.left[i] ** 2 + out.right[i] ** 2 - left[i] ** 2));
      expect(worst, `pan ${pan}`).toBeLessThan(1e-6);
    }
  });

  it('pan 0 is a bit-exact identity', () => {
    const input = { left: noise(5), right: noise(6) };
    const out = renderKernel(panNode, { pan: 0 }, [input], { blockSize: 128, frames: FRAMES, sampleRate: SR })[0];
    expect(Array.from(out.left)).toEqual(Array.from(input.left));
    expect(Array.from(out.right)).toEqual(Array.from(input.right));
  });
});

import { describe, expect, it } from 'vitest';
import { widthNode } from '../../../src/nodes/width';
import { renderKernel, runKernelSuite, seededRandom, type StereoAudio } from './kernelSuite';

runKernelSuite(widthNode, { ports: { inputs: ['in'], outputs: ['out'] } });

const FRAMES = 2048;
const SR = 48000;

function stereoNoise(seed: number): StereoAudio {
  const rand = seededRandom(seed);
  return {
    left: Float32Array.from({ length: FRAMES }, () => 2 * rand() - 1),
    right: Float32Array.from({ length: FRAMES }, () => 2 * rand() - 1),
  };
}

function render(width: number, input: StereoAudio): StereoAudio {
  return renderKernel(widthNode, { width }, [input], { blockSize: 1000, frames: FRAMES, sampleRate: SR })[0];
}

describe('width: mid/side', () => {
  const input = stereoNoise(8);

  it.each([0, 0.25, 0.5, 1.5, 2])('width %d: L′ = M + S·w, R′ = M − S·w within 1e-6', (w) => {
    const out = render(w, input);
    let worst = 0;
    for (let i = 0; i < FRAMES; i++) {
      const l = input.left[i];
      const r = input.right[i];
      // The same law written the other way round: L′ = L(1+w)/2 + R(1−w)/2, R′ = L(1−w)/2 + R(1+w)/2.
      const expectedL = (l * (1 + w)) / 2 + (r * (1 - w)) / 2;
      const expectedR = (l * (1 - w)) / 2 + (r * (1 + w)) / 2;
      worst = Math.max(worst, Math.abs(out.left[i] - expectedL), Math.abs(out.right[i] - expectedR));
    }
    expect(worst).toBeLessThan(1e-6);
  });

  it('width 0 folds to mono: L′ = R′ = (L + R)/2 exactly', () => {
    const out = render(0, input);
    expect(Array.from(out.left)).toEqual(Array.from(out.right));
    expect(Array.from(out.left)).toEqual(Array.from(input.left, (l, i) => Math.fround((l + input.right[i]) / 2)));
  });

  it('width 1 is a bit-exact identity', () => {
    const out = render(1, input);
    expect(Array.from(out.left)).toEqual(Array.from(input.left));
    expect(Array.from(out.right)).toEqual(Array.from(input.right));
  });

  it('leaves the mid (L + R) untouched and scales the side (L − R) by the width', () => {
    const out = render(1.7, input);
    let worst = 0;
    for (let i = 0; i < FRAMES; i++) {
      worst = Math.max(
        worst,
        Math.abs(out.left[i] + out.right[i] - (input.left[i] + input.right[i])),
        Math.abs(out.left[i] - out.right[i] - 1.7 * (input.left[i] - input.right[i])),
      );
    }
    expect(worst).toBeLessThan(1e-6);
  });
});

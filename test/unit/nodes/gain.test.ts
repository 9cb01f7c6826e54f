import { describe, expect, it } from 'vitest';
import { gainNode } from '../../../src/nodes/gain';
import { fullScaleNoise, renderKernel, runKernelSuite, suiteSignal, type StereoAudio } from './kernelSuite';

runKernelSuite(gainNode, { ports: { inputs: ['in'], outputs: ['out'] } });

const FRAMES = 4000;
const SR = 48000;

function render(params: Record<string, number | boolean>, input: StereoAudio): StereoAudio {
  return renderKernel(gainNode, params, [input], { blockSize: 128, frames: FRAMES, sampleRate: SR })[0];
}

/**
 * out must equal in·factor up to one float32 rounding (relative error ≤ 2^−24): returns the worst
 * |out − in·factor| / (|in·factor|·2^−24), which must be ≤ 1.
 */
function expectScaled(out: StereoAudio, input: StereoAudio, factor: number): void {
  let worst = 0;
  for (const ch of ['left', 'right'] as const) {
    for (let i = 0; i < FRAMES; i++) {
      const expected = input[ch][i] * factor;
      const allowed = Math.abs(expected) * 2 ** -24 + 1e-45;
      worst = Math.max(worst, Math.abs(out[ch][i] - expected) / allowed);
    }
  }
  expect(worst).toBeLessThanOrEqual(1);
}

describe('gain: against the dB formula', () => {
  const input = suiteSignal(FRAMES, SR, 21);

  it.each([-60, -20, -6.02, -0.5, 0, 3, 6, 12, 24])('gain %d dB multiplies by 10^(g/20)', (db) => {
    expectScaled(render({ gain: db }, input), input, Math.pow(10, db / 20));
  });

  it('0 dB is a bit-exact identity', () => {
    const out = render({ gain: 0 }, input);
    expect(Array.from(out.left)).toEqual(Array.from(input.left));
    expect(Array.from(out.right)).toEqual(Array.from(input.right));
  });

  it('invert flips polarity exactly (and combines with gain)', () => {
    const out = render({ invert: true }, input);
    expect(Array.from(out.left)).toEqual(Array.from(input.left, (v) => -v));
    expect(Array.from(out.right)).toEqual(Array.from(input.right, (v) => -v));
    expectScaled(render({ invert: true, gain: -12 }, input), input, -Math.pow(10, -12 / 20));
  });

  it('mute outputs exact zeros whatever the gain', () => {
    for (const gain of [-100, 0, 24]) {
      const out = render({ mute: true, gain, invert: true }, fullScaleNoise(FRAMES));
      expect(out.left.every((v) => Object.is(v, 0))).toBe(true);
      expect(out.right.every((v) => Object.is(v, 0))).toBe(true);
    }
  });

  it('the bottom of the range (−100 dB, minIsOff) is silence; just above it is not', () => {
    const off = render({ gain: -100 }, fullScaleNoise(FRAMES));
    expect(off.left.every((v) => v === 0) && off.right.every((v) => v === 0)).toBe(true);
    const spec = gainNode.params.find((p) => p.key === 'gain');
    expect(spec?.kind === 'number' && spec.minIsOff === true && spec.min === -100).toBe(true);
    const noise = fullScaleNoise(FRAMES);
    expectScaled(render({ gain: -99.9 }, noise), noise, Math.pow(10, -99.9 / 20));
  });
});

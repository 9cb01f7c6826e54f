import { describe, expect, it } from 'vitest';
import { busNode } from '../../../src/nodes/bus';
import { fullScaleNoise, renderKernel, runKernelSuite, suiteSignal, type StereoAudio } from './kernelSuite';

runKernelSuite(busNode, { ports: { inputs: ['in'], outputs: ['out'] } });

const FRAMES = 3000;
const SR = 48000;

function render(params: Record<string, number | boolean>, input: StereoAudio): StereoAudio {
  return renderKernel(busNode, params, [input], { blockSize: 1000, frames: FRAMES, sampleRate: SR })[0];
}

describe('bus: fader and mute', () => {
  const input = suiteSignal(FRAMES, SR, 5);

  it.each([-40, -6, 0, 4.5, 24])('gain %d dB multiplies the summed input by 10^(g/20)', (db) => {
    const out = render({ gain: db }, input);
    const factor = Math.pow(10, db / 20);
    // Equal to in·factor up to one float32 rounding (relative error ≤ 2^−24).
    let worst = 0;
    for (const ch of ['left', 'right'] as const) {
      for (let i = 0; i < FRAMES; i++) {
        const expected = input[ch][i] * factor;
        worst = Math.max(worst, Math.abs(out[ch][i] - expected) / (Math.abs(expected) * 2 ** -24 + 1e-45));
      }
    }
    expect(worst).toBeLessThanOrEqual(1);
  });

  it('0 dB passes the sum unchanged, bit for bit', () => {
    const out = render({}, input);
    expect(Array.from(out.left)).toEqual(Array.from(input.left));
    expect(Array.from(out.right)).toEqual(Array.from(input.right));
  });

  it('mute and the −100 dB floor give exact zeros', () => {
    const cases: Record<string, number | boolean>[] = [{ mute: true }, { gain: -100 }, { mute: true, gain: 24 }];
    for (const params of cases) {
      const out = render(params, fullScaleNoise(FRAMES));
      expect(out.left.every((v) => Object.is(v, 0)) && out.right.every((v) => Object.is(v, 0))).toBe(true);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { outputNode } from '../../../src/nodes/output';
import { fullScaleNoise, renderKernel, runKernelSuite, suiteSignal, type StereoAudio } from './kernelSuite';

runKernelSuite(outputNode, { ports: { inputs: ['in'], outputs: [] } });

const FRAMES = 3000;
const SR = 48000;

function renderMaster(params: Record<string, number>, input: StereoAudio): StereoAudio {
  // The harness, like the engine, hands a node without output ports one master block.
  const outputs = renderKernel(outputNode, params, [input], { blockSize: 128, frames: FRAMES, sampleRate: SR });
  expect(outputs).toHaveLength(1);
  return outputs[0];
}

describe('output: the master fader', () => {
  const input = suiteSignal(FRAMES, SR, 9);

  it('has no output ports (nothing can be wired out of the master)', () => {
    expect(outputNode.outputs).toHaveLength(0);
    expect(outputNode.category).toBe('Output');
  });

  it.each([-30, -3, 0, 6, 24])('gain %d dB writes in · 10^(g/20) into the master block', (db) => {
    const out = renderMaster({ gain: db }, input);
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

  it('0 dB is a bit-exact identity and −100 dB is silence', () => {
    const unity = renderMaster({}, input);
    expect(Array.from(unity.left)).toEqual(Array.from(input.left));
    expect(Array.from(unity.right)).toEqual(Array.from(input.right));
    const off = renderMaster({ gain: -100 }, fullScaleNoise(FRAMES));
    expect(off.left.every((v) => v === 0) && off.right.every((v) => v === 0)).toBe(true);
  });

  it('does nothing (and does not throw) when the engine passes no master block', () => {
    const kernel = outputNode.createKernel(
      { sampleRate: SR, maxBlockSize: 128, getClip: () => undefined },
      { gain: 0 },
    );
    const block = { left: new Float32Array(128).fill(0.5), right: new Float32Array(128).fill(0.5) };
    expect(() => kernel.process({ inputs: [block], inputConnected: [true], outputs: [], frames: 128 })).not.toThrow();
  });
});

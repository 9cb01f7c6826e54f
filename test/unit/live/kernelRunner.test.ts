import { describe, expect, it } from 'vitest';
import { resolveParams, type ResolvedParams } from '../../../src/graph/catalog';
import { getNodeDefinition } from '../../../src/nodes/registry';
import type { Kernel, KernelContext } from '../../../src/nodes/types';
import { KernelRunner, STEP_FRAMES, type KernelRunnerOptions } from '../../../src/runtime/live/worklet/kernelRunner';

const fs = 48000;
const ctx: KernelContext = { sampleRate: fs, maxBlockSize: 128, getClip: () => undefined };

function kernelOf(type: string, params: Record<string, number | string | boolean>): { kernel: Kernel; resolved: ResolvedParams } {
  const def = getNodeDefinition(type)!;
  const resolved = resolveParams(def, params);
  return { kernel: def.createKernel(ctx, resolved), resolved };
}

function runner(type: string, params: Record<string, number | string | boolean>, extra: Partial<KernelRunnerOptions> = {}): KernelRunner {
  const def = getNodeDefinition(type)!;
  const { kernel, resolved } = kernelOf(type, params);
  return new KernelRunner(kernel, {
    inputCount: def.inputs.length,
    mainInput: def.mainInput ?? 0,
    gated: def.inputs.length === 0,
    meterIntervalFrames: 1 << 30,
    steppedParams: [],
    params: resolved,
    // The main input wired, a sidechain not.
    inputConnected: def.inputs.map((_, i) => i === 0),
    ...extra,
  });
}

/** Deterministic noise in [−a, a] (a Park–Miller generator: no dependence on our DSP code). */
function noise(n: number, a: number, seed = 1): Float32Array {
  const out = new Float32Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (s * 16807) % 2147483647;
    out[i] = (2 * (s / 2147483647) - 1) * a;
  }
  return out;
}

const QUANTUM = 128;

describe('kernel runner (the kernel-host worklet without the worklet)', () => {
  it('is transparent: quantum by quantum it gives exactly what the kernel gives in one block', () => {
    const frames = QUANTUM * 40;
    const left = noise(frames, 0.5, 7);
    const right = noise(frames, 0.5, 11);
    const params = { decay: 1.2, predelay: 7, size: 0.6, mix: 0.4 };
    const { kernel } = kernelOf('reverb', params);
    const whole = { left: new Float32Array(frames), right: new Float32Array(frames) };
    kernel.process({ inputs: [{ left, right }], inputConnected: [true], outputs: [whole], frames });

    const r = runner('reverb', params);
    const outL = new Float32Array(QUANTUM);
    const outR = new Float32Array(QUANTUM);
    for (let q = 0; q < frames / QUANTUM; q++) {
      const span = [left.subarray(q * QUANTUM, (q + 1) * QUANTUM), right.subarray(q * QUANTUM, (q + 1) * QUANTUM)];
      r.process([span], outL, outR, null);
      expect(Array.from(outL)).toEqual(Array.from(whole.left.subarray(q * QUANTUM, (q + 1) * QUANTUM)));
      expect(Array.from(outR)).toEqual(Array.from(whole.right.subarray(q * QUANTUM, (q + 1) * QUANTUM)));
    }
  });

  it('treats a port with no channels as silence (nothing plays into it)', () => {
    const r = runner('delay', { time: 1, mix: 1, feedback: 0 });
    const outL = new Float32Array(QUANTUM).fill(9);
    const outR = new Float32Array(QUANTUM).fill(9);
    r.process([[]], outL, outR, null);
    expect(outL.every((v) => v === 0) && outR.every((v) => v === 0)).toBe(true);
  });

  it('a gated source is silent until the gate opens, then starts from reset on that very frame', () => {
    // sine at 750 Hz, peak 10^(−6/20): out[n] = A·sin(2π·750·(n − 50)/fs) from frame 50 of the second quantum.
    const r = runner('tone', { wave: 'sine', freq: 750, level: -6 });
    const A = Math.pow(10, -6 / 20);
    const outL = new Float32Array(QUANTUM);
    const outR = new Float32Array(QUANTUM);
    r.process([], outL, outR, new Float32Array([0]));
    expect(outL.every((v) => v === 0)).toBe(true);
    const gate = new Float32Array(QUANTUM);
    gate.fill(1, 50);
    r.process([], outL, outR, gate);
    for (let i = 0; i < QUANTUM; i++) {
      const expected = i < 50 ? 0 : A * Math.sin((2 * Math.PI * 750 * (i - 50)) / fs);
      expect(outL[i]).toBeCloseTo(expected, 6);
      expect(outR[i]).toBe(outL[i]);
    }
    // Closing and reopening restarts the phase at 0 again.
    r.process([], outL, outR, new Float32Array([0]));
    r.process([], outL, outR, new Float32Array([1]));
    for (let i = 0; i < 8; i++) expect(outL[i]).toBeCloseTo(A * Math.sin((2 * Math.PI * 750 * i) / fs), 6);
  });

  it('glides a stepped param linearly, one setParams every STEP_FRAMES, ending exactly on the target', () => {
    // Compressor that never compresses (threshold 0 dB, input ≤ −6 dBFS): out = in · 10^(makeup/20).
    const r = runner('compressor', { threshold: 0, knee: 0, makeup: 0 }, { steppedParams: ['makeup'] });
    const def = getNodeDefinition('compressor')!;
    const rampFrames = 960;
    r.setParams(resolveParams(def, { threshold: 0, knee: 0, makeup: 12 }), rampFrames);
    const input = new Float32Array(QUANTUM).fill(0.5);
    const outL = new Float32Array(QUANTUM);
    const outR = new Float32Array(QUANTUM);
    for (let q = 0; q < 10; q++) {
      r.process([[input, input], []], outL, outR, null);
      for (let i = 0; i < QUANTUM; i++) {
        const n = q * QUANTUM + i;
        const step = Math.floor(n / STEP_FRAMES) * STEP_FRAMES;
        const makeup = n >= rampFrames ? 12 : (12 * step) / rampFrames;
        expect(outL[i] / 0.5).toBeCloseTo(Math.pow(10, makeup / 20), 5);
      }
    }
  });

  it('reports the largest gain reduction and input peak of each meter interval', () => {
    // A 0 dBFS square into threshold −20, ratio 4, hard knee, instant-ish attack: 15 dB of reduction.
    const r = runner('compressor', { threshold: -20, ratio: 4, knee: 0, attack: 0.1, release: 100 }, { meterIntervalFrames: 4 * QUANTUM });
    const input = new Float32Array(QUANTUM).map((_, i) => (i % 2 === 0 ? 0.25 : -1));
    const outL = new Float32Array(QUANTUM);
    const outR = new Float32Array(QUANTUM);
    const reports = [];
    for (let q = 0; q < 8; q++) reports.push(r.process([[input, input], []], outL, outR, null));
    expect(reports.filter((x) => x !== null)).toHaveLength(2);
    const last = reports[7]!;
    expect(last.inputPeak).toBe(1);
    expect(last.gainReductionDb).toBeCloseTo(20 * (1 - 1 / 4), 1);
  });
});

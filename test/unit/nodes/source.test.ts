/**
 * The `source` node: playback position, offset and loop semantics checked sample-exactly against
 * out[n] = g·clip[(round(offset·fs) + n) mod L] on a synthetic clip, plus gain math, natural
 * length, clipsUsed, missing clips, clip-reference validation and demo stems through the node.
 */
import { describe, expect, it } from 'vitest';
import { resolveParams, type StringParamSpec } from '../../../src/graph/catalog';
import type { ParamValue } from '../../../src/graph/types';
import { sourceNode } from '../../../src/nodes/source';
import { getDemoStem } from '../../../src/nodes/source/demo';
import type { ClipAudio, Kernel, KernelContext } from '../../../src/nodes/types';

const FS = 48000;

/** A stereo test clip whose every sample is distinct, so any misplaced read shows. */
function syntheticClip(frames: number): ClipAudio {
  const left = new Float32Array(frames);
  const right = new Float32Array(frames);
  for (let i = 0; i < frames; i++) {
    left[i] = Math.sin(i * 0.0123) * 0.5 + i / (4 * frames);
    right[i] = -left[i] * 0.75 + 0.01;
  }
  return { left, right };
}

function context(clips: Record<string, ClipAudio> = {}, sampleRate = FS): KernelContext {
  return {
    sampleRate,
    maxBlockSize: 4096,
    getClip: (name) => (Object.prototype.hasOwnProperty.call(clips, name) ? clips[name] : undefined),
  };
}

function makeKernel(ctx: KernelContext, params: Record<string, ParamValue>): Kernel {
  return sourceNode.createKernel(ctx, resolveParams(sourceNode, params));
}

function render(kernel: Kernel, frames: number, blockSize: number): { left: Float32Array; right: Float32Array } {
  const left = new Float32Array(frames);
  const right = new Float32Array(frames);
  // Poisoned blocks: the kernel must overwrite every frame it is asked for.
  const block = { left: new Float32Array(blockSize).fill(NaN), right: new Float32Array(blockSize).fill(NaN) };
  for (let done = 0; done < frames; done += blockSize) {
    const n = Math.min(blockSize, frames - done);
    kernel.process({ inputs: [], inputConnected: [], outputs: [block], frames: n });
    left.set(block.left.subarray(0, n), done);
    right.set(block.right.subarray(0, n), done);
  }
  return { left, right };
}

/** First frame where `actual` differs from `expected(n)`, or −1. */
function firstMismatch(actual: Float32Array, expected: (n: number) => number): number {
  for (let n = 0; n < actual.length; n++) if (actual[n] !== Math.fround(expected(n))) return n;
  return -1;
}

const CLIP_FRAMES = 12000; // 0.25 s at 48 kHz
const clip = syntheticClip(CLIP_FRAMES);
const ctx = context({ 'take_1.wav': clip });

describe('source definition', () => {
  it('has the catalog keys, ranges and defaults of the contract', () => {
    expect(sourceNode.type).toBe('source');
    expect(sourceNode.category).toBe('Sources');
    expect(sourceNode.inputs).toHaveLength(0);
    expect(sourceNode.outputs.map((p) => p.id)).toEqual(['out']);
    const byKey = new Map(sourceNode.params.map((p) => [p.key, p]));
    expect(byKey.get('clip')).toMatchObject({ kind: 'string', default: 'demo:drums' });
    expect(byKey.get('gain')).toMatchObject({ kind: 'number', unit: 'dB', min: -60, max: 24, default: 0, scale: 'db' });
    expect(byKey.get('loop')).toMatchObject({ kind: 'bool', default: true });
    expect(byKey.get('offset')).toMatchObject({ kind: 'number', unit: 's', min: 0, max: 3600, default: 0 });
    for (const p of sourceNode.params) expect(p.help.length).toBeGreaterThan(20);
  });

  it('accepts demo stems and file names, and rejects everything else', () => {
    const spec = sourceNode.params.find((p) => p.key === 'clip') as StringParamSpec;
    const pattern = spec.pattern as RegExp;
    expect(spec.patternHint).toMatch(/demo:drums/);
    for (const ok of ['demo:drums', 'demo:bass', 'demo:keys', 'demo:lead', 'demo:vocals', 'file:a', 'file:Take_1-final.v2.wav', `file:${'x'.repeat(128)}`]) {
      expect(pattern.test(ok), ok).toBe(true);
    }
    for (const bad of ['demo:piano', 'demo:', 'file:', 'file:a/b', 'file:../x', 'file:a b', `file:${'x'.repeat(129)}`, 'drums', 'http://x', 'DEMO:drums', 'demo:drums ', 'file:ü']) {
      expect(pattern.test(bad), bad).toBe(false);
    }
  });
});

describe('source: playback', () => {
  it.each([128, 4096, 1000])('looping with an offset: out[n] = clip[(offset·fs + n) mod L] exactly (blocks of %d)', (blockSize) => {
    const offset = 0.1; // 4800 frames
    const start = Math.round(offset * FS);
    const kernel = makeKernel(ctx, { clip: 'file:take_1.wav', loop: true, offset, gain: 0 });
    const out = render(kernel, 3 * CLIP_FRAMES + 777, blockSize);
    expect(firstMismatch(out.left, (n) => clip.left[(start + n) % CLIP_FRAMES])).toBe(-1);
    expect(firstMismatch(out.right, (n) => clip.right[(start + n) % CLIP_FRAMES])).toBe(-1);
  });

  it('an offset beyond the clip wraps around the whole clip when looping', () => {
    const offset = 0.6; // 28800 frames = 2 clips + 4800
    const kernel = makeKernel(ctx, { clip: 'file:take_1.wav', loop: true, offset });
    const out = render(kernel, 2 * CLIP_FRAMES, 512);
    expect(firstMismatch(out.left, (n) => clip.left[(28800 + n) % CLIP_FRAMES])).toBe(-1);
  });

  it.each([128, 4096, 1000])('not looping: plays from the offset to the end, then exact silence (blocks of %d)', (blockSize) => {
    const offset = 0.05; // 2400 frames
    const start = Math.round(offset * FS);
    const kernel = makeKernel(ctx, { clip: 'file:take_1.wav', loop: false, offset });
    const out = render(kernel, 2 * CLIP_FRAMES, blockSize);
    const expected = (channel: Float32Array) => (n: number) => (start + n < CLIP_FRAMES ? channel[start + n] : 0);
    expect(firstMismatch(out.left, expected(clip.left))).toBe(-1);
    expect(firstMismatch(out.right, expected(clip.right))).toBe(-1);
    expect(out.left.subarray(CLIP_FRAMES - start).every((v) => v === 0)).toBe(true);
  });

  it.each([128, 4096, 1000])('a clip marked finite plays at 0 dB by copy: the same samples, looping and not (blocks of %d)', (blockSize) => {
    const marked = { ...syntheticClip(CLIP_FRAMES), finite: true };
    const markedCtx = context({ 'take_1.wav': marked });
    for (const loop of [true, false]) {
      const params = { clip: 'file:take_1.wav', loop, offset: 0.1, gain: 0 };
      const a = render(makeKernel(markedCtx, params), 2 * CLIP_FRAMES + 333, blockSize);
      const b = render(makeKernel(ctx, params), 2 * CLIP_FRAMES + 333, blockSize);
      expect(firstMismatch(a.left, (n) => b.left[n])).toBe(-1);
      expect(firstMismatch(a.right, (n) => b.right[n])).toBe(-1);
    }
  });

  it('an unmarked clip with NaN and infinities plays them as 0 at 0 dB', () => {
    const bad = syntheticClip(1000);
    bad.left[10] = NaN;
    bad.right[20] = Infinity;
    const out = render(makeKernel(context({ 'bad.wav': bad }), { clip: 'file:bad.wav', gain: 0, loop: false }), 1000, 128);
    expect(out.left[10]).toBe(0);
    expect(out.right[20]).toBe(0);
    expect(out.left[11]).toBe(bad.left[11]);
  });

  it.each([-60, -6.02, 0, 3.5, 24])('gain %d dB multiplies every sample by 10^(dB/20)', (gainDb) => {
    const g = Math.pow(10, gainDb / 20);
    const kernel = makeKernel(ctx, { clip: 'file:take_1.wav', gain: gainDb });
    const out = render(kernel, CLIP_FRAMES, 1000);
    expect(firstMismatch(out.left, (n) => g * clip.left[n])).toBe(-1);
    // And the level change in dB is the setting.
    let inEnergy = 0;
    let outEnergy = 0;
    for (let n = 0; n < CLIP_FRAMES; n++) {
      inEnergy += clip.left[n] ** 2;
      outEnergy += out.left[n] ** 2;
    }
    expect(10 * Math.log10(outEnergy / inEnergy)).toBeCloseTo(gainDb, 4);
  });

  it('plays silence for a missing file clip (no throw)', () => {
    const kernel = makeKernel(ctx, { clip: 'file:not-bound.wav' });
    const out = render(kernel, 5000, 1000);
    expect(out.left.every((v) => v === 0) && out.right.every((v) => v === 0)).toBe(true);
  });

  it('never outputs NaN or Inf, even from a corrupt clip at +24 dB', () => {
    const bad = syntheticClip(100);
    bad.left[3] = NaN;
    bad.left[4] = Infinity;
    bad.right[5] = 3e38; // × 15.8 overflows float32
    const kernel = makeKernel(context({ bad }), { clip: 'file:bad', gain: 24 });
    const out = render(kernel, 300, 64);
    expect(out.left.every(Number.isFinite) && out.right.every(Number.isFinite)).toBe(true);
    expect(out.left[3]).toBe(0);
    expect(out.right[5]).toBe(0);
  });

  it('reset starts playback again from the offset', () => {
    const kernel = makeKernel(ctx, { clip: 'file:take_1.wav', offset: 0.01 });
    const first = render(kernel, 3000, 256).left;
    render(kernel, 7000, 256);
    kernel.reset();
    expect(render(kernel, 3000, 256).left).toEqual(first);
  });

  it('changing the clip mid-render keeps the playhead position', () => {
    const other = syntheticClip(CLIP_FRAMES * 2);
    const ctx2 = context({ a: clip, b: other });
    const kernel = makeKernel(ctx2, { clip: 'file:a' });
    render(kernel, 5000, 1000);
    kernel.setParams(resolveParams(sourceNode, { clip: 'file:b' }));
    const out = render(kernel, 1000, 1000);
    expect(firstMismatch(out.left, (n) => other.left[5000 + n])).toBe(-1);
  });

  it('plays a demo stem sample for sample, looping', () => {
    const stem = getDemoStem('bass', FS);
    const kernel = makeKernel(ctx, { clip: 'demo:bass', offset: 15.5 });
    const out = render(kernel, FS, 4096);
    const start = Math.round(15.5 * FS);
    expect(firstMismatch(out.left, (n) => stem.left[(start + n) % stem.left.length])).toBe(-1);
    expect(firstMismatch(out.right, (n) => stem.right[(start + n) % stem.right.length])).toBe(-1);
  });
});

describe('source: natural length and clips used', () => {
  const length = (params: Record<string, ParamValue>, c: KernelContext = ctx) =>
    sourceNode.naturalLengthSeconds?.(resolveParams(sourceNode, params), c);

  it('is clip length − offset when not looping, undefined when looping', () => {
    expect(length({ clip: 'file:take_1.wav', loop: false })).toBeCloseTo(CLIP_FRAMES / FS, 12);
    expect(length({ clip: 'file:take_1.wav', loop: false, offset: 0.1 })).toBeCloseTo(CLIP_FRAMES / FS - 0.1, 12);
    expect(length({ clip: 'file:take_1.wav', loop: false, offset: 10 })).toBe(0);
    expect(length({ clip: 'file:take_1.wav', loop: true })).toBeUndefined();
    expect(length({ clip: 'demo:vocals', loop: false, offset: 4 })).toBeCloseTo(12, 12);
    expect(length({ clip: 'demo:vocals', loop: true })).toBeUndefined();
    expect(length({ clip: 'file:missing', loop: false })).toBe(0);
    // At another rate the same clip is measured in that rate's frames.
    expect(length({ clip: 'file:take_1.wav', loop: false }, context({ 'take_1.wav': clip }, 44100))).toBeCloseTo(CLIP_FRAMES / 44100, 12);
  });

  it('lists the file clip it needs, and nothing for demo stems', () => {
    const used = (clipRef: string) => sourceNode.clipsUsed?.(resolveParams(sourceNode, { clip: clipRef }));
    expect(used('file:take_1.wav')).toEqual(['take_1.wav']);
    expect(used('demo:drums')).toEqual([]);
  });
});

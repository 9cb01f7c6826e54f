/**
 * The album's streaming parts: the matching filter on a stream equals the whole-clip filter (which
 * album-core tests against its designed response) bit for bit, in any read size; a streamed clip
 * reads any range, forwards or backwards, as the clip in memory would; and a render from a
 * stream equals a render from the same clip in memory.
 */
import { describe, expect, it } from 'vitest';
import { drainStream, sameSamples } from '../../helpers/stereoStreams';
import { applyMatchFilter, designMatchFilter, GRID_SIZE } from '../../../src/album';
import { MatchFilterStream } from '../../../src/album/matchFilterStream';
import { streamedClip } from '../../../src/album/streamedClip';
import type { StereoStream } from '../../../src/runtime/audio-io/decoders/stereoStream';
import { renderGraph } from '../../../src/runtime/render';
import type { Graph } from '../../../src/graph/types';

function noise(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = (s / 2 ** 32 - 0.5) * 0.8;
  }
  return out;
}

/** A stream over arrays in memory that hands out at most `chunk` frames per read. */
function arrayStream(left: Float32Array, right: Float32Array, chunk: number, sampleRate = 48000): StereoStream {
  let at = 0;
  return {
    sampleRate,
    frames: left.length,
    read(l, r, max) {
      const n = Math.min(max, chunk, left.length - at);
      if (n <= 0) return 0;
      l.set(left.subarray(at, at + n));
      r.set(right.subarray(at, at + n));
      at += n;
      return n;
    },
  };
}


describe('MatchFilterStream', () => {
  const correction = Array.from({ length: GRID_SIZE }, (_, k) => 4 * Math.sin(k / 9));
  const filter = designMatchFilter(correction, 48000);
  for (const frames of [100, 8192, 30000]) {
    it(`equals applyMatchFilter on ${frames} frames, read in any size`, () => {
      const left = noise(frames, 1);
      const right = noise(frames, 2);
      const wantLeft = applyMatchFilter(filter, left);
      const wantRight = applyMatchFilter(filter, right);
      for (const [chunk, block] of [[frames, 4096], [1000, 333], [7, 10000]]) {
        const got = drainStream(new MatchFilterStream(arrayStream(left, right, chunk), filter), block);
        expect(sameSamples(got.left, wantLeft)).toBe(true);
        expect(sameSamples(got.right, wantRight)).toBe(true);
      }
    });
  }
});

describe('streamedClip', () => {
  const left = noise(5000, 3);
  const right = noise(5000, 4);
  let opened = 0;
  const clip = streamedClip(() => {
    opened += 1;
    return arrayStream(left, right, 600);
  }, left.length);

  it('reads ranges in order, skips forward, reopens to go back, pads with zeros past the end', () => {
    const l = new Float32Array(300);
    const r = new Float32Array(300);
    const check = (from: number, count: number, at: number) => {
      clip.stream!.read(from, count, l, r, at);
      for (let i = 0; i < count; i++) {
        expect(l[at + i]).toBe(from + i < left.length ? left[from + i] : 0);
        expect(r[at + i]).toBe(from + i < right.length ? right[from + i] : 0);
      }
    };
    check(0, 128, 0);
    check(128, 200, 50);
    check(2000, 256, 10); // forward skip
    expect(opened).toBe(1);
    check(100, 64, 0); // backwards: reopened
    expect(opened).toBe(2);
    check(4900, 200, 0); // past the end
  });

  it('renders the same samples as the clip in memory', async () => {
    const graph: Graph = {
      format: 'mixgraph',
      version: 1,
      name: 'stream',
      nodes: [
        { id: 'src', type: 'source', position: { x: 0, y: 0 }, params: { clip: 'file:track', loop: true, gain: -3, offset: 0.02 } },
        { id: 'out', type: 'output', position: { x: 200, y: 0 }, params: {} },
      ],
      edges: [{ id: 'e', from: { node: 'src', port: 'out' }, to: { node: 'out', port: 'in' } }],
    };
    const collect = async (inputs: Record<string, { left: Float32Array; right: Float32Array }>) => {
      const chunks: Float32Array[] = [];
      await renderGraph(graph, { sampleRate: 48000, seconds: 0.25, inputs, blockSize: 128 }, (l, r, n) => {
        chunks.push(l.slice(0, n), r.slice(0, n));
      });
      return chunks;
    };
    // 0.25 s from 0.02 s into a 5000-frame looping clip: wraps around twice.
    const fromMemory = await collect({ track: { left, right } });
    const fromStream = await collect({ track: streamedClip(() => arrayStream(left, right, 777), left.length) });
    expect(fromStream.length).toBe(fromMemory.length);
    fromStream.forEach((c, i) => expect(sameSamples(c, fromMemory[i])).toBe(true));
  });
});

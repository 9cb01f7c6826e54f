/**
 * Rendering an album track from a FLAC file gives the same WAV bytes as rendering it from a 16-bit
 * WAV of the same PCM (both decode to the same floats: compressed-decoders.test.ts checks FLAC
 * against ffmpeg's WAV), through the closed loop's passes, in three graphs: the default chain (one
 * source, read forward), a looping source with an offset (it wraps once per pass, so the stream
 * reopens once: the spare decoder), and two sources playing the track (held whole).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_ALBUM_OPTIONS, defaultAlbumGraph, planAlbum } from '../../../src/album';
import { analyzeTrackBytes, renderTrackBytes } from '../../../src/album/byteTasks';
import type { Graph } from '../../../src/graph/types';
import { encodeWav } from '../../../src/runtime/audio-io/portable';

const dir = mkdtempSync(join(tmpdir(), 'mixgraph-album-compressed-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** 0.6 s of a tone with noise at 44.1 kHz (so the render resamples), as 16-bit WAV and FLAC by ffmpeg. */
function files(): { wav: Uint8Array; flac: Uint8Array } {
  const n = Math.round(0.6 * 44100);
  const left = new Float32Array(n);
  const right = new Float32Array(n);
  let seed = 5;
  for (let i = 0; i < n; i++) {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    left[i] = 0.3 * Math.sin((2 * Math.PI * 220 * i) / 44100) + 0.1 * (seed / 2 ** 32 - 0.5);
    right[i] = 0.2 * Math.sin((2 * Math.PI * 3300 * i) / 44100);
  }
  const source = join(dir, 'source.wav');
  writeFileSync(source, encodeWav(left, right, 44100, '32f'));
  const out = (name: string, args: string[]) => {
    const r = spawnSync('ffmpeg', ['-v', 'error', '-y', '-i', source, ...args, join(dir, name)], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    return new Uint8Array(readFileSync(join(dir, name)));
  };
  return { wav: out('t.wav', ['-c:a', 'pcm_s16le']), flac: out('t.flac', ['-sample_fmt', 's16']) };
}

const { wav, flac } = files();

function variant(kind: 'default' | 'looping' | 'two sources'): Graph {
  const graph = defaultAlbumGraph();
  if (kind === 'default') return graph;
  const track = graph.nodes.find((n) => n.id === 'track')!;
  if (kind === 'looping') {
    return { ...graph, nodes: graph.nodes.map((n) => (n === track ? { ...n, params: { ...n.params, loop: true, offset: 0.25 } } : n)) };
  }
  const echo = { ...track, id: 'track2', params: { ...track.params, offset: 0.15, gain: -12 } };
  const wires = graph.edges.filter((e) => e.from.node === 'track').map((e, i) => ({ ...e, id: `w-echo-${i}`, from: { node: 'track2', port: 'out' } }));
  return { ...graph, nodes: [...graph.nodes, echo], edges: [...graph.edges, ...wires] };
}

describe('album render from a FLAC track', () => {
  for (const kind of ['default', 'looping', 'two sources'] as const) {
    it(`equals the render from the same PCM as WAV (${kind} graph)`, async () => {
      const analysis = await analyzeTrackBytes(wav, 't.wav', 48000);
      // −30 LUFS target far from the track's level: the closed loop takes more than one pass.
      const plan = planAlbum([{ input: 't', output: 't.wav', analysis }], { ...DEFAULT_ALBUM_OPTIONS, targetLufs: -30, match: 'none' }, variant(kind), 'test graph');
      const fromWav = await renderTrackBytes(plan, 0, wav);
      const fromFlac = await renderTrackBytes(plan, 0, flac);
      expect(fromFlac.rendered.passes).toBe(fromWav.rendered.passes);
      expect(Buffer.from(fromFlac.wav).equals(Buffer.from(fromWav.wav))).toBe(true);
      expect((await analyzeTrackBytes(flac, 't.flac', 48000)).integratedLufs).toBe(analysis.integratedLufs);
    });
  }
});

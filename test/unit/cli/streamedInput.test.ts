/**
 * `mixgraph render`'s streamed inputs (src/cli/streamedInput.ts, `prepareRender`'s
 * `streamInputs`): the source kernel must hear exactly the samples of the whole-file decode
 * (`readAudioFile` + `toRenderClip`), for files made by sox; a split render's worker must be able to
 * open the clip from its file name alone; inputs read from two places stay decoded.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareRender } from '../../../src/cli/renderBudget';
import { openFileClips, openStreamedInput } from '../../../src/cli/streamedInput';
import type { Graph } from '../../../src/graph/types';
import type { ClipAudio } from '../../../src/nodes/types';
import { createSourceKernel } from '../../../src/nodes/source/kernel';
import { readAudioFile, toRenderClip } from '../../../src/runtime/audio-io';
import { parseDocument } from '../../../src/runtime/document';
import { pcm16le, wavBytes } from '../../helpers/wavBytes';

const dir = mkdtempSync(join(tmpdir(), 'mixgraph-streamed-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function sox(file: string, args: string[]): string {
  const path = join(dir, file);
  const r = spawnSync('sox', ['-n', ...args, path, 'synth', '2.3', 'pinknoise', 'vol', '0.5'], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return path;
}

let stereo48: string;
let mono44: string;
let float48: string;
beforeAll(() => {
  stereo48 = sox('stereo48.wav', ['-r', '48000', '-c', '2', '-b', '24']);
  mono44 = sox('mono44.wav', ['-r', '44100', '-c', '1', '-b', '16']);
  float48 = sox('float48.wav', ['-r', '48000', '-c', '2', '-e', 'floating-point', '-b', '32']);
});

/** What a source kernel plays from `clip` at `gain` dB, in blocks of `block` frames. */
function play(clip: ClipAudio, frames: number, block: number, gain = 0): { left: Float32Array; right: Float32Array } {
  const kernel = createSourceKernel(
    { sampleRate: 48000, maxBlockSize: block, getClip: (name) => (name === 'in' ? clip : undefined) },
    { clip: 'file:in', gain, loop: false, offset: 0 },
  );
  const left = new Float32Array(frames);
  const right = new Float32Array(frames);
  const out = { left: new Float32Array(block), right: new Float32Array(block) };
  for (let done = 0; done < frames; done += block) {
    const n = Math.min(block, frames - done);
    kernel.process({ frames: n, inputs: [], outputs: [out] } as never);
    left.set(out.left.subarray(0, n), done);
    right.set(out.right.subarray(0, n), done);
  }
  return { left, right };
}

describe('a streamed input plays the samples of the whole-file decode', () => {
  for (const [what, file, finite] of [
    ['24-bit stereo at the render rate', () => stereo48, true],
    ['16-bit mono at 44.1 kHz (resampled)', () => mono44, false],
    ['32-bit float stereo at the render rate', () => float48, true],
  ] as const) {
    it(what, () => {
      const input = openStreamedInput(file(), 48000);
      expect(input).not.toBeNull();
      const whole = toRenderClip(readAudioFile(file()), 48000);
      try {
        expect(input!.frames).toBe(whole.left.length);
        expect(input!.clip.file).toBe(file());
        expect(input!.clip.finite === true, 'marked finite only without resampling').toBe(finite);
        for (const [block, gain] of [[4096, 0], [1000, 0], [128, -6]] as const) {
          const streamed = play(input!.clip, whole.left.length + 300, block, gain);
          const decoded = play({ left: whole.left, right: whole.right }, whole.left.length + 300, block, gain);
          expect(Buffer.from(streamed.left.buffer).equals(Buffer.from(decoded.left.buffer)), `left, ${block}-frame blocks, ${gain} dB`).toBe(true);
          expect(Buffer.from(streamed.right.buffer).equals(Buffer.from(decoded.right.buffer)), `right, ${block}-frame blocks`).toBe(true);
        }
      } finally {
        input!.close();
      }
    });
  }

  it('NaN and infinity in a float file play as 0 at unity gain, as decoded', () => {
    const samples = new Float32Array([0.5, NaN, Infinity, -0.25, -Infinity, 0.125]);
    const path = join(dir, 'nan.wav');
    writeFileSync(path, wavBytes({ formatTag: 3, channels: 1, rate: 48000, bits: 32, data: new Uint8Array(samples.buffer) }));
    const input = openStreamedInput(path, 48000)!;
    try {
      expect(input.clip.finite).toBe(true);
      const { left, right } = play(input.clip, 6, 128);
      expect([...left]).toEqual([0.5, 0, 0, -0.25, 0, 0.125]);
      expect([...right]).toEqual([...left]);
    } finally {
      input.close();
    }
  });

  it('a file that is not WAV or AIFF is left to the whole decode; a missing one is named', () => {
    const flac = join(dir, 'x.flac');
    expect(spawnSync('sox', [stereo48, flac]).status).toBe(0);
    expect(openStreamedInput(flac, 48000)).toBeNull();
    expect(() => openStreamedInput(join(dir, 'missing.wav'), 48000)).toThrow(/missing\.wav.*file not found/);
    const damaged = join(dir, 'damaged.wav');
    writeFileSync(damaged, wavBytes({ channels: 2, rate: 48000, bits: 16, data: pcm16le([1, 2]) }).subarray(0, 30));
    expect(() => openStreamedInput(damaged, 48000)).toThrow(/damaged\.wav/);
  });
});

describe('a split render hands the worker the file, not the stream', () => {
  it('openFileClips opens a file-only clip as a stream of its own and keeps the others', () => {
    const other: ClipAudio = { left: new Float32Array([1, 2]), right: new Float32Array([3, 4]) };
    const sent = structuredClone({ a: { left: new Float32Array(0), right: new Float32Array(0), file: stereo48 }, b: other });
    const { clips, close } = openFileClips(sent, 48000);
    try {
      expect(clips.b).toEqual(other);
      expect(clips.a.stream?.frames).toBe(toRenderClip(readAudioFile(stereo48), 48000).left.length);
      const whole = toRenderClip(readAudioFile(stereo48), 48000);
      const streamed = play(clips.a, 5000, 4096);
      expect(Buffer.from(streamed.left.buffer).equals(Buffer.from(whole.left.slice(0, 5000).buffer))).toBe(true);
    } finally {
      close();
    }
    expect(() => openFileClips({ a: { left: new Float32Array(0), right: new Float32Array(0), file: join(dir, 'gone.wav') } }, 48000)).toThrow(/gone\.wav/);
  });
});

describe('prepareRender with streamInputs', () => {
  function graph(sources: { id: string; clip: string }[]): Graph {
    const result = parseDocument({
        format: 'mixgraph',
        version: 1,
        name: 'streamed inputs',
        nodes: [
          ...sources.map((s) => ({ id: s.id, type: 'source', position: { x: 0, y: 0 }, params: { clip: s.clip, loop: false } })),
          { id: 'out', type: 'output', position: { x: 0, y: 0 }, params: {} },
        ],
        edges: sources.map((s, i) => ({ id: `w${i}`, from: { node: s.id, port: 'out' }, to: { node: 'out', port: 'in' } })),
    });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    return result.graph;
  }

  it('streams an input one node plays and decodes one that two nodes play', () => {
    const g = graph([
      { id: 'one', clip: 'file:one' },
      { id: 'twoA', clip: 'file:two' },
      { id: 'twoB', clip: 'file:two' },
    ]);
    const bindings = new Map([
      ['one', stereo48],
      ['two', mono44],
    ]);
    const prepared = prepareRender(g, bindings, 48000, undefined, 2 ** 30, false, new Map(), { streamInputs: true });
    try {
      expect(prepared.inputs.one.stream).toBeDefined();
      expect(prepared.inputs.one.file).toBe(stereo48);
      expect(prepared.inputs.two.stream).toBeUndefined();
      expect(prepared.inputs.two.left.length).toBeGreaterThan(0);
      // The default length comes from the streamed clip as from a decoded one.
      const plain = prepareRender(g, bindings, 48000, undefined, 2 ** 30, false);
      expect(plain.inputs.one.stream).toBeUndefined();
      expect(prepared.seconds).toBe(plain.seconds);
    } finally {
      prepared.close();
    }
  });
});

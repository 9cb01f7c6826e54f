/**
 * Streaming a track (read by range, mixed to stereo, resampled in blocks) gives exactly the
 * samples of decoding the whole file and preparing it with `toRenderClip` — for WAV and AIFF
 * files that ffmpeg writes in several layouts (mono, 5.1 with a channel mask, big-endian AIFF,
 * metadata chunks before the audio), at equal, ratio and odd rates, in any block size.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { drainStream } from '../../helpers/stereoStreams';
import { decodeAudioFile, encodeWav, toRenderClip } from '../../../src/runtime/audio-io/portable';
import { memoryByteSource } from '../../../src/runtime/audio-io/decoders/byteSource';
import { openFileByteSource } from '../../../src/runtime/audio-io/decoders/fileByteSource';
import { openTrackSource, type TrackSource } from '../../../src/runtime/audio-io/decoders/trackSource';

const dir = mkdtempSync(join(tmpdir(), 'mixgraph-track-stream-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** 1.3 s of two unrelated noisy tones at 48 kHz, as a float WAV for ffmpeg to convert. */
function sourceWav(): string {
  const n = Math.round(1.3 * 48000);
  const left = new Float32Array(n);
  const right = new Float32Array(n);
  let seed = 7;
  for (let i = 0; i < n; i++) {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    left[i] = 0.4 * Math.sin((2 * Math.PI * 440 * i) / 48000) + 0.1 * (seed / 2 ** 32 - 0.5);
    right[i] = 0.3 * Math.sin((2 * Math.PI * 1234 * i) / 48000);
  }
  const path = join(dir, 'source.wav');
  writeFileSync(path, encodeWav(left, right, 48000, '32f'));
  return path;
}

function ffmpeg(input: string, output: string, args: string[]): string {
  const r = spawnSync('ffmpeg', ['-v', 'error', '-y', '-i', input, ...args, join(dir, output)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return join(dir, output);
}

function readAll(track: TrackSource, block: number): { left: Float32Array; right: Float32Array } {
  const stream = track.open();
  expect(stream.frames).toBe(track.frames);
  return drainStream(stream, block);
}

const source = sourceWav();
const cases: [string, string, string[]][] = [
  ['stereo 24-bit WAV at 44.1 kHz', 'a.wav', ['-c:a', 'pcm_s24le', '-ar', '44100']],
  ['mono 16-bit WAV at 48 kHz', 'b.wav', ['-c:a', 'pcm_s16le', '-ac', '1']],
  ['5.1 32-bit WAV (extensible, channel mask) at 96 kHz', 'c.wav', ['-c:a', 'pcm_s32le', '-ar', '96000', '-af', 'pan=5.1|FL=c0|FR=c1|FC=0.5*c0|LFE=0.1*c1|BL=0.3*c0|BR=0.3*c1']],
  ['big-endian 24-bit AIFF at 44101 Hz (odd ratio)', 'd.aiff', ['-c:a', 'pcm_s24be', '-ar', '44101']],
  ['float WAV with metadata before the audio', 'e.wav', ['-c:a', 'pcm_f32le', '-metadata', 'title=a long title', '-metadata', 'artist=someone']],
];

describe('openTrackSource streams what toRenderClip prepares from the whole file', () => {
  for (const [what, name, args] of cases) {
    it(what, async () => {
      const path = ffmpeg(source, name, args);
      const bytes = new Uint8Array(readFileSync(path));
      const whole = toRenderClip(decodeAudioFile(bytes, name), 48000);
      const fromMemory = await openTrackSource(memoryByteSource(bytes), name, 48000);
      expect(fromMemory.byRange).toBe(true);
      expect(fromMemory.frames).toBe(whole.left.length);
      for (const block of [4096, 777]) {
        const streamed = readAll(fromMemory, block);
        expect(Buffer.from(streamed.left.buffer).equals(Buffer.from(whole.left.buffer))).toBe(true);
        expect(Buffer.from(streamed.right.buffer).equals(Buffer.from(whole.right.buffer))).toBe(true);
      }
      const file = openFileByteSource(path);
      try {
        const streamed = readAll(await openTrackSource(file, name, 48000), 1000);
        expect(Buffer.from(streamed.left.buffer).equals(Buffer.from(whole.left.buffer))).toBe(true);
      } finally {
        file.close();
      }
    });
  }

  it('names the file for one that is not audio', async () => {
    await expect(openTrackSource(memoryByteSource(new TextEncoder().encode('hello, not a wav file at all')), 'notes.txt', 48000)).rejects.toThrow(/notes\.txt/);
  });
});

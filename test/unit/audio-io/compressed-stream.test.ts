/**
 * Streaming a FLAC, MP3, Ogg Opus or Ogg Vorbis track (read in chunks, decoded incrementally,
 * mixed to stereo and resampled in blocks) gives exactly the samples of decoding the whole file
 * with the package's own whole-file call (`decodeCompressed`) and preparing it with
 * `toRenderClip`. The files are made by ffmpeg in the test, long enough (≥ 3 chunks of 64 KiB) that
 * chunk boundaries fall inside frames and pages. The MP3's length is also checked against ffmpeg's
 * decode, which honours the LAME header's encoder delay and padding as mpg123 does.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { drainStream, sameSamples } from '../../helpers/stereoStreams';
import { encodeWav, toRenderClip } from '../../../src/runtime/audio-io/portable';
import { memoryByteSource } from '../../../src/runtime/audio-io/decoders/byteSource';
import { DECODE_CHUNK_BYTES } from '../../../src/runtime/audio-io/decoders/chunkDecoders';
import { decodeCompressed } from '../../../src/runtime/audio-io/decoders/compressedDecoders';
import { openFileByteSource } from '../../../src/runtime/audio-io/decoders/fileByteSource';
import { openTrackSource, type TrackSource } from '../../../src/runtime/audio-io/decoders/trackSource';

const dir = mkdtempSync(join(tmpdir(), 'mixgraph-compressed-stream-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** 4 s of two tones with noise (noise keeps the bit rate up, so the files span several chunks). */
function sourceWav(): string {
  const n = 4 * 48000;
  const left = new Float32Array(n);
  const right = new Float32Array(n);
  let seed = 11;
  for (let i = 0; i < n; i++) {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    const noise = seed / 2 ** 32 - 0.5;
    left[i] = 0.4 * Math.sin((2 * Math.PI * 440 * i) / 48000) + 0.2 * noise;
    right[i] = 0.3 * Math.sin((2 * Math.PI * 1234 * i) / 48000) - 0.1 * noise;
  }
  const path = join(dir, 'source.wav');
  writeFileSync(path, encodeWav(left, right, 48000, '32f'));
  return path;
}

function ffmpeg(args: string[], output: string): string {
  const r = spawnSync('ffmpeg', ['-v', 'error', '-y', ...args, join(dir, output)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return join(dir, output);
}

function readAll(track: TrackSource, block: number): { left: Float32Array; right: Float32Array } {
  const stream = track.open();
  expect(stream.frames).toBe(track.frames);
  return drainStream(stream, block);
}


const source = sourceWav();
const fiveOne = ['-af', 'pan=5.1|FL=c0|FR=c1|FC=0.5*c0|LFE=0.1*c1|BL=0.3*c0|BR=0.3*c1'];
const cases: [string, string, string[], number][] = [
  ['FLAC 16-bit stereo at 44.1 kHz, rendered at 48 kHz', 'a.flac', ['-ar', '44100', '-sample_fmt', 's16'], 48000],
  ['FLAC 24-bit mono at 48 kHz', 'b.flac', ['-ac', '1', '-sample_fmt', 's32', '-bits_per_raw_sample', '24'], 48000],
  ['MP3 (LAME, gapless header) at 44.1 kHz, rendered at 48 kHz', 'c.mp3', ['-ar', '44100', '-c:a', 'libmp3lame', '-b:a', '320k'], 48000],
  ['MP3 at 44.1 kHz, rendered at 44.1 kHz', 'c.mp3', [], 44100],
  ['Ogg Opus stereo', 'd.opus', ['-c:a', 'libopus', '-b:a', '256k'], 48000],
  ['Ogg Opus 5.1 (multistream, mapping family 1)', 'e.opus', [...fiveOne, '-c:a', 'libopus', '-b:a', '384k'], 48000],
  ['Ogg Vorbis stereo at 44.1 kHz, rendered at 48 kHz', 'f.ogg', ['-ar', '44100', '-c:a', 'libvorbis', '-q:a', '10'], 48000],
];

describe('compressed tracks stream what the whole-file decode gives', () => {
  for (const [what, name, args, rate] of cases) {
    it(what, async () => {
      const path = args.length > 0 ? ffmpeg(['-i', source, ...args], name) : join(dir, name);
      const bytes = new Uint8Array(readFileSync(path));
      expect(bytes.length).toBeGreaterThan(2 * DECODE_CHUNK_BYTES);
      const kind = name.endsWith('.flac') ? 'flac' : name.endsWith('.mp3') ? 'mp3' : 'ogg';
      const whole = toRenderClip(await decodeCompressed(bytes, kind, name), rate);
      const track = await openTrackSource(memoryByteSource(bytes), name, rate);
      expect(track.byRange).toBe(true);
      expect(track.frames).toBe(whole.left.length);
      for (const block of [4096, 777]) {
        if (block !== 4096) await track.prepare();
        const streamed = readAll(track, block);
        expect(sameSamples(streamed.left, whole.left)).toBe(true);
        expect(sameSamples(streamed.right, whole.right)).toBe(true);
      }
      const file = openFileByteSource(path);
      try {
        const streamed = readAll(await openTrackSource(file, name, rate), 1000);
        expect(sameSamples(streamed.left, whole.left)).toBe(true);
        expect(sameSamples(streamed.right, whole.right)).toBe(true);
      } finally {
        file.close();
      }
    });
  }

  it('keeps the MP3 encoder delay and padding out, as ffmpeg does', async () => {
    const path = join(dir, 'c.mp3');
    statSync(path); // made by the case above
    const probe = spawnSync('ffmpeg', ['-v', 'error', '-i', path, '-f', 'f32le', '-ac', '1', '-'], { maxBuffer: 1 << 26 });
    const ffmpegFrames = probe.stdout.length / 4;
    const track = await openTrackSource(memoryByteSource(new Uint8Array(readFileSync(path))), 'c.mp3', 44100);
    // The source has 4 s at 48 kHz = 176400 frames at 44.1 kHz: what went into the encoder.
    expect(ffmpegFrames).toBe(176400);
    expect(track.frames).toBe(ffmpegFrames);
  });

  it('needs prepare() before a second stream, and says so', async () => {
    const track = await openTrackSource(memoryByteSource(new Uint8Array(readFileSync(join(dir, 'a.flac')))), 'a.flac', 44100);
    track.open();
    expect(() => track.open()).toThrow(/a\.flac: .*prepare\(\)/);
  });

  it('decodes a chained Ogg file (two logical streams) whole, with the same samples', async () => {
    const one = readFileSync(ffmpeg(['-i', source, '-t', '1', '-c:a', 'libopus'], 'g1.opus'));
    const two = readFileSync(ffmpeg(['-i', source, '-ss', '1', '-t', '1', '-c:a', 'libopus'], 'g2.opus'));
    const bytes = new Uint8Array(Buffer.concat([one, two]));
    const whole = toRenderClip(await decodeCompressed(bytes, 'ogg', 'chain.opus'), 48000);
    const track = await openTrackSource(memoryByteSource(bytes), 'chain.opus', 48000);
    expect(track.byRange).toBe(false);
    expect(sameSamples(readAll(track, 4096).left, whole.left)).toBe(true);
  });

  it('names the file when a compressed track is damaged', async () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('fLaC'), ...new Uint8Array(300).fill(7)]);
    await expect(openTrackSource(memoryByteSource(bytes), 'bad.flac', 48000)).rejects.toThrow(/^bad\.flac: /);
  });
});

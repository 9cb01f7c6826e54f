/**
 * Issue 9: WAV/AIFF decode and WAV encode through typed arrays must give exactly what the
 * DataView-per-sample code gave. The reference here is a plain DataView reader/writer written from
 * the format definitions (getInt16(p, littleEndian) / 2^15 …, setInt16 …), run on files made by
 * sox and ffmpeg and on hand-built files with odd offsets and non-finite floats.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createClipStats,
  createTpdfDither,
  createWavStreamEncoder,
  decodeAudioFile,
  encodeWav,
  type WavBits,
} from '../../../src/runtime/audio-io';
import { makeTempDir } from './helpers';

let dir = '';
let cleanup = (): void => {};
beforeAll(() => {
  ({ dir, cleanup } = makeTempDir('mixgraph-typed-'));
});
afterAll(() => cleanup());

type Word = 'u8' | 's8' | 's16' | 's24' | 's32' | 'f32' | 'f64';

/** The reference decoder: one DataView read per sample, as the format definitions state them. */
function referenceDecode(view: DataView, offset: number, frames: number, channels: number, word: Word, le: boolean): Float32Array[] {
  const width = { u8: 1, s8: 1, s16: 2, s24: 3, s32: 4, f32: 4, f64: 8 }[word];
  const out = Array.from({ length: channels }, () => new Float32Array(frames));
  for (let i = 0; i < frames; i++) {
    for (let c = 0; c < channels; c++) {
      const p = offset + (i * channels + c) * width;
      let v: number;
      switch (word) {
        case 'u8':
          v = (view.getUint8(p) - 128) / 128;
          break;
        case 's8':
          v = view.getInt8(p) / 128;
          break;
        case 's16':
          v = view.getInt16(p, le) / 32768;
          break;
        case 's24': {
          const hi = le ? view.getInt8(p + 2) : view.getInt8(p);
          const mid = view.getUint8(p + 1);
          const low = le ? view.getUint8(p) : view.getUint8(p + 2);
          v = (hi * 65536 + mid * 256 + low) / 8388608;
          break;
        }
        case 's32':
          v = view.getInt32(p, le) / 2147483648;
          break;
        case 'f32':
        case 'f64': {
          const x = Math.fround(word === 'f32' ? view.getFloat32(p, le) : view.getFloat64(p, le));
          v = !Number.isFinite(x) || Math.abs(x) < 2 ** -126 ? 0 : x;
          break;
        }
      }
      out[c][i] = v;
    }
  }
  return out;
}

/** Finds the first `id` chunk's body offset and size in a RIFF or FORM file. */
function findChunk(bytes: Buffer, id: string, bigEndian: boolean): { body: number; size: number } {
  let pos = 12;
  while (pos + 8 <= bytes.length) {
    const size = bigEndian ? bytes.readUInt32BE(pos + 4) : bytes.readUInt32LE(pos + 4);
    if (bytes.toString('latin1', pos, pos + 4) === id) return { body: pos + 8, size };
    pos += 8 + size + (size & 1);
  }
  throw new Error(`no ${id} chunk`);
}

const sameBits = (a: Float32Array, b: Float32Array) =>
  expect(Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength))).toBe(true);

describe('typed-array decode equals the DataView reference bit for bit', () => {
  const wavCases: [string, string[], Word][] = [
    ['u8', ['-e', 'unsigned', '-b', '8'], 'u8'],
    ['s16', ['-e', 'signed', '-b', '16'], 's16'],
    ['s24', ['-e', 'signed', '-b', '24'], 's24'],
    ['s32', ['-e', 'signed', '-b', '32'], 's32'],
    ['f32', ['-e', 'floating-point', '-b', '32'], 'f32'],
    ['f64', ['-e', 'floating-point', '-b', '64'], 'f64'],
  ];
  for (const [label, format, word] of wavCases) {
    it(`WAV ${label} made by sox (3 channels, noise at full scale)`, () => {
      const file = path.join(dir, `${label}.wav`);
      const r = spawnSync('sox', ['-n', '-r', '44100', '-c', '3', ...format, file, 'synth', '0.5', 'whitenoise', 'vol', '0.99']);
      expect(r.status).toBe(0);
      const bytes = fs.readFileSync(file);
      const data = findChunk(bytes, 'data', false);
      const width = { u8: 1, s8: 1, s16: 2, s24: 3, s32: 4, f32: 4, f64: 8 }[word];
      const frames = Math.floor(data.size / (3 * width));
      const expected = referenceDecode(new DataView(bytes.buffer, bytes.byteOffset, bytes.length), data.body, frames, 3, word, true);
      const decoded = decodeAudioFile(new Uint8Array(bytes), file);
      expect(decoded.channels).toHaveLength(3);
      for (let c = 0; c < 3; c++) sameBits(decoded.channels[c], expected[c]);
    });
  }

  for (const [label, codec, word] of [
    ['s16', 'pcm_s16be', 's16'],
    ['s24', 'pcm_s24be', 's24'],
    ['s32', 'pcm_s32be', 's32'],
    ['f32', 'pcm_f32be', 'f32'],
    ['f64', 'pcm_f64be', 'f64'],
    ['s8', 'pcm_s8', 's8'],
  ] as [string, string, Word][]) {
    it(`AIFF ${label} (big-endian) made by ffmpeg`, () => {
      const file = path.join(dir, `${label}.aiff`);
      const r = spawnSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'anoisesrc=d=0.3:a=0.9:r=48000', '-ac', '2', '-c:a', codec, file]);
      expect(r.status).toBe(0);
      const bytes = fs.readFileSync(file);
      const ssnd = findChunk(bytes, 'SSND', true);
      const offset = ssnd.body + 8 + bytes.readUInt32BE(ssnd.body);
      const width = { u8: 1, s8: 1, s16: 2, s24: 3, s32: 4, f32: 4, f64: 8 }[word];
      const frames = Math.floor((ssnd.size - 8) / (2 * width));
      const expected = referenceDecode(new DataView(bytes.buffer, bytes.byteOffset, bytes.length), offset, frames, 2, word, false);
      const decoded = decodeAudioFile(new Uint8Array(bytes), file);
      for (let c = 0; c < 2; c++) sameBits(decoded.channels[c], expected[c]);
    });
  }

  // Mono and stereo 16/24-bit little-endian take the packed-word path (three 32-bit words per four
  // 24-bit samples); the length leaves one to three samples for its byte-wise tail.
  for (const [label, format, word] of [
    ['s16', ['-e', 'signed', '-b', '16'], 's16'],
    ['s24', ['-e', 'signed', '-b', '24'], 's24'],
  ] as [string, string[], Word][]) {
    for (const channels of [1, 2]) {
      it(`WAV ${label}, ${channels} channel(s), made by sox: packed words, in ordinary and shared memory`, () => {
        const file = path.join(dir, `${label}-${channels}.wav`);
        const r = spawnSync('sox', ['-n', '-r', '44100', '-c', String(channels), ...format, file, 'synth', '22051s', 'whitenoise', 'vol', '0.99']);
        expect(r.status).toBe(0);
        const bytes = fs.readFileSync(file);
        const data = findChunk(bytes, 'data', false);
        const width = word === 's16' ? 2 : 3;
        const frames = Math.floor(data.size / (channels * width));
        expect((frames * channels) % 4).not.toBe(0); // the byte-wise tail runs too
        const expected = referenceDecode(new DataView(bytes.buffer, bytes.byteOffset, bytes.length), data.body, frames, channels, word, true);
        for (const sharedMemory of [false, true]) {
          const decoded = decodeAudioFile(new Uint8Array(bytes), file, { sharedMemory });
          expect(decoded.channels).toHaveLength(channels);
          for (let c = 0; c < channels; c++) {
            expect(decoded.channels[c].buffer instanceof SharedArrayBuffer).toBe(sharedMemory);
            sameBits(decoded.channels[c], expected[c]);
          }
        }
        // The same file two bytes further into memory: the data is no longer on a 4-byte boundary.
        const shifted = new Uint8Array(bytes.length + 2).subarray(2);
        shifted.set(bytes);
        const moved = decodeAudioFile(shifted, file);
        for (let c = 0; c < channels; c++) sameBits(moved.channels[c], expected[c]);
      });
    }
  }

  it('float data at an odd offset, with NaN, infinities, denormals and huge doubles', () => {
    for (const word of ['f32', 'f64'] as const) {
      const width = word === 'f32' ? 4 : 8;
      const special = [0.5, -0.25, NaN, Infinity, -Infinity, 1e-40, -1e-45, 3, 1e39, -1e300, 2 ** -126, 0.1];
      // 66 values: the data size's low byte (0x08 or 0x10) is no chunk-id letter, so the reader
      // sees the missing pad byte and the data really starts at the odd offset.
      const values = Array.from({ length: 66 }, (_, i) => special[i % special.length]);
      const fmt = Buffer.alloc(8 + 16);
      fmt.write('fmt ', 0, 'latin1');
      fmt.writeUInt32LE(16, 4);
      fmt.writeUInt16LE(3, 8);
      fmt.writeUInt16LE(2, 10);
      fmt.writeUInt32LE(48000, 12);
      fmt.writeUInt32LE(48000 * 2 * width, 16);
      fmt.writeUInt16LE(2 * width, 20);
      fmt.writeUInt16LE(width * 8, 22);
      // A 3-byte chunk whose writer forgot the pad byte: the data lands on an odd offset.
      const odd = Buffer.from('odd \x03\x00\x00\x00abc', 'latin1');
      const data = Buffer.alloc(8 + values.length * width);
      data.write('data', 0, 'latin1');
      data.writeUInt32LE(values.length * width, 4);
      values.forEach((v, i) => (word === 'f32' ? data.writeFloatLE(v, 8 + i * 4) : data.writeDoubleLE(v, 8 + i * 8)));
      const riff = Buffer.from('RIFF\x00\x00\x00\x00WAVE', 'latin1');
      const bytes = Buffer.concat([riff, fmt, odd, data]);
      const offset = riff.length + fmt.length + odd.length + 8;
      expect(offset % 2).toBe(1);
      const expected = referenceDecode(new DataView(bytes.buffer, bytes.byteOffset, bytes.length), offset, values.length / 2, 2, word, true);
      const decoded = decodeAudioFile(new Uint8Array(bytes), 'odd.wav');
      for (let c = 0; c < 2; c++) sameBits(decoded.channels[c], expected[c]);
      expect(decoded.warnings?.join(' ')).toMatch(/non-finite/);
    }
  });
});

/** The reference encoder: one DataView write per sample (RIFF PCM/float word layouts). */
function referenceEncode(left: Float32Array, right: Float32Array, bits: WavBits, seed: number): { bytes: Uint8Array; clipped: number } {
  const width = bits === 16 ? 2 : bits === 24 ? 3 : 4;
  const bytes = new Uint8Array(left.length * 2 * width);
  const view = new DataView(bytes.buffer);
  const dither = createTpdfDither(seed);
  let clipped = 0;
  const quantize = (x: number, scale: number, d: number): number => {
    const q = Math.floor((Number.isNaN(x) ? 0 : x) * scale + d + 0.5);
    if (q > scale - 1 || q < -scale) clipped++;
    return Math.min(scale - 1, Math.max(-scale, q));
  };
  for (let i = 0; i < left.length; i++) {
    for (const [c, x] of [left[i], right[i]].entries()) {
      const p = (i * 2 + c) * width;
      if (bits === 16) view.setInt16(p, quantize(x, 32768, dither.next()), true);
      else if (bits === 24) {
        const q = quantize(x, 8388608, 0);
        view.setUint8(p, q & 0xff);
        view.setUint8(p + 1, (q >> 8) & 0xff);
        view.setUint8(p + 2, (q >> 16) & 0xff);
      } else view.setFloat32(p, Number.isFinite(x) ? x : 0, true);
    }
  }
  return { bytes, clipped };
}

describe('typed-array encode equals the DataView reference byte for byte', () => {
  // Noise beyond full scale, silence, NaN and infinities, in blocks of odd sizes.
  const n = 20_011;
  const left = new Float32Array(n);
  const right = new Float32Array(n);
  let seed = 12345;
  const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32) * 2 - 1;
  for (let i = 0; i < n; i++) {
    left[i] = rand() * 1.2;
    right[i] = i % 997 === 0 ? NaN : i % 1009 === 0 ? -Infinity : rand() * 0.5;
  }
  for (const bits of [16, 24, '32f'] as WavBits[]) {
    it(`${bits}: one-shot and streamed in odd blocks, with the clip count`, () => {
      const ref = referenceEncode(left, right, bits, 777);
      const whole = encodeWav(left, right, 48000, bits, { ditherSeed: 777 });
      const header = bits === '32f' ? 58 : 44;
      expect(Buffer.from(whole.subarray(header)).equals(Buffer.from(ref.bytes))).toBe(true);

      const encoder = createWavStreamEncoder({ sampleRate: 48000, channels: 2, bits }, { ditherSeed: 777 });
      const parts: Buffer[] = [];
      for (let start = 0, size = 1; start < n; start += size, size = (size * 7 + 3) % 4099 || 1) {
        const end = Math.min(n, start + size);
        parts.push(Buffer.from(encoder.encode(left.subarray(start, end), right.subarray(start, end), end - start)));
      }
      expect(Buffer.concat(parts).equals(Buffer.from(ref.bytes))).toBe(true);
      if (bits !== '32f') {
        expect(encoder.clipStats.clippedSamples).toBe(ref.clipped);
        expect(encoder.clipStats.clippedSamples).toBeGreaterThan(0);
      }
    });
  }

  it('counts the peak', () => {
    const stats = createClipStats();
    const enc = createWavStreamEncoder({ sampleRate: 48000, channels: 2, bits: 24 });
    enc.encode(Float32Array.of(0.5, -1.5), Float32Array.of(0.25, 0), 2);
    Object.assign(stats, enc.clipStats);
    expect(stats).toEqual({ clippedSamples: 1, peak: 1.5 });
  });
});

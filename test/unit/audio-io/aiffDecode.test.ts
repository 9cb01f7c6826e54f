/**
 * AIFF / AIFF-C files written by ffmpeg and sox decode to the known signal; hand-built files
 * cover chunk order, truncation, odd sample rates and errors.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AudioFileError, decodeAudioFile } from '../../../src/runtime/audio-io';
import { fromRawF64, knownSignal, makeTempDir, maxAbsDiff, run, toRawF64 } from './helpers';

let dir = '';
let cleanup = (): void => {};
beforeAll(() => {
  ({ dir, cleanup } = makeTempDir());
});
afterAll(() => cleanup());

const FRAMES = 5000;
const RATE = 44100;
const FLOAT32_SLACK = 2 ** -24;

const cases: Array<{ label: string; args: string[]; tool: 'ffmpeg' | 'sox'; lsb: number; container: string; encoding: string }> = [
  { label: 'sox 8-bit AIFF', tool: 'sox', args: ['-b', '8', '-t', 'aiff'], lsb: 2 ** -7, container: 'AIFF', encoding: 'pcm' },
  { label: 'sox 16-bit AIFF', tool: 'sox', args: ['-b', '16', '-t', 'aiff'], lsb: 2 ** -15, container: 'AIFF', encoding: 'pcm' },
  { label: 'ffmpeg 24-bit AIFF', tool: 'ffmpeg', args: ['-c:a', 'pcm_s24be', '-f', 'aiff'], lsb: 2 ** -23, container: 'AIFF', encoding: 'pcm' },
  { label: 'sox 32-bit AIFF', tool: 'sox', args: ['-b', '32', '-t', 'aiff'], lsb: 2 ** -31, container: 'AIFF', encoding: 'pcm' },
  { label: 'ffmpeg AIFF-C sowt (little-endian 16-bit)', tool: 'ffmpeg', args: ['-c:a', 'pcm_s16le', '-f', 'aiff'], lsb: 2 ** -15, container: 'AIFF-C', encoding: 'pcm' },
  { label: 'ffmpeg AIFF-C fl32', tool: 'ffmpeg', args: ['-c:a', 'pcm_f32be', '-f', 'aiff'], lsb: 0, container: 'AIFF-C', encoding: 'float' },
  { label: 'sox AIFF-C fl64', tool: 'sox', args: ['-e', 'floating-point', '-b', '64', '-t', 'aifc'], lsb: 0, container: 'AIFF-C', encoding: 'float' },
];

describe('decodeAudioFile reads AIFF from ffmpeg and sox', () => {
  cases.forEach((c, index) => {
    it(c.label, () => {
      const signal = knownSignal(FRAMES, 2, RATE);
      const raw = path.join(dir, `aiff-${index}.f64`);
      fs.writeFileSync(raw, toRawF64(signal));
      const file = path.join(dir, `aiff-${index}.aif`);
      if (c.tool === 'ffmpeg') run('ffmpeg', ['-v', 'error', '-y', '-f', 'f64le', '-ar', `${RATE}`, '-ac', '2', '-i', raw, ...c.args, file]);
      else run('sox', ['-D', '-t', 'f64', '-r', `${RATE}`, '-c', '2', raw, ...c.args, file]);
      const decoded = decodeAudioFile(fs.readFileSync(file), file);
      expect(decoded.sampleRate).toBe(RATE);
      expect(decoded.sourceFormat).toMatchObject({ container: c.container, encoding: c.encoding });
      expect(decoded.warnings).toBeUndefined();
      for (let ch = 0; ch < 2; ch++) {
        expect(decoded.channels[ch].length).toBe(FRAMES);
        expect(maxAbsDiff(decoded.channels[ch], signal[ch])).toBeLessThanOrEqual(c.lsb + FLOAT32_SLACK);
      }
    });
  });

  for (const codec of ['pcm_alaw', 'pcm_mulaw']) {
    it(`ffmpeg AIFF-C ${codec} decodes exactly as ffmpeg decodes it`, () => {
      const signal = knownSignal(FRAMES, 1, 8000);
      const raw = path.join(dir, `${codec}.f64`);
      fs.writeFileSync(raw, toRawF64(signal));
      const file = path.join(dir, `${codec}.aifc`);
      run('ffmpeg', ['-v', 'error', '-y', '-f', 'f64le', '-ar', '8000', '-ac', '1', '-i', raw, '-c:a', codec, '-f', 'aiff', file]);
      // sox cannot read AIFF-C G.711; ffmpeg's decoder is the reference here.
      const reference = fromRawF64(run('ffmpeg', ['-v', 'error', '-i', file, '-f', 'f64le', '-']), 1)[0];
      const decoded = decodeAudioFile(fs.readFileSync(file), file);
      expect(decoded.channels[0].length).toBe(reference.length);
      expect(maxAbsDiff(decoded.channels[0], reference)).toBe(0);
    });
  }
});

/** Big-endian builder for hand-made AIFF files. */
function be(values: Array<[number, 1 | 2 | 4]>): number[] {
  const out: number[] = [];
  for (const [value, width] of values) for (let i = width - 1; i >= 0; i--) out.push((value >>> (8 * i)) & 0xff);
  return out;
}
const text = (s: string): number[] => Array.from(s, (ch) => ch.charCodeAt(0));

/** 80-bit extended encoding of a positive number (test-side, from the IEEE 754 definition). */
function extended(value: number): number[] {
  const exponent = Math.floor(Math.log2(value));
  const mantissa = value / 2 ** exponent; // in [1, 2)
  const high = Math.floor(mantissa * 2 ** 31);
  const low = Math.floor((mantissa * 2 ** 31 - high) * 2 ** 32);
  return [...be([[exponent + 16383, 2]]), ...be([[high, 4]]), ...be([[low, 4]])];
}

function aiff(chunks: Array<[string, number[]]>, sizes: Record<string, number> = {}): Uint8Array {
  const body: number[] = [];
  for (const [id, bytes] of chunks) {
    body.push(...text(id), ...be([[sizes[id] ?? bytes.length, 4]]), ...bytes);
    if (bytes.length % 2 === 1) body.push(0);
  }
  return Uint8Array.from([...text('FORM'), ...be([[body.length + 4, 4]]), ...text('AIFF'), ...body]);
}

const comm = (channels: number, frames: number, bits: number, rate: number): number[] => [
  ...be([[channels, 2], [frames, 4], [bits, 2]]),
  ...extended(rate),
];
const ssnd = (samples: number[]): number[] => [...be([[0, 4], [0, 4]]), ...be(samples.map((s) => [s & 0xffff, 2] as [number, 2]))];

describe('decodeAiff: hand-built files', () => {
  it('COMM may come after SSND (AIFF allows any chunk order)', () => {
    const decoded = decodeAudioFile(aiff([['SSND', ssnd([16384, -16384])], ['COMM', comm(1, 2, 16, 48000)]]));
    expect(Array.from(decoded.channels[0])).toEqual([0.5, -0.5]);
  });

  it('an old Macintosh rate (22254.5454… Hz) is rounded, with a warning', () => {
    const decoded = decodeAudioFile(aiff([['COMM', comm(1, 1, 16, 22254.545454545456)], ['SSND', ssnd([1])]]));
    expect(decoded.sampleRate).toBe(22255);
    expect(decoded.warnings?.[0]).toMatch(/rounded to 22255 Hz/);
  });

  it('fewer frames than COMM announces (truncated) decodes what is there, with a warning', () => {
    const decoded = decodeAudioFile(aiff([['COMM', comm(2, 100, 16, 44100)], ['SSND', ssnd([1, 2, 3, 4, 5])]], { SSND: 1000 }));
    expect(decoded.channels[0].length).toBe(2);
    expect(decoded.warnings?.[0]).toMatch(/announces 100 frames .* holds 2 \(the file looks truncated\)/);
  });

  it('errors: no COMM, zero channels, unsupported compression', () => {
    expect(() => decodeAudioFile(aiff([['SSND', ssnd([1])]]), 'a.aif')).toThrow(/a\.aif: byte 30: no "COMM" chunk/);
    expect(() => decodeAudioFile(aiff([['COMM', comm(0, 1, 16, 44100)], ['SSND', ssnd([1])]]), 'a.aif')).toThrow(AudioFileError);
    const aifc = aiff([['COMM', [...comm(1, 1, 16, 44100), ...text('ima4'), 0, 0]], ['SSND', ssnd([1])]]);
    aifc.set(text('AIFC'), 8);
    expect(() => decodeAudioFile(aifc, 'a.aifc')).toThrow(/a\.aifc: byte 38: unsupported AIFF-C compression type "ima4"/);
  });
});

/**
 * WAV writing: our files are read back by ffprobe, `sox --i` and `sox file -t f64 -` / ffmpeg
 * with the right format and samples; TPDF dither has the textbook statistics; clipping and
 * determinism.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTpdfDither,
  createWavStreamEncoder,
  decodeWav,
  encodeWav,
  encodeWavHeader,
  type WavBits,
} from '../../../src/runtime/audio-io';
import { fromRawF64, knownSignal, makeTempDir, maxAbsDiff, peekWavFormat, run } from './helpers';

let dir = '';
let cleanup = (): void => {};
beforeAll(() => {
  ({ dir, cleanup } = makeTempDir());
});
afterAll(() => cleanup());

const toF32 = (x: Float64Array): Float32Array => Float32Array.from(x);

/** Worst error allowed when reading back: dithered 16-bit ±1 LSB dither + ½ LSB rounding; 24-bit ½ LSB; float exact. */
const TOLERANCE: Record<string, number> = { '16': 1.5 * 2 ** -15, '24': 0.5 * 2 ** -23 + 1e-12, '32f': 0 };
const EXPECTED: Record<string, { codec: string; bits: number; soxEncoding: string }> = {
  '16': { codec: 'pcm_s16le', bits: 16, soxEncoding: 'Signed Integer PCM' },
  '24': { codec: 'pcm_s24le', bits: 24, soxEncoding: 'Signed Integer PCM' },
  '32f': { codec: 'pcm_f32le', bits: 32, soxEncoding: 'Floating Point PCM' },
};

describe('encodeWav: files other tools read correctly', () => {
  for (const bits of [16, 24, '32f'] as WavBits[]) {
    for (const rate of [44100, 48000, 96000]) {
      it(`${bits}-bit at ${rate} Hz: ffprobe and sox --i report the format; sox and ffmpeg decode our samples`, () => {
        const frames = Math.round(rate * 0.1) + 3;
        const [l, r] = knownSignal(frames, 2, rate);
        const left = toF32(l);
        const right = toF32(r);
        const file = path.join(dir, `ours-${bits}-${rate}.wav`);
        fs.writeFileSync(file, encodeWav(left, right, rate, bits));
        const expected = EXPECTED[String(bits)];

        const probe = JSON.parse(run('ffprobe', ['-v', 'error', '-show_streams', '-of', 'json', file]).toString()) as {
          streams: Array<{ codec_name: string; sample_rate: string; channels: number; bits_per_sample: number; duration_ts: number }>;
        };
        expect(probe.streams[0]).toMatchObject({
          codec_name: expected.codec,
          sample_rate: String(rate),
          channels: 2,
          bits_per_sample: expected.bits,
          duration_ts: frames,
        });

        const info = (flag: string): string => run('sox', ['--i', flag, file]).toString().trim();
        expect(info('-r')).toBe(String(rate));
        expect(info('-c')).toBe('2');
        expect(info('-b')).toBe(String(expected.bits));
        expect(info('-e')).toBe(expected.soxEncoding);
        expect(info('-s')).toBe(String(frames));

        const viaSox = fromRawF64(run('sox', [file, '-t', 'f64', '-']), 2);
        const viaFfmpeg = fromRawF64(run('ffmpeg', ['-v', 'error', '-i', file, '-f', 'f64le', '-']), 2);
        // sox carries samples as 32-bit integers internally, so it reads float to within 2^-31.
        const soxSlack = bits === '32f' ? 2 ** -31 : 0;
        for (const [decoded, slack] of [[viaSox, soxSlack], [viaFfmpeg, 0]] as const) {
          expect(decoded[0].length).toBe(frames);
          expect(maxAbsDiff(decoded[0], left)).toBeLessThanOrEqual(TOLERANCE[String(bits)] + slack);
          expect(maxAbsDiff(decoded[1], right)).toBeLessThanOrEqual(TOLERANCE[String(bits)] + slack);
        }
      });
    }
  }

  it('float files use WAVE_FORMAT_IEEE_FLOAT with a fact chunk holding the frame count; PCM files a plain 44-byte header', () => {
    const float = encodeWav(new Float32Array(10), new Float32Array(10), 48000, '32f');
    expect(peekWavFormat(float)).toMatchObject({ riff: 'RIFF', tag: 3, fact: true });
    expect(new DataView(float.buffer).getUint32(46, true)).toBe(10);
    expect(float.length).toBe(58 + 80);
    const pcm = encodeWav(new Float32Array(10), new Float32Array(10), 48000, 24);
    expect(peekWavFormat(pcm)).toMatchObject({ tag: 1, fact: false });
    expect(pcm.length).toBe(44 + 60);
    // RIFF size = file length − 8 (RIFF spec).
    expect(new DataView(pcm.buffer).getUint32(4, true)).toBe(pcm.length - 8);
    expect(new DataView(float.buffer).getUint32(4, true)).toBe(float.length - 8);
  });

  it('integer formats clip to [−1, 1): +1 → max code, −1 → min code; float keeps ±1.5; NaN → 0', () => {
    const left = new Float32Array([1, -1, 1.5, -1.5, Number.NaN]);
    const right = new Float32Array([0.5, -0.5, 0, 0, 0]);
    const s24 = encodeWav(left, right, 48000, 24);
    const codes = Array.from({ length: 5 }, (_, i) => {
      const p = 44 + i * 6;
      return ((s24[p] | (s24[p + 1] << 8) | (s24[p + 2] << 16)) << 8) >> 8;
    });
    expect(codes).toEqual([8388607, -8388608, 8388607, -8388608, 0]);
    const s16 = new DataView(encodeWav(left, right, 48000, 16, { dither: false }).buffer);
    expect([0, 1, 2, 3, 4].map((i) => s16.getInt16(44 + i * 4, true))).toEqual([32767, -32768, 32767, -32768, 0]);
    const dithered = new DataView(encodeWav(left, right, 48000, 16).buffer);
    for (let i = 0; i < 4; i++) expect(Math.abs(dithered.getInt16(44 + i * 4, true))).toBeGreaterThanOrEqual(32766);
    const f = decodeWav(encodeWav(left, right, 48000, '32f'));
    expect(Array.from(f.channels[0])).toEqual([1, -1, 1.5, -1.5, 0]);
  });

  it('the header refuses sizes a RIFF file cannot hold and partial frames', () => {
    expect(() => encodeWavHeader({ sampleRate: 48000, channels: 2, bits: 16 }, 2 ** 32)).toThrow(/4 GiB/);
    expect(() => encodeWavHeader({ sampleRate: 48000, channels: 2, bits: 24 }, 7)).toThrow(/whole number/);
    expect(() => encodeWavHeader({ sampleRate: 0, channels: 2, bits: 24 }, 0)).toThrow(/sample rate/);
  });
});

describe('TPDF dither', () => {
  it('the dither source is triangular on (−1, 1): mean 0, variance 1/6, density 1 − |x|', () => {
    const dither = createTpdfDither(1234);
    const n = 400_000;
    const bins = new Array<number>(20).fill(0);
    let sum = 0;
    let sumSquares = 0;
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < n; i++) {
      const d = dither.next();
      sum += d;
      sumSquares += d * d;
      min = Math.min(min, d);
      max = Math.max(max, d);
      bins[Math.min(19, Math.floor((d + 1) * 10))]++;
    }
    expect(min).toBeGreaterThan(-1);
    expect(max).toBeLessThan(1);
    expect(Math.abs(sum / n)).toBeLessThan(0.003);
    expect(Math.abs(sumSquares / n - 1 / 6)).toBeLessThan(0.002);
    // Expected share of bin k, [a, a + 0.1): ∫(1 − |x|)dx over it.
    bins.forEach((count, k) => {
      const a = -1 + k / 10;
      const b = a + 0.1;
      const cdf = (x: number): number => (x < 0 ? (1 + x) ** 2 / 2 : 1 - (1 - x) ** 2 / 2);
      const expected = (cdf(b) - cdf(a)) * n;
      expect(Math.abs(count - expected)).toBeLessThan(0.05 * expected + 60);
    });
  });

  it('16-bit error is unbiased with variance 1/4 LSB² at any DC level (signal-independent), within ±1.5 LSB', () => {
    const lsb = 2 ** -15;
    const n = 100_000;
    for (const level of [0, 0.25, 0.5, 0.8]) {
      const x = new Float32Array(n).fill(Math.fround(level * lsb + 100 * lsb));
      const target = x[0] / lsb; // exact input in LSB
      const decoded = decodeWav(encodeWav(x, x, 48000, 16, { ditherSeed: 99 }));
      let sum = 0;
      let sumSquares = 0;
      let worst = 0;
      for (const channel of decoded.channels) {
        for (let i = 0; i < n; i++) {
          const e = channel[i] / lsb - target;
          sum += e;
          sumSquares += e * e;
          worst = Math.max(worst, Math.abs(e));
        }
      }
      expect(Math.abs(sum / (2 * n))).toBeLessThan(0.01); // undithered rounding would be biased by up to ½ LSB
      expect(Math.abs(sumSquares / (2 * n) - 0.25)).toBeLessThan(0.01); // 1/12 (rounding) + 1/6 (TPDF)
      expect(worst).toBeLessThanOrEqual(1.5);
    }
  });

  it('a quarter-LSB tone survives dithered 16-bit on average but vanishes without dither', () => {
    const n = 200_000;
    const x = new Float32Array(n).fill(Math.fround(0.25 * 2 ** -15));
    const mean = (bytes: Uint8Array): number => {
      const decoded = decodeWav(bytes).channels[0];
      let s = 0;
      for (let i = 0; i < n; i++) s += decoded[i];
      return s / n / 2 ** -15;
    };
    expect(mean(encodeWav(x, x, 48000, 16))).toBeCloseTo(0.25, 1);
    expect(mean(encodeWav(x, x, 48000, 16, { dither: false }))).toBe(0);
  });

  it('is deterministic: same seed → same bytes; another seed → other bytes; block size does not matter', () => {
    const [l, r] = knownSignal(10_000, 2, 48000).map(toF32);
    const a = encodeWav(l, r, 48000, 16);
    const b = encodeWav(l, r, 48000, 16);
    const c = encodeWav(l, r, 48000, 16, { ditherSeed: 7 });
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(Buffer.from(a).equals(Buffer.from(c))).toBe(false);

    for (const bits of [16, 24, '32f'] as WavBits[]) {
      const oneShot = encodeWav(l, r, 48000, bits);
      const encoder = createWavStreamEncoder({ sampleRate: 48000, channels: 2, bits });
      const parts: Uint8Array[] = [encoder.header()];
      let start = 0;
      for (const block of [1, 127, 128, 4096, 333]) {
        const end = Math.min(start + block, l.length);
        parts.push(encoder.encode(l.subarray(start, end), r.subarray(start, end), end - start).slice());
        start = end;
      }
      parts.push(encoder.encode(l.subarray(start), r.subarray(start), l.length - start).slice());
      parts[0] = encoder.header();
      expect(Buffer.concat(parts).equals(Buffer.from(oneShot))).toBe(true);
    }
  });
});

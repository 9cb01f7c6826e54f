/**
 * WAV files written by ffmpeg and sox from a known float64 signal decode to that signal within
 * the format's quantization step; G.711 files decode exactly as sox decodes them.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeAudioFile } from '../../../src/runtime/audio-io';
import { decodeWav } from '../../../src/runtime/audio-io/wavDecode';
import { fromRawF64, knownSignal, makeTempDir, maxAbsDiff, peekWavFormat, run, toRawF64 } from './helpers';

let dir = '';
let cleanup = (): void => {};
beforeAll(() => {
  ({ dir, cleanup } = makeTempDir());
});
afterAll(() => cleanup());

const FRAMES = 6000;

/** Float32 rounding of a value below 1 is at most 2^-25 relative; 2^-24 absolute is safe. */
const FLOAT32_SLACK = 2 ** -24;

interface Case {
  label: string;
  tool: 'ffmpeg' | 'sox';
  rate: number;
  channels: number;
  /** ffmpeg codec or sox encoding arguments. */
  args: string[];
  /** Quantization step of the format (1 LSB), or 0 for float. */
  lsb: number;
  /** Format tag we expect the tool to have written (and sub-format tag for EXTENSIBLE). */
  tag: number;
  subTag?: number;
  riff?: string;
  bits: number;
  encoding: 'pcm' | 'float';
}

const cases: Case[] = [
  { label: 'ffmpeg u8 mono 48k (PCM)', tool: 'ffmpeg', rate: 48000, channels: 1, args: ['-c:a', 'pcm_u8'], lsb: 2 ** -7, tag: 1, bits: 8, encoding: 'pcm' },
  { label: 'ffmpeg u8 stereo 96k (EXTENSIBLE)', tool: 'ffmpeg', rate: 96000, channels: 2, args: ['-c:a', 'pcm_u8'], lsb: 2 ** -7, tag: 0xfffe, subTag: 1, bits: 8, encoding: 'pcm' },
  { label: 'ffmpeg s16 stereo 44.1k (PCM)', tool: 'ffmpeg', rate: 44100, channels: 2, args: ['-c:a', 'pcm_s16le'], lsb: 2 ** -15, tag: 1, bits: 16, encoding: 'pcm' },
  { label: 'ffmpeg s16 mono 96k (EXTENSIBLE)', tool: 'ffmpeg', rate: 96000, channels: 1, args: ['-c:a', 'pcm_s16le'], lsb: 2 ** -15, tag: 0xfffe, subTag: 1, bits: 16, encoding: 'pcm' },
  { label: 'ffmpeg s24 stereo 48k (EXTENSIBLE)', tool: 'ffmpeg', rate: 48000, channels: 2, args: ['-c:a', 'pcm_s24le'], lsb: 2 ** -23, tag: 0xfffe, subTag: 1, bits: 24, encoding: 'pcm' },
  { label: 'ffmpeg s32 mono 44.1k (EXTENSIBLE)', tool: 'ffmpeg', rate: 44100, channels: 1, args: ['-c:a', 'pcm_s32le'], lsb: 2 ** -31, tag: 0xfffe, subTag: 1, bits: 32, encoding: 'pcm' },
  { label: 'ffmpeg f32 stereo 48k (EXTENSIBLE float)', tool: 'ffmpeg', rate: 48000, channels: 2, args: ['-c:a', 'pcm_f32le'], lsb: 0, tag: 0xfffe, subTag: 3, bits: 32, encoding: 'float' },
  { label: 'ffmpeg f64 stereo 96k (EXTENSIBLE float)', tool: 'ffmpeg', rate: 96000, channels: 2, args: ['-c:a', 'pcm_f64le'], lsb: 0, tag: 0xfffe, subTag: 3, bits: 64, encoding: 'float' },
  { label: 'ffmpeg s16 stereo 48k RF64', tool: 'ffmpeg', rate: 48000, channels: 2, args: ['-c:a', 'pcm_s16le', '-rf64', 'always'], lsb: 2 ** -15, tag: 1, riff: 'RF64', bits: 16, encoding: 'pcm' },
  { label: 'sox u8 stereo 44.1k (PCM)', tool: 'sox', rate: 44100, channels: 2, args: ['-t', 'wavpcm', '-e', 'unsigned-integer', '-b', '8'], lsb: 2 ** -7, tag: 1, bits: 8, encoding: 'pcm' },
  { label: 'sox s24 stereo 48k (PCM)', tool: 'sox', rate: 48000, channels: 2, args: ['-t', 'wavpcm', '-e', 'signed-integer', '-b', '24'], lsb: 2 ** -23, tag: 1, bits: 24, encoding: 'pcm' },
  { label: 'sox s32 mono 96k (PCM)', tool: 'sox', rate: 96000, channels: 1, args: ['-t', 'wavpcm', '-e', 'signed-integer', '-b', '32'], lsb: 2 ** -31, tag: 1, bits: 32, encoding: 'pcm' },
  { label: 'sox s24 stereo 44.1k (EXTENSIBLE + fact)', tool: 'sox', rate: 44100, channels: 2, args: ['-t', 'wav', '-e', 'signed-integer', '-b', '24'], lsb: 2 ** -23, tag: 0xfffe, subTag: 1, bits: 24, encoding: 'pcm' },
  { label: 'sox f32 stereo 48k (IEEE_FLOAT + fact)', tool: 'sox', rate: 48000, channels: 2, args: ['-t', 'wav', '-e', 'floating-point', '-b', '32'], lsb: 0, tag: 3, bits: 32, encoding: 'float' },
  { label: 'sox f64 mono 44.1k (IEEE_FLOAT + fact)', tool: 'sox', rate: 44100, channels: 1, args: ['-t', 'wav', '-e', 'floating-point', '-b', '64'], lsb: 0, tag: 3, bits: 64, encoding: 'float' },
];

/** Writes the known signal as raw f64 and converts it with the case's tool. */
function makeFile(c: Case, index: number): { file: string; signal: Float64Array[] } {
  const signal = knownSignal(FRAMES, c.channels, c.rate);
  const raw = path.join(dir, `signal-${index}.f64`);
  fs.writeFileSync(raw, toRawF64(signal));
  const file = path.join(dir, `case-${index}.wav`);
  if (c.tool === 'ffmpeg') {
    run('ffmpeg', ['-v', 'error', '-y', '-f', 'f64le', '-ar', `${c.rate}`, '-ac', `${c.channels}`, '-i', raw, ...c.args, file]);
  } else {
    // -D: no dither, so the file holds the rounded signal.
    run('sox', ['-D', '-t', 'f64', '-r', `${c.rate}`, '-c', `${c.channels}`, raw, ...c.args, file]);
  }
  return { file, signal };
}

describe('decodeWav reads what ffmpeg and sox write', () => {
  cases.forEach((c, index) => {
    it(c.label, () => {
      const { file, signal } = makeFile(c, index);
      const bytes = fs.readFileSync(file);
      const header = peekWavFormat(bytes);
      // The file really is in the layout this case claims to cover.
      expect(header.tag).toBe(c.tag);
      if (c.subTag !== undefined) expect(header.subTag).toBe(c.subTag);
      expect(header.riff).toBe(c.riff ?? 'RIFF');

      const decoded = decodeWav(bytes, path.basename(file));
      expect(decoded.sampleRate).toBe(c.rate);
      expect(decoded.channels.length).toBe(c.channels);
      expect(decoded.warnings).toBeUndefined();
      expect(decoded.sourceFormat).toMatchObject({ bits: c.bits, encoding: c.encoding });
      for (let ch = 0; ch < c.channels; ch++) {
        expect(decoded.channels[ch].length).toBe(FRAMES);
        // Within one quantization step (ffmpeg truncates s24, others round), plus float32 rounding.
        expect(maxAbsDiff(decoded.channels[ch], signal[ch])).toBeLessThanOrEqual(c.lsb + FLOAT32_SLACK);
      }
    });
  });

  it('a 5.1 file from ffmpeg keeps all 6 channels and its channel mask', () => {
    const signal = knownSignal(FRAMES, 6, 48000);
    const raw = path.join(dir, 'six.f64');
    fs.writeFileSync(raw, toRawF64(signal));
    const file = path.join(dir, 'six.wav');
    run('ffmpeg', ['-v', 'error', '-y', '-f', 'f64le', '-ar', '48000', '-ac', '6', '-i', raw, '-c:a', 'pcm_s24le', file]);
    const bytes = fs.readFileSync(file);
    expect(peekWavFormat(bytes).mask).toBe(0x3f); // FL FR FC LFE BL BR (ffmpeg's 5.1)
    const decoded = decodeWav(bytes, 'six.wav');
    expect(decoded.channelMask).toBe(0x3f);
    expect(decoded.channels.length).toBe(6);
    for (let ch = 0; ch < 6; ch++) {
      expect(maxAbsDiff(decoded.channels[ch], signal[ch])).toBeLessThanOrEqual(2 ** -23 + FLOAT32_SLACK);
    }
  });

  it('ffmpeg streaming to a pipe (sizes 0xFFFFFFFF) decodes to the end of the file without a warning', () => {
    const signal = knownSignal(FRAMES, 2, 48000);
    const raw = path.join(dir, 'pipe.f64');
    fs.writeFileSync(raw, toRawF64(signal));
    const bytes = run('ffmpeg', ['-v', 'error', '-f', 'f64le', '-ar', '48000', '-ac', '2', '-i', raw, '-c:a', 'pcm_s16le', '-f', 'wav', '-']);
    expect(bytes.readUInt32LE(4)).toBe(0xffffffff);
    const decoded = decodeWav(bytes, 'pipe.wav');
    expect(decoded.warnings).toBeUndefined();
    expect(decoded.channels[0].length).toBe(FRAMES);
    expect(maxAbsDiff(decoded.channels[1], signal[1])).toBeLessThanOrEqual(2 ** -15 + FLOAT32_SLACK);
  });

  it('BW64 (RF64 layout with the BW64 id) decodes like RF64', () => {
    const signal = knownSignal(FRAMES, 2, 48000);
    const raw = path.join(dir, 'bw.f64');
    fs.writeFileSync(raw, toRawF64(signal));
    const file = path.join(dir, 'bw.wav');
    run('ffmpeg', ['-v', 'error', '-y', '-f', 'f64le', '-ar', '48000', '-ac', '2', '-i', raw, '-c:a', 'pcm_s24le', '-rf64', 'always', file]);
    const bytes = fs.readFileSync(file);
    bytes.write('BW64', 0, 'latin1');
    const decoded = decodeWav(bytes, 'bw.wav');
    expect(decoded.sourceFormat?.container).toBe('BW64');
    expect(maxAbsDiff(decoded.channels[0], signal[0])).toBeLessThanOrEqual(2 ** -23 + FLOAT32_SLACK);
  });

  for (const law of ['a-law', 'u-law'] as const) {
    it(`sox ${law} decodes exactly as sox decodes it (ITU-T G.711)`, () => {
      // A full-range sweep of levels touches every segment of the companding curve.
      const frames = 4096;
      const ramp = new Float64Array(frames);
      for (let i = 0; i < frames; i++) ramp[i] = 0.999 * Math.sin((2 * Math.PI * 3 * i) / frames) * Math.pow(10, (-60 * (i % 512)) / 512 / 20);
      const raw = path.join(dir, `${law}.f64`);
      fs.writeFileSync(raw, toRawF64([ramp]));
      const file = path.join(dir, `${law}.wav`);
      run('sox', ['-D', '-t', 'f64', '-r', '8000', '-c', '1', raw, '-e', law, file]);
      const bytes = fs.readFileSync(file);
      expect(peekWavFormat(bytes).tag).toBe(law === 'a-law' ? 6 : 7);
      const reference = fromRawF64(run('sox', [file, '-t', 'f64', '-']), 1)[0];
      const decoded = decodeAudioFile(bytes, `${law}.wav`);
      expect(decoded.sourceFormat?.encoding).toBe(law === 'a-law' ? 'a-law' : 'mu-law');
      expect(decoded.channels[0].length).toBe(reference.length);
      expect(maxAbsDiff(decoded.channels[0], reference)).toBe(0);
      // And it is the signal, to G.711's precision (≤ 1/16 of the level's segment, ~−24 dB re level).
      expect(maxAbsDiff(decoded.channels[0], ramp)).toBeLessThan(0.04);
    });
  }
});

/**
 * toRenderClip: mono copied, stereo kept, 3+ channels downmixed per ITU-R BS.775 (coefficients
 * written out here from the standard, and compared with ffmpeg's downmix), resampled to the
 * render rate.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeWav, speakerLayout, toRenderClip, type DecodedAudio } from '../../../src/runtime/audio-io';
import { db, fitSinusoid, fromRawF64, knownSignal, makeTempDir, maxAbsDiff, run, toRawF64 } from './helpers';

const C = Math.SQRT1_2; // BS.775-3 Table 2: centre and surround enter the stereo downmix at −3 dB

/** Channels holding distinct constants 1, 2, 4, 8… so every coefficient is visible in the sum. */
function constants(count: number, frames = 8): Float32Array[] {
  return Array.from({ length: count }, (_, c) => new Float32Array(frames).fill(2 ** c / 1024));
}

function firstFrame(audio: DecodedAudio): [number, number] {
  const clip = toRenderClip(audio, audio.sampleRate);
  return [clip.left[0], clip.right[0]];
}

describe('toRenderClip: channel rules', () => {
  it('mono is copied to both channels (two separate arrays)', () => {
    const mono = new Float32Array([0.1, -0.2, 0.3]);
    const clip = toRenderClip({ sampleRate: 48000, channels: [mono] }, 48000);
    expect(Array.from(clip.left)).toEqual(Array.from(mono));
    expect(Array.from(clip.right)).toEqual(Array.from(mono));
    expect(clip.left).not.toBe(clip.right);
    expect(clip.left).not.toBe(mono);
  });

  it('stereo is kept as is', () => {
    const clip = toRenderClip({ sampleRate: 48000, channels: [new Float32Array([0.5]), new Float32Array([-0.25])] }, 48000);
    expect([clip.left[0], clip.right[0]]).toEqual([0.5, -0.25]);
  });

  it('5.1 with mask 0x3F (FL FR FC LFE BL BR): L = FL + C·FC + C·BL, R = FR + C·FC + C·BR, LFE dropped', () => {
    const ch = constants(6);
    const v = ch.map((x) => x[0]);
    const [l, r] = firstFrame({ sampleRate: 48000, channels: ch, channelMask: 0x3f });
    expect(l).toBeCloseTo(v[0] + C * v[2] + C * v[4], 6);
    expect(r).toBeCloseTo(v[1] + C * v[2] + C * v[5], 6);
  });

  it('5.1 without a mask assumes the WAV order FL FR FC LFE BL BR', () => {
    const ch = constants(6);
    const withMask = firstFrame({ sampleRate: 48000, channels: ch, channelMask: 0x3f });
    expect(firstFrame({ sampleRate: 48000, channels: ch })).toEqual(withMask);
  });

  it('5.1(side) mask 0x60F puts SL/SR on their sides', () => {
    const ch = constants(6);
    const v = ch.map((x) => x[0]);
    const [l, r] = firstFrame({ sampleRate: 48000, channels: ch, channelMask: 0x60f });
    expect(l).toBeCloseTo(v[0] + C * v[2] + C * v[4], 6);
    expect(r).toBeCloseTo(v[1] + C * v[2] + C * v[5], 6);
  });

  it('quad (mask 0x33: FL FR BL BR); 4 channels without a mask are 4.0 (FL FR FC BC), as in ffmpeg', () => {
    const ch = constants(4);
    const v = ch.map((x) => x[0]);
    const [l, r] = firstFrame({ sampleRate: 48000, channels: ch, channelMask: 0x33 });
    expect(l).toBeCloseTo(v[0] + C * v[2], 6);
    expect(r).toBeCloseTo(v[1] + C * v[3], 6);
    const [l4, r4] = firstFrame({ sampleRate: 48000, channels: ch });
    expect(l4).toBeCloseTo(v[0] + C * v[2] + 0.5 * v[3], 6);
    expect(r4).toBeCloseTo(v[1] + C * v[2] + 0.5 * v[3], 6);
  });

  it('3 channels without a mask are L R C (the third is kept, not dropped as an LFE)', () => {
    const ch = constants(3);
    const v = ch.map((x) => x[0]);
    const [l, r] = firstFrame({ sampleRate: 48000, channels: ch });
    expect(l).toBeCloseTo(v[0] + C * v[2], 6);
    expect(r).toBeCloseTo(v[1] + C * v[2], 6);
  });

  it('channels past the mask or layout are mixed to both sides at −6 dB', () => {
    expect(speakerLayout(3, 0x3)).toEqual(['FL', 'FR', 'unknown']);
    expect(speakerLayout(10, 0)).toEqual(['FL', 'FR', 'FC', 'LFE', 'BL', 'BR', 'SL', 'SR', 'unknown', 'unknown']);
    const ch = constants(3);
    const v = ch.map((x) => x[0]);
    const [l, r] = firstFrame({ sampleRate: 48000, channels: ch, channelMask: 0x3 });
    expect(l).toBeCloseTo(v[0] + 0.5 * v[2], 6);
    expect(r).toBeCloseTo(v[1] + 0.5 * v[2], 6);
  });
});

describe('toRenderClip: downmix agrees with ffmpeg -ac 2 (float output, no normalisation)', () => {
  let dir = '';
  let cleanup = (): void => {};
  beforeAll(() => {
    ({ dir, cleanup } = makeTempDir());
  });
  afterAll(() => cleanup());

  for (const count of [4, 5, 6, 7, 8]) {
    it(`${count} channels written by ffmpeg (its default layout and mask)`, () => {
      const signal = knownSignal(2000, count, 48000);
      const raw = path.join(dir, `in-${count}.f64`);
      fs.writeFileSync(raw, toRawF64(signal));
      const file = path.join(dir, `in-${count}.wav`);
      run('ffmpeg', ['-v', 'error', '-y', '-f', 'f64le', '-ar', '48000', '-ac', `${count}`, '-i', raw, '-c:a', 'pcm_f32le', file]);
      const reference = fromRawF64(run('ffmpeg', ['-v', 'error', '-i', file, '-ac', '2', '-f', 'f64le', '-']), 2);
      const decoded = decodeWav(fs.readFileSync(file), file);
      expect(decoded.channelMask).toBeGreaterThan(0);
      for (const audio of [decoded, { ...decoded, channelMask: undefined }]) {
        const clip = toRenderClip(audio, 48000);
        // ffmpeg stores its matrix in float32: agreement to ~1e-7 of full scale.
        expect(maxAbsDiff(clip.left, reference[0])).toBeLessThan(1e-6);
        expect(maxAbsDiff(clip.right, reference[1])).toBeLessThan(1e-6);
      }
    });
  }
});

describe('toRenderClip: resampling to the render rate', () => {
  it('a 44.1 kHz mono 1 kHz sine becomes a 48 kHz stereo 1 kHz sine of the same level', () => {
    const frames = 22050;
    const mono = new Float32Array(frames);
    for (let i = 0; i < frames; i++) mono[i] = 0.5 * Math.sin((2 * Math.PI * 1000 * i) / 44100);
    const clip = toRenderClip({ sampleRate: 44100, channels: [mono] }, 48000);
    expect(clip.left.length).toBe(Math.round((frames * 48000) / 44100));
    expect(Array.from(clip.right)).toEqual(Array.from(clip.left));
    const fit = fitSinusoid(clip.left, 1000, 48000, 500, clip.left.length - 500);
    expect(Math.abs(db(fit.amplitude / 0.5))).toBeLessThan(0.01);
    expect(db(fit.residualRms / (0.5 / Math.SQRT2))).toBeLessThan(-80);
  });

  it('a 96 kHz 5.1 file is downmixed, then resampled: both sides have the render length', () => {
    const clip = toRenderClip({ sampleRate: 96000, channels: constants(6, 9600) }, 48000);
    expect(clip.left.length).toBe(4800);
    expect(clip.right.length).toBe(4800);
  });
});

describe('toRenderClip: adopting a decoded stereo file', () => {
  const decoded = (sampleRate: number, channels: number, finite?: boolean): DecodedAudio => ({
    sampleRate,
    channels: Array.from({ length: channels }, (_, c) => Float32Array.from({ length: 4800 }, (_, i) => Math.sin(i * 0.01 + c))),
    ...(finite === undefined ? {} : { finite }),
  });

  it('uses the very arrays of a stereo file at the render rate, whole, and keeps it marked finite', () => {
    const d = decoded(48000, 2, true);
    const clip = toRenderClip(d, 48000, undefined, { adopt: true });
    expect(clip.left).toBe(d.channels[0]);
    expect(clip.right).toBe(d.channels[1]);
    expect(clip.finite).toBe(true);
  });

  it('copies when not adopting, when only a head is read, at another rate, and for mono', () => {
    const d = decoded(48000, 2, true);
    expect(toRenderClip(d, 48000).left).not.toBe(d.channels[0]);
    const head = toRenderClip(d, 48000, 1000, { adopt: true });
    expect(head.left).not.toBe(d.channels[0]);
    expect(head.left.length).toBe(1000);
    const other = toRenderClip(decoded(44100, 2, true), 48000, undefined, { adopt: true });
    expect(other.finite).toBeUndefined(); // resampled: not marked
    const mono = decoded(48000, 1, true);
    expect(toRenderClip(mono, 48000, undefined, { adopt: true }).left).not.toBe(mono.channels[0]);
  });

  it('marks a clip finite only when the decode says so, and never a downmix', () => {
    expect(toRenderClip(decoded(48000, 2), 48000, undefined, { adopt: true }).finite).toBeUndefined();
    expect(toRenderClip(decoded(48000, 6, true), 48000).finite).toBeUndefined();
    expect(toRenderClip(decoded(48000, 2, true), 48000).finite).toBe(true);
  });
});

/**
 * toRenderClip: mono copied, stereo kept, 3+ channels downmixed per ITU-R BS.775 (coefficients
 * written out here from the standard), resampled to the render rate.
 */
import { describe, expect, it } from 'vitest';
import { speakerLayout, toRenderClip, type DecodedAudio } from '../../../src/runtime/audio-io';
import { db, fitSinusoid } from './helpers';

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

  it('quad without a mask: FL FR BL BR', () => {
    const ch = constants(4);
    const v = ch.map((x) => x[0]);
    const [l, r] = firstFrame({ sampleRate: 48000, channels: ch });
    expect(l).toBeCloseTo(v[0] + C * v[2], 6);
    expect(r).toBeCloseTo(v[1] + C * v[3], 6);
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

/**
 * `mixgraph check`: platform gains against signals of known loudness (EBU Tech 3341: a 1 kHz sine
 * at −23 dBFS on both channels reads −23 LUFS), and codec overs against ffmpeg decoding an MP3
 * made by our encoder.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ffmpegEbur128 } from '../../helpers/externalTools';
import { DELIVERY_TARGETS, targetVerdict } from '../../../src/runtime/check/deliveryTargets';
import { translationReport } from '../../../src/runtime/check/translationReport';
import { encodeMp3 } from '../../../src/runtime/codec/mp3RoundTrip';
import { encodeWav } from '../../../src/runtime/audio-io';

const RATE = 48000;
const dir = mkdtempSync(join(tmpdir(), 'mixgraph-check-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** 1 kHz sine at `dbfs` peak: on both channels it reads `dbfs` LUFS (EBU Tech 3341, case 1/2). */
function sine(dbfs: number, seconds: number): Float32Array {
  const a = 10 ** (dbfs / 20);
  return Float32Array.from({ length: Math.round(seconds * RATE) }, (_, i) => a * Math.sin((2 * Math.PI * 1000 * i) / RATE));
}

/**
 * A loud, dense "master": bass, mids, a bright tone and noise through tanh saturation, scaled so
 * its sample peak is at `peakDbfs` (what a sample-peak limiter at that ceiling leaves).
 */
function loudMaster(peakDbfs: number, seconds: number): [Float32Array, Float32Array] {
  const n = Math.round(seconds * RATE);
  const l = new Float32Array(n);
  const r = new Float32Array(n);
  let s = 12345;
  const rnd = () => ((s = (s * 1103515245 + 12345) >>> 0) / 0xffffffff) * 2 - 1;
  for (let i = 0; i < n; i++) {
    const t = i / RATE;
    const body = Math.sin(2 * Math.PI * 55 * t) + 0.7 * Math.sin(2 * Math.PI * 440 * t) + 0.5 * Math.sin(2 * Math.PI * 5300 * t);
    l[i] = Math.tanh(3 * (body + 0.4 * rnd()));
    r[i] = Math.tanh(3 * (body + 0.4 * rnd()));
  }
  let peak = 0;
  for (let i = 0; i < n; i++) peak = Math.max(peak, Math.abs(l[i]), Math.abs(r[i]));
  const g = 10 ** (peakDbfs / 20) / peak;
  for (let i = 0; i < n; i++) {
    l[i] *= g;
    r[i] *= g;
  }
  return [l, r];
}

describe('delivery targets', () => {
  it('gain = target − integrated within 0.05 dB for sines of known loudness', async () => {
    for (const level of [-23, -9]) {
      const x = sine(level, 5);
      const report = await translationReport([x, x], RATE, []);
      expect(report.targets.length).toBe(DELIVERY_TARGETS.length);
      for (const t of report.targets) {
        expect(Math.abs(t.normalizationGainDb - (t.targetLufs - level)), `${t.name} at ${level} LUFS`).toBeLessThan(0.05);
      }
      // A sine's true peak is its amplitude: PLR is 0 dB (1 kHz at 48 kHz, within 0.05).
      expect(Math.abs(report.plrDb!)).toBeLessThan(0.05);
      expect(report.mono!.monoMinusStereoLu).toBeCloseTo(0, 6);
    }
  });

  it('policies: down-only keeps a quiet master quiet; up-to-ceiling stops at the ceiling', () => {
    const youtube = DELIVERY_TARGETS.find((t) => t.id === 'youtube')!;
    const spotify = DELIVERY_TARGETS.find((t) => t.id === 'spotify')!;
    const ebu = DELIVERY_TARGETS.find((t) => t.id === 'ebu-r128')!;
    // −20 LUFS with a −4 dBTP peak.
    expect(targetVerdict(youtube, -20, -4).appliedGainDb).toBe(0);
    const s = targetVerdict(spotify, -20, -4);
    expect(s.normalizationGainDb).toBe(6);
    expect(s.appliedGainDb).toBe(3); // −4 + 3 = −1 dBTP
    expect(s.passesCeiling).toBe(true);
    // EBU turns a −30 LUFS master up 7 dB: a −7 dBTP peak lands at 0 dBTP, over the −1 ceiling.
    const e = targetVerdict(ebu, -30, -7);
    expect(e.appliedGainDb).toBe(7);
    expect(e.passesCeiling).toBe(false);
    expect(e.note).toMatch(/over the -1 dBTP ceiling/);
  });
});

describe('codec overs', () => {
  it('a loud master at −0.1 dBFS and a quiet one at −12 dBFS: ffmpeg reading our MP3 agrees on the sign of the over', async () => {
    for (const peak of [-0.1, -12]) {
      const [l, r] = loudMaster(peak, 2);
      const report = await translationReport([l, r], RATE);
      for (const kbps of [128, 320]) {
        const mp3 = join(dir, `m${peak}-${kbps}.mp3`);
        writeFileSync(mp3, encodeMp3(l, r, RATE, kbps).bytes);
        const ff = ffmpegEbur128(mp3).truePeakDbtp;
        const ours = report.codecs.find((c) => c.kbps === kbps)!;
        expect(ours.overCeiling, `${kbps} kbit/s at ${peak} dBFS: ffmpeg ${ff} dBTP, ours ${ours.truePeakDbtp}`).toBe(ff > -1);
        // Same decoded stream, two decoders and two meters: within 0.3 dB.
        expect(Math.abs(ours.truePeakDbtp! - ff)).toBeLessThan(0.3);
      }
      if (peak === -0.1) {
        expect(report.codecs.every((c) => c.overCeiling)).toBe(true);
        expect(report.advice).toMatch(/lower the limiter ceiling to -\d+\.\d dBTP/);
      } else {
        expect(report.advice).toBeNull();
      }
    }
  });
});

describe('mixgraph check (the command)', () => {
  it('prints the report, exits 0, and --json is one parseable object', () => {
    const [l, r] = loudMaster(-0.1, 1);
    const wav = join(dir, 'master.wav');
    writeFileSync(wav, encodeWav(l, r, RATE, 24));
    const text = spawnSync(process.execPath, ['bin/mixgraph.mjs', 'check', wav], { encoding: 'utf8', timeout: 120_000 });
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/integrated\s+-?\d/);
    expect(text.stdout).toMatch(/Spotify/);
    expect(text.stdout).toMatch(/MP3 128 kbit\/s/);
    const json = spawnSync(process.execPath, ['bin/mixgraph.mjs', 'check', wav, '--json'], { encoding: 'utf8', timeout: 120_000 });
    expect(json.status).toBe(0);
    const report = JSON.parse(json.stdout);
    expect(report.targets.map((t: { id: string }) => t.id)).toEqual(DELIVERY_TARGETS.map((t) => t.id));
    const missing = spawnSync(process.execPath, ['bin/mixgraph.mjs', 'check', join(dir, 'nope.wav')], { encoding: 'utf8' });
    expect(missing.status).toBe(1);
    expect(missing.stderr.trim().split('\n').length).toBe(1);
  });
});

/**
 * The MP3 stream of the editor's codec preview: its output lines up with its input. The delay it
 * trims is checked against ffmpeg: ffmpeg decodes the same MP3 bytes (LAME's frames, our encoder),
 * the lag of ffmpeg's decode against the input is found by cross-correlation, and our aligned
 * stream must equal ffmpeg's decode shifted by that lag (two decoders of the same bits).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeMp3 } from '../../../src/runtime/codec/mp3RoundTrip';
import { MP3_STREAM_DELAY, openMp3Stream } from '../../../src/runtime/codec/mp3Stream';

const dir = mkdtempSync(join(tmpdir(), 'mixgraph-mp3stream-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const RATE = 48000;

/** 1.5 s of a programme-like signal: a few partials and low-passed noise, different per channel. */
function programme(frames: number): [Float32Array, Float32Array] {
  const l = new Float32Array(frames);
  const r = new Float32Array(frames);
  let seed = 12345;
  const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) - 0.5;
  let nl = 0;
  let nr = 0;
  for (let i = 0; i < frames; i++) {
    const t = i / RATE;
    nl += 0.3 * (rnd() - nl);
    nr += 0.3 * (rnd() - nr);
    l[i] = 0.25 * Math.sin(2 * Math.PI * 220 * t) + 0.1 * Math.sin(2 * Math.PI * 1870 * t) + 0.5 * nl;
    r[i] = 0.2 * Math.sin(2 * Math.PI * 330 * t) + 0.1 * Math.sin(2 * Math.PI * 3100 * t) + 0.5 * nr;
  }
  return [l, r];
}

/** Runs the stream over `l`/`r` in blocks of the given sizes (cycled); returns the aligned output. */
async function stream(l: Float32Array, r: Float32Array, kbps: number, blocks: number[]): Promise<[Float32Array, Float32Array]> {
  const outL: number[] = [];
  const outR: number[] = [];
  const codec = await openMp3Stream(RATE, kbps, (a, b) => {
    for (let i = 0; i < a.length; i++) {
      outL.push(a[i]);
      outR.push(b[i]);
    }
  });
  let at = 0;
  for (let k = 0; at < l.length; k++) {
    const n = Math.min(blocks[k % blocks.length], l.length - at);
    codec.push(l.subarray(at, at + n), r.subarray(at, at + n));
    at += n;
  }
  codec.close();
  return [Float32Array.from(outL), Float32Array.from(outR)];
}

/** Lag (0…maxLag) maximising Σ x[i]·y[i + lag] over a window of x. */
function bestLag(x: Float32Array, y: Float32Array, maxLag: number): number {
  let best = -Infinity;
  let bestLag = 0;
  for (let lag = 0; lag <= maxLag; lag++) {
    let c = 0;
    for (let i = 8000; i < 40000; i++) c += x[i] * y[i + lag];
    if (c > best) {
      best = c;
      bestLag = lag;
    }
  }
  return bestLag;
}

function rmsDb(a: Float32Array, from: number, to: number, b?: Float32Array, bOffset = 0): number {
  let s = 0;
  for (let i = from; i < to; i++) {
    const d = a[i] - (b ? b[i + bOffset] : 0);
    s += d * d;
  }
  return 10 * Math.log10(s / (to - from));
}

describe('MP3 stream (codec preview)', () => {
  const frames = Math.round(1.5 * RATE);
  const [l, r] = programme(frames);

  it('lines up with its input: the lag ffmpeg\'s decode shows is the delay it trims, and the two decodes agree', async () => {
    const mp3 = join(dir, 'x.mp3');
    writeFileSync(mp3, encodeMp3(l, r, RATE, 128).bytes);
    const raw = join(dir, 'x.f32');
    const ff = spawnSync('ffmpeg', ['-v', 'error', '-y', '-i', mp3, '-f', 'f32le', '-acodec', 'pcm_f32le', raw]);
    expect(ff.status).toBe(0);
    const bytes = readFileSync(raw);
    const inter = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
    const ffL = new Float32Array(inter.length / 2);
    const ffR = new Float32Array(inter.length / 2);
    for (let i = 0; i < ffL.length; i++) {
      ffL[i] = inter[2 * i];
      ffR[i] = inter[2 * i + 1];
    }
    const lag = bestLag(l, ffL, 4000);
    expect(lag).toBe(MP3_STREAM_DELAY);
    expect(bestLag(r, ffR, 4000)).toBe(MP3_STREAM_DELAY);

    const [ol, or] = await stream(l, r, 128, [1024]);
    // Our aligned output against the input: correlation peaks at lag 0.
    expect(bestLag(l, ol, 200)).toBe(0);
    // …and against ffmpeg's decode shifted by the lag ffmpeg showed: the same samples, up to the
    // two decoders' float rounding (far below the codec's own error).
    const end = ol.length - 2000;
    const signal = rmsDb(ol, 2000, end);
    const decoders = rmsDb(ol, 2000, end, ffL, lag);
    const codecError = rmsDb(ol, 2000, end, l);
    console.log(`MP3 128k: decoded ${signal.toFixed(1)} dBFS RMS, ours − ffmpeg ${decoders.toFixed(1)} dB, ours − input ${codecError.toFixed(1)} dB`);
    expect(decoders - signal).toBeLessThan(-60);
    expect(rmsDb(or, 2000, end, ffR, lag) - rmsDb(or, 2000, end)).toBeLessThan(-60);
    // Aligned, the codec's error is far below the signal (it would be near 0 dB if misaligned).
    expect(codecError - signal).toBeLessThan(-15);
  });

  it('does not depend on the block size it is fed', async () => {
    const short = l.subarray(0, 30000);
    const shortR = r.subarray(0, 30000);
    const [a] = await stream(short, shortR, 192, [128]);
    const [b] = await stream(short, shortR, 192, [1000, 37, 4096]);
    expect(b.length).toBe(a.length);
    expect(b).toEqual(a);
  });

  it('refuses a rate MPEG-1 cannot encode, naming it', async () => {
    await expect(openMp3Stream(96000, 128, () => {})).rejects.toThrow(/96000 Hz/);
  });
});

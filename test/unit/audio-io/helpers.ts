/**
 * Test helpers for audio-io: temp dirs, spawning ffmpeg/sox, known signals and measurements
 * computed from their definitions (never from our own output).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** A fresh temp directory; `cleanup()` removes it. */
export function makeTempDir(prefix = 'mixgraph-audio-io-'): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Runs a tool and returns its stdout; throws with stderr on a non-zero exit. */
export function run(command: string, args: string[]): Buffer {
  const result = spawnSync(command, args, { maxBuffer: 256 * 1024 * 1024 });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr.toString()}`);
  }
  return result.stdout;
}

/**
 * The known test signal: channel c, frame i at rate fs is
 *   0.45·sin(2π·f1(c)·i/fs + c) + 0.3·sin(2π·f2(c)·i/fs),  f1 = 440·(c+1) Hz, f2 = 3170 + 1000·c Hz,
 * peak below 0.75 so no format clips. Different frequencies per channel catch swapped channels.
 */
export function knownSignal(frames: number, channels: number, sampleRate: number): Float64Array[] {
  const out: Float64Array[] = [];
  for (let c = 0; c < channels; c++) {
    const x = new Float64Array(frames);
    const f1 = 440 * (c + 1);
    const f2 = 3170 + 1000 * c;
    for (let i = 0; i < frames; i++) {
      x[i] = 0.45 * Math.sin((2 * Math.PI * f1 * i) / sampleRate + c) + 0.3 * Math.sin((2 * Math.PI * f2 * i) / sampleRate);
    }
    out.push(x);
  }
  return out;
}

/** Interleaves planar channels as little-endian float64 bytes (ffmpeg `-f f64le`, sox `-t f64`). */
export function toRawF64(channels: ArrayLike<number>[]): Buffer {
  const frames = channels[0].length;
  const buffer = Buffer.alloc(frames * channels.length * 8);
  for (let i = 0; i < frames; i++) {
    for (let c = 0; c < channels.length; c++) buffer.writeDoubleLE(channels[c][i], (i * channels.length + c) * 8);
  }
  return buffer;
}

/** Splits little-endian interleaved float64 bytes into planar channels. */
export function fromRawF64(bytes: Buffer, channelCount: number): Float64Array[] {
  const frames = Math.floor(bytes.length / 8 / channelCount);
  const out: Float64Array[] = [];
  for (let c = 0; c < channelCount; c++) out.push(new Float64Array(frames));
  for (let i = 0; i < frames; i++) {
    for (let c = 0; c < channelCount; c++) out[c][i] = bytes.readDoubleLE((i * channelCount + c) * 8);
  }
  return out;
}

/** Largest |a[i] − b[i]| over the common length. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

/**
 * Least-squares fit of A·cos(ωi) + B·sin(ωi), ω = 2π·f/fs, to x[start..end): returns the fitted
 * amplitude √(A²+B²) and the RMS of what the sinusoid does not explain. Exact for any segment
 * length (solves the 2×2 normal equations), so no window or integer period is needed.
 */
export function fitSinusoid(
  x: ArrayLike<number>,
  frequency: number,
  sampleRate: number,
  start: number,
  end: number,
): { amplitude: number; residualRms: number } {
  let cc = 0;
  let ss = 0;
  let cs = 0;
  let xc = 0;
  let xs = 0;
  for (let i = start; i < end; i++) {
    const w = (2 * Math.PI * frequency * i) / sampleRate;
    const c = Math.cos(w);
    const s = Math.sin(w);
    cc += c * c;
    ss += s * s;
    cs += c * s;
    xc += x[i] * c;
    xs += x[i] * s;
  }
  const det = cc * ss - cs * cs;
  const a = (xc * ss - xs * cs) / det;
  const b = (xs * cc - xc * cs) / det;
  let residual = 0;
  for (let i = start; i < end; i++) {
    const w = (2 * Math.PI * frequency * i) / sampleRate;
    const e = x[i] - a * Math.cos(w) - b * Math.sin(w);
    residual += e * e;
  }
  return { amplitude: Math.hypot(a, b), residualRms: Math.sqrt(residual / (end - start)) };
}

/** RMS of x[start..end). */
export function rms(x: ArrayLike<number>, start = 0, end = x.length): number {
  let sum = 0;
  for (let i = start; i < end; i++) sum += x[i] * x[i];
  return Math.sqrt(sum / (end - start));
}

/** 20·log10(ratio). */
export function db(ratio: number): number {
  return 20 * Math.log10(ratio);
}

/**
 * Independent peek at a WAV header (walks RIFF chunks without our decoder): the `fmt ` tag, the
 * EXTENSIBLE sub-format tag, the channel mask and whether a `fact` chunk exists.
 */
export function peekWavFormat(bytes: Uint8Array): { riff: string; tag: number; subTag?: number; mask?: number; fact: boolean } {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const riff = b.toString('latin1', 0, 4);
  let pos = 12;
  let tag = -1;
  let subTag: number | undefined;
  let mask: number | undefined;
  let fact = false;
  while (pos + 8 <= b.length) {
    const id = b.toString('latin1', pos, pos + 4);
    const size = b.readUInt32LE(pos + 4);
    if (id === 'fmt ') {
      tag = b.readUInt16LE(pos + 8);
      if (tag === 0xfffe) {
        mask = b.readUInt32LE(pos + 8 + 20);
        subTag = b.readUInt16LE(pos + 8 + 24);
      }
    }
    if (id === 'fact') fact = true;
    if (id === 'data') break;
    pos += 8 + size + (size & 1);
  }
  return { riff, tag, subTag, mask, fact };
}

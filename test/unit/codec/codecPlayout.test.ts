/**
 * The codec preview's playout (audio-thread half): the decoded stream plays exactly `latency`
 * frames behind the input, "artifacts only" is g·decoded − dry with g the least-squares gain, and
 * frames the codec did not deliver in time play the dry signal and are counted.
 */
import { describe, expect, it } from 'vitest';
import { CodecPlayout } from '../../../src/runtime/codec/codecPlayout';

const RATE = 48000;
const Q = 128;

function signal(frames: number, seed = 1): Float32Array {
  const x = new Float32Array(frames);
  let s = seed;
  for (let i = 0; i < frames; i++) {
    s = (s * 16807) % 2147483647;
    x[i] = 0.5 * Math.sin(i * 0.013) + 0.3 * (s / 2147483647 - 0.5);
  }
  return x;
}

/** Runs the playout over `x` (both channels), with the "codec" = `codec(block)` delivered per quantum. */
function run(playout: CodecPlayout, x: Float32Array, codec: ((block: Float32Array) => Float32Array) | null, onQuantum?: (q: number) => void): Float32Array {
  const out = new Float32Array(x.length);
  const outR = new Float32Array(Q);
  for (let q = 0; q * Q < x.length; q++) {
    onQuantum?.(q);
    const block = x.subarray(q * Q, (q + 1) * Q);
    if (codec) {
      const d = codec(block);
      playout.receive(q * Q, d, d);
    }
    playout.process(block, block, out.subarray(q * Q, (q + 1) * Q), outR, Q);
  }
  return out;
}

describe('CodecPlayout', () => {
  const latency = 9600;
  const x = signal(RATE * 2);

  it('plays the decode exactly `latency` frames behind, silence before', () => {
    const playout = new CodecPlayout(latency, RATE);
    const out = run(playout, x, (b) => b.map((v) => 0.9 * v));
    for (let i = 0; i < latency; i++) expect(out[i]).toBe(0);
    for (let i = latency; i < x.length; i += 97) expect(out[i]).toBeCloseTo(0.9 * x[i - latency], 6);
    expect(playout.lateFrames).toBe(0);
  });

  it('artifacts only: a codec that only changes the level leaves nothing once g has settled (g → 1/0.8)', () => {
    const playout = new CodecPlayout(latency, RATE);
    playout.setMode('artifacts');
    const out = run(playout, x, (b) => b.map((v) => 0.8 * v));
    expect(playout.matchGain).toBeCloseTo(1 / 0.8, 3);
    let peak = 0;
    for (let i = x.length - RATE / 4; i < x.length; i++) peak = Math.max(peak, Math.abs(out[i]));
    expect(peak).toBeLessThan(1e-3);
  });

  it('artifacts only: added noise comes out as that noise (the difference, not the decode)', () => {
    const playout = new CodecPlayout(latency, RATE);
    playout.setMode('artifacts');
    let seed = 99;
    const noise = new Float32Array(x.length).map(() => 0.01 * ((seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5));
    let at = 0;
    const out = run(playout, x, (b) => {
      const d = b.map((v, i) => v + noise[at + i]);
      at += b.length;
      return d;
    });
    // Noise uncorrelated with x: g stays ≈ 1, the output is the noise, delayed.
    for (let i = x.length - 1000; i < x.length; i += 37) expect(out[i]).toBeCloseTo(noise[i - latency], 3);
  });

  it('frames not decoded in time play the dry signal (delayed) and are counted; artifacts are silent then', () => {
    const playout = new CodecPlayout(latency, RATE);
    playout.restart(0);
    const out = run(playout, x, null);
    expect(playout.lateFrames).toBe(x.length - latency);
    for (let i = latency; i < x.length; i += 101) expect(out[i]).toBe(x[i - latency]);
    const quiet = new CodecPlayout(latency, RATE);
    quiet.setMode('artifacts');
    const silent = run(quiet, x, null);
    // The 10 ms mode ramp ends long before the first frame is due.
    expect(Math.max(...silent.map(Math.abs))).toBe(0);
  });

  it('switching codec ↔ artifacts is a 10 ms linear crossfade, not a step', () => {
    const playout = new CodecPlayout(latency, RATE);
    const out = run(playout, x, (b) => b.map((v) => v), (q) => q === 200 && playout.setMode('artifacts'));
    // Identity codec: artifacts are 0, so the output falls from x to 0 over 480 frames.
    const s = 200 * Q;
    expect(out[s - 1]).toBeCloseTo(x[s - 1 - latency], 6);
    expect(out[s + 239]).toBeCloseTo(0.5 * x[s + 239 - latency], 2);
    expect(out[s + 480]).toBeCloseTo(0, 6);
  });

  it('refuses a latency the ring cannot hold', () => {
    expect(() => new CodecPlayout(40000, RATE)).toThrow(/latency 40000/);
  });
});

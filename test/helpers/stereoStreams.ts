/** Reading a whole stereo stream in fixed blocks, and comparing samples bit for bit (stream tests). */
import { expect } from 'vitest';
import type { StereoStream } from '../../src/runtime/audio-io/decoders/stereoStream';

/** Reads `stream` to its end in blocks of `block` frames; fails unless it delivers `stream.frames`. */
export function drainStream(stream: StereoStream, block: number): { left: Float32Array; right: Float32Array } {
  const left = new Float32Array(stream.frames);
  const right = new Float32Array(stream.frames);
  const l = new Float32Array(block);
  const r = new Float32Array(block);
  let at = 0;
  for (;;) {
    const n = stream.read(l, r, block);
    if (n === 0) break;
    left.set(l.subarray(0, n), at);
    right.set(r.subarray(0, n), at);
    at += n;
  }
  expect(at).toBe(stream.frames);
  return { left, right };
}

/** Whether two sample arrays are equal bit for bit (NaN payloads and −0 included). */
export function sameSamples(a: Float32Array, b: Float32Array): boolean {
  return a.length === b.length && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

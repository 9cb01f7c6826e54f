/**
 * Offline kernel of the `source` node: plays a clip (a demo stem or a bound file) from an offset,
 * looping or once, scaled by a gain.
 *
 *   p[n] = round(offset·fs) + n                 (n = frames since the render started)
 *   loop:     out[n] = g · clip[p[n] mod L]
 *   no loop:  out[n] = g · clip[p[n]] for p[n] < L, then 0
 *
 * with L the clip length in frames and g = 10^(gain/20). As Tone.Player's start offset: the
 * offset is where playback begins, and looping wraps around the whole clip. The playhead is a
 * frame counter, so the output does not depend on the block size; `process` only copies and
 * scales. A missing `file:` clip plays silence (the engine reports it before rendering, through
 * `clipsUsed`).
 */
import type { ResolvedParams } from '../../graph/catalog';
import type { ClipAudio, Kernel, KernelContext, KernelIO } from '../types';
import { boolParam, numberParam, stringParam } from '../params';
import { parseClipRef, type ClipRef } from './clipRef';
import { getDemoStem } from './demo';

/** Largest finite float32; anything beyond would be stored as ±Infinity. */
const FLOAT32_MAX = 3.4028234663852886e38;

/** The clip a reference points to at the render rate, or undefined (unknown or unbound). */
export function resolveClip(ref: ClipRef | undefined, ctx: KernelContext): ClipAudio | undefined {
  if (!ref) return undefined;
  return ref.kind === 'demo' ? getDemoStem(ref.stem, ctx.sampleRate) : ctx.getClip(ref.name);
}

/** Frames of a clip: the shorter channel, so a malformed clip never reads out of bounds. */
export function clipFrames(clip: ClipAudio | undefined): number {
  if (!clip) return 0;
  return clip.stream ? clip.stream.frames : Math.min(clip.left.length, clip.right.length);
}

export class SourceKernel implements Kernel {
  readonly latencySamples = 0;
  private clipRef = '';
  private clip: ClipAudio | undefined;
  private clipLength = 0;
  private gain = 1;
  private loop = true;
  private offsetFrames = 0;
  /** Frames rendered since the start or the last `reset`. */
  private elapsed = 0;

  constructor(private readonly ctx: KernelContext) {}

  setParams(params: ResolvedParams): void {
    const ref = stringParam(params, 'clip');
    if (ref !== this.clipRef || !this.clip) {
      // Resolving may synthesize a demo stem (once per rate, cached): only on a clip change.
      this.clipRef = ref;
      this.clip = resolveClip(parseClipRef(ref), this.ctx);
      this.clipLength = clipFrames(this.clip);
    }
    this.gain = Math.pow(10, numberParam(params, 'gain') / 20);
    this.loop = boolParam(params, 'loop');
    this.offsetFrames = Math.max(0, Math.round(numberParam(params, 'offset') * this.ctx.sampleRate));
  }

  process(io: KernelIO): void {
    const out = io.outputs[0];
    const frames = io.frames;
    const length = this.clipLength;
    const clip = this.clip;
    const start = this.offsetFrames + this.elapsed;
    this.elapsed += frames;
    if (!clip || length === 0 || (!this.loop && start >= length)) {
      out.left.fill(0, 0, frames);
      out.right.fill(0, 0, frames);
      return;
    }
    let position = this.loop ? start % length : start;
    let written = 0;
    while (written < frames) {
      const run = Math.min(frames - written, length - position);
      if (clip.stream) {
        // A streamed clip (an album track or a render's input read from its file) is read into
        // the block, then scaled — unless at unity gain its frames are known finite.
        clip.stream.read(position, run, out.left, out.right, written);
        if (this.gain !== 1 || !clip.finite) {
          this.scaleInPlace(out.left, written, run);
          this.scaleInPlace(out.right, written, run);
        }
      } else if (this.gain === 1 && clip.finite) {
        // 1·x = x for every finite x: the copy needs no arithmetic and no check. `set` is a
        // memcpy (≈ 4× the element loop) at the price of two small views per block, not per sample.
        out.left.set(clip.left.subarray(position, position + run), written);
        out.right.set(clip.right.subarray(position, position + run), written);
      } else {
        this.copyScaled(clip.left, position, out.left, written, run);
        this.copyScaled(clip.right, position, out.right, written, run);
      }
      written += run;
      position += run;
      if (position >= length) {
        if (!this.loop) break;
        position = 0;
      }
    }
    if (written < frames) {
      out.left.fill(0, written, frames);
      out.right.fill(0, written, frames);
    }
  }

  reset(): void {
    this.elapsed = 0;
  }

  /** target[at + i] *= gain; a non-finite product becomes 0. */
  private scaleInPlace(target: Float32Array, at: number, count: number): void {
    const gain = this.gain;
    for (let i = at; i < at + count; i++) {
      const v = gain * target[i];
      target[i] = v <= FLOAT32_MAX && v >= -FLOAT32_MAX ? v : 0;
    }
  }

  /** target[to + i] = gain·source[from + i]; a non-finite product becomes 0. */
  private copyScaled(source: Float32Array, from: number, target: Float32Array, to: number, count: number): void {
    const gain = this.gain;
    for (let i = 0; i < count; i++) {
      const v = gain * source[from + i];
      target[to + i] = v <= FLOAT32_MAX && v >= -FLOAT32_MAX ? v : 0;
    }
  }
}

/** Builds a source kernel with `params` applied. */
export function createSourceKernel(ctx: KernelContext, params: ResolvedParams): SourceKernel {
  const kernel = new SourceKernel(ctx);
  kernel.setParams(params);
  return kernel;
}

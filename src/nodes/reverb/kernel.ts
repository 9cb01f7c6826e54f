/**
 * Offline kernel of the `reverb` node: a deterministic Freeverb-topology reverberator.
 *
 *   m[n]    = (x_L[n] + x_R[n]) / 2                      mono sum feeds the room
 *   p[n]    = m[n − P]                                   pre-delay, P = round(predelay·fs/1000)
 *   wet_c   = FreeverbChannel_c{p}                       c = L, R (R's lines longer by the spread)
 *   out_c   = (1 − mix)·x_c + mix·wet_c                  linear dry/wet crossfade
 *
 * Each channel is 8 low-pass-feedback combs with gains g_i = 10^(−3·d_i/(T·fs)) (T = `decay`)
 * and 4 Schroeder allpasses; see `src/dsp/reverb/` and docs/space.md. The combs have no direct
 * path, so for an impulse at n = 0 the first non-zero wet sample is at P + d_min, d_min the
 * channel's shortest comb.
 *
 * No randomness: identical input gives identical output on every run and in both engines.
 * Params changing while audio plays (the live engine): `mix` ramps over 10 ms; `decay` and
 * `damping` retune the loops at once (they only scale what recirculates, smooth in practice);
 * `predelay` and `size` move read positions, so they are crossfaded over 30 ms
 * (`TapCrossfade`): the pre-delay reads m[n − P_old] and m[n − P_new] and blends them, and every
 * comb and allpass reads its old and new length and blends them, feeding its loop from the blend
 * (see `src/dsp/reverb/` and docs/space.md, "Live changes"). The lines are allocated for the
 * largest size and pre-delay, so nothing allocates. The first params and `reset()` apply at once,
 * so offline renders use the exact values from sample 0. Latency: none (the dry path is not delayed).
 */
import type { ResolvedParams } from '../../graph/catalog';
import { DelayLine } from '../../dsp/delayLine';
import { LinearRamp } from '../../dsp/linearRamp';
import { onePoleLowpassCoefficients, type OnePoleLowpassCoefficients } from '../../dsp/onePoleLowpass';
import { FreeverbChannel } from '../../dsp/reverb/freeverbChannel';
import { sizeScale } from '../../dsp/reverb/freeverbTuning';
import { TapCrossfade } from '../../dsp/reverb/tapCrossfade';
import { allocateFreeverbWasmScratch, processFreeverbStereoWasm, QUAD_SCRATCH_LENGTH, type FreeverbWasmScratch } from '../../dsp/reverb/freeverbStereoWasm';
import { createReverbWasm, type ReverbWasm } from '../../dsp/wasm/reverbWasm';
import type { Kernel, KernelIO } from '../types';
import {
  REVERB_MIX_RAMP_MS,
  REVERB_PREDELAY_MAX_MS,
  REVERB_RETUNE_CROSSFADE_MS,
  dampingIsOff,
  predelaySamples,
  readReverbSettings,
  type ReverbSettings,
} from './reverbSettings';

/** Frames per internal chunk: the scratch blocks (3 × 4 KiB) stay in the L1 cache. */
const CHUNK = 512;

/** A non-finite sample (NaN, ±Infinity) counts as silence, so it cannot poison the loops forever. */
function finiteOrZero(x: number): number {
  return x - x === 0 ? x : 0;
}

/** m = (x_L + x_R)/2 with non-finite inputs taken as 0. */
function monoSum(xl: number, xr: number): number {
  return 0.5 * (finiteOrZero(xl) + finiteOrZero(xr));
}

export class ReverbKernel implements Kernel {
  readonly latencySamples = 0;
  private readonly left: FreeverbChannel;
  private readonly right: FreeverbChannel;
  private readonly predelayLine: DelayLine;
  /** Pre-delay P in samples, crossfaded on live changes. */
  private readonly predelay: TapCrossfade;
  private readonly mix = new LinearRamp(0);
  private readonly dampingCoefficients: OnePoleLowpassCoefficients = { b0: 1, a1: 0 };
  private settings: ReverbSettings | undefined;
  private readonly mixRampSamples: number;
  /** Pre-delayed mono input of the current chunk (in the WebAssembly memory when there is one). */
  private readonly preScratch: Float64Array;
  private readonly wetLeftScratch = new Float64Array(CHUNK);
  private readonly wetRightScratch = new Float64Array(CHUNK);
  /** The WebAssembly loops and their scratch, or undefined where WebAssembly is unavailable. */
  private readonly wasm: ReverbWasm | undefined;
  private readonly wasmScratch: FreeverbWasmScratch | undefined;

  /** @param sampleRate fs in Hz; every line is allocated here for the largest size and pre-delay. */
  constructor(private readonly sampleRate: number) {
    const fadeSamples = Math.max(1, Math.round((REVERB_RETUNE_CROSSFADE_MS * sampleRate) / 1000));
    // Lines and scratch in one WebAssembly memory when possible (see processFreeverbStereoWasm).
    const lineSamples = FreeverbChannel.storageSamples(sampleRate, false) + FreeverbChannel.storageSamples(sampleRate, true);
    const wasm = createReverbWasm(lineSamples + 3 * CHUNK + 2 + QUAD_SCRATCH_LENGTH);
    this.wasm = wasm;
    const storage = wasm ? (length: number) => wasm.allocate(length) : undefined;
    this.left = new FreeverbChannel(sampleRate, false, fadeSamples, storage);
    this.right = new FreeverbChannel(sampleRate, true, fadeSamples, storage);
    this.preScratch = wasm ? wasm.allocate(CHUNK) : new Float64Array(CHUNK);
    this.wasmScratch = wasm
      ? allocateFreeverbWasmScratch(wasm, this.preScratch, CHUNK)
      : undefined;
    this.predelay = new TapCrossfade(fadeSamples);
    this.predelayLine = new DelayLine(Math.max(1, predelaySamples(REVERB_PREDELAY_MAX_MS, sampleRate)));
    this.mixRampSamples = Math.round((REVERB_MIX_RAMP_MS * sampleRate) / 1000);
  }

  setParams(params: ResolvedParams): void {
    const first = this.settings === undefined;
    const s = readReverbSettings(params);
    this.settings = s;
    let damping: OnePoleLowpassCoefficients | null = null;
    if (!dampingIsOff(s.dampingHz)) {
      damping = onePoleLowpassCoefficients(s.dampingHz, this.sampleRate, this.dampingCoefficients);
    }
    const scale = sizeScale(s.size);
    const predelay = predelaySamples(s.predelayMs, this.sampleRate);
    if (first) {
      this.left.configure(scale, s.decayS, damping);
      this.right.configure(scale, s.decayS, damping);
      this.predelay.jumpTo(predelay);
      this.mix.jumpTo(s.mix);
    } else {
      this.left.retune(scale, s.decayS, damping);
      this.right.retune(scale, s.decayS, damping);
      this.predelay.moveTo(predelay);
      this.mix.rampTo(s.mix, this.mixRampSamples);
    }
  }

  /** Current comb lengths in samples, left then right channel (for docs and tests). */
  combLengths(): { left: readonly number[]; right: readonly number[] } {
    return { left: Array.from(this.left.combLengths), right: Array.from(this.right.combLengths) };
  }

  /**
   * Runs the block in chunks of `CHUNK` frames (the scratch stays in the L1 cache and its size
   * does not depend on the engine's block size): the pre-delayed mono input of the chunk, then each
   * channel's reverberator block-wise, then the dry/wet mix. Every stage is the per-sample
   * equation of the header in its own loop, so any block size gives the same samples.
   */
  process(io: KernelIO): void {
    const input = io.inputs[0];
    const output = io.outputs[0];
    const frames = io.frames;
    const pre = this.preScratch;
    const wetLeft = this.wetLeftScratch;
    const wetRight = this.wetRightScratch;
    for (let start = 0; start < frames; start += CHUNK) {
      const n = Math.min(CHUNK, frames - start);
      this.predelayChunk(input.left, input.right, start, n);
      if (this.wasm && this.wasmScratch && !this.left.fading) {
        processFreeverbStereoWasm(this.left, this.right, this.wasm, this.wasmScratch, n);
        this.mixChunkInterleaved(input.left, input.right, output.left, output.right, start, n);
        continue;
      }
      this.left.processBlock(pre, wetLeft, n);
      this.right.processBlock(pre, wetRight, n);
      this.mixChunk(input.left, input.right, output.left, output.right, start, n);
    }
  }

  /** pre[i] = m[n − P] for the chunk, m = (x_L + x_R)/2 with non-finite inputs taken as 0. */
  private predelayChunk(inLeft: Float32Array, inRight: Float32Array, start: number, n: number): void {
    const pre = this.preScratch;
    const line = this.predelayLine;
    const predelay = this.predelay;
    if (predelay.fading) {
      for (let i = 0; i < n; i++) {
        const m = monoSum(inLeft[start + i], inRight[start + i]);
        // Read before write: readInteger(P) is m[n − P]; P = 0 uses the sample itself.
        const settled = predelay.current;
        let p = settled === 0 ? m : line.readInteger(settled);
        // The fade may end inside the chunk; from then on only the settled tap is read.
        if (predelay.fading) {
          const incoming = predelay.incoming;
          const q = incoming === 0 ? m : line.readInteger(incoming);
          p += predelay.weight * (q - p);
          predelay.advance();
        }
        line.write(m);
        pre[i] = p;
      }
      return;
    }
    // The same reads as `readInteger`, with P clamped once instead of per sample.
    const settled = predelay.current;
    const buffer = line.buffer;
    const mask = line.mask;
    let w = line.writeIndex;
    if (settled === 0) {
      for (let i = 0; i < n; i++) {
        const m = monoSum(inLeft[start + i], inRight[start + i]);
        pre[i] = m;
        buffer[w] = m;
        w = (w + 1) & mask;
      }
    } else {
      const d = Math.min(Math.max(settled, 1), line.maxDelay);
      let r = (w - d) & mask;
      for (let i = 0; i < n; i++) {
        const m = monoSum(inLeft[start + i], inRight[start + i]);
        pre[i] = buffer[r];
        buffer[w] = m;
        w = (w + 1) & mask;
        r = (r + 1) & mask;
      }
    }
    line.writeIndex = w;
  }

  /** `mixChunk` reading the WebAssembly path's interleaved wet block. */
  private mixChunkInterleaved(
    inLeft: Float32Array,
    inRight: Float32Array,
    outLeft: Float32Array,
    outRight: Float32Array,
    start: number,
    n: number,
  ): void {
    const wet = this.wasmScratch!.wet;
    const ramp = this.mix;
    if (ramp.ramping) {
      for (let i = 0; i < n; i++) {
        const mix = ramp.next();
        const dry = 1 - mix;
        outLeft[start + i] = dry * finiteOrZero(inLeft[start + i]) + mix * wet[2 * i];
        outRight[start + i] = dry * finiteOrZero(inRight[start + i]) + mix * wet[2 * i + 1];
      }
      return;
    }
    const mix = ramp.value;
    const dry = 1 - mix;
    for (let i = 0; i < n; i++) {
      outLeft[start + i] = dry * finiteOrZero(inLeft[start + i]) + mix * wet[2 * i];
      outRight[start + i] = dry * finiteOrZero(inRight[start + i]) + mix * wet[2 * i + 1];
    }
  }

  /** out_c = (1 − mix)·x_c + mix·wet_c for the chunk (non-finite dry samples taken as 0). */
  private mixChunk(
    inLeft: Float32Array,
    inRight: Float32Array,
    outLeft: Float32Array,
    outRight: Float32Array,
    start: number,
    n: number,
  ): void {
    const wetLeft = this.wetLeftScratch;
    const wetRight = this.wetRightScratch;
    const ramp = this.mix;
    if (ramp.ramping) {
      for (let i = 0; i < n; i++) {
        const mix = ramp.next();
        const dry = 1 - mix;
        outLeft[start + i] = dry * finiteOrZero(inLeft[start + i]) + mix * wetLeft[i];
        outRight[start + i] = dry * finiteOrZero(inRight[start + i]) + mix * wetRight[i];
      }
      return;
    }
    const mix = ramp.value;
    const dry = 1 - mix;
    for (let i = 0; i < n; i++) {
      outLeft[start + i] = dry * finiteOrZero(inLeft[start + i]) + mix * wetLeft[i];
      outRight[start + i] = dry * finiteOrZero(inRight[start + i]) + mix * wetRight[i];
    }
  }

  reset(): void {
    this.left.reset();
    this.right.reset();
    this.predelayLine.reset();
    const s = this.settings;
    if (s === undefined) return;
    this.predelay.jumpTo(predelaySamples(s.predelayMs, this.sampleRate));
    this.mix.jumpTo(s.mix);
  }
}

/** Builds a reverb kernel at `sampleRate` with `params` already applied. */
export function createReverbKernel(sampleRate: number, params: ResolvedParams): ReverbKernel {
  const kernel = new ReverbKernel(sampleRate);
  kernel.setParams(params);
  return kernel;
}

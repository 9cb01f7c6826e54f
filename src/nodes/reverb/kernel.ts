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

  /** @param sampleRate fs in Hz; every line is allocated here for the largest size and pre-delay. */
  constructor(private readonly sampleRate: number) {
    const fadeSamples = Math.max(1, Math.round((REVERB_RETUNE_CROSSFADE_MS * sampleRate) / 1000));
    this.left = new FreeverbChannel(sampleRate, false, fadeSamples);
    this.right = new FreeverbChannel(sampleRate, true, fadeSamples);
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

  process(io: KernelIO): void {
    const input = io.inputs[0];
    const output = io.outputs[0];
    const inLeft = input.left;
    const inRight = input.right;
    const outLeft = output.left;
    const outRight = output.right;
    const line = this.predelayLine;
    const predelay = this.predelay;
    const left = this.left;
    const right = this.right;
    for (let i = 0; i < io.frames; i++) {
      let xl = inLeft[i];
      let xr = inRight[i];
      // A non-finite input must not poison the loops forever.
      if (!Number.isFinite(xl)) xl = 0;
      if (!Number.isFinite(xr)) xr = 0;
      const m = 0.5 * (xl + xr);
      // Read before write: readInteger(P) is m[n − P]; P = 0 uses the sample itself.
      const settled = predelay.current;
      let p = settled === 0 ? m : line.readInteger(settled);
      if (predelay.fading) {
        const incoming = predelay.incoming;
        const q = incoming === 0 ? m : line.readInteger(incoming);
        p += predelay.weight * (q - p);
        predelay.advance();
      }
      line.write(m);
      const wl = left.step(p);
      const wr = right.step(p);
      const mix = this.mix.next();
      const dry = 1 - mix;
      outLeft[i] = dry * xl + mix * wl;
      outRight[i] = dry * xr + mix * wr;
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

/**
 * Offline kernel of the `delay` node: a feedback echo with a low-pass in the loop and optional
 * ping-pong routing. Per channel c (ping-pong off), with D the delay in samples, g the feedback,
 * H the loop low-pass (identity when `tone` is at its maximum) and w the line's content:
 *
 *   y_c[n] = w_c(n − D)                          (cubic Hermite read; exact when D is an integer)
 *   w_c[n] = x_c[n] + g · H{y_c}[n]
 *   out_c[n] = (1 − mix)·x_c[n] + mix·y_c[n]     (linear dry/wet crossfade)
 *
 * so an impulse gives echoes at k·D with amplitude g^(k−1)·(H^(k−1) applied), k = 1, 2, …
 *
 * Ping-pong: the input is summed to mono m = (x_L + x_R)/2 and enters the left line only; each
 * line's output feeds the *other* line:
 *
 *   w_L[n] = m[n] + g · H{y_R}[n],   w_R[n] = g · H{y_L}[n]
 *
 * so echo k lands on the left for odd k and on the right for even k, with amplitude g^(k−1)·m.
 *
 * The mix is a linear (equal-gain) crossfade rather than equal-power: at mix 1 the output is the
 * echoes alone at unit gain, at mix 0 it is the input bit-exactly, and a dry signal and its echo
 * are correlated copies whose sum a linear law keeps at constant amplitude.
 *
 * Params changing while audio plays (the live engine): `time` crossfades between the old and new
 * echo (`DelayTimeCrossfade`), `feedback` and `mix` ramp linearly over 10 ms, `tone` and
 * `pingpong` apply at once. The first params and `reset()` apply instantly, so offline renders
 * use the exact values from sample 0. Latency: none (the dry path is not delayed).
 */
import type { ResolvedParams } from '../../graph/catalog';
import { DENORMAL_FLOOR } from '../../dsp/denormal';
import { DelayLine, hermite4 } from '../../dsp/delayLine';
import { LinearRamp } from '../../dsp/linearRamp';
import {
  OnePoleLowpass,
  onePoleLowpassCoefficients,
  type OnePoleLowpassCoefficients,
} from '../../dsp/onePoleLowpass';
import type { Kernel, KernelIO } from '../types';
import {
  DELAY_GAIN_RAMP_MS,
  DELAY_TIME_CROSSFADE_MS,
  delaySamples,
  maxDelaySamples,
  readDelaySettings,
  toneIsOff,
  type DelaySettings,
} from './delaySettings';
import { DelayTimeCrossfade } from './delayTimeCrossfade';

/** A non-finite sample (NaN, ±Infinity) counts as silence, so it cannot poison the lines forever. */
function finiteOrZero(x: number): number {
  return x - x === 0 ? x : 0;
}

export class DelayKernel implements Kernel {
  readonly latencySamples = 0;
  private readonly lineLeft: DelayLine;
  private readonly lineRight: DelayLine;
  private readonly time: DelayTimeCrossfade;
  private readonly feedback = new LinearRamp(0);
  private readonly mix = new LinearRamp(0);
  private readonly toneLeft = new OnePoleLowpass();
  private readonly toneRight = new OnePoleLowpass();
  private readonly toneCoefficients: OnePoleLowpassCoefficients = { b0: 1, a1: 0 };
  private toneOn = false;
  private pingpong = false;
  private settings: DelaySettings | undefined;
  private readonly gainRampSamples: number;

  /** @param sampleRate fs in Hz; the lines are allocated here for the longest time at this rate. */
  constructor(private readonly sampleRate: number) {
    const maxDelay = maxDelaySamples(sampleRate);
    this.lineLeft = new DelayLine(maxDelay);
    this.lineRight = new DelayLine(maxDelay);
    this.time = new DelayTimeCrossfade(maxDelay, Math.max(1, Math.round((DELAY_TIME_CROSSFADE_MS * sampleRate) / 1000)));
    this.gainRampSamples = Math.round((DELAY_GAIN_RAMP_MS * sampleRate) / 1000);
  }

  setParams(params: ResolvedParams): void {
    const first = this.settings === undefined;
    const s = readDelaySettings(params);
    this.settings = s;
    const d = delaySamples(s.timeMs, this.sampleRate);
    if (first) {
      this.time.jumpTo(d);
      this.feedback.jumpTo(s.feedback);
      this.mix.jumpTo(s.mix);
    } else {
      this.time.moveTo(d);
      this.feedback.rampTo(s.feedback, this.gainRampSamples);
      this.mix.rampTo(s.mix, this.gainRampSamples);
    }
    const toneOn = !toneIsOff(s.toneHz);
    if (toneOn) {
      onePoleLowpassCoefficients(s.toneHz, this.sampleRate, this.toneCoefficients);
    } else if (this.toneOn) {
      // Leaving the filter: clear it so switching it back on starts from silence, not stale state.
      this.toneLeft.reset();
      this.toneRight.reset();
    }
    this.toneOn = toneOn;
    this.pingpong = s.pingpong;
  }

  process(io: KernelIO): void {
    if (this.time.fading || this.feedback.ramping || this.mix.ramping) this.processChanging(io);
    else this.processSteady(io);
  }

  /**
   * The usual case — no time crossfade, no gain ramp: the equations of the header in one loop with
   * D, g, mix, the lines' write position and the loop filters' states in locals. The reads are
   * `DelayLine.readHermite`'s (D clamped once per block, the integer/fraction split hoisted), so
   * the samples are those of `processChanging`.
   */
  private processSteady(io: KernelIO): void {
    const input = io.inputs[0];
    const output = io.outputs[0];
    const inLeft = input.left;
    const inRight = input.right;
    const outLeft = output.left;
    const outRight = output.right;
    const lineLeft = this.lineLeft;
    const lineRight = this.lineRight;
    const bufLeft = lineLeft.buffer;
    const bufRight = lineRight.buffer;
    const mask = lineLeft.mask;
    // Both lines are written once per sample from the same start, so they share one position.
    let w = lineLeft.writeIndex;
    const d = Math.min(Math.max(this.time.settled, 2), lineLeft.maxDelay);
    const m = Math.floor(d);
    const t = d - m;
    const g = this.feedback.value;
    const mix = this.mix.value;
    const dry = 1 - mix;
    const toneOn = this.toneOn;
    const pingpong = this.pingpong;
    const b0 = this.toneCoefficients.b0;
    const a1 = this.toneCoefficients.a1;
    let sl = this.toneLeft.state;
    let sr = this.toneRight.state;
    for (let i = 0; i < io.frames; i++) {
      const xl = finiteOrZero(inLeft[i]);
      const xr = finiteOrZero(inRight[i]);
      const base = w - m;
      let yl: number;
      let yr: number;
      if (t === 0) {
        yl = bufLeft[base & mask];
        yr = bufRight[base & mask];
      } else {
        const p1 = (base + 1) & mask;
        const p0 = base & mask;
        const q1 = (base - 1) & mask;
        const q2 = (base - 2) & mask;
        yl = hermite4(bufLeft[p1], bufLeft[p0], bufLeft[q1], bufLeft[q2], t);
        yr = hermite4(bufRight[p1], bufRight[p0], bufRight[q1], bufRight[q2], t);
      }
      let fl = pingpong ? yr : yl;
      let fr = pingpong ? yl : yr;
      if (toneOn) {
        // OnePoleLowpass.step, inlined for both channels.
        const hl = b0 * fl + sl;
        sl = b0 * fl - a1 * hl;
        if (Math.abs(sl) < DENORMAL_FLOOR) sl = 0;
        const hr = b0 * fr + sr;
        sr = b0 * fr - a1 * hr;
        if (Math.abs(sr) < DENORMAL_FLOOR) sr = 0;
        fl = hl;
        fr = hr;
      }
      let wl = (pingpong ? 0.5 * (xl + xr) : xl) + g * fl;
      let wr = (pingpong ? 0 : xr) + g * fr;
      if (Math.abs(wl) < DENORMAL_FLOOR) wl = 0;
      if (Math.abs(wr) < DENORMAL_FLOOR) wr = 0;
      bufLeft[w] = wl;
      bufRight[w] = wr;
      w = (w + 1) & mask;
      outLeft[i] = dry * xl + mix * yl;
      outRight[i] = dry * xr + mix * yr;
    }
    lineLeft.writeIndex = w;
    lineRight.writeIndex = w;
    this.toneLeft.state = sl;
    this.toneRight.state = sr;
  }

  /** While the time crossfades or a gain ramps: per sample, through the crossfade's two heads. */
  private processChanging(io: KernelIO): void {
    const input = io.inputs[0];
    const output = io.outputs[0];
    const inLeft = input.left;
    const inRight = input.right;
    const outLeft = output.left;
    const outRight = output.right;
    const lineLeft = this.lineLeft;
    const lineRight = this.lineRight;
    const time = this.time;
    const toneOn = this.toneOn;
    const pingpong = this.pingpong;
    const c = this.toneCoefficients;
    for (let i = 0; i < io.frames; i++) {
      let xl = inLeft[i];
      let xr = inRight[i];
      // A non-finite input must not poison the lines forever.
      if (!Number.isFinite(xl)) xl = 0;
      if (!Number.isFinite(xr)) xr = 0;

      const yl = time.read(lineLeft);
      const yr = time.read(lineRight);
      time.advance();
      const g = this.feedback.next();
      const mix = this.mix.next();

      // The signal each line's loop filter sees: its own output, or the other line's in ping-pong.
      const backLeft = pingpong ? yr : yl;
      const backRight = pingpong ? yl : yr;
      const fl = toneOn ? this.toneLeft.step(c, backLeft) : backLeft;
      const fr = toneOn ? this.toneRight.step(c, backRight) : backRight;
      let wl = (pingpong ? 0.5 * (xl + xr) : xl) + g * fl;
      let wr = (pingpong ? 0 : xr) + g * fr;
      if (Math.abs(wl) < DENORMAL_FLOOR) wl = 0;
      if (Math.abs(wr) < DENORMAL_FLOOR) wr = 0;
      lineLeft.write(wl);
      lineRight.write(wr);

      const dry = 1 - mix;
      outLeft[i] = dry * xl + mix * yl;
      outRight[i] = dry * xr + mix * yr;
    }
  }

  reset(): void {
    this.lineLeft.reset();
    this.lineRight.reset();
    this.toneLeft.reset();
    this.toneRight.reset();
    const s = this.settings;
    if (s === undefined) return;
    this.time.jumpTo(delaySamples(s.timeMs, this.sampleRate));
    this.feedback.jumpTo(s.feedback);
    this.mix.jumpTo(s.mix);
  }
}

/** Builds a delay kernel at `sampleRate` with `params` already applied. */
export function createDelayKernel(sampleRate: number, params: ResolvedParams): DelayKernel {
  const kernel = new DelayKernel(sampleRate);
  kernel.setParams(params);
  return kernel;
}

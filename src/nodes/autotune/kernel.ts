/**
 * Offline kernel of the `autotune` node: pitch detection, scale quantisation and a
 * pitch-synchronous overlap-add (TD-PSOLA) shifter, all on a fixed analysis grid so the output
 * does not depend on the block size.
 *
 * Per analysis frame (every H = fs/187.5 samples: 5.3 ms, 256 at 48 kHz):
 *
 *   period P, clarity q  = McLeod pitch method on the last W samples (`src/dsp/pitch`)
 *   voiced               = q ≥ 0.8 (0.6 once voiced: hysteresis), RMS ≥ −50 dBFS, pitch in low…high
 *   m                    = 69 + 12·log2(fs / (P·440))          detected pitch, MIDI
 *   T                    = nearest note of the scale, kept until another is 0.2 st nearer
 *   e                    = m − T;  tol = humanize · 0.3 st
 *   c*                   = −(e − clamp(e, −tol, tol))          correction wanted, semitones
 *   c                   ← c + (c* − c)·(1 − exp(−H/(τ·fs))),  τ = speed / 3  (95 % in `speed`)
 *   f_out                = (fs / P) · 2^(amount·c / 12)
 *
 * Shifting (E. Moulines & F. Charpentier, "Pitch-synchronous waveform processing techniques for
 * text-to-speech synthesis using diphones", Speech Communication 9, 1990): analysis marks sit one
 * period P apart on the waveform's main peaks; synthesis marks are spaced fs / f_out apart; each
 * synthesis mark takes the grain around the nearest analysis mark under a two-period Hann window
 * (±P), so a grain holds one glottal pulse with its formant ringing and formants stay put. Where
 * raised pitch makes the windows overlap by more than a partition of unity, the output is divided
 * by the window sum (never multiplied where a lowered pitch leaves gaps). With `formant` off the
 * grain is resampled by the pitch ratio, so the formants move with the pitch. Unvoiced stretches
 * use marks 5 ms apart and take each grain from the same place, with raised-cosine halves that
 * reach the neighbouring marks: they sum to exactly 1, so noise and breaths pass unchanged.
 *
 * Latency: L = H + ⌈W/2⌉ + 2·Pmax + 2 samples (Pmax = the longest period, C2), fixed for a rate:
 * a grain is placed once the frames around it exist (W/2 + H after its input), and it reaches
 * Pmax before and after its mark. 2540 samples (53 ms) at 48 kHz.
 *
 * `amount` 0 or `mix` 0 output the input delayed by L, bit for bit.
 */
import type { ResolvedParams } from '../../graph/catalog';
import { PitchTracker, pitchTrackerLayout, type PitchEstimate } from '../../dsp/pitch/pitchTracker';
import { addGrain, type GrainBuffers } from '../../dsp/pitch/grainOverlapAdd';
import { hzToMidi, midiToHz, targetNote } from '../../dsp/pitch/scale';
import type { Kernel, KernelContext, KernelIO, KernelMeters } from '../types';
import { autotuneSettings, LOWEST_RANGE_MIDI, type AutotuneSettings } from './settings';

/** Clarity needed to start a voiced stretch, and to stay in one (MPM clarity, 0..1). */
export const VOICED_CLARITY_ON = 0.8;
export const VOICED_CLARITY_OFF = 0.6;
/** RMS needed to start a voiced stretch (−50 dBFS); half of it keeps one going. */
export const VOICED_RMS_FLOOR = 0.00316;
/** A note change waits until the pitch is this much nearer the new note (semitones). */
export const NOTE_HYSTERESIS = 0.2;
/** Deviation from the note kept at humanize = 1, semitones (30 cents). */
export const HUMANIZE_TOLERANCE_SEMITONES = 0.3;
/** Grain spacing in unvoiced stretches, s. */
const UNVOICED_SPACING_SECONDS = 0.005;
/** Frames remembered (they are looked up at most L/H + 2 frames back). */
const FRAME_RING = 64;
/** Analysis marks remembered. */
const MARK_RING = 512;

/** A non-finite sample (NaN, ±Infinity) counts as silence so it cannot poison the state. */
function finiteOrZero(x: number): number {
  return x - x === 0 ? x : 0;
}

/** Latency of the autotune kernel at `sampleRate`, samples (see the file comment). */
export function autotuneLatencySamples(sampleRate: number): number {
  return new AutotuneGeometry(sampleRate).latency;
}

/** The sizes that follow from the sample rate alone. */
class AutotuneGeometry {
  readonly hop: number;
  readonly window: number;
  readonly maxPeriod: number;
  readonly latency: number;
  readonly ringSize: number;
  readonly unvoicedSpacing: number;
  readonly floorHz: number;

  constructor(sampleRate: number) {
    // A little below C2 so the lowest selectable note is still inside the window.
    this.floorHz = midiToHz(LOWEST_RANGE_MIDI) * 0.97;
    const layout = pitchTrackerLayout(sampleRate, this.floorHz);
    // 5.3 ms between analyses at any rate (256 samples at 48 kHz).
    this.hop = Math.round(sampleRate / 187.5);
    this.maxPeriod = layout.maxPeriod;
    this.window = layout.window;
    // Whole samples: W/2 is fractional when W is an odd multiple of an odd D (44.1 kHz: D = 7).
    this.latency = this.hop + Math.ceil(this.window / 2) + 2 * this.maxPeriod + 2;
    let size = 1;
    while (size < this.latency + 4 * this.maxPeriod + this.hop) size *= 2;
    this.ringSize = size;
    this.unvoicedSpacing = Math.round(UNVOICED_SPACING_SECONDS * sampleRate);
  }
}

export class AutotuneKernel implements Kernel {
  readonly latencySamples: number;
  readonly meters: KernelMeters = { pitch: { detectedHz: 0, correctedHz: 0, targetNote: NaN, correctionCents: 0 } };

  private readonly sampleRate: number;
  private readonly geometry: AutotuneGeometry;
  private readonly tracker: PitchTracker;
  private readonly estimate: PitchEstimate = { period: 0, clarity: 0, rms: 0 };
  private settings: AutotuneSettings;
  private smoothing = 1;

  // Rings indexed by absolute sample index & mask.
  private readonly mask: number;
  private readonly inLeft: Float32Array;
  private readonly inRight: Float32Array;
  private readonly mono: Float32Array;
  private readonly accLeft: Float64Array;
  private readonly accRight: Float64Array;
  /** Sum of the grain windows at each output sample (for the normalisation, see `process`). */
  private readonly accWeight: Float64Array;
  private readonly grainBuffers: GrainBuffers;

  // Frames, by frame number & (FRAME_RING − 1): voiced flag, analysis period, synthesis spacing.
  private readonly frameVoiced = new Uint8Array(FRAME_RING);
  private readonly framePeriod = new Float64Array(FRAME_RING);
  private readonly frameSpacing = new Float64Array(FRAME_RING);
  private readonly frameRatio = new Float64Array(FRAME_RING);

  // Analysis marks, by mark number & (MARK_RING − 1).
  private readonly marks = new Int32Array(MARK_RING);

  private written = 0;
  private frame = 0;
  private wasVoiced = false;
  private heldNote = NaN;
  private correction = 0;
  // Analysis-mark generation.
  private markCount = 0;
  private markCursor = 0;
  private markChainBroken = true;
  private polarity = 1;
  private markSearch = 0;
  // Synthesis marks.
  private synthPrevious = 0;
  private synthCurrent = 0;
  private synthExact = 0;
  // Scratch of `frameAt` (no allocation).
  private lookupVoiced = false;
  private lookupPeriod = 0;
  private lookupSpacing = 0;
  private lookupRatio = 1;

  constructor(ctx: KernelContext, params: ResolvedParams) {
    this.sampleRate = ctx.sampleRate;
    this.geometry = new AutotuneGeometry(ctx.sampleRate);
    this.latencySamples = this.geometry.latency;
    this.tracker = new PitchTracker(ctx.sampleRate, this.geometry.floorHz);
    const size = this.geometry.ringSize;
    this.mask = size - 1;
    this.inLeft = new Float32Array(size);
    this.inRight = new Float32Array(size);
    this.mono = new Float32Array(size);
    this.accLeft = new Float64Array(size);
    this.accRight = new Float64Array(size);
    this.accWeight = new Float64Array(size);
    this.grainBuffers = { inLeft: this.inLeft, inRight: this.inRight, accLeft: this.accLeft, accRight: this.accRight, accWeight: this.accWeight, mask: this.mask };
    this.settings = autotuneSettings(params);
    this.setParams(params);
    this.reset();
  }

  setParams(params: ResolvedParams): void {
    this.settings = autotuneSettings(params);
    const tau = this.settings.speedMs / 3000;
    this.smoothing = tau <= 0 ? 1 : 1 - Math.exp(-this.geometry.hop / (tau * this.sampleRate));
  }

  reset(): void {
    this.inLeft.fill(0);
    this.inRight.fill(0);
    this.mono.fill(0);
    this.accLeft.fill(0);
    this.accRight.fill(0);
    this.accWeight.fill(0);
    this.frameVoiced.fill(0);
    this.tracker.reset();
    this.written = 0;
    this.frame = 0;
    this.wasVoiced = false;
    this.heldNote = NaN;
    this.correction = 0;
    this.markCount = 0;
    this.markCursor = 0;
    this.markChainBroken = true;
    this.polarity = 1;
    this.markSearch = 0;
    this.synthPrevious = -this.geometry.unvoicedSpacing;
    this.synthCurrent = 0;
    this.synthExact = 0;
    const pitch = this.meters.pitch!;
    pitch.detectedHz = 0;
    pitch.correctedHz = 0;
    pitch.targetNote = NaN;
    pitch.correctionCents = 0;
  }

  process(io: KernelIO): void {
    const frames = io.frames;
    const input = io.inputs[0];
    const out = io.outputs[0];
    const inL = input.left;
    const inR = input.right;
    const outL = out.left;
    const outR = out.right;
    const ringL = this.inLeft;
    const ringR = this.inRight;
    const mono = this.mono;
    const accL = this.accLeft;
    const accR = this.accRight;
    const accW = this.accWeight;
    const mask = this.mask;
    const hop = this.geometry.hop;
    const latency = this.geometry.latency;
    const { amount, mix } = this.settings;
    const passThrough = amount === 0 || mix === 0;
    const dryWeight = 1 - mix;
    let written = this.written;
    for (let i = 0; i < frames; i++) {
      const l = finiteOrZero(inL[i]);
      const r = finiteOrZero(inR[i]);
      const w = written & mask;
      ringL[w] = l;
      ringR[w] = r;
      mono[w] = 0.5 * (l + r);
      written++;
      if (written % hop === 0) {
        this.written = written;
        this.analyseFrame();
      }
      const t = (written - 1 - latency) & mask;
      const dryL = ringL[t];
      const dryR = ringR[t];
      // Where grains overlap by more than a partition of unity (a raised pitch), divide by the
      // window sum so each pulse keeps its level; where they leave gaps (a lowered pitch), do not
      // amplify what is between the pulses.
      const weight = accW[t];
      const norm = weight > 1 ? 1 / weight : 1;
      const wetL = accL[t] * norm;
      const wetR = accR[t] * norm;
      accL[t] = 0;
      accR[t] = 0;
      accW[t] = 0;
      if (passThrough) {
        outL[i] = dryL;
        outR[i] = dryR;
      } else {
        // Float32 rounding of a window sum may leave a subnormal; flush it (src/dsp/denormal.ts).
        const yL = dryWeight * dryL + mix * wetL;
        const yR = dryWeight * dryR + mix * wetR;
        outL[i] = Math.abs(yL) < 1e-25 ? 0 : yL;
        outR[i] = Math.abs(yR) < 1e-25 ? 0 : yR;
      }
    }
    this.written = written;
  }

  /** One analysis frame ending at `this.written`: detect, decide the correction, place grains. */
  private analyseFrame(): void {
    const g = this.geometry;
    const s = this.settings;
    const fs = this.sampleRate;
    const end = this.written;
    this.frame++;
    const minPeriod = fs / midiToHz(s.highMidi);
    const maxPeriod = Math.min(g.maxPeriod, fs / midiToHz(s.lowMidi));
    const e = this.tracker.analyse(this.mono, this.mask, end, minPeriod, maxPeriod, this.estimate);
    const voiced =
      e.period > 0 &&
      (this.wasVoiced
        ? e.clarity >= VOICED_CLARITY_OFF && e.rms >= 0.5 * VOICED_RMS_FLOOR
        : e.clarity >= VOICED_CLARITY_ON && e.rms >= VOICED_RMS_FLOOR);
    const slot = this.frame & (FRAME_RING - 1);
    const pitch = this.meters.pitch!;
    if (voiced) {
      const detectedHz = fs / e.period;
      const midi = hzToMidi(detectedHz);
      const note = targetNote(midi, this.heldNote, s.mask, NOTE_HYSTERESIS);
      const deviation = midi - note;
      const tolerance = s.humanize * HUMANIZE_TOLERANCE_SEMITONES;
      const wanted = -(deviation - Math.min(tolerance, Math.max(-tolerance, deviation)));
      if (!this.wasVoiced) this.correction = this.smoothing === 1 ? wanted : 0;
      this.correction += (wanted - this.correction) * this.smoothing;
      const applied = s.amount * this.correction;
      const ratio = Math.pow(2, applied / 12);
      this.heldNote = note;
      this.frameVoiced[slot] = 1;
      this.framePeriod[slot] = e.period;
      this.frameSpacing[slot] = e.period / ratio;
      this.frameRatio[slot] = ratio;
      pitch.detectedHz = detectedHz;
      pitch.correctedHz = detectedHz * ratio;
      pitch.targetNote = note;
      pitch.correctionCents = applied * 100;
    } else {
      this.heldNote = NaN;
      this.correction = 0;
      this.frameVoiced[slot] = 0;
      pitch.detectedHz = 0;
      pitch.correctedHz = 0;
      pitch.targetNote = NaN;
      pitch.correctionCents = 0;
    }
    this.wasVoiced = voiced;
    const centre = end - g.window / 2;
    this.placeAnalysisMarks(centre);
    this.placeGrains(centre);
  }

  /**
   * The frame values at sample `position` (≤ the latest frame's centre) into the `lookup*`
   * fields: linear interpolation between two voiced frames, else the nearer frame.
   */
  private frameAt(position: number): void {
    const g = this.geometry;
    const phase = (position + g.window / 2) / g.hop;
    const f0 = Math.floor(phase);
    const f1 = Math.min(f0 + 1, this.frame);
    const a = f0 & (FRAME_RING - 1);
    const b = f1 & (FRAME_RING - 1);
    const voicedA = f0 >= 1 && f0 > this.frame - FRAME_RING && this.frameVoiced[a] === 1;
    const voicedB = f1 >= 1 && f1 > this.frame - FRAME_RING && this.frameVoiced[b] === 1;
    if (voicedA && voicedB) {
      const t = phase - f0;
      this.lookupVoiced = true;
      this.lookupPeriod = this.framePeriod[a] + (this.framePeriod[b] - this.framePeriod[a]) * t;
      this.lookupSpacing = this.frameSpacing[a] + (this.frameSpacing[b] - this.frameSpacing[a]) * t;
      this.lookupRatio = this.frameRatio[a] + (this.frameRatio[b] - this.frameRatio[a]) * t;
      return;
    }
    const nearer = phase - f0 < 0.5 ? a : b;
    const voicedNearer = phase - f0 < 0.5 ? voicedA : voicedB;
    this.lookupVoiced = voicedNearer;
    this.lookupPeriod = voicedNearer ? this.framePeriod[nearer] : 0;
    this.lookupSpacing = voicedNearer ? this.frameSpacing[nearer] : this.geometry.unvoicedSpacing;
    this.lookupRatio = voicedNearer ? this.frameRatio[nearer] : 1;
  }

  /**
   * Analysis marks up to `limit`: in a voiced stretch, one per period on the waveform's peaks (the
   * first on the largest |x| of its first period, the next on the largest x of that polarity within
   * ±P/8 of one period later), so each grain is centred on a glottal pulse.
   */
  private placeAnalysisMarks(limit: number): void {
    const mono = this.mono;
    const mask = this.mask;
    while (this.markCursor <= limit) {
      this.frameAt(this.markCursor);
      if (!this.lookupVoiced) {
        this.markCursor += 32;
        this.markChainBroken = true;
        continue;
      }
      const period = this.lookupPeriod;
      let from: number;
      let to: number;
      let sign: number;
      if (this.markChainBroken) {
        from = this.markCursor;
        to = this.markCursor + Math.ceil(period);
        sign = 0;
      } else {
        const reach = Math.max(1, Math.floor(period / 8));
        from = this.markCursor - reach;
        to = this.markCursor + reach;
        sign = this.polarity;
      }
      let best = from;
      let bestValue = -Infinity;
      for (let p = from; p <= to; p++) {
        const v = mono[p & mask];
        const score = sign === 0 ? Math.abs(v) : sign * v;
        if (score > bestValue) {
          bestValue = score;
          best = p;
        }
      }
      if (sign === 0) this.polarity = mono[best & mask] < 0 ? -1 : 1;
      this.markChainBroken = false;
      this.marks[this.markCount & (MARK_RING - 1)] = best;
      this.markCount++;
      this.frameAt(best);
      this.markCursor = best + Math.max(1, Math.round(this.lookupVoiced ? this.lookupPeriod : period));
    }
  }

  /** Synthesis marks (and their grains) while a grain's whole reach is analysed. */
  private placeGrains(limit: number): void {
    const g = this.geometry;
    const maxPeriod = g.maxPeriod;
    while (this.synthCurrent + maxPeriod <= limit) {
      const position = this.synthCurrent;
      this.frameAt(position);
      const voiced = this.lookupVoiced;
      const spacing = Math.min(maxPeriod, Math.max(8, this.lookupSpacing));
      const nextExact = this.synthExact + spacing;
      const next = Math.round(nextExact);
      let left = position - this.synthPrevious;
      let right = next - position;
      let offset = 0;
      let ratio = 1;
      if (voiced) {
        const mark = this.nearestMark(position);
        const period = this.lookupPeriod;
        if (mark !== null && Math.abs(mark - position) <= period) {
          offset = mark - position;
          ratio = this.settings.formant ? 1 : this.lookupRatio;
          // TD-PSOLA's grain: one analysis period of input each side (two-period Hann), whatever
          // the synthesis spacing, so a pulse keeps its whole formant ringing.
          const reach = Math.max(1, Math.round(period / ratio));
          left = reach;
          right = reach;
        }
      }
      addGrain(this.grainBuffers, position, offset, left, right, ratio);
      this.synthPrevious = position;
      this.synthCurrent = next;
      this.synthExact = nextExact;
    }
  }

  /** The analysis mark nearest to `position`, or null when none is remembered. */
  private nearestMark(position: number): number | null {
    const count = this.markCount;
    if (count === 0) return null;
    let k = Math.max(this.markSearch, count - MARK_RING + 1);
    while (k + 1 < count && this.marks[(k + 1) & (MARK_RING - 1)] <= position) k++;
    this.markSearch = k;
    const here = this.marks[k & (MARK_RING - 1)];
    if (k + 1 < count) {
      const after = this.marks[(k + 1) & (MARK_RING - 1)];
      if (after - position < position - here) return after;
    }
    return here;
  }
}

/** Builds an autotune kernel with `params` applied. */
export function createAutotuneKernel(ctx: KernelContext, params: ResolvedParams): AutotuneKernel {
  return new AutotuneKernel(ctx, params);
}

/**
 * The audio-thread half of the codec preview: plays the codec's decoded stream a fixed latency
 * behind the input, lined up with the dry signal delayed by the same amount, and forms
 * "artifacts only" = g·decoded − dry, the difference with the codec's overall gain matched
 * (g = Σ dry·decoded / Σ decoded², the least-squares gain, smoothed over ~1 s) so a plain level
 * change does not count as an artifact. Pure: the AudioWorkletProcessor wraps it, the tests drive
 * it directly. No allocation after construction.
 *
 * Indices are absolute input frames. Decoded blocks arrive tagged with the index of their first
 * frame (already delay-aligned by the worker's `StreamCodec`); a frame not there when it is due
 * (the worker fell behind) plays the delayed dry signal instead in "codec" and silence in
 * "artifacts", and is counted.
 */

/** What the preview plays. */
export type PlayoutMode = 'codec' | 'artifacts';

/** Ring capacity, frames (a power of two): 0.68 s at 48 kHz, room for the latency and a block. */
export const PLAYOUT_CAPACITY = 1 << 15;
const MASK = PLAYOUT_CAPACITY - 1;

/** Frames of the crossfade between "codec" and "artifacts" (10 ms at 48 kHz). */
const MODE_RAMP_FRAMES = 480;

/** Time constant of the level-match sums, s. */
const MATCH_SECONDS = 1;

/** Smallest and largest level-match gain: beyond these the codec is broken, not quieter. */
const MATCH_MIN = 0.5;
const MATCH_MAX = 2;

export class CodecPlayout {
  private readonly dryL = new Float32Array(PLAYOUT_CAPACITY);
  private readonly dryR = new Float32Array(PLAYOUT_CAPACITY);
  private readonly decL = new Float32Array(PLAYOUT_CAPACITY);
  private readonly decR = new Float32Array(PLAYOUT_CAPACITY);
  /** Which input index each decoded slot holds (−1: none). */
  private readonly decIndex = new Float64Array(PLAYOUT_CAPACITY).fill(-1);
  /** Next input index to be written. */
  private index = 0;
  /** 0 = codec, 1 = artifacts; ramps towards `mixTarget`. */
  private mix = 0;
  private mixTarget = 0;
  private sumXD = 0;
  private sumDD = 0;
  private readonly matchK: number;
  /** Level-match gain currently applied. */
  matchGain = 1;
  /** Frames due but not decoded in time, since the stream started. */
  lateFrames = 0;
  /** Frames played from the decoded stream. */
  playedFrames = 0;
  /** Input index where the current stream starts (late frames before it are not counted). */
  private streamStart = 0;

  /**
   * @param latency frames between input and output (≤ capacity − 4096).
   * @param sampleRate Hz, for the level-match time constant.
   */
  constructor(readonly latency: number, sampleRate: number) {
    if (!(latency > 0 && latency <= PLAYOUT_CAPACITY - 4096)) throw new Error(`codec preview: latency ${latency} frames is outside 1…${PLAYOUT_CAPACITY - 4096}`);
    this.matchK = 1 - Math.exp(-128 / (MATCH_SECONDS * sampleRate));
  }

  /** The index the next input frame gets. */
  get nextIndex(): number {
    return this.index;
  }

  /** Sets the mode; the change is a 10 ms crossfade. */
  setMode(mode: PlayoutMode): void {
    this.mixTarget = mode === 'artifacts' ? 1 : 0;
  }

  /** A new decoded stream starts at input `index` (late frames are counted from there on). */
  restart(index: number): void {
    this.streamStart = index;
    this.lateFrames = 0;
    this.playedFrames = 0;
  }

  /** Lets `frames` input frames pass unheard (the preview is off): indices keep counting. */
  skip(frames: number): void {
    this.index += frames;
  }

  /** Stores decoded frames for input indices `start`, `start + 1`, … */
  receive(start: number, left: Float32Array, right: Float32Array): void {
    const n = left.length;
    for (let i = 0; i < n; i++) {
      const at = (start + i) & MASK;
      this.decL[at] = left[i];
      this.decR[at] = right[i];
      this.decIndex[at] = start + i;
    }
  }

  /**
   * Takes `frames` input frames and writes `frames` output frames, `latency` behind.
   * The output may alias nothing of the input.
   */
  process(inL: Float32Array, inR: Float32Array, outL: Float32Array, outR: Float32Array, frames: number): void {
    const { dryL, dryR, decL, decR, decIndex, latency } = this;
    let index = this.index;
    let mix = this.mix;
    const target = this.mixTarget;
    const step = 1 / MODE_RAMP_FRAMES;
    const g = this.matchGain;
    let sumXD = 0;
    let sumDD = 0;
    let late = 0;
    let played = 0;
    for (let i = 0; i < frames; i++) {
      const w = index & MASK;
      dryL[w] = inL[i];
      dryR[w] = inR[i];
      const due = index - latency;
      index++;
      if (mix !== target) mix = mix < target ? Math.min(target, mix + step) : Math.max(target, mix - step);
      if (due < 0) {
        outL[i] = 0;
        outR[i] = 0;
        continue;
      }
      const r = due & MASK;
      const xl = dryL[r];
      const xr = dryR[r];
      if (decIndex[r] !== due) {
        // Not decoded in time: the dry signal in "codec", nothing in "artifacts".
        if (due >= this.streamStart) late++;
        outL[i] = (1 - mix) * xl;
        outR[i] = (1 - mix) * xr;
        continue;
      }
      const dl = decL[r];
      const dr = decR[r];
      played++;
      sumXD += xl * dl + xr * dr;
      sumDD += dl * dl + dr * dr;
      // codec: decoded; artifacts: g·decoded − dry; in between a linear crossfade.
      const a = 1 - mix + mix * g;
      outL[i] = a * dl - mix * xl;
      outR[i] = a * dr - mix * xr;
    }
    this.index = index;
    this.mix = mix;
    this.lateFrames += late;
    this.playedFrames += played;
    if (played > 0) {
      const k = this.matchK * (played / 128);
      this.sumXD += k * (sumXD / played - this.sumXD);
      this.sumDD += k * (sumDD / played - this.sumDD);
      if (this.sumDD > 1e-12) this.matchGain = Math.min(MATCH_MAX, Math.max(MATCH_MIN, this.sumXD / this.sumDD));
    }
  }
}

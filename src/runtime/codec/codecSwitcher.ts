/**
 * The worker half of the codec preview: feeds the input stream to the current `StreamCodec` and
 * sends its aligned output on, tagged with input indices; and changes codec or bitrate without a
 * click. A new codec is primed with the last `PRIME_FRAMES` of input (so it has no start-up
 * transient where it takes over) and its output is crossfaded in over `CROSSFADE_FRAMES` while
 * the old one still runs. A gap in the input (blocks the worker dropped to catch up) does not
 * restart the codec: it goes on with the next block, and its output from that point on is filed
 * under the indices after the gap. Pure: no Worker globals; the tests drive it with a stand-in codec.
 */
import type { StreamCodec, StreamCodecFactory } from './streamCodec';

/** Input history kept for priming, frames. */
const HISTORY = 1 << 14;
const HMASK = HISTORY - 1;
/** Frames a new codec is run over before it takes over (four MP3 frames). */
export const PRIME_FRAMES = 4608;
/** Crossfade from the old codec to the new one, frames (21 ms at 48 kHz). */
export const CROSSFADE_FRAMES = 1024;
/** Aligned output a lane holds until it is sent, frames. */
const LANE = 1 << 15;
const LMASK = LANE - 1;

/** Where aligned output goes: frames for input indices `start`, `start + 1`, … */
export type IndexedSink = (start: number, left: Float32Array, right: Float32Array) => void;

/** One running codec and its aligned output so far. */
interface Lane {
  codec: StreamCodec | null;
  /** Input frames given to the codec (codec time). */
  fed: number;
  /** Output frames received from the codec (codec time). */
  got: number;
  /** Jumps of the input: from codec time `at` on, output indices move on by `add`. */
  gaps: { at: number; add: number }[];
  /** Input index of the lane's first aligned output frame. */
  start: number;
  /** Input index after its last aligned output frame. */
  end: number;
  left: Float32Array;
  right: Float32Array;
}

export class CodecSwitcher {
  private readonly histL = new Float32Array(HISTORY);
  private readonly histR = new Float32Array(HISTORY);
  /** Input index after the last input frame (−1: no input yet). */
  private inputEnd = -1;
  /** First index of the current continuous input. */
  private inputStart = 0;
  private active: Lane | null = null;
  private incoming: Lane | null = null;
  private crossfadeStart = 0;
  /** Next index to send. */
  private sent = 0;
  private factory: StreamCodecFactory | null = null;
  /** Bumped by every `use` and reset: a codec that opens after a newer request is closed again. */
  private generation = 0;

  /**
   * @param sink where aligned output goes.
   * @param onError a codec failed to open or stopped.
   * @param onReady a codec opened and runs (the first one: input may start).
   */
  constructor(
    private readonly sink: IndexedSink,
    private readonly onError: (message: string) => void = () => {},
    private readonly onReady: () => void = () => {},
  ) {}

  /** Switches to the codec `factory` opens (null: none; output stops). */
  use(factory: StreamCodecFactory | null): void {
    this.factory = factory;
    const generation = ++this.generation;
    if (factory === null) {
      this.closeAll();
      return;
    }
    this.open(factory, generation);
  }

  /** Input frames for indices `start`, … A gap or a jump back restarts the codec on the new stream. */
  push(start: number, left: Float32Array, right: Float32Array): void {
    if (this.inputEnd === -1) {
      // The first input since the codec was chosen: the lanes start here.
      this.inputStart = start;
      this.inputEnd = start;
      this.sent = start;
      for (const lane of [this.active, this.incoming]) if (lane) lane.start = lane.end = start;
    } else if (start > this.inputEnd && this.active !== null) {
      // Blocks were dropped: the codec goes on, its later output moves past the gap.
      if (this.incoming) this.promote();
      const lane = this.active;
      lane.gaps.push({ at: lane.fed, add: start - this.inputEnd });
      this.inputEnd = start;
    } else if (start !== this.inputEnd) {
      this.inputStart = start;
      this.inputEnd = start;
      this.sent = start;
      const hadLanes = this.active !== null || this.incoming !== null;
      this.closeAll();
      this.inputEnd = start;
      if (hadLanes && this.factory) this.open(this.factory, ++this.generation);
    }
    const n = left.length;
    for (let i = 0; i < n; i++) {
      const at = (start + i) & HMASK;
      this.histL[at] = left[i];
      this.histR[at] = right[i];
    }
    this.inputEnd = start + n;
    for (const lane of [this.active, this.incoming]) {
      if (lane?.codec) {
        lane.fed += n;
        lane.codec.push(left, right);
      }
    }
  }

  /** The incoming codec takes over at once (the old one is closed). */
  private promote(): void {
    this.active?.codec?.close();
    this.active = this.incoming;
    this.incoming = null;
  }

  /** Frees every codec. */
  close(): void {
    this.generation++;
    this.factory = null;
    this.closeAll();
  }

  private closeAll(): void {
    this.inputEnd = -1;
    this.active?.codec?.close();
    this.incoming?.codec?.close();
    this.active = null;
    this.incoming = null;
  }

  private open(factory: StreamCodecFactory, generation: number): void {
    const lane: Lane = { codec: null, fed: 0, got: 0, gaps: [], start: 0, end: 0, left: new Float32Array(LANE), right: new Float32Array(LANE) };
    factory((l, r) => this.received(lane, l, r)).then(
      (codec) => {
        if (generation !== this.generation) {
          codec.close();
          return;
        }
        this.attach(lane, codec);
        this.onReady();
      },
      (error: unknown) => {
        if (generation === this.generation) this.onError(error instanceof Error ? error.message : String(error));
      },
    );
  }

  private attach(lane: Lane, codec: StreamCodec): void {
    const now = this.inputEnd === -1 ? 0 : this.inputEnd;
    // A third codec before the last crossfade ended: the one coming in takes over at once.
    if (this.incoming) this.promote();
    // Prime with recent input: from the stream's start when fresh, else the last PRIME_FRAMES.
    const from = this.active === null ? Math.max(this.inputStart, now - HISTORY + 1) : Math.max(this.inputStart, now - PRIME_FRAMES, now - HISTORY + 1);
    lane.start = from;
    lane.end = from;
    lane.codec = codec;
    if (this.active === null) {
      this.active = lane;
      this.sent = Math.max(this.sent, from);
    } else {
      this.incoming = lane;
      this.crossfadeStart = now;
    }
    for (let at = from; at < now; ) {
      const a = at & HMASK;
      const n = Math.min(now - at, HISTORY - a);
      lane.fed += n;
      codec.push(this.histL.subarray(a, a + n), this.histR.subarray(a, a + n));
      at += n;
    }
  }

  private received(lane: Lane, left: Float32Array, right: Float32Array): void {
    const n = left.length;
    for (let i = 0; i < n; i++) {
      if (lane.gaps.length > 0 && lane.gaps[0].at === lane.got) {
        // Output from after a gap: send what came before, then skip the gap's indices.
        this.send();
        lane.end += lane.gaps.shift()!.add;
        if (lane === this.active) this.sent = Math.max(this.sent, lane.end);
      }
      const at = lane.end & LMASK;
      lane.left[at] = left[i];
      lane.right[at] = right[i];
      lane.end++;
      lane.got++;
    }
    this.send();
  }

  /** Sends what every running lane has, crossfading while a new codec comes in. */
  private send(): void {
    const a = this.active;
    if (a === null) return;
    const b = this.incoming;
    let end = a.end;
    if (b !== null) end = Math.min(end, Math.max(this.crossfadeStart, b.end));
    const from = Math.max(this.sent, a.start);
    if (end <= from) return;
    const left = new Float32Array(end - from);
    const right = new Float32Array(end - from);
    const x0 = this.crossfadeStart;
    for (let i = from; i < end; i++) {
      const ai = i & LMASK;
      let l = a.left[ai];
      let r = a.right[ai];
      if (b !== null && i >= x0) {
        // Equal-gain (linear) crossfade: both are renditions of the same input, so they add
        // coherently and a linear fade keeps the level.
        const w = Math.min(1, (i - x0 + 1) / CROSSFADE_FRAMES);
        l += w * (b.left[ai] - l);
        r += w * (b.right[ai] - r);
      }
      left[i - from] = l;
      right[i - from] = r;
    }
    this.sent = end;
    if (b !== null && end >= x0 + CROSSFADE_FRAMES) this.promote();
    this.sink(from, left, right);
  }
}

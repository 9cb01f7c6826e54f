/**
 * The contract between a node folder and the engines. A node folder's `index.ts` exports one
 * `NodeDefinition`; `registry.ts` lists them. Kernels are pure TypeScript (no DOM, no Tone):
 * the offline engine runs them in Node and Workers, the live engine hosts some in AudioWorklets.
 */
import type { NodeTypeSpec, ResolvedParams } from '../graph/catalog';

/** One block of stereo audio. Arrays are at least `frames` long; only `[0, frames)` is used. */
export interface StereoBlock {
  left: Float32Array;
  right: Float32Array;
}

/** A decoded clip at the render rate (mono clips arrive with `left === right` content). */
export interface ClipAudio {
  left: Float32Array;
  right: Float32Array;
  /**
   * A clip too long to hold, read on demand (offline renders only, e.g. an album track streamed
   * from its file); when present, `left`/`right` are empty and the source kernel reads this.
   */
  stream?: ClipStream;
  /**
   * The file a streamed clip reads (`mixgraph render`'s inputs): a stream cannot cross threads,
   * so a split render's worker thread opens its own stream of this file.
   */
  file?: string;
  /**
   * Every sample of `left`/`right` (or every frame `stream` yields) is finite (a WAV or AIFF
   * decode, which replaces NaN and infinity by 0): the source kernel may then copy at unity gain
   * without checking each sample.
   */
  finite?: boolean;
}

/** Random access to a streamed clip's frames (sequential reads are the cheap case). */
export interface ClipStream {
  /** Length, frames at the render rate. */
  readonly frames: number;
  /** Writes frames `from … from + count − 1` to `left`/`right` starting at `at` (zeros past the end). */
  read(from: number, count: number, left: Float32Array, right: Float32Array, at: number): void;
}

export interface KernelContext {
  /** Render rate in Hz (48000 default; 44100/88200/96000 too). */
  sampleRate: number;
  /** Largest `frames` that `process` will ever be called with. */
  maxBlockSize: number;
  /** Looks up `file:<name>` clips bound by the caller (CLI `--input`, dropped files). */
  getClip(name: string): ClipAudio | undefined;
}

/** Per-call I/O. One entry per port, in the order of the definition's `inputs`/`outputs`. */
export interface KernelIO {
  /**
   * Summed, latency-aligned input per port (silence where nothing is wired). Read-only: a port
   * fed by one wire is the upstream node's own output block.
   */
  inputs: readonly StereoBlock[];
  /** Whether each input port has at least one wire (e.g. a compressor's sidechain). */
  inputConnected: readonly boolean[];
  /** Where to write; the engine owns these buffers and reuses them every block. */
  outputs: readonly StereoBlock[];
  frames: number;
}

/** Values a kernel reports for meters (read by the UI and tests after each block). */
export interface KernelMeters {
  /** Gain reduction applied during the last block, in dB (≥ 0; 0 = none). */
  gainReductionDb?: number;
  /** Pitch correction (autotune): the latest analysis. */
  pitch?: PitchMeters;
}

/** What a pitch corrector reports about its latest analysis frame. */
export interface PitchMeters {
  /** Detected pitch, Hz (0 = unvoiced: nothing corrected). */
  detectedHz: number;
  /** Pitch after correction, Hz (0 = unvoiced). */
  correctedHz: number;
  /** MIDI note tuned towards (NaN = none). */
  targetNote: number;
  /** Correction applied, cents (corrected − detected). */
  correctionCents: number;
}

export interface Kernel {
  /**
   * Applies new params. Called once before the first block and again only when params change,
   * so this is where coefficients are computed (never per block).
   */
  setParams(params: ResolvedParams): void;
  /**
   * Processes one block. Must not allocate, must be block-size independent, must never write
   * NaN/Inf, and must flush denormals in its recursive state.
   */
  process(io: KernelIO): void;
  /** Latency in samples that this kernel adds (lookahead), for delay compensation. */
  readonly latencySamples: number;
  /** Clears internal state (delay lines, envelopes) to silence. */
  reset(): void;
  readonly meters?: KernelMeters;
}

/** A draggable EQ band handle on a frequency-response plot: which params it moves. */
export interface ResponseHandle {
  label: string;
  frequencyParam: string;
  /** Absent for filters without gain (high-/low-pass): the handle then moves only in frequency. */
  gainParam?: string;
  /** Param switching the band on, when it can be off (hpOn). */
  enableParam?: string;
}

/**
 * What the editor draws for a node, computed by the same code the kernel uses, so the picture
 * never disagrees with the sound. The UI reads this generically; it never switches on node type.
 */
export type NodeVisual =
  | {
      kind: 'frequencyResponse';
      /** Magnitude in dB at each frequency. */
      magnitudeDb(params: ResolvedParams, frequenciesHz: ArrayLike<number>, sampleRate: number): Float64Array;
      handles: readonly ResponseHandle[];
    }
  | {
      /** A scrolling trace of the detected and corrected pitch over the scale's note lines. */
      kind: 'pitchTrace';
      /** `mask[pc]`: pitch class pc (0 = C … 11 = B) is a note the node tunes to. */
      scaleMask(params: ResolvedParams): readonly boolean[];
    }
  | {
      kind: 'transferCurve';
      /** Static input→output level curve in dB (steady state). */
      outputDb(params: ResolvedParams, inputDb: number): number;
      /** Input range to plot, dB. */
      rangeDb: readonly [number, number];
    };

export interface NodeDefinition extends NodeTypeSpec {
  /** Params shown inline on the canvas node (most important first). */
  summaryParams?: readonly string[];
  visual?: NodeVisual;

  /** Builds a kernel for one node instance. `params` are resolved (defaults filled in). */
  createKernel(ctx: KernelContext, params: ResolvedParams): Kernel;
  /**
   * Length in seconds that this node can play on its own (a non-looping clip), used for the
   * default render length; undefined means "no natural end".
   */
  naturalLengthSeconds?(params: ResolvedParams, ctx: KernelContext): number | undefined;
  /**
   * Names of the `file:<name>` clips this node needs (without the `file:` prefix), so the engine
   * can report a missing clip by node id before rendering.
   */
  clipsUsed?(params: ResolvedParams): string[];
  /**
   * For each `file:` clip this node plays, how many leading frames (at the render rate) a render
   * of `renderFrames` frames may read, given each clip's full length; the CLI prepares only those.
   */
  clipFramesRead?(
    params: ResolvedParams,
    sampleRate: number,
    renderFrames: number,
    clipFrames: (name: string) => number,
  ): Record<string, number>;
}

/**
 * Messages between the main thread and the loudness-meter AudioWorkletProcessor
 * (`loudnessMeter.worklet.ts`). Structured-cloneable data shared by both sides.
 */

/** Name the processor is registered under (`registerProcessor`). */
export const LOUDNESS_METER_PROCESSOR = 'mixgraph-loudness-meter';

/** `processorOptions` of a loudness-meter node. */
export interface LoudnessMeterOptions {
  /** Frames between two readings sent to the main thread (e.g. 4800 = 10 per second at 48 kHz). */
  reportIntervalFrames: number;
}

/** Main thread → meter. */
export type ToLoudnessMeterMessage =
  /** Forget everything measured so far (integrated, LRA and the peak maxima start again). */
  | { kind: 'reset' }
  /** Measure (true) or ignore the input (false) — e.g. while the transport is stopped. */
  | { kind: 'enable'; on: boolean }
  /** The node is gone: the processor returns false so it can be collected. */
  | { kind: 'dispose' };

/**
 * One reading of the BS.1770-4 / EBU R 128 meter (`src/dsp/loudness`); null where a value is not
 * defined yet (silence, or less than 400 ms / 3 s measured).
 */
export interface LoudnessReading {
  /** Momentary loudness, last 400 ms, LUFS (EBU Tech 3341 § 2.1). */
  momentaryLufs: number | null;
  /** Short-term loudness, last 3 s, LUFS (EBU Tech 3341 § 2.1). */
  shortTermLufs: number | null;
  /** Integrated (gated) loudness since the last reset, LUFS (BS.1770-4 Annex 1 § 5). */
  integratedLufs: number | null;
  /** Loudness range since the last reset, LU (EBU Tech 3342). */
  loudnessRangeLu: number | null;
  /** Highest true peak since the last reset, dBTP (BS.1770-4 Annex 2). */
  truePeakDbtp: number | null;
  /** Highest sample peak since the last reset, dBFS. */
  samplePeakDbfs: number | null;
  /** Highest momentary loudness since the last reset, LUFS. */
  maxMomentaryLufs: number | null;
  /** Seconds measured since the last reset. */
  seconds: number;
}

/** Meter → main thread. */
export type FromLoudnessMeterMessage = { kind: 'reading'; reading: LoudnessReading };

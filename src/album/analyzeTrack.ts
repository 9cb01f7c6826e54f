/**
 * The map step of album mastering: one track's measurements. Loudness, LRA and true peak come
 * from the project's BS.1770-4 / EBU R 128 meter; the spectrum from {@link SpectrumAccumulator};
 * the gating blocks are kept for the album's loudness. Pure (no DOM, no `node:`): it runs in the
 * CLI's worker threads and in the editor's Web Workers alike.
 */
import { LoudnessMeter } from '../dsp/loudness';
import type { StereoStream } from '../runtime/audio-io/decoders/stereoStream';
import { GatingBlockCollector, type GatingBin } from './gatingBlocks';
import { SpectrumAccumulator } from './spectrumAccumulator';

/** Loudness figures of a track (input or output), with the PLR. */
export interface LoudnessFigures {
  /** BS.1770-4 gated loudness, LUFS (null: silent). */
  integratedLufs: number | null;
  /** EBU Tech 3342 loudness range, LU. */
  loudnessRangeLu: number | null;
  /** BS.1770-4 Annex 2 true peak, dBTP. */
  truePeakDbtp: number | null;
  /** Peak-to-loudness ratio (EBU R 128 s1), true peak − integrated, dB. */
  plrDb: number | null;
}

/** Everything the reduce needs to know about one track. */
export interface TrackAnalysis extends LoudnessFigures {
  /** Frames at the analysis (render) rate. */
  frames: number;
  sampleRate: number;
  /** Long-term average spectrum of the mid signal on the log grid, dB. */
  spectrumDb: number[];
  /** BS.1770 gating blocks, sparse (for the album loudness). */
  gatingBins: GatingBin[];
}

/** Streaming analyser: push blocks of any size, then `finish()`. */
export class TrackAnalyser {
  private readonly meter: LoudnessMeter;
  private readonly spectrum: SpectrumAccumulator;
  private readonly gating = new GatingBlockCollector();
  /** Frames per 100 ms gating hop (an integer at every supported rate). */
  private readonly hop: number;
  private inHop = 0;
  private hops = 0;
  private frames = 0;

  constructor(readonly sampleRate: number) {
    this.meter = new LoudnessMeter(sampleRate);
    this.spectrum = new SpectrumAccumulator(sampleRate);
    this.hop = Math.round(sampleRate / 10);
  }

  push(left: Float32Array, right: Float32Array, frames: number): void {
    this.spectrum.push(left, right, frames);
    let offset = 0;
    // The meter is fed in pieces that end on 100 ms boundaries, so its momentary reading after a
    // boundary is exactly the gating block that ends there (BS.1770-4 Annex 1 § 5: 400 ms blocks,
    // 75 % overlap).
    while (offset < frames) {
      const run = Math.min(frames - offset, this.hop - this.inHop);
      this.meter.push(left.subarray(offset, offset + run), right.subarray(offset, offset + run), run);
      offset += run;
      this.inHop += run;
      if (this.inHop === this.hop) {
        this.inHop = 0;
        this.hops += 1;
        if (this.hops >= 4) this.gating.addBlock(this.meter.momentaryLufs);
      }
    }
    this.frames += frames;
  }

  finish(): TrackAnalysis {
    const r = this.meter.result();
    return {
      integratedLufs: r.integratedLufs,
      loudnessRangeLu: r.loudnessRangeLu,
      truePeakDbtp: r.truePeakDbtp,
      plrDb: r.integratedLufs !== null && r.truePeakDbtp !== null ? r.truePeakDbtp - r.integratedLufs : null,
      frames: this.frames,
      sampleRate: this.sampleRate,
      spectrumDb: this.spectrum.spectrumDb(),
      gatingBins: this.gating.sparse(),
    };
  }
}

/** Block size used when analysing a clip held in memory. */
const ANALYSIS_BLOCK = 4096;

/** Analyses a stereo clip at `sampleRate`. */
export function analyzeClip(left: Float32Array, right: Float32Array, sampleRate: number): TrackAnalysis {
  const analyser = new TrackAnalyser(sampleRate);
  for (let at = 0; at < left.length; at += ANALYSIS_BLOCK) {
    const n = Math.min(ANALYSIS_BLOCK, left.length - at);
    analyser.push(left.subarray(at, at + n), right.subarray(at, at + n), n);
  }
  return analyser.finish();
}

/**
 * Analyses a stream in one pass, block by block (the same blocks as {@link analyzeClip}, so a
 * streamed track and the same track in memory give the same analysis).
 */
export function analyzeStream(stream: StereoStream): TrackAnalysis {
  const analyser = new TrackAnalyser(stream.sampleRate);
  const left = new Float32Array(ANALYSIS_BLOCK);
  const right = new Float32Array(ANALYSIS_BLOCK);
  for (;;) {
    const n = stream.read(left, right, ANALYSIS_BLOCK);
    if (n === 0) break;
    analyser.push(left, right, n);
  }
  return analyser.finish();
}

/**
 * The loudness-meter processor without the worklet globals (so it is unit-tested in Node): feeds
 * each render quantum to the project's one BS.1770-4 meter (`src/dsp/loudness`, the CLI's own) and
 * hands out a reading every `reportIntervalFrames`.
 */
import { LoudnessMeter } from '../../../dsp/loudness';
import type { LoudnessReading } from './loudnessMeterProtocol';

/** Streaming meter for one stereo input; see the file comment. */
export class LoudnessMeterRunner {
  private readonly meter: LoudnessMeter;
  private readonly silence: Float32Array;
  private sinceReport = 0;
  private enabled = true;

  /**
   * @param sampleRate Hz (the context's).
   * @param reportIntervalFrames frames between readings, ≥ 1.
   * @param maxBlockFrames largest block `process` gets (128 in an AudioWorklet).
   */
  constructor(
    readonly sampleRate: number,
    private readonly reportIntervalFrames: number,
    maxBlockFrames = 128,
  ) {
    this.meter = new LoudnessMeter(sampleRate, 2);
    this.silence = new Float32Array(maxBlockFrames);
  }

  /** Forgets everything measured (integrated, LRA, maxima). */
  reset(): void {
    this.meter.reset();
    this.sinceReport = 0;
  }

  /** While disabled the input is ignored (the readings hold still). */
  setEnabled(on: boolean): void {
    this.enabled = on;
  }

  /**
   * Measures one block. A missing channel is silence (nothing connected); a mono input counts as
   * both channels (Web Audio up-mixes mono to stereo the same way, "speakers" interpretation).
   * @returns a reading when the report interval is over, else null.
   */
  process(channels: readonly Float32Array[], frames: number): LoudnessReading | null {
    if (!this.enabled || frames === 0) return null;
    const left = channels[0] ?? this.silence;
    const right = channels[1] ?? left;
    this.meter.push(left, right, Math.min(frames, left.length, right.length));
    this.sinceReport += frames;
    if (this.sinceReport < this.reportIntervalFrames) return null;
    // Keep the remainder, so readings come every interval on average (not every whole quantum after it).
    this.sinceReport -= this.reportIntervalFrames;
    return this.reading();
  }

  /** All values now. */
  reading(): LoudnessReading {
    const m = this.meter;
    return {
      momentaryLufs: m.momentaryLufs,
      shortTermLufs: m.shortTermLufs,
      integratedLufs: m.integratedLufs,
      loudnessRangeLu: m.loudnessRangeLu,
      truePeakDbtp: m.truePeakDbtp,
      samplePeakDbfs: m.samplePeakDbfs,
      maxMomentaryLufs: m.maxMomentaryLufs,
      seconds: m.framesProcessed / this.sampleRate,
    };
  }
}

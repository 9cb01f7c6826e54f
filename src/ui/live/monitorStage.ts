/**
 * What reaches the speakers, after the engine: the engine's output (the master, or the node the
 * engine's probe listens to) or the editor's A/B bus (a node's output against its level-matched
 * input, `abCompare.ts`), crossfaded; a spectrum analyser on exactly what is heard; and a silent
 * sink that keeps the editor's meters running.
 *
 *   engine.output ─► engineLevel ─┐
 *   A/B bus ───────► abLevel ─────┴─► speakers ─► destination
 *                                        └──────► spectrum (AnalyserNode)
 *   meters (loudness worklets) ─► sink (gain 0) ─► destination
 */
import { makeStereo, stereoGain } from '../../runtime/live/stereo';

/** FFT size of the spectrum analyser: 8192 frames (5.9 Hz bins at 48 kHz, 171 ms window). */
export const SPECTRUM_FFT_SIZE = 8192;

/** Crossfade when switching between the engine and the A/B bus, s (as the engine's probe). */
const SWITCH_FADE_SECONDS = 0.005;

/** The editor's output stage (see the file comment). */
export class MonitorStage {
  /** Feed of the A/B comparison (connect the A and B paths here). */
  readonly abBus: GainNode;
  /** The final mix to the speakers. */
  readonly speakers: GainNode;
  /** A spectrum analyser on what is heard. */
  readonly spectrum: AnalyserNode;
  /** Silent sink: nodes connected here are processed but add exact zeros to the output. */
  readonly sink: GainNode;
  private readonly engineLevel: GainNode;
  private readonly abLevel: GainNode;

  constructor(
    private readonly context: BaseAudioContext,
    engineOutput: AudioNode,
  ) {
    this.engineLevel = stereoGain(context, 1);
    this.abBus = stereoGain(context, 1);
    this.abLevel = stereoGain(context, 0);
    this.speakers = stereoGain(context, 1);
    this.spectrum = makeStereo(context.createAnalyser());
    this.spectrum.fftSize = SPECTRUM_FFT_SIZE;
    // Mild averaging between frames (the spec's default is 0.8): readable, still lively.
    this.spectrum.smoothingTimeConstant = 0.75;
    this.sink = stereoGain(context, 0);

    engineOutput.connect(this.engineLevel);
    this.engineLevel.connect(this.speakers);
    this.abBus.connect(this.abLevel);
    this.abLevel.connect(this.speakers);
    this.speakers.connect(this.spectrum);
    this.speakers.connect(context.destination);
    this.sink.connect(context.destination);
  }

  /** Hears the A/B bus (true) or the engine (false), crossfaded. */
  useAbBus(on: boolean): void {
    const at = this.context.currentTime;
    glide(this.engineLevel.gain, on ? 0 : 1, at);
    glide(this.abLevel.gain, on ? 1 : 0, at);
  }
}

/** A linear ramp from the param's present value (anchored first, so the ramp never jumps). */
export function glide(param: AudioParam, value: number, at: number, seconds = SWITCH_FADE_SECONDS): void {
  param.cancelScheduledValues(at);
  param.setValueAtTime(param.value, at);
  param.linearRampToValueAtTime(value, at + seconds);
}

/**
 * What reaches the speakers, after the engine: the engine's output (the master — with a node's
 * bypass auditioned during an A/B, `abCompare.ts` — or the node the engine's probe listens to);
 * a spectrum analyser on exactly what is heard; and a silent sink that keeps the editor's meters
 * running.
 *
 *   engine.output ─► monitor (modes, playback systems: src/ui/monitor) ─► speakers ─► destination
 *                       └──────► spectrum (AnalyserNode)
 *   meters (loudness worklets) ─► sink (gain 0) ─► destination
 */
import { makeStereo, stereoGain } from '../../runtime/live/stereo';
import { MonitorChain } from '../monitor/monitorChain';

/** FFT size of the spectrum analyser: 8192 frames (5.9 Hz bins at 48 kHz, 171 ms window). */
export const SPECTRUM_FFT_SIZE = 8192;

/** The editor's output stage (see the file comment). */
export class MonitorStage {
  /** The final mix to the speakers. */
  readonly speakers: GainNode;
  /** A spectrum analyser on what is heard. */
  readonly spectrum: AnalyserNode;
  /** Silent sink: nodes connected here are processed but add exact zeros to the output. */
  readonly sink: GainNode;
  /** The monitor section: modes, playback systems, correlation analysers (never in a bounce). */
  readonly monitor: MonitorChain;

  constructor(context: BaseAudioContext, engineOutput: AudioNode) {
    this.speakers = stereoGain(context, 1);
    this.spectrum = makeStereo(context.createAnalyser());
    this.spectrum.fftSize = SPECTRUM_FFT_SIZE;
    // Mild averaging between frames (the spec's default is 0.8): readable, still lively.
    this.spectrum.smoothingTimeConstant = 0.75;
    this.sink = stereoGain(context, 0);

    this.monitor = new MonitorChain(context);
    engineOutput.connect(this.monitor.input);
    this.monitor.output.connect(this.speakers);
    this.speakers.connect(this.spectrum);
    this.speakers.connect(context.destination);
    this.sink.connect(context.destination);
  }
}

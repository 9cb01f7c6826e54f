/**
 * The monitor section's audio: between what the engine outputs (master or probe) and the
 * speakers. Never part of the bounce or the document: the bounce renders the graph offline.
 *
 *   input ─┬─► system chain (biquads → [limiter] → width) ─► system gain ─┐ (one per model,
 *          │   …                                                          ├─► mode matrix ─► output
 *          ├─► splitter ─► analyser L, analyser R   (correlation, goniometer: what is probed)
 *
 * Every playback system has its own always-built chain; switching crossfades the system gains
 * (10 ms time constant) so it never clicks and no filter state jumps. Level matching multiplies a
 * system's gain by `levelMatchGainDb` (docs/translation.md).
 */
import { type MonitorMode, monitorModeMatrix, widthMatrix } from '../../monitor/monitorModes';
import { PLAYBACK_SYSTEMS, type PlaybackSystem, type PlaybackSystemId, levelMatchGainDb } from '../../monitor/playbackSystems';
import { makeStereo, stereoGain } from '../../runtime/live/stereo';
import { MONITOR_RAMP_SECONDS, StereoMatrixNode } from './stereoMatrixNode';

/** Frames of each channel the meters read per animation frame (43 ms at 48 kHz). */
export const MONITOR_ANALYSER_SIZE = 2048;

/** What the monitor section is set to. */
export interface MonitorSettings {
  mode: MonitorMode;
  system: PlaybackSystemId;
  levelMatched: boolean;
}

export const DEFAULT_MONITOR_SETTINGS: MonitorSettings = { mode: 'stereo', system: 'flat', levelMatched: false };

function buildSystem(context: BaseAudioContext, system: PlaybackSystem, input: AudioNode, output: AudioNode): GainNode {
  let last: AudioNode = input;
  for (const f of system.filters) {
    const biquad = makeStereo(context.createBiquadFilter());
    biquad.type = f.type;
    biquad.frequency.value = f.frequency;
    biquad.Q.value = f.q;
    biquad.gain.value = f.gainDb;
    last.connect(biquad);
    last = biquad;
  }
  if (system.limiter !== null) {
    const l = system.limiter;
    const comp = makeStereo(context.createDynamicsCompressor());
    comp.threshold.value = l.thresholdDb;
    comp.ratio.value = l.ratio;
    comp.knee.value = 0;
    comp.attack.value = l.attackSeconds;
    comp.release.value = l.releaseSeconds;
    last.connect(comp);
    // Web Audio's compressor adds makeup gain (1/f(1))^0.6 (spec § DynamicsCompressorNode), with
    // f(1) = threshold + (0 − threshold)/ratio dB for a hard knee: take it back out.
    const makeupDb = 0.6 * -(l.thresholdDb - l.thresholdDb / l.ratio);
    const undo = stereoGain(context, Math.pow(10, -makeupDb / 20));
    comp.connect(undo);
    last = undo;
  }
  const width = new StereoMatrixNode(context, widthMatrix(system.width));
  last.connect(width.input);
  const gain = stereoGain(context, 0);
  width.output.connect(gain);
  gain.connect(output);
  return gain;
}

/** The monitor chain (see the file comment). */
export class MonitorChain {
  readonly input: GainNode;
  readonly output: GainNode;
  /** Time-domain analysers of what is probed, before the monitor (correlation, goniometer). */
  readonly analyserLeft: AnalyserNode;
  readonly analyserRight: AnalyserNode;
  private readonly systemGains = new Map<PlaybackSystemId, GainNode>();
  private readonly mode: StereoMatrixNode;
  private settings: MonitorSettings = DEFAULT_MONITOR_SETTINGS;

  constructor(private readonly context: BaseAudioContext) {
    this.input = stereoGain(context, 1);
    this.output = stereoGain(context, 1);
    this.mode = new StereoMatrixNode(context, monitorModeMatrix('stereo'));
    const sum = stereoGain(context, 1);
    for (const system of PLAYBACK_SYSTEMS) this.systemGains.set(system.id, buildSystem(context, system, this.input, sum));
    sum.connect(this.mode.input);
    this.mode.output.connect(this.output);
    const splitter = context.createChannelSplitter(2);
    this.input.connect(splitter);
    this.analyserLeft = context.createAnalyser();
    this.analyserRight = context.createAnalyser();
    for (const [i, a] of [this.analyserLeft, this.analyserRight].entries()) {
      a.fftSize = MONITOR_ANALYSER_SIZE;
      splitter.connect(a, i);
    }
    this.apply(DEFAULT_MONITOR_SETTINGS);
  }

  /** Current settings. */
  get current(): MonitorSettings {
    return this.settings;
  }

  /** Glides to `settings` (click-free). */
  apply(settings: MonitorSettings): void {
    this.settings = settings;
    const t = this.context.currentTime;
    for (const system of PLAYBACK_SYSTEMS) {
      const target = system.id !== settings.system ? 0 : settings.levelMatched ? Math.pow(10, levelMatchGainDb(system, this.context.sampleRate) / 20) : 1;
      const param = this.systemGains.get(system.id)!.gain;
      param.cancelScheduledValues(t);
      param.setTargetAtTime(target, t, MONITOR_RAMP_SECONDS);
    }
    this.mode.set(monitorModeMatrix(settings.mode));
  }
}


/**
 * The monitor section's audio: between what the engine outputs (master or probe) and the
 * speakers. Never part of the bounce or the document: the bounce renders the graph offline.
 *
 *   input ─┬─► dry gain ───────────────────┬─► system chain (biquads → [limiter] → width) ─► system gain ─┐
 *          ├─► codec preview ─► codec gain ─┘   …  (one per model)                                     ├─► mode matrix ─► output
 *          ├─► splitter ─► analyser L, analyser R   (correlation, goniometer: what is probed)
 *
 * The codec preview (`codecPreviewNode.ts`, built on first use) is what a listener of the
 * delivered file hears, so it comes first: the phone plays the MP3, not the other way round.
 * Turning it on or off crossfades the dry and codec gains; on, the crossfade waits until the
 * playout worklet says its first decoded frames play (the preview's latency after the codec opened).
 *
 * Every playback system has its own always-built chain; switching crossfades the system gains
 * (10 ms time constant) so it never clicks and no filter state jumps. Level matching multiplies a
 * system's gain by `levelMatchGainDb` (docs/translation.md).
 */
import { type MonitorMode, monitorModeMatrix, widthMatrix } from '../../monitor/monitorModes';
import { PLAYBACK_SYSTEMS, type PlaybackSystem, type PlaybackSystemId, levelMatchGainDb } from '../../monitor/playbackSystems';
import { makeStereo, stereoGain } from '../../runtime/live/stereo';
import { MONITOR_RAMP_SECONDS, StereoMatrixNode } from './stereoMatrixNode';
import { CodecPreviewNode } from './codecPreviewNode';
import type { CodecChoice, PreviewCodec } from './codecPreviewProtocol';

/** Frames of each channel the meters read per animation frame (43 ms at 48 kHz). */
export const MONITOR_ANALYSER_SIZE = 2048;

/** What the monitor section is set to. */
export interface MonitorSettings {
  mode: MonitorMode;
  system: PlaybackSystemId;
  levelMatched: boolean;
  /** Codec preview: off, or the codec the master is heard through. */
  codec: 'off' | PreviewCodec;
  /** Codec bitrate, kbit/s. */
  kbps: number;
  /** Hear only what the codec removes or adds (level-matched difference). */
  artifacts: boolean;
}

export const DEFAULT_MONITOR_SETTINGS: MonitorSettings = { mode: 'stereo', system: 'flat', levelMatched: false, codec: 'off', kbps: 128, artifacts: false };

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
  private readonly dryGain: GainNode;
  private readonly codecGain: GainNode;
  private codec: Promise<CodecPreviewNode> | null = null;
  /** The codec preview, once built (for its stats and errors). */
  preview: CodecPreviewNode | null = null;
  private running: CodecChoice | null = null;
  /** Errors of the codec preview (set by the panel). */
  onCodecError: (message: string) => void = () => {};

  constructor(private readonly context: BaseAudioContext) {
    this.input = stereoGain(context, 1);
    this.output = stereoGain(context, 1);
    this.mode = new StereoMatrixNode(context, monitorModeMatrix('stereo'));
    const heard = stereoGain(context, 1);
    this.dryGain = stereoGain(context, 1);
    this.codecGain = stereoGain(context, 0);
    this.input.connect(this.dryGain);
    this.dryGain.connect(heard);
    this.codecGain.connect(heard);
    const sum = stereoGain(context, 1);
    for (const system of PLAYBACK_SYSTEMS) this.systemGains.set(system.id, buildSystem(context, system, heard, sum));
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
    this.applyCodec(settings);
  }

  private applyCodec(settings: MonitorSettings): void {
    const choice: CodecChoice | null = settings.codec === 'off' ? null : { codec: settings.codec, kbps: settings.kbps };
    if (choice !== null && this.codec === null) {
      this.codec = CodecPreviewNode.create(this.context);
      void this.codec.then(
        (preview) => {
          preview.onError = (m) => this.onCodecError(m);
          preview.onPlaying = () => this.fadeCodec(this.running !== null);
          this.preview = preview;
          this.input.connect(preview.node);
          preview.node.connect(this.codecGain);
          this.applyCodec(this.settings);
        },
        (error: unknown) => this.onCodecError(`the codec preview could not start: ${error instanceof Error ? error.message : String(error)}`),
      );
    }
    const preview = this.preview;
    if (preview === null) return;
    preview.setArtifacts(settings.artifacts);
    const was = this.running;
    if (choice?.codec !== was?.codec || choice?.kbps !== was?.kbps) {
      this.running = choice;
      if (choice !== null) preview.use(choice);
      // Off: the codec keeps running until its path has faded out, then stops.
      else setTimeout(() => this.running === null && preview.use(null), 200);
    }
    // Fade out at once; fade in when the worklet says decoded frames play (`onPlaying`), or at
    // once when they still do (turned back on before the codec stopped).
    if (choice === null && was !== null) this.fadeCodec(false);
    else if (choice !== null && was === null && preview.playing) this.fadeCodec(true);
  }

  /** Crossfades the dry and the codec path (10 ms time constant). */
  private fadeCodec(on: boolean): void {
    const t = this.context.currentTime;
    for (const [gain, target] of [[this.dryGain, on ? 0 : 1], [this.codecGain, on ? 1 : 0]] as const) {
      gain.gain.cancelScheduledValues(t);
      gain.gain.setTargetAtTime(target, t, MONITOR_RAMP_SECONDS);
    }
  }
}


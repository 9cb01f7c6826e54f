/**
 * The engine's wrapper around one node's sub-graph, the same for every node type:
 *
 *   wires ─► port sum (per input port) ─► processor (live.ts) ─► wet ─┐
 *                   └─(main port)─► bypass delay (latency) ─► dry ────┴─► output ─► wires, analysers
 *
 * Bypass crossfades wet ↔ dry; the dry path is the main input delayed by the node's own latency
 * (DESIGN.md: bypass never shifts time), built the first time the node is bypassed. A source has
 * no input: bypassed, it is silent, as in the offline engine.
 *
 * Besides the document's bypass, the editor can audition the bypass (A/B) and scale the dry path
 * (level matching); neither is part of the document, and the levels follow `bypassMix.ts`.
 */
import type { ResolvedParams } from '../../graph/catalog';
import type { LiveMeters, LiveNodeBuilder, LiveProcessor, ParamTiming, SmoothParam } from '../../nodes/liveTypes';
import type { EngineBuildContext } from './buildContext';
import { type Audition, bypassHeard, bypassLevels, type BypassState } from './bypassMix';
import { createFixedDelay } from './fixedDelay';
import type { LiveNodeState } from './liveState';
import { safeDisconnect } from './stereo';

/** What a shell needs from the engine. */
export interface ShellEnv {
  build: EngineBuildContext;
  /**
   * A silent sink reaching the destination. Chromium only processes nodes that something pulls:
   * a source nobody listens to would stop advancing and play late once wired, a tone would keep
   * its phase, a reverb would freeze its tail. Every node output feeds this sink, so every node
   * runs on the context clock, as every node of the offline plan runs on the render clock.
   */
  keepAlive: AudioNode;
  /** Runs `task` once the context time passes `at` (to take nodes apart after a fade). */
  later(at: number, task: () => void): void;
}

interface DryPath {
  input: AudioNode;
  delay: DelayNode | null;
  gain: GainNode;
  level: SmoothParam;
}

/** FFT size of the per-node analysers (2048 frames ≈ 43 ms at 48 kHz). */
export const ANALYSER_FFT_SIZE = 2048;

/** One node's wrapper (see the file comment). */
export class NodeShell {
  readonly id: string;
  readonly type: string;
  /** Summing point of each input port: wires connect here. */
  readonly inputs: GainNode[];
  /** The node's output: wires, the master route and analysers read here. */
  readonly output: GainNode;
  params: ResolvedParams;
  /** The document's bypass flag (an audition bypass is separate, see `audition`). */
  bypass: boolean;
  latency: number;
  /** The editor's audition bypass and dry-path gain (not in the document). */
  private readonly audition: Audition = { bypass: false, gain: 1 };
  private readonly mainInput: number;
  private readonly processor: LiveProcessor;
  private readonly wet: GainNode;
  private readonly wetLevel: SmoothParam;
  private dry: DryPath | null = null;
  private mixAnalyser: AnalyserNode | null = null;
  private channelAnalysers: { splitter: ChannelSplitterNode; left: AnalyserNode; right: AnalyserNode } | null = null;

  constructor(
    private readonly env: ShellEnv,
    state: LiveNodeState,
    builder: LiveNodeBuilder,
  ) {
    const ctx = env.build;
    this.id = state.id;
    this.type = state.type;
    this.params = state.params;
    this.bypass = state.bypass;
    this.latency = state.latency;
    this.mainInput = state.mainInput;
    this.inputs = Array.from({ length: state.inputCount }, () => ctx.stereoGain());
    this.output = ctx.stereoGain();
    this.processor = builder.build(ctx, state.params, { inputs: this.inputs, connected: state.inputConnected });
    this.wet = ctx.stereoGain();
    this.wetLevel = ctx.smooth(this.wet.gain, state.bypass ? 0 : 1);
    this.processor.output.connect(this.wet);
    this.wet.connect(this.output);
    this.output.connect(env.keepAlive);
    if (state.bypass) this.dry = this.buildDry(1);
  }

  setParams(params: ResolvedParams, changed: readonly string[], timing: ParamTiming): void {
    this.params = params;
    this.processor.setParams(params, changed, timing);
  }

  setInputsConnected(connected: readonly boolean[]): void {
    this.processor.setInputsConnected?.(connected);
  }

  /** The document's bypass: crossfades to the dry path or back over `fade` seconds from `at`. */
  setBypass(bypass: boolean, at: number, fade: number): void {
    this.bypass = bypass;
    this.applyBypass(at, fade);
  }

  /** The editor's audition bypass (not the document's): the same crossfade as `setBypass`. */
  setAuditionBypass(on: boolean, at: number, fade: number): void {
    this.audition.bypass = on;
    this.applyBypass(at, fade);
  }

  /**
   * Linear gain of the dry path (≥ 0, 1 = unity), ramped over `rampSeconds` from `at` when the
   * dry path is heard, else kept for the next bypass.
   */
  setBypassGain(gain: number, at: number, rampSeconds: number): void {
    this.audition.gain = gain;
    if (bypassHeard(this.bypassState)) this.dry?.level.rampTo(gain, { at, rampSeconds });
  }

  /** The editor's audition of this node (a copy). */
  get auditionState(): Audition {
    return { ...this.audition };
  }

  private get bypassState(): BypassState {
    return { document: this.bypass, audition: this.audition.bypass, gain: this.audition.gain };
  }

  /** Ramps wet and dry to the levels of the present bypass state over `fade` s from `at`. */
  private applyBypass(at: number, fade: number): void {
    const state = this.bypassState;
    if (bypassHeard(state) && this.dry === null) this.dry = this.buildDry(0);
    const levels = bypassLevels(state);
    this.wetLevel.rampTo(levels.wet, { at, rampSeconds: fade });
    this.dry?.level.rampTo(levels.dry, { at, rampSeconds: fade });
  }

  /** The kernel's latency changed: the dry path is rebuilt with the new delay (crossfaded if heard). */
  setLatency(latency: number, at: number, fade: number): void {
    this.latency = latency;
    const old = this.dry;
    if (old === null) return;
    const level = bypassLevels(this.bypassState).dry;
    this.dry = this.buildDry(fade <= 0 ? level : 0);
    if (level > 0 && fade > 0) this.dry?.level.rampTo(level, { at, rampSeconds: fade });
    old.level.rampTo(0, { at, rampSeconds: fade });
    this.env.later(at + fade, () => disposeDry(old));
  }

  start(when: number, positionFrames: number): void {
    this.processor.start?.(when, positionFrames);
  }

  stop(when: number): void {
    this.processor.stop?.(when);
  }

  /** Whether this node follows the transport (a source). */
  get isSource(): boolean {
    return this.processor.start !== undefined;
  }

  meters(): LiveMeters | undefined {
    return this.processor.meters?.();
  }

  /** An analyser on the output, mixed to mono (made on first request, then kept). */
  analyser(): AnalyserNode {
    if (this.mixAnalyser === null) {
      const a = this.env.build.context.createAnalyser();
      a.fftSize = ANALYSER_FFT_SIZE;
      this.output.connect(a);
      this.mixAnalyser = a;
    }
    return this.mixAnalyser;
  }

  /** Analysers on the left and right channels of the output (made on first request). */
  stereoAnalysers(): { left: AnalyserNode; right: AnalyserNode } {
    if (this.channelAnalysers === null) {
      const context = this.env.build.context;
      const splitter = context.createChannelSplitter(2);
      const left = context.createAnalyser();
      const right = context.createAnalyser();
      left.fftSize = ANALYSER_FFT_SIZE;
      right.fftSize = ANALYSER_FFT_SIZE;
      this.output.connect(splitter);
      splitter.connect(left, 0);
      splitter.connect(right, 1);
      this.channelAnalysers = { splitter, left, right };
    }
    return { left: this.channelAnalysers.left, right: this.channelAnalysers.right };
  }

  dispose(): void {
    this.processor.dispose();
    for (const input of this.inputs) safeDisconnect(input);
    safeDisconnect(this.wet);
    safeDisconnect(this.output);
    if (this.dry) disposeDry(this.dry);
    safeDisconnect(this.mixAnalyser);
    if (this.channelAnalysers) {
      safeDisconnect(this.channelAnalysers.splitter);
      safeDisconnect(this.channelAnalysers.left);
      safeDisconnect(this.channelAnalysers.right);
    }
  }

  /** main input → delay(latency) → gain(level) → output; null for a node without inputs. */
  private buildDry(level: number): DryPath | null {
    const input = this.inputs[this.mainInput] ?? this.inputs[0];
    if (input === undefined) return null;
    const ctx = this.env.build;
    const delay = createFixedDelay(ctx.context, this.latency);
    const gain = ctx.stereoGain(0);
    const path: DryPath = { input, delay, gain, level: ctx.smooth(gain.gain, level) };
    if (delay) {
      input.connect(delay);
      delay.connect(gain);
    } else {
      input.connect(gain);
    }
    gain.connect(this.output);
    return path;
  }
}

function disposeDry(path: DryPath): void {
  try {
    path.input.disconnect(path.delay ?? path.gain);
  } catch {
    // Already disconnected.
  }
  safeDisconnect(path.delay);
  safeDisconnect(path.gain);
}

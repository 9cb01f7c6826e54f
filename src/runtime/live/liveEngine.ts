/**
 * The live engine: keeps a Web Audio graph in sync with the document. Each `update(graph)` diffs
 * the new graph against the last one (`diff.ts`) and applies only the difference (`applier.ts`):
 * a param change ramps, a wire fades in or out, a new node builds only itself, and untouched
 * nodes keep their state. Sources follow a simple transport (start / stop / seek) in whole frames.
 *
 * Give it a native AudioContext or OfflineAudioContext (or Tone's context with a matching
 * `createWorkletNode`); see docs/live-engine.md.
 */
import type { Graph, GraphIssue } from '../../graph/types';
import { getNodeDefinition } from '../../nodes/registry';
import { liveBuilderOf } from '../../nodes/liveRegistry';
import type { ClipAudio } from '../../nodes/types';
import { LiveApplier } from './applier';
import { type Audition, auditionsAfterUpdate, checkBypassGain, isNeutral } from './bypassMix';
import { EngineBuildContext } from './buildContext';
import type { LiveMeters } from '../../nodes/liveTypes';
import { DEFAULT_FADE_SECONDS, DEFAULT_PARAM_RAMP_SECONDS, diffStates } from './diff';
import { LiveGraphError } from './errors';
import { nativeWorkletNode, type WorkletNodeFactory } from './hostedKernel';
import type { LiveInstruction } from './instructions';
import { createLatencyProbe } from './latencyProbe';
import { liveState, type LatencyOf, type LiveState } from './liveState';
import { ContextScheduler } from './scheduler';
import { OutputStage } from './outputStage';
import { TransportClock } from './transport';
import { loadKernelHost } from './worklet/loadKernelHost';

/** Default interval of the worklet meter reports, s: one per meter frame the editor draws (30 fps). */
const METER_INTERVAL_SECONDS = 1 / 30;

/** Options of `LiveEngine.create`; every field is optional. */
export interface LiveEngineOptions {
  /** Audio for `file:<name>` clips, at the context's sample rate. */
  clips?: Readonly<Record<string, ClipAudio>>;
  /** Where the engine's output goes (default `context.destination`; null: nowhere, connect it yourself). */
  destination?: AudioNode | null;
  /** Param ramp, s (default 0.02). */
  paramRampSeconds?: number;
  /** Structural crossfade, s (default 0.005). */
  fadeSeconds?: number;
  /**
   * Interval of the worklet meter reports, s (default 1/30: the editor draws meters 30 times a
   * second, and each report is a main-thread task per hosted node).
   */
  meterIntervalSeconds?: number;
  /** AudioWorkletNode factory (default: the native constructor). */
  createWorkletNode?: WorkletNodeFactory;
  /** URL of the kernel-host module (default: the one Vite bundles). */
  workletUrl?: string;
}

/** What `update` did: the instructions applied and warnings, or why nothing changed. */
export type LiveUpdateResult =
  | { ok: true; instructions: LiveInstruction[]; warnings: GraphIssue[] }
  | { ok: false; issues: GraphIssue[] };

/** The live engine (see the file comment and docs/live-engine.md). */
export class LiveEngine {
  /** The engine's final output (master or probe), connected to `destination`. */
  readonly output: GainNode;
  /** The master signal alone (what the CLI would render), before the probe switch. */
  readonly masterBus: GainNode;
  private readonly outputStage: OutputStage;
  private readonly clips = new Map<string, ClipAudio>();
  private readonly build: EngineBuildContext;
  private readonly applier: LiveApplier;
  private readonly scheduler: ContextScheduler;
  private readonly transport: TransportClock;
  private readonly latencyOf: LatencyOf;
  private readonly rampSeconds: number;
  private readonly fadeSeconds: number;
  private state: LiveState | null = null;
  private masterLatency = 0;
  /** The editor's auditions (A/B) by node id; never part of the document or a render. */
  private readonly auditions = new Map<string, Audition>();
  private readonly timer: ReturnType<typeof setInterval>;
  private disposed = false;

  /** Loads the kernel-host worklet into `context`, then builds an engine (with nothing in it). */
  static async create(context: BaseAudioContext, options: LiveEngineOptions = {}): Promise<LiveEngine> {
    await loadKernelHost(context, options.workletUrl);
    return new LiveEngine(context, options);
  }

  /** Prefer `LiveEngine.create`; this constructor assumes the worklet module is already loaded. */
  constructor(
    readonly context: BaseAudioContext,
    options: LiveEngineOptions = {},
  ) {
    for (const [name, clip] of Object.entries(options.clips ?? {})) this.clips.set(name, clip);
    this.rampSeconds = options.paramRampSeconds ?? DEFAULT_PARAM_RAMP_SECONDS;
    this.fadeSeconds = options.fadeSeconds ?? DEFAULT_FADE_SECONDS;
    this.build = new EngineBuildContext({
      context,
      createWorkletNode: options.createWorkletNode ?? nativeWorkletNode,
      clips: this.clips,
      fadeSeconds: this.fadeSeconds,
      meterIntervalFrames: Math.max(128, Math.round((options.meterIntervalSeconds ?? METER_INTERVAL_SECONDS) * context.sampleRate)),
    });
    this.scheduler = new ContextScheduler(() => context.currentTime);
    this.transport = new TransportClock(context.sampleRate);
    this.latencyOf = createLatencyProbe({ sampleRate: context.sampleRate, getClip: (name) => this.clips.get(name) });
    this.outputStage = new OutputStage(this.build, this.scheduler, options.destination === undefined ? context.destination : options.destination);
    this.masterBus = this.outputStage.masterBus;
    this.output = this.outputStage.output;
    const env = { build: this.build, keepAlive: this.outputStage.keepAlive, later: (at: number, run: () => void) => this.scheduler.later(at, run) };
    this.applier = new LiveApplier(env, liveBuilderOf, {
      nodeCreated: (shell, at) => {
        if (this.transport.playing && shell.isSource) shell.start(at, this.transport.positionAt(at));
      },
      masterChanged: (master, latency, at, fade) => {
        this.masterLatency = latency;
        this.outputStage.setMaster(master?.output ?? null, at, fade);
      },
    });
    // Fades end in context time; take faded-out nodes apart a few times a second.
    this.timer = setInterval(() => this.scheduler.runDue(), 250);
  }

  /**
   * Brings the live graph to `graph` (a validated document). On a graph that cannot be built (a
   * cycle), nothing changes and the issues name the nodes.
   */
  update(graph: Graph): LiveUpdateResult {
    this.assertAlive();
    this.scheduler.runDue();
    let next: LiveState;
    try {
      next = liveState(graph, { latencyOf: this.latencyOf });
    } catch (error) {
      if (error instanceof LiveGraphError) return { ok: false, issues: error.issues };
      throw error;
    }
    const instructions = diffStates(this.state, next, { paramRampSeconds: this.rampSeconds, fadeSeconds: this.fadeSeconds });
    const at = this.context.currentTime;
    this.applier.apply(instructions, at);
    this.state = next;
    this.carryAuditions(instructions, at);
    // A probed node that is gone returns the speakers to the master; one rebuilt is followed.
    const probed = this.outputStage.monitored;
    if (probed !== null && this.applier.shells.get(probed)?.output !== this.outputStage.monitoredFrom) this.monitor(probed);
    return { ok: true, instructions, warnings: this.missingClips(next) };
  }

  /**
   * Starts the sources at context time `atSeconds` (default now) from transport position
   * `fromSeconds` (default: where it stopped). Already playing: jumps there.
   */
  start(atSeconds: number = this.context.currentTime, fromSeconds?: number): void {
    this.assertAlive();
    const from = fromSeconds === undefined ? this.transport.positionAt(atSeconds) : Math.round(fromSeconds * this.context.sampleRate);
    this.transport.start(atSeconds, from);
    for (const shell of this.applier.shells.values()) if (shell.isSource) shell.start(atSeconds, from);
  }

  /** Stops the sources at context time `atSeconds` (default now); effects ring out. */
  stop(atSeconds: number = this.context.currentTime): void {
    this.assertAlive();
    if (!this.transport.playing) return;
    this.transport.stop(atSeconds);
    for (const shell of this.applier.shells.values()) if (shell.isSource) shell.stop(atSeconds);
  }

  /** Moves the transport to `seconds` (playing: now, with a short crossfade). */
  seek(seconds: number): void {
    if (this.transport.playing) this.start(this.context.currentTime, seconds);
    else this.transport.moveTo(Math.round(seconds * this.context.sampleRate));
  }

  get playing(): boolean {
    return this.transport.playing;
  }

  /** Transport position at context time `at` (default now), s. */
  positionSeconds(at: number = this.context.currentTime): number {
    return this.transport.positionAt(at) / this.context.sampleRate;
  }

  /**
   * Samples by which the master lags the sources (the largest latency sum on any path). The
   * offline render drops this many leading samples; a live recording must too, to line up.
   */
  get masterLatencySamples(): number {
    return this.masterLatency;
  }

  /** An AnalyserNode on a node's output (mono mix), or undefined for an unknown id. */
  analyserFor(nodeId: string): AnalyserNode | undefined {
    return this.applier.shells.get(nodeId)?.analyser();
  }

  /** AnalyserNodes on the left and right channels of a node's output. */
  stereoAnalysersFor(nodeId: string): { left: AnalyserNode; right: AnalyserNode } | undefined {
    return this.applier.shells.get(nodeId)?.stereoAnalysers();
  }

  /** Latest gain reduction of a compressor or limiter, dB ≥ 0 (0 for other nodes). */
  gainReductionDb(nodeId: string): number {
    return this.metersFor(nodeId)?.gainReductionDb ?? 0;
  }

  /** Latest meter report of a hosted kernel (gain reduction and input peak), if it has one. */
  metersFor(nodeId: string): LiveMeters | undefined {
    return this.applier.shells.get(nodeId)?.meters();
  }

  /**
   * Probe: sends a node's output to the speakers instead of the master (null: back to the
   * master), crossfaded. `masterBus` keeps carrying the master either way.
   */
  monitor(nodeId: string | null): void {
    this.assertAlive();
    const shell = nodeId === null ? undefined : this.applier.shells.get(nodeId);
    this.outputStage.monitor(shell ? nodeId : null, shell?.output ?? null, this.context.currentTime, this.fadeSeconds);
  }

  /** The node currently probed, or null when the master is heard. */
  get monitored(): string | null {
    return this.outputStage.monitored;
  }

  /**
   * Audition bypass (the editor's A/B): bypasses a node without changing the document, with the
   * same wet/dry crossfade (`fadeSeconds`) as a document bypass; `on = false` returns to what the
   * document says. It lasts across `update` (a document bypass meanwhile is kept when the
   * audition ends; a node whose type changes is rebuilt still auditioned) and ends when the node
   * is removed. The offline render and the bounce never see it.
   * @returns false (nothing done) for an unknown node id.
   */
  auditionBypass(nodeId: string, on: boolean): boolean {
    this.assertAlive();
    const shell = this.applier.shells.get(nodeId);
    if (shell === undefined) return false;
    const audition = this.auditionOf(nodeId);
    audition.bypass = on;
    shell.setAuditionBypass(on, this.context.currentTime, this.fadeSeconds);
    if (isNeutral(audition)) this.auditions.delete(nodeId);
    return true;
  }

  /**
   * Linear gain of a node's bypass (dry pass-through) path only, 0…10^(24/20), default 1: applies
   * whenever the dry path is heard (audition or document bypass), reached by a linear ramp of
   * `rampSeconds` (default `paramRampSeconds`) starting from the present value. Like an audition
   * it lasts across `update` until the node is removed, and never reaches a render; set it back
   * to 1 when the comparison ends.
   * @returns false (nothing done) for an unknown node id.
   * @throws RangeError naming the node when `gain` is not finite or out of range.
   */
  setBypassGain(nodeId: string, gain: number, rampSeconds: number = this.rampSeconds): boolean {
    this.assertAlive();
    checkBypassGain(nodeId, gain);
    const shell = this.applier.shells.get(nodeId);
    if (shell === undefined) return false;
    const audition = this.auditionOf(nodeId);
    audition.gain = gain;
    shell.setBypassGain(gain, this.context.currentTime, Math.max(0, rampSeconds));
    if (isNeutral(audition)) this.auditions.delete(nodeId);
    return true;
  }

  /**
   * Mute/solo monitoring: silences exactly the wires in `wireIds` (see `silencedWires` in
   * `src/graph/monitoring.ts`) with a linear ramp of `rampSeconds` (default `paramRampSeconds`),
   * so switching never clicks. Like an audition it is the editor's, never the document's: it
   * lasts across `update` (wires built later start silent) and never reaches a render.
   */
  setSilencedWires(wireIds: Iterable<string>, rampSeconds: number = this.rampSeconds): void {
    this.assertAlive();
    this.applier.setSilencedWires(new Set(wireIds), this.context.currentTime, Math.max(0, rampSeconds));
  }

  /** A node's audition (bypass and bypass gain), or undefined for an unknown id. */
  auditionFor(nodeId: string): { bypass: boolean; gain: number } | undefined {
    return this.applier.shells.get(nodeId)?.auditionState;
  }

  /** Binds (or replaces) the audio of clip `file:<name>`; sources using it reload. */
  bindClip(name: string, clip: ClipAudio): void {
    this.clips.set(name, clip);
    const at = this.context.currentTime;
    for (const shell of this.applier.shells.values()) {
      const used = getNodeDefinition(shell.type)?.clipsUsed?.(shell.params) ?? [];
      if (used.includes(name)) shell.setParams(shell.params, ['clip'], { at, rampSeconds: this.rampSeconds });
    }
  }

  /** Takes the whole live graph apart. The engine cannot be used afterwards. */
  dispose(): void {
    if (this.disposed) return;
    clearInterval(this.timer);
    this.applier.disposeAll();
    this.scheduler.flush();
    this.outputStage.dispose();
    this.disposed = true;
  }

  private auditionOf(nodeId: string): Audition {
    let audition = this.auditions.get(nodeId);
    if (audition === undefined) {
      audition = { bypass: false, gain: 1 };
      this.auditions.set(nodeId, audition);
    }
    return audition;
  }

  /** After an update: forgets auditions of removed nodes, re-applies them to rebuilt ones. */
  private carryAuditions(instructions: readonly LiveInstruction[], at: number): void {
    if (this.auditions.size === 0) return;
    const rebuilt = new Set<string>();
    for (const i of instructions) if (i.op === 'createNode') rebuilt.add(i.node.id);
    const { drop, reapply } = auditionsAfterUpdate(this.auditions, (id) => this.applier.shells.has(id), rebuilt);
    for (const id of drop) this.auditions.delete(id);
    for (const id of reapply) {
      const shell = this.applier.shells.get(id)!;
      const audition = this.auditions.get(id)!;
      // A fresh shell is silent until its wires fade in, so it takes the audition at once.
      shell.setBypassGain(audition.gain, at, 0);
      shell.setAuditionBypass(audition.bypass, at, 0);
    }
  }

  private missingClips(state: LiveState): GraphIssue[] {
    const issues: GraphIssue[] = [];
    for (const node of state.nodes.values()) {
      for (const name of getNodeDefinition(node.type)?.clipsUsed?.(node.params) ?? []) {
        if (!this.clips.has(name)) {
          issues.push({ path: `nodes "${node.id}".params`, nodeId: node.id, message: `node "${node.id}": no audio is bound to clip "file:${name}" (it plays silence)` });
        }
      }
    }
    return issues;
  }

  private assertAlive(): void {
    if (this.disposed) throw new Error('this LiveEngine was disposed');
  }
}

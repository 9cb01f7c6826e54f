/**
 * Per-node A/B with loudness matching. A is the node's output; B is its main input — exactly
 * what bypass would let through — turned up or down so it is as loud as A (`levelMatch.ts`).
 * Both are heard alone, at the node (like the probe), through the monitor stage's A/B bus; the
 * document is not changed, so the comparison costs no undo step and does not touch the bounce.
 *
 * Taps: the engine's per-node AnalyserNodes pass their input through unchanged (Web Audio API
 * § AnalyserNode), so a node's output is `analyserFor(id)` and its input is the sum of the
 * outputs wired into its main port. Two BS.1770 meters (the loudness worklet) measure input and
 * output continuously while the node is shown in the inspector, so the match is ready before B
 * is pressed, and keeps following the music while comparing.
 */
import { stereoGain } from '../../runtime/live/stereo';
import { LoudnessMeterNode } from '../../runtime/live/worklet/loudnessMeterNode';
import { editorStore } from '../store/editorState';
import { type AudioSession, currentSession } from './audioSession';
import { type AbSide, patchLive } from './liveStore';
import { dbToGain, matchGainDb } from './levelMatch';
import { glide } from './monitorStage';

/** How often the match gain is recomputed, ms, and how long it glides to a new value, s. */
const MATCH_INTERVAL_MS = 200;
const MATCH_GLIDE_SECONDS = 0.2;

/** Readable state of the comparison, for the inspector (polled, not React state). */
export interface AbReadout {
  inputLufs: number | null;
  outputLufs: number | null;
  /** Gain applied to B, dB. */
  matchDb: number;
}

class AbComparison {
  readonly key: string;
  private readonly inputSum: GainNode;
  private readonly aLevel: GainNode;
  private readonly bLevel: GainNode;
  private readonly inMeter: LoudnessMeterNode;
  private readonly outMeter: LoudnessMeterNode;
  private readonly taps: AudioNode[] = [];
  private readonly timer: ReturnType<typeof setInterval>;
  side: AbSide | null = null;
  matchDb = 0;
  /** Inspectors showing this node (measuring while shown). */
  watchers = 0;

  constructor(
    private readonly session: AudioSession,
    readonly nodeId: string,
    inputs: readonly string[],
  ) {
    const { context, engine, stage } = session;
    this.key = keyOf(nodeId, inputs);
    this.inputSum = stereoGain(context, 1);
    for (const from of inputs) {
      const tap = engine.analyserFor(from);
      if (tap === undefined) continue;
      tap.connect(this.inputSum);
      this.taps.push(tap);
    }
    this.inMeter = new LoudnessMeterNode(context);
    this.outMeter = new LoudnessMeterNode(context);
    this.inputSum.connect(this.inMeter.input);
    const output = engine.analyserFor(nodeId);
    output?.connect(this.outMeter.input);
    this.inMeter.connectSink(stage.sink);
    this.outMeter.connectSink(stage.sink);

    this.aLevel = stereoGain(context, 0);
    this.bLevel = stereoGain(context, 0);
    output?.connect(this.aLevel);
    if (output !== undefined) this.taps.push(output);
    this.inputSum.connect(this.bLevel);
    this.aLevel.connect(stage.abBus);
    this.bLevel.connect(stage.abBus);
    this.timer = setInterval(() => this.follow(), MATCH_INTERVAL_MS);
  }

  readout(): AbReadout {
    return {
      inputLufs: this.inMeter.reading.shortTermLufs ?? this.inMeter.reading.momentaryLufs,
      outputLufs: this.outMeter.reading.shortTermLufs ?? this.outMeter.reading.momentaryLufs,
      matchDb: this.matchDb,
    };
  }

  setSide(side: AbSide | null): void {
    this.side = side;
    const at = this.session.context.currentTime;
    glide(this.aLevel.gain, side === 'A' ? 1 : 0, at);
    glide(this.bLevel.gain, side === 'B' ? dbToGain(this.matchDb) : 0, at);
  }

  dispose(): void {
    clearInterval(this.timer);
    for (const tap of this.taps) {
      for (const target of [this.inputSum, this.outMeter.input, this.aLevel]) {
        try {
          tap.disconnect(target);
        } catch {
          // Not connected to this one.
        }
      }
    }
    this.inMeter.dispose();
    this.outMeter.dispose();
    this.inputSum.disconnect();
    this.aLevel.disconnect();
    this.bLevel.disconnect();
  }

  /** Recomputes the match and lets B's gain glide to it. */
  private follow(): void {
    const match = matchGainDb(this.inMeter.reading, this.outMeter.reading);
    if (match === null || Math.abs(match - this.matchDb) < 0.05) return;
    this.matchDb = match;
    if (this.side === 'B') glide(this.bLevel.gain, dbToGain(match), this.session.context.currentTime, MATCH_GLIDE_SECONDS);
  }
}

function keyOf(nodeId: string, inputs: readonly string[]): string {
  return `${nodeId}<${inputs.join(',')}`;
}

/** Comparisons by node: the one heard (if any) and those shown in an inspector. */
const comparisons = new Map<string, AbComparison>();

/** The comparison of `nodeId` with these inputs, (re)built when its wiring changed. */
function comparisonFor(session: AudioSession, nodeId: string, inputs: readonly string[]): AbComparison {
  const existing = comparisons.get(nodeId);
  if (existing !== undefined && existing.key === keyOf(nodeId, inputs)) return existing;
  const fresh = new AbComparison(session, nodeId, inputs);
  if (existing !== undefined) {
    fresh.watchers = existing.watchers;
    if (existing.side !== null) fresh.setSide(existing.side);
    existing.dispose();
  }
  comparisons.set(nodeId, fresh);
  return fresh;
}

/** Disposes a comparison nobody hears or shows. */
function disposeIfIdle(comparison: AbComparison): void {
  if (comparisons.get(comparison.nodeId) === comparison && comparison.side === null && comparison.watchers <= 0) {
    comparison.dispose();
    comparisons.delete(comparison.nodeId);
  }
}

/**
 * Starts measuring `nodeId` (input = outputs of `inputs`), so its match is ready when B is
 * pressed. Call while the node is shown; returns the release function.
 */
export function measureNode(nodeId: string, inputs: readonly string[]): () => void {
  const session = currentSession();
  if (session === null) return () => {};
  const mine = comparisonFor(session, nodeId, inputs);
  mine.watchers += 1;
  return () => {
    const now = comparisons.get(nodeId) ?? mine;
    now.watchers -= 1;
    disposeIfIdle(now);
  };
}

/** Hears side A or B of `nodeId` (measuring it first if needed); the probe is left. */
export function setAbSide(nodeId: string, inputs: readonly string[], side: AbSide): void {
  const session = currentSession();
  if (session === null) return;
  for (const other of comparisons.values()) {
    if (other.nodeId !== nodeId && other.side !== null) {
      other.setSide(null);
      disposeIfIdle(other);
    }
  }
  session.engine.monitor(null);
  comparisonFor(session, nodeId, inputs).setSide(side);
  session.stage.useAbBus(true);
  patchLive({ ab: { nodeId, side }, monitored: null });
}

/** Ends the comparison: the speakers return to the engine (the master, or the probe). */
export function endAb(): void {
  const session = currentSession();
  for (const comparison of [...comparisons.values()]) {
    if (comparison.side === null) continue;
    comparison.setSide(null);
    session?.stage.useAbBus(false);
    disposeIfIdle(comparison);
  }
  patchLive({ ab: null });
}

/** The readout of `nodeId`'s comparison, if it is being measured. */
export function abReadout(nodeId: string): AbReadout | null {
  return comparisons.get(nodeId)?.readout() ?? null;
}

// A compared node that is deleted (or an undo that removes it) ends the comparison.
editorStore.subscribe(() => {
  const nodes = editorStore.get().history.graph.nodes;
  for (const comparison of [...comparisons.values()]) {
    if (nodes.some((n) => n.id === comparison.nodeId)) continue;
    if (comparison.side !== null) endAb();
    comparison.watchers = 0;
    disposeIfIdle(comparison);
  }
});

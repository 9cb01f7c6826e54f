/**
 * Per-node A/B with loudness matching, in the mix. A is the mix as the document plays it; B is
 * the same mix with this node bypassed (`engine.auditionBypass`, the document's wet/dry
 * crossfade, but not saved) and its bypass path turned up or down (`engine.setBypassGain`) so
 * the node's output is as loud bypassed as processed (`levelMatch.ts`). Only the node's own
 * level is matched, so everything after it (sends, buses, the master's dynamics) reacts to the
 * bypass exactly as it would. The document is not changed: no undo step, no effect on the bounce.
 *
 * Taps: the engine's per-node AnalyserNodes pass their input through unchanged (Web Audio API
 * § AnalyserNode), so a node's output is `analyserFor(id)` and its input is the sum of the
 * outputs wired into its main port. Two BS.1770 meters (the loudness worklet) measure input and
 * output continuously while the node is shown in the inspector, so the match is ready before B
 * is pressed and follows the music while A is heard. While B is heard the output tap carries the
 * bypass itself, so the match is held.
 */
import { stereoGain } from '../../runtime/live/stereo';
import { LoudnessMeterNode } from '../../runtime/live/worklet/loudnessMeterNode';
import { editorStore } from '../store/editorState';
import { type AudioSession, currentSession } from './audioSession';
import { type AbSide, patchLive } from './liveStore';
import { dbToGain, matchGainDb } from './levelMatch';

/** How often the match gain is recomputed, ms. */
const MATCH_INTERVAL_MS = 200;

/** Readable state of the comparison, for the inspector (polled, not React state). */
export interface AbReadout {
  inputLufs: number | null;
  outputLufs: number | null;
  /** Gain applied to B's bypass path, dB. */
  matchDb: number;
  /** Whether the match is held (B is heard, so the output tap carries the bypass). */
  held: boolean;
}

class AbComparison {
  readonly key: string;
  private readonly inputSum: GainNode;
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
    if (output !== undefined) this.taps.push(output);
    this.timer = setInterval(() => this.follow(), MATCH_INTERVAL_MS);
  }

  readout(): AbReadout {
    return {
      inputLufs: this.inMeter.reading.shortTermLufs ?? this.inMeter.reading.momentaryLufs,
      outputLufs: this.outMeter.reading.shortTermLufs ?? this.outMeter.reading.momentaryLufs,
      matchDb: this.matchDb,
      held: this.side === 'B',
    };
  }

  /**
   * A: the mix as the document plays it. B: the node's bypass auditioned, its bypass path at the
   * match gain (set first, so the crossfade goes straight to the matched level). null: A, and the
   * bypass gain back to unity.
   */
  setSide(side: AbSide | null): void {
    this.side = side;
    const { engine } = this.session;
    if (side === 'B') {
      engine.setBypassGain(this.nodeId, dbToGain(this.matchDb));
      engine.auditionBypass(this.nodeId, true);
    } else {
      engine.auditionBypass(this.nodeId, false);
      engine.setBypassGain(this.nodeId, 1);
    }
  }

  dispose(): void {
    clearInterval(this.timer);
    for (const tap of this.taps) {
      for (const target of [this.inputSum, this.outMeter.input]) {
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
  }

  /** Recomputes the match while the processed output is what the output tap carries. */
  private follow(): void {
    if (this.side === 'B') return;
    const match = matchGainDb(this.inMeter.reading, this.outMeter.reading);
    if (match === null || Math.abs(match - this.matchDb) < 0.05) return;
    this.matchDb = match;
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
    fresh.matchDb = existing.matchDb;
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

/** Hears side A or B of `nodeId` in the mix (measuring it first if needed); the probe is left. */
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
  patchLive({ ab: { nodeId, side }, monitored: null });
}

/** Ends the comparison: the node plays as the document says, its bypass gain back to unity. */
export function endAb(): void {
  const session = currentSession();
  for (const comparison of [...comparisons.values()]) {
    if (comparison.side === null) continue;
    if (session !== null) comparison.setSide(null);
    else comparison.side = null;
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

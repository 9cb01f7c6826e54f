/**
 * diff(previous, next) → instructions: the live engine's reconciler. Pure and deterministic; it
 * decides everything the applier does, so all of the engine's incremental behaviour is tested
 * here without audio.
 *
 * Emission order (each group in topological order of the nodes, ties by id):
 *  1. `disconnect` wires that are gone, changed ends, or touch a removed/replaced node
 *  2. `removeNode` nodes that are gone or changed type (reverse topological order)
 *  3. `createNode` new nodes
 *  4. per kept node: `setParam` (params in definition order), `setBypass`, `setLatency`
 *  5. `setWireDelay` kept wires whose compensation changed
 *  6. `connect` new wires
 *  7. `setInputsConnected` kept nodes whose set of wired ports changed
 *  8. `setMaster` when the master or its latency changed
 * A node that is kept is never rebuilt, so its state (a reverb's tail, a delay line) survives any
 * edit elsewhere.
 */
import type { Graph } from '../../graph/types';
import type { LiveInstruction } from './instructions';
import { liveState, type LiveNodeState, type LiveState, type LiveStateOptions, type LiveWireState } from './liveState';

/** Default length of a param ramp, s: long enough to avoid zipper noise, short enough to feel instant. */
export const DEFAULT_PARAM_RAMP_SECONDS = 0.02;
/** Default crossfade of a structural edit (connect, disconnect, bypass, remove), s. */
export const DEFAULT_FADE_SECONDS = 0.005;

/** Ramp and fade lengths of a diff (ignored on the first build, which is instant). */
export interface DiffTiming {
  /** Param ramp, s (default `DEFAULT_PARAM_RAMP_SECONDS`). */
  paramRampSeconds?: number;
  /** Structural crossfade, s (default `DEFAULT_FADE_SECONDS`). */
  fadeSeconds?: number;
}

/** Options of `diffGraphs`: how to compute states, and the timing. */
export type DiffOptions = LiveStateOptions & DiffTiming;

/**
 * Instructions that take a live engine built from `prev` (null: nothing built yet) to `next`.
 * The first build (prev null) uses no ramps or fades.
 * @throws LiveGraphError when `next` cannot be built (cycle, unknown type, missing port).
 */
export function diffGraphs(prev: Graph | null, next: Graph, options: DiffOptions): LiveInstruction[] {
  const before = prev === null ? null : liveState(prev, options);
  return diffStates(before, liveState(next, options), options);
}

/** As `diffGraphs`, on states already computed (the engine keeps the previous one). */
export function diffStates(prev: LiveState | null, next: LiveState, timing: DiffTiming = {}): LiveInstruction[] {
  const first = prev === null;
  const ramp = first ? 0 : (timing.paramRampSeconds ?? DEFAULT_PARAM_RAMP_SECONDS);
  const fade = first ? 0 : (timing.fadeSeconds ?? DEFAULT_FADE_SECONDS);
  const before: LiveState = prev ?? { order: [], nodes: new Map(), wires: new Map(), master: null, masterLatency: 0 };

  // Nodes kept: same id and same type. Everything else is removed and/or created.
  const kept = new Set<string>();
  for (const [id, node] of next.nodes) {
    if (before.nodes.get(id)?.type === node.type) kept.add(id);
  }
  const nextRank = rankOf(next.order);
  const prevRank = rankOf(before.order);

  const out: LiveInstruction[] = [];

  // 1. Disconnects: a wire survives only if it exists in both with the same ends, between kept nodes.
  const survives = (w: LiveWireState): boolean => {
    const n = next.wires.get(w.id);
    return n !== undefined && sameEnds(w, n) && kept.has(w.from) && kept.has(w.to);
  };
  const gone = [...before.wires.values()].filter((w) => !survives(w));
  for (const wire of sortWires(gone, prevRank)) out.push({ op: 'disconnect', wire, fadeSeconds: fade });

  // 2. Removals, downstream first.
  const removed = before.order.filter((id) => !kept.has(id)).reverse();
  for (const id of removed) out.push({ op: 'removeNode', id, fadeSeconds: fade });

  // 3. Creations, upstream first.
  for (const id of next.order) {
    if (!kept.has(id)) out.push({ op: 'createNode', node: next.nodes.get(id)! });
  }

  // 4. Updates of kept nodes.
  for (const id of next.order) {
    if (!kept.has(id)) continue;
    out.push(...nodeUpdates(before.nodes.get(id)!, next.nodes.get(id)!, ramp, fade));
  }

  // 5–6. Wire delays and new wires.
  const retimed: LiveWireState[] = [];
  const added: LiveWireState[] = [];
  for (const wire of next.wires.values()) {
    const old = before.wires.get(wire.id);
    if (old !== undefined && survives(old)) {
      if (old.delay !== wire.delay) retimed.push(wire);
    } else {
      added.push(wire);
    }
  }
  for (const wire of sortWires(retimed, nextRank)) out.push({ op: 'setWireDelay', wire, fadeSeconds: fade });
  for (const wire of sortWires(added, nextRank)) out.push({ op: 'connect', wire, fadeSeconds: fade });

  // 7. Wired ports of kept nodes.
  for (const id of next.order) {
    if (!kept.has(id)) continue;
    const a = before.nodes.get(id)!.inputConnected;
    const b = next.nodes.get(id)!.inputConnected;
    if (a.length !== b.length || a.some((v, i) => v !== b[i])) out.push({ op: 'setInputsConnected', id, connected: b });
  }

  // 8. Master.
  if (first || before.master !== next.master || before.masterLatency !== next.masterLatency) {
    out.push({ op: 'setMaster', id: next.master, latency: next.masterLatency, fadeSeconds: fade });
  }
  return out;
}

/** setParam per changed param (definition order), then bypass and latency changes. */
function nodeUpdates(a: LiveNodeState, b: LiveNodeState, ramp: number, fade: number): LiveInstruction[] {
  const out: LiveInstruction[] = [];
  for (const key of Object.keys(b.params)) {
    if (a.params[key] !== b.params[key]) out.push({ op: 'setParam', id: b.id, key, value: b.params[key], rampSeconds: ramp });
  }
  if (a.bypass !== b.bypass) out.push({ op: 'setBypass', id: b.id, bypass: b.bypass, fadeSeconds: fade });
  if (a.latency !== b.latency) out.push({ op: 'setLatency', id: b.id, latency: b.latency });
  return out;
}

function sameEnds(a: LiveWireState, b: LiveWireState): boolean {
  return a.from === b.from && a.fromPort === b.fromPort && a.to === b.to && a.toPort === b.toPort;
}

function rankOf(order: readonly string[]): Map<string, number> {
  return new Map(order.map((id, i) => [id, i]));
}

/** Wires by the rank of their target node, then their source, then port, then id. */
function sortWires(wires: LiveWireState[], rank: Map<string, number>): LiveWireState[] {
  const r = (id: string): number => rank.get(id) ?? Number.MAX_SAFE_INTEGER;
  return [...wires].sort(
    (x, y) => r(x.to) - r(y.to) || x.toPort - y.toPort || r(x.from) - r(y.from) || x.fromPort - y.fromPort || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0),
  );
}

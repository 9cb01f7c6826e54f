/**
 * Where a split render cuts the plan (issue 9, item 2: one render on two cores). The worker part
 * W is closed upwards — every node feeding a W node is in W — so every wire between the parts runs
 * W → main, and the worker can render ahead without ever waiting for the main thread. W is chosen
 * by a cost model so that both threads carry about half of the work, counting what only the main
 * thread does (the WAV encoder and writer, the closing loudness meter when it runs there).
 */
import type { Plan } from './plan';

/**
 * Cost of each node type, in milliseconds of one core per second of stereo audio at 48 kHz:
 * `benchKernels` (bench/kernels.ts: each kernel alone on 20 s of pink noise, median of 3, its
 * bench params), re-taken on the 2-core bench machine at load ≈ 2 after the compressor, limiter,
 * meter and reverb passes of 2026-12-03 (docs/performance.md); the first table, taken at load ≈ 10,
 * read about 1.4× higher for the kernels that did not change, so the costs measured with it (the
 * per-node, crossing and WAV rows) are scaled by 1/1.4. Only the ratios matter — the partition
 * balances sums of these. An unknown type counts as a compressor. When a kernel gets much faster,
 * its row should follow, or the cut leans to one side: a stale table costs speed, never
 * correctness.
 */
export const NODE_COST_MS_PER_SECOND: Readonly<Record<string, number>> = {
  source: 0.25,
  tone: 1.55,
  gain: 0.14,
  pan: 0.12,
  width: 0.12,
  eq: 0.55,
  bus: 0.14,
  compressor: 1.3,
  limiter: 3.5,
  delay: 0.6,
  reverb: 3.1,
  autotune: 4.7,
  output: 0.05,
};
const UNKNOWN_TYPE_COST = 1.3;
/** The engine's own work per node and block (sums, compensation delays, the loop), same unit. */
const PER_NODE_COST = 0.07;
/** Copying one crossing stereo output into the ring and out again, same unit, on each side. */
export const CROSSING_COST = 0.1;
/** The BS.1770 meter (K-weighting, gating, true peak) in WebAssembly, measured the same way: 1.9–2.9. */
export const METER_COST = 2.1;
/** Encoding and writing 24-bit WAV (`openWavFileWriter`), measured the same way. */
export const WAV_WRITE_COST = 1.1;

/** One output port of a worker node that a main-thread node reads. */
export interface Crossing {
  node: number;
  port: number;
}

export interface Partition {
  /** `worker[i]`: plan node i runs in the worker thread. */
  worker: boolean[];
  /** The W outputs the main part reads, in plan order: what goes through the ring. */
  crossings: Crossing[];
  /** Estimated cost of each side, ms per second of audio (main includes `mainExtraCost`). */
  workerCost: number;
  mainCost: number;
}

/** Cost of plan node `index`, ms per second of audio, by the table above (rate-scaled). */
export function nodeCost(plan: Plan, index: number, sampleRate: number): number {
  const type = plan.nodes[index].definition.type;
  const perSecond = Object.prototype.hasOwnProperty.call(NODE_COST_MS_PER_SECOND, type) ? NODE_COST_MS_PER_SECOND[type] : UNKNOWN_TYPE_COST;
  return (perSecond + PER_NODE_COST) * (sampleRate / 48000);
}

/**
 * Splits `plan` into a worker part and a main part of about equal cost, or returns null when no
 * worker part is worth a thread (less than a fifth of the work would move).
 *
 * Greedy over upward closures (a node and everything feeding it; a channel strip's last node
 * closes over the strip, so whole strips move at once): the worker part first grows by the
 * largest closure that keeps it at or under half of the total, then by any closure that brings
 * it nearer to half.
 *
 * @param movable which nodes may run in the worker (not a node reading a streamed clip); their
 *   descendants then stay on the main thread too, as W must be closed upwards.
 * @param mainExtraCost work only the main thread does (WAV writer, meter), same unit.
 */
export function partitionPlan(
  plan: Plan,
  sampleRate: number,
  movable: (index: number) => boolean,
  mainExtraCost: number,
): Partition | null {
  const n = plan.nodes.length;
  const cost = plan.nodes.map((_, i) => nodeCost(plan, i, sampleRate));
  // closure[i]: node i and everything upstream of it (plan order is topological).
  const closure: number[][] = [];
  const canMove: boolean[] = [];
  for (let i = 0; i < n; i++) {
    const set = new Set<number>([i]);
    for (const wires of plan.nodes[i].inputs) for (const w of wires) for (const j of closure[w.fromNode]) set.add(j);
    closure.push([...set].sort((a, b) => a - b));
    canMove.push(i !== plan.master && movable(i) && [...set].every((j) => j === i || canMove[j]));
  }
  const total = cost.reduce((a, b) => a + b, 0) + mainExtraCost;
  const target = total / 2;
  const inWorker = new Array<boolean>(n).fill(false);
  let workerCost = 0;
  // First the closures that fit under half (largest first), then any that still gets nearer:
  // taking the nearest from the start could swallow a whole bus at once and stop there.
  for (const fitOnly of [true, false]) {
    for (;;) {
      let best = -1;
      let bestCost = workerCost;
      for (let i = 0; i < n; i++) {
        if (inWorker[i] || !canMove[i]) continue;
        let c = workerCost;
        for (const j of closure[i]) if (!inWorker[j]) c += cost[j];
        const better = fitOnly ? c <= target && c > bestCost : Math.abs(target - c) < Math.abs(target - bestCost);
        if (better) {
          best = i;
          bestCost = c;
        }
      }
      if (best < 0) break;
      for (const j of closure[best]) inWorker[j] = true;
      workerCost = bestCost;
    }
  }

  const crossings: Crossing[] = [];
  plan.nodes.forEach((node, i) => {
    if (inWorker[i]) return;
    for (const wires of node.inputs) {
      for (const w of wires) {
        if (inWorker[w.fromNode] && !crossings.some((c) => c.node === w.fromNode && c.port === w.fromPort)) {
          crossings.push({ node: w.fromNode, port: w.fromPort });
        }
      }
    }
  });
  crossings.sort((a, b) => a.node - b.node || a.port - b.port);
  const copying = crossings.length * CROSSING_COST;
  if (workerCost < total / 5) return null;
  return { worker: inWorker, crossings, workerCost: workerCost + copying, mainCost: total - workerCost + copying };
}

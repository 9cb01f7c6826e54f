/**
 * How much memory a render will take, known from the plan before the engine allocates it (issue
 * 10, item 5: 10 000 reverbs asked for 4.2 GB for a 1 ms render and 20 000 crashed the process).
 *
 * Kernels allocate their delay lines for the largest setting at the render rate (a reverb's combs
 * at the largest room, a delay's line at 2 s), so a kernel's memory depends on its type and the
 * rate, not on how many blocks are rendered. Rather than restating every kernel's buffer sizes
 * here (and going stale when a kernel changes), the estimate builds a kernel of each type (and of
 * up to 8 distinct settings per type) and adds up the typed arrays reachable from it: the first
 * includes what a type shares between its instances (a demo stem's cache), a second instance
 * counts only its own buffers. These few probe kernels are all that is allocated. The engine's own buffers — one block per output, one
 * per summed input, the latency-compensation delays — are computed from the plan.
 */
import type { Plan } from './plan';
import type { ClipAudio, KernelContext } from '../../nodes/types';

/** One line of the estimate: what takes the memory, and how much. */
export interface MemoryConsumer {
  /** "146 reverb nodes (reverb1, reverb2, …)", "engine block buffers", "clip file:vocals". */
  what: string;
  bytes: number;
}

/** The estimate: total bytes and its parts, largest first. */
export interface MemoryEstimate {
  bytes: number;
  consumers: MemoryConsumer[];
  /** Samples by which the master lags the sources (the engine's `masterLatency`), as estimated. */
  masterLatency: number;
}

/** JS objects around a kernel (closures, param records), beyond its typed arrays. */
const PER_NODE_OVERHEAD_BYTES = 4096;

/** Distinct param sets of one type that are measured; more are counted at the costliest measured. */
const MEASURED_GROUPS_PER_TYPE = 8;

/**
 * Bytes of the typed arrays reachable from `root` whose buffers are not in `seen` (which it then
 * joins): walks the kernel's own objects, so the count is exact and no garbage collection can
 * blur it. Buffers shared between instances (a cached demo stem) are counted once per `seen`.
 */
function reachableArrayBytes(root: unknown, seen: Set<ArrayBufferLike>): number {
  let bytes = 0;
  const visited = new Set<object>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (value === null || typeof value !== 'object' || visited.has(value)) continue;
    visited.add(value);
    if (ArrayBuffer.isView(value)) {
      if (!seen.has(value.buffer)) {
        seen.add(value.buffer);
        bytes += value.buffer.byteLength;
      }
      continue;
    }
    if (value instanceof ArrayBuffer) {
      if (!seen.has(value)) {
        seen.add(value);
        bytes += value.byteLength;
      }
      continue;
    }
    if (typeof WebAssembly !== 'undefined' && value instanceof WebAssembly.Memory) {
      stack.push(value.buffer);
      continue;
    }
    if (value instanceof Map) {
      for (const [k, v] of value) stack.push(k, v);
      continue;
    }
    if (value instanceof Set) {
      for (const v of value) stack.push(v);
      continue;
    }
    for (const key of Object.getOwnPropertyNames(value)) {
      const child = (value as Record<string, unknown>)[key];
      if (child !== null && typeof child === 'object') stack.push(child);
    }
  }
  return bytes;
}

/** Bytes of a `DelayLine` for `delay` samples: a power-of-two Float64Array (see dsp/delayLine.ts). */
function delayLineBytes(delay: number): number {
  return 8 * 2 ** Math.ceil(Math.log2(Math.ceil(delay) + 4));
}

function listIds(ids: string[]): string {
  return ids.length <= 3 ? ids.join(', ') : `${ids.slice(0, 3).join(', ')}, …`;
}

/**
 * Estimates the bytes a render of `plan` will allocate.
 *
 * @param plan the compiled graph.
 * @param sampleRate render rate, Hz.
 * @param maxBlockSize the engine's block size.
 * @param clips the bound `file:` clips (counted by the caller, who knows their files).
 */
export function estimateRenderMemory(
  plan: Plan,
  sampleRate: number,
  maxBlockSize: number,
  clips: Readonly<Record<string, ClipAudio>> = {},
): MemoryEstimate {
  const ctx: KernelContext = {
    sampleRate,
    maxBlockSize,
    getClip: (name) => (Object.prototype.hasOwnProperty.call(clips, name) ? clips[name] : undefined),
  };
  const byType = new Map<string, number[]>();
  plan.nodes.forEach((n, i) => {
    const list = byType.get(n.definition.type);
    if (list) list.push(i);
    else byType.set(n.definition.type, [i]);
  });

  const consumers: MemoryConsumer[] = [];
  const latencyOfType = new Map<string, number>();
  for (const [type, indices] of byType) {
    // Nodes of a type with equal params share whatever the type caches (a demo stem): group them.
    const groups = new Map<string, number[]>();
    for (const i of indices) {
      const key = JSON.stringify(plan.nodes[i].params);
      const group = groups.get(key);
      if (group) group.push(i);
      else groups.set(key, [i]);
    }
    let bytes = 0;
    let firstMax = 0;
    let each: number | undefined;
    let measured = 0;
    const seen = new Set<ArrayBufferLike>();
    for (const group of groups.values()) {
      const node = plan.nodes[group[0]];
      if (measured >= MEASURED_GROUPS_PER_TYPE) {
        // Many distinct settings: each costs at most what the costliest measured one did.
        bytes += firstMax + (group.length - 1) * (each ?? firstMax);
        continue;
      }
      measured++;
      const kernel = node.definition.createKernel(ctx, node.params);
      const first = reachableArrayBytes(kernel, seen) + PER_NODE_OVERHEAD_BYTES;
      firstMax = Math.max(firstMax, first);
      if (!latencyOfType.has(type)) latencyOfType.set(type, Math.max(0, Math.round(kernel.latencySamples)));
      if (each === undefined && indices.length > 1) {
        each = reachableArrayBytes(node.definition.createKernel(ctx, node.params), seen) + PER_NODE_OVERHEAD_BYTES;
      }
      bytes += first + (group.length - 1) * (each ?? first);
    }
    const ids = indices.map((i) => plan.nodes[i].id);
    consumers.push({ what: `${indices.length} ${type} node${indices.length === 1 ? '' : 's'} (${listIds(ids)})`, bytes });
  }

  // The engine: an output block per port (the master's too), a sum block per port with several
  // wires or a delayed wire, the silence block, and latency-compensation delay lines.
  const block = 2 * 4 * maxBlockSize;
  let engineBlocks = block; // silence
  let compensation = 0;
  const arrival: number[] = [];
  for (const n of plan.nodes) {
    engineBlocks += Math.max(1, n.definition.outputs.length) * block;
    const latency = latencyOfType.get(n.definition.type) ?? 0;
    let inputArrival = 0;
    for (const wires of n.inputs) for (const w of wires) inputArrival = Math.max(inputArrival, arrival[w.fromNode]);
    arrival.push(inputArrival + latency);
    for (const wires of n.inputs) {
      let delayed = false;
      for (const w of wires) {
        const lag = inputArrival - arrival[w.fromNode];
        if (lag > 0) {
          compensation += 2 * delayLineBytes(lag);
          delayed = true;
        }
      }
      if (wires.length > 1 || delayed) engineBlocks += block;
    }
    if (n.bypass && latency > 0) compensation += 2 * delayLineBytes(latency);
  }
  consumers.push({ what: `engine block buffers (${plan.nodes.length} nodes)`, bytes: engineBlocks });
  if (compensation > 0) consumers.push({ what: 'latency-compensation delays', bytes: compensation });

  consumers.sort((x, y) => y.bytes - x.bytes);
  return { bytes: consumers.reduce((sum, c) => sum + c.bytes, 0), consumers, masterLatency: arrival[plan.master] ?? 0 };
}

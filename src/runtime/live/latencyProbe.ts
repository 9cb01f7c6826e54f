/**
 * Kernel latency without audio: one "probe" kernel per node type, retuned with `setParams` and
 * asked for `latencySamples`. The live engine needs each node's latency on the main thread to
 * plan the compensation delays, while the kernel that makes the sound runs in an AudioWorklet;
 * asking the very kernel class the offline engine uses keeps both engines' timing identical.
 */
import type { ResolvedParams } from '../../graph/catalog';
import type { ClipAudio, Kernel, KernelContext, NodeDefinition } from '../../nodes/types';
import type { LatencyOf } from './liveState';

/** Rate and clips the probe kernels are made with. */
export interface LatencyProbeOptions {
  /** Hz, the live context's rate. */
  sampleRate: number;
  /** `file:` clips by name (a source kernel resolves its clip in `setParams`). */
  getClip?: (name: string) => ClipAudio | undefined;
}

/**
 * A `LatencyOf` backed by one kernel per type, created on first use. Deterministic: the latency
 * of every kernel depends only on its params and the rate (the kernel contract).
 */
export function createLatencyProbe(options: LatencyProbeOptions): LatencyOf {
  const ctx: KernelContext = {
    sampleRate: options.sampleRate,
    maxBlockSize: 128,
    getClip: options.getClip ?? (() => undefined),
  };
  const probes = new Map<string, Kernel>();
  return (definition: NodeDefinition, params: ResolvedParams): number => {
    let kernel = probes.get(definition.type);
    if (kernel) {
      kernel.setParams(params);
    } else {
      kernel = definition.createKernel(ctx, params);
      kernel.setParams(params);
      probes.set(definition.type, kernel);
    }
    return kernel.latencySamples;
  };
}

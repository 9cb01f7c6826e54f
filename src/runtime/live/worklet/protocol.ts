/**
 * Messages between the main thread and the kernel-host AudioWorkletProcessor. Plain structured-
 * cloneable data; shared by both sides so they cannot drift apart.
 */
import type { ResolvedParams } from '../../../graph/catalog';
import type { PitchMeters } from '../../../nodes/types';

/** Name the processor is registered under (`registerProcessor`). */
export const KERNEL_HOST_PROCESSOR = 'mixgraph-kernel-host';

/** The a-rate AudioParam that gates a source kernel: 0 = silent, rising to 1 = restart and play. */
export const GATE_PARAM = 'gate';

/** `processorOptions` of a kernel-host node. */
export interface KernelHostOptions {
  /** Node type, looked up in the registry inside the worklet. */
  type: string;
  params: ResolvedParams;
  inputConnected: boolean[];
  /** Frames between meter reports (≈ 20–50 per second). */
  meterIntervalFrames: number;
  /** Params the host glides on a change (see `HostKernelOptions.steppedParams`). */
  steppedParams: string[];
}

/** Main thread → kernel host. */
export type ToHostMessage =
  /** New params; `rampFrames` > 0 glides the stepped params over that many frames. */
  | { kind: 'params'; params: ResolvedParams; rampFrames: number }
  | { kind: 'inputs'; connected: boolean[] }
  /** The node is gone: the processor returns false so it can be collected. */
  | { kind: 'dispose' };

/** Kernel host → main thread. */
export type FromHostMessage = {
  kind: 'meters';
  /** Largest gain reduction the kernel reported during the interval, dB ≥ 0. */
  gainReductionDb: number;
  /** Largest |sample| of the main input during the interval, linear. */
  inputPeak: number;
  /** A pitch corrector's latest analysis (autotune). */
  pitch?: PitchMeters;
};

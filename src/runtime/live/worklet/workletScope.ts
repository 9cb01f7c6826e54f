/**
 * The few globals of an AudioWorkletGlobalScope the kernel host uses (Web Audio API,
 * "AudioWorkletGlobalScope"), typed here rather than declared globally so no other file sees a
 * global `sampleRate`.
 */

/** The base class every processor extends. */
export interface AudioWorkletProcessorBase {
  readonly port: MessagePort;
}

/** An entry of a processor's `parameterDescriptors`. */
export interface AudioParamDescriptorLike {
  name: string;
  defaultValue: number;
  minValue: number;
  maxValue: number;
  automationRate: 'a-rate' | 'k-rate';
}

/** The AudioWorkletGlobalScope members used here. */
export interface WorkletScope {
  /** The context's rate, Hz. */
  readonly sampleRate: number;
  readonly AudioWorkletProcessor: new () => AudioWorkletProcessorBase;
  registerProcessor(name: string, processor: new (options: { processorOptions?: unknown }) => AudioWorkletProcessorBase): void;
}

/** The worklet's global scope (only valid inside an AudioWorklet). */
export const workletScope = globalThis as unknown as WorkletScope;

/**
 * The kernel host: one AudioWorkletProcessor that runs any node type's offline kernel, the very
 * same code the offline engine runs, so the live sound of compressor, limiter, delay, reverb and
 * tone matches the CLI render sample for sample. Bundled by Vite as its own module
 * (`loadKernelHost.ts`) and loaded with `audioWorklet.addModule`.
 *
 * Inputs: one per input port (a compressor's sidechain is input 1), two channels each.
 * Output: one, stereo. Params arrive by message; meters leave by message, a few tens per second.
 */
import { getNodeDefinition } from '../../../nodes/registry';
import type { KernelContext } from '../../../nodes/types';
import { KernelRunner } from './kernelRunner';
import { GATE_PARAM, KERNEL_HOST_PROCESSOR, type FromHostMessage, type KernelHostOptions, type ToHostMessage } from './protocol';
import { workletScope, type AudioParamDescriptorLike } from './workletScope';

const Base = workletScope.AudioWorkletProcessor;

class KernelHostProcessor extends Base {
  static get parameterDescriptors(): AudioParamDescriptorLike[] {
    return [{ name: GATE_PARAM, defaultValue: 0, minValue: 0, maxValue: 1, automationRate: 'a-rate' }];
  }

  private readonly runner: KernelRunner;
  private disposed = false;

  constructor(options: { processorOptions?: unknown }) {
    super();
    const o = options.processorOptions as KernelHostOptions;
    const definition = getNodeDefinition(o.type);
    if (!definition) throw new Error(`kernel host: unknown node type "${o.type}"`);
    const ctx: KernelContext = { sampleRate: workletScope.sampleRate, maxBlockSize: 128, getClip: () => undefined };
    const kernel = definition.createKernel(ctx, o.params);
    this.runner = new KernelRunner(kernel, {
      inputCount: definition.inputs.length,
      mainInput: definition.mainInput ?? 0,
      gated: definition.inputs.length === 0,
      meterIntervalFrames: o.meterIntervalFrames,
      steppedParams: o.steppedParams,
      params: o.params,
      inputConnected: o.inputConnected,
    });
    this.port.onmessage = (event: MessageEvent<ToHostMessage>) => this.receive(event.data);
  }

  private receive(message: ToHostMessage): void {
    switch (message.kind) {
      case 'params':
        this.runner.setParams(message.params, message.rampFrames);
        break;
      case 'inputs':
        this.runner.setInputsConnected(message.connected);
        break;
      case 'dispose':
        this.disposed = true;
        this.port.onmessage = null;
        break;
    }
  }

  process(inputs: Float32Array[][], outputs: Float32Array[][], parameters: Record<string, Float32Array>): boolean {
    if (this.disposed) return false;
    const out = outputs[0];
    if (out === undefined || out.length === 0) return true;
    const report = this.runner.process(inputs, out[0], out[1] ?? out[0], parameters[GATE_PARAM] ?? null);
    if (report !== null) {
      const message: FromHostMessage = { kind: 'meters', gainReductionDb: report.gainReductionDb, inputPeak: report.inputPeak, pitch: report.pitch };
      this.port.postMessage(message);
    }
    // Keep running without input: a reverb's tail and a delay's echoes go on after the input stops.
    return true;
  }
}

workletScope.registerProcessor(KERNEL_HOST_PROCESSOR, KernelHostProcessor);

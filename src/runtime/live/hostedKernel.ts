/**
 * Main-thread side of a kernel hosted in the kernel-host AudioWorklet: creates the
 * AudioWorkletNode, wires the input ports, forwards params and wired ports by message, and keeps
 * the latest meter report.
 */
import type { ResolvedParams } from '../../graph/catalog';
import type { NodeDefinition } from '../../nodes/types';
import type { HostedKernel, HostKernelOptions, LiveMeters, LivePorts } from '../../nodes/liveTypes';
import { GATE_PARAM, KERNEL_HOST_PROCESSOR, type FromHostMessage, type KernelHostOptions, type ToHostMessage } from './worklet/protocol';

/**
 * Makes an AudioWorkletNode. The default uses the native constructor; a context wrapped by
 * standardized-audio-context (Tone.js's default context) needs its own, e.g.
 * `(ctx, name, options) => Tone.getContext().createAudioWorkletNode(name, options)`.
 */
export type WorkletNodeFactory = (context: BaseAudioContext, name: string, options: AudioWorkletNodeOptions) => AudioWorkletNode;

/** The native `AudioWorkletNode` constructor as a factory. */
export const nativeWorkletNode: WorkletNodeFactory = (context, name, options) => new AudioWorkletNode(context, name, options);

/** Everything `createHostedKernel` needs. */
export interface HostedKernelArgs {
  context: BaseAudioContext;
  createNode: WorkletNodeFactory;
  definition: NodeDefinition;
  params: ResolvedParams;
  ports: LivePorts;
  options: HostKernelOptions;
  /** Frames between meter reports. */
  meterIntervalFrames: number;
}

const SILENT_METERS: LiveMeters = { gainReductionDb: 0, inputPeakDb: -Infinity };

/** Builds a kernel-host AudioWorkletNode for one node and its main-thread handle. */
export function createHostedKernel(args: HostedKernelArgs): HostedKernel {
  const { context, definition, ports } = args;
  const processorOptions: KernelHostOptions = {
    type: definition.type,
    params: { ...args.params },
    inputConnected: [...ports.connected],
    meterIntervalFrames: args.meterIntervalFrames,
    steppedParams: [...(args.options.steppedParams ?? [])],
  };
  const node = args.createNode(context, KERNEL_HOST_PROCESSOR, {
    numberOfInputs: definition.inputs.length,
    numberOfOutputs: 1,
    outputChannelCount: [2],
    channelCount: 2,
    channelCountMode: 'explicit',
    channelInterpretation: 'speakers',
    parameterData: { [GATE_PARAM]: 0 },
    processorOptions,
  });
  ports.inputs.forEach((input, port) => input.connect(node, 0, port));
  let meters: LiveMeters = SILENT_METERS;
  node.port.onmessage = (event: MessageEvent<FromHostMessage>) => {
    const m = event.data;
    if (m.kind === 'meters') {
      meters = { gainReductionDb: m.gainReductionDb, inputPeakDb: m.inputPeak > 0 ? 20 * Math.log10(m.inputPeak) : -Infinity, pitch: m.pitch };
    }
  };
  const send = (message: ToHostMessage): void => node.port.postMessage(message);
  const gate = node.parameters.get(GATE_PARAM);

  return {
    node,
    setParams(params, rampSeconds) {
      send({ kind: 'params', params: { ...params }, rampFrames: Math.round(rampSeconds * context.sampleRate) });
    },
    setInputsConnected(connected) {
      send({ kind: 'inputs', connected: [...connected] });
    },
    meters: () => meters,
    start(when) {
      gate?.setValueAtTime(1, when);
    },
    stop(when) {
      gate?.setValueAtTime(0, when);
    },
    dispose() {
      send({ kind: 'dispose' });
      node.port.onmessage = null;
      for (const input of ports.inputs) {
        try {
          input.disconnect(node);
        } catch {
          // Already disconnected.
        }
      }
      node.disconnect();
    },
  };
}

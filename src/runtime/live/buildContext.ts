/**
 * The `LiveBuildContext` the engine hands to node builders: helpers bound to one audio context,
 * the `file:` clips bound to the engine, and a cache of clips as AudioBuffers.
 */
import type { ResolvedParams } from '../../graph/catalog';
import type { ClipAudio, KernelContext, NodeDefinition } from '../../nodes/types';
import type { HostKernelOptions, HostedKernel, LiveBuildContext, LivePorts, SmoothParam } from '../../nodes/liveTypes';
import { createHostedKernel, type WorkletNodeFactory } from './hostedKernel';
import { RampedParam } from './smoothParam';
import { stereoGain } from './stereo';

/** What the engine gives its build context. */
export interface BuildContextOptions {
  context: BaseAudioContext;
  createWorkletNode: WorkletNodeFactory;
  /** `file:` clips by name, at the context's rate. */
  clips: Map<string, ClipAudio>;
  fadeSeconds: number;
  meterIntervalFrames: number;
}

/** Frames of a clip: the shorter channel (as the source kernel counts them). */
function clipLength(clip: ClipAudio): number {
  return Math.min(clip.left.length, clip.right.length);
}

/** The engine's `LiveBuildContext`, bound to one audio context. */
export class EngineBuildContext implements LiveBuildContext {
  readonly context: BaseAudioContext;
  readonly sampleRate: number;
  readonly kernelContext: KernelContext;
  readonly fadeSeconds: number;
  /** One AudioBuffer per clip object: every source playing a demo stem shares it. */
  private readonly buffers = new WeakMap<ClipAudio, AudioBuffer>();

  constructor(private readonly options: BuildContextOptions) {
    this.context = options.context;
    this.sampleRate = options.context.sampleRate;
    this.fadeSeconds = options.fadeSeconds;
    const clips = options.clips;
    this.kernelContext = { sampleRate: this.sampleRate, maxBlockSize: 128, getClip: (name) => clips.get(name) };
  }

  stereoGain(gain = 1): GainNode {
    return stereoGain(this.context, gain);
  }

  smooth(param: AudioParam, initial: number): SmoothParam {
    return new RampedParam(param, initial);
  }

  hostKernel(definition: NodeDefinition, params: ResolvedParams, ports: LivePorts, options: HostKernelOptions = {}): HostedKernel {
    return createHostedKernel({
      context: this.context,
      createNode: this.options.createWorkletNode,
      definition,
      params,
      ports,
      options,
      meterIntervalFrames: this.options.meterIntervalFrames,
    });
  }

  audioBuffer(clip: ClipAudio): AudioBuffer {
    let buffer = this.buffers.get(clip);
    if (!buffer) {
      const frames = Math.max(1, clipLength(clip));
      buffer = this.context.createBuffer(2, frames, this.sampleRate);
      // getChannelData().set accepts any typed array (a clip may live in a SharedArrayBuffer).
      buffer.getChannelData(0).set(clip.left.subarray(0, frames));
      buffer.getChannelData(1).set(clip.right.subarray(0, frames));
      this.buffers.set(clip, buffer);
    }
    return buffer;
  }
}

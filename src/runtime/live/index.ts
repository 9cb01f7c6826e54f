/**
 * The live engine (docs/live-engine.md): a pure diff of graphs into instructions, and an applier
 * that builds and edits the Web Audio graph. Import `LiveEngine` in the browser; the diff and the
 * state planner also run in Node (unit tests).
 */
export { LiveEngine, type LiveEngineOptions, type LiveUpdateResult } from './liveEngine';
export { diffGraphs, diffStates, DEFAULT_FADE_SECONDS, DEFAULT_PARAM_RAMP_SECONDS, type DiffOptions, type DiffTiming } from './diff';
export { liveState, type LiveState, type LiveNodeState, type LiveWireState, type LatencyOf } from './liveState';
export { createLatencyProbe } from './latencyProbe';
export type { LiveInstruction, LiveInstructionOp } from './instructions';
export type { LiveMeters, LiveNodeBuilder, LiveBuildContext, LiveProcessor, HostedKernel, SmoothParam, ParamTiming } from '../../nodes/liveTypes';
export { LiveGraphError } from './errors';
export { nativeWorkletNode, type WorkletNodeFactory } from './hostedKernel';
export { loadKernelHost, KERNEL_HOST_URL } from './worklet/loadKernelHost';

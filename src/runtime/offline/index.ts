export { compile, type CompileResult } from './compile';
export type { Plan, PlanNode, PlanWire } from './plan';
export { OfflineEngine, EngineError, type EngineOptions } from './engine';
export {
  render,
  renderStream,
  defaultRenderSeconds,
  RenderAbortedError,
  RenderOptionError,
  DEFAULT_SAMPLE_RATE,
  DEFAULT_BLOCK_SIZE,
  SUPPORTED_SAMPLE_RATES,
  type RenderOptions,
  type RenderSummary,
  type RenderedAudio,
  type BlockSink,
} from './render';
export { estimateRenderMemory, type MemoryConsumer, type MemoryEstimate } from './memoryEstimate';

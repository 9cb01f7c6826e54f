/**
 * A test tap: records a fixed number of stereo frames of its input, posts them to the main
 * thread, then stops. Used only by the test hooks (`testHooks.ts`) to check what the editor
 * plays; loaded on first use, never in normal operation.
 */
import { workletScope } from '../../runtime/live/worklet/workletScope';

/** Name the processor is registered under. */
const RECORDER_PROCESSOR = 'mixgraph-test-recorder';

class RecorderProcessor extends workletScope.AudioWorkletProcessor {
  private readonly left: Float32Array;
  private readonly right: Float32Array;
  private filled = 0;

  constructor(options: { processorOptions?: unknown }) {
    super();
    const frames = (options.processorOptions as { frames: number }).frames;
    this.left = new Float32Array(frames);
    this.right = new Float32Array(frames);
  }

  process(inputs: Float32Array[][]): boolean {
    const input = inputs[0] ?? [];
    const l = input[0];
    const r = input[1] ?? l;
    const n = Math.min(128, this.left.length - this.filled);
    if (l !== undefined && r !== undefined) {
      this.left.set(l.subarray(0, n), this.filled);
      this.right.set(r.subarray(0, n), this.filled);
    }
    this.filled += n;
    if (this.filled < this.left.length) return true;
    this.port.postMessage({ left: this.left, right: this.right }, [this.left.buffer, this.right.buffer]);
    return false;
  }
}

workletScope.registerProcessor(RECORDER_PROCESSOR, RecorderProcessor);

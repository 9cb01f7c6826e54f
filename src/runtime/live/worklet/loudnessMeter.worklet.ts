/**
 * The loudness-meter AudioWorkletProcessor: the CLI's BS.1770-4 / EBU R 128 meter
 * (`src/dsp/loudness`) measuring whatever is connected to its input — the editor puts it on the
 * master bus, and on a node's input and output for level-matched A/B. Bundled by Vite as its own
 * module (`loudnessMeterNode.ts`) and loaded with `audioWorklet.addModule`.
 *
 * Input: one, stereo. Output: one, silent (it only exists so the node can be connected to a sink
 * that the context pulls). Readings leave by message a few times a second.
 */
import { LoudnessMeterRunner } from './loudnessMeterRunner';
import {
  LOUDNESS_METER_PROCESSOR,
  type FromLoudnessMeterMessage,
  type LoudnessMeterOptions,
  type ToLoudnessMeterMessage,
} from './loudnessMeterProtocol';
import { workletScope } from './workletScope';

const Base = workletScope.AudioWorkletProcessor;

class LoudnessMeterProcessor extends Base {
  private readonly runner: LoudnessMeterRunner;
  private disposed = false;

  constructor(options: { processorOptions?: unknown }) {
    super();
    const o = options.processorOptions as LoudnessMeterOptions;
    this.runner = new LoudnessMeterRunner(workletScope.sampleRate, Math.max(128, o.reportIntervalFrames));
    this.port.onmessage = (event: MessageEvent<ToLoudnessMeterMessage>) => this.receive(event.data);
  }

  private receive(message: ToLoudnessMeterMessage): void {
    switch (message.kind) {
      case 'reset':
        this.runner.reset();
        this.post();
        break;
      case 'enable':
        this.runner.setEnabled(message.on);
        break;
      case 'dispose':
        this.disposed = true;
        this.port.onmessage = null;
        break;
    }
  }

  private post(): void {
    const message: FromLoudnessMeterMessage = { kind: 'reading', reading: this.runner.reading() };
    this.port.postMessage(message);
  }

  process(inputs: Float32Array[][]): boolean {
    if (this.disposed) return false;
    const input = inputs[0] ?? [];
    // A render quantum is 128 frames (Web Audio API § "Rendering an Audio Graph").
    const frames = input[0]?.length ?? 128;
    const reading = this.runner.process(input, frames);
    if (reading !== null) this.port.postMessage({ kind: 'reading', reading } satisfies FromLoudnessMeterMessage);
    return true;
  }
}

workletScope.registerProcessor(LOUDNESS_METER_PROCESSOR, LoudnessMeterProcessor);

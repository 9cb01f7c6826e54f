/**
 * Main-thread side of the loudness-meter worklet: loads the bundled module once per context and
 * wraps an AudioWorkletNode whose latest reading is kept in a plain object, so a UI reads it from
 * `requestAnimationFrame` without any framework state.
 */
import loudnessMeterUrl from './loudnessMeter.worklet?worker&url';
import {
  LOUDNESS_METER_PROCESSOR,
  type FromLoudnessMeterMessage,
  type LoudnessMeterOptions,
  type LoudnessReading,
  type ToLoudnessMeterMessage,
} from './loudnessMeterProtocol';

const loaded = new WeakMap<BaseAudioContext, Promise<void>>();

/** A reading with nothing measured yet. */
export const EMPTY_LOUDNESS_READING: Readonly<LoudnessReading> = Object.freeze({
  momentaryLufs: null,
  shortTermLufs: null,
  integratedLufs: null,
  loudnessRangeLu: null,
  truePeakDbtp: null,
  samplePeakDbfs: null,
  maxMomentaryLufs: null,
  seconds: 0,
});

/** Adds the loudness-meter module to `context.audioWorklet` (once per context). */
export function loadLoudnessMeter(context: BaseAudioContext, url: string = loudnessMeterUrl): Promise<void> {
  let pending = loaded.get(context);
  if (!pending) {
    if (!context.audioWorklet) return Promise.reject(new Error('AudioWorklet is not available (it needs a secure context: https or localhost)'));
    pending = context.audioWorklet.addModule(url);
    loaded.set(context, pending);
  }
  return pending;
}

/**
 * One BS.1770 meter in the audio thread. Connect a source to `input`; `connectSink` must reach
 * something the context pulls (a silent gain into the destination), or Chromium does not run it.
 */
export class LoudnessMeterNode {
  /** Connect what is to be measured here (stereo). */
  readonly input: AudioWorkletNode;
  /** Latest reading (replaced, never mutated, each report: ~10 per second). */
  reading: Readonly<LoudnessReading> = EMPTY_LOUDNESS_READING;
  /** Counts readings received (a UI can skip redrawing when it has not changed). */
  readingCount = 0;

  /**
   * @param context a context where `loadLoudnessMeter` has resolved.
   * @param reportSeconds interval between readings, s (default 0.1).
   */
  constructor(context: BaseAudioContext, reportSeconds = 0.1) {
    const options: LoudnessMeterOptions = { reportIntervalFrames: Math.round(reportSeconds * context.sampleRate) };
    this.input = new AudioWorkletNode(context, LOUDNESS_METER_PROCESSOR, {
      numberOfInputs: 1,
      numberOfOutputs: 1,
      outputChannelCount: [1],
      channelCount: 2,
      channelCountMode: 'explicit',
      channelInterpretation: 'speakers',
      processorOptions: options,
    });
    this.input.port.onmessage = (event: MessageEvent<FromLoudnessMeterMessage>) => {
      if (event.data.kind !== 'reading') return;
      this.reading = event.data.reading;
      this.readingCount += 1;
    };
  }

  /** Starts measuring again from nothing. */
  reset(): void {
    this.send({ kind: 'reset' });
    this.reading = EMPTY_LOUDNESS_READING;
    this.readingCount += 1;
  }

  /** Measures (true) or ignores its input (false). */
  setEnabled(on: boolean): void {
    this.send({ kind: 'enable', on });
  }

  /** Connects the (silent) output to a sink the context pulls. */
  connectSink(sink: AudioNode): void {
    this.input.connect(sink);
  }

  dispose(): void {
    this.send({ kind: 'dispose' });
    this.input.port.onmessage = null;
    this.input.disconnect();
  }

  private send(message: ToLoudnessMeterMessage): void {
    this.input.port.postMessage(message);
  }
}

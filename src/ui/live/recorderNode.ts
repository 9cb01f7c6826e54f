/** Records `seconds` of a node's output through the test-tap worklet (`recorder.worklet.ts`). */
import recorderUrl from './recorder.worklet?worker&url';

const loaded = new WeakMap<BaseAudioContext, Promise<void>>();

/** Stereo samples recorded from the audio thread. */
export interface Recording {
  left: Float32Array;
  right: Float32Array;
}

/** Loads the recorder module into `context` (once). */
export function loadRecorder(context: BaseAudioContext): Promise<void> {
  let pending = loaded.get(context);
  if (!pending) {
    pending = context.audioWorklet.addModule(recorderUrl);
    loaded.set(context, pending);
  }
  return pending;
}

/**
 * Records `seconds` of `from` (stereo), starting at the next render quantum. `sink` must reach the
 * destination (a silent gain), so the context runs the tap. Call `loadRecorder` first.
 */
export async function recordNode(from: AudioNode, sink: AudioNode, seconds: number): Promise<Recording> {
  const context = from.context;
  const tap = new AudioWorkletNode(context, 'mixgraph-test-recorder', {
    numberOfInputs: 1,
    numberOfOutputs: 1,
    outputChannelCount: [1],
    channelCount: 2,
    channelCountMode: 'explicit',
    channelInterpretation: 'speakers',
    processorOptions: { frames: Math.round(seconds * context.sampleRate) },
  });
  const done = new Promise<Recording>((resolve) => {
    tap.port.onmessage = (event: MessageEvent<Recording>) => resolve(event.data);
  });
  from.connect(tap);
  tap.connect(sink);
  try {
    return await done;
  } finally {
    from.disconnect(tap);
    tap.disconnect();
  }
}

/// <reference lib="webworker" />
/**
 * The codec preview's worker: encodes and decodes the monitored signal block by block, off the
 * main thread and off the audio thread. Input comes from the playout worklet over a
 * MessagePort, the aligned decode goes back the same way (`CodecSwitcher`). MP3 is our own
 * stream (lamejs → mpg123, `src/runtime/codec/mp3Stream.ts`); Opus and AAC use WebCodecs where
 * the browser has them.
 */
import { BacklogGuard } from '../../runtime/codec/backlogGuard';
import { CodecSwitcher } from '../../runtime/codec/codecSwitcher';
import { openMp3Stream } from '../../runtime/codec/mp3Stream';
import type { StreamCodecFactory } from '../../runtime/codec/streamCodec';
import type { CodecChoice, CodecSupport, FromCodecWorkerMessage, PlayoutWorkerMessage, ToCodecWorkerMessage } from './codecPreviewProtocol';
import { openWebCodecsStream, probeWebCodecs } from './webCodecsStream';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (m: FromCodecWorkerMessage) => scope.postMessage(m);
let playout: MessagePort | null = null;
let rate = 48000;
let guard: BacklogGuard | null = null;
/**
 * Input later than this is dropped (`BacklogGuard`): half the preview's 200 ms latency, leaving
 * the other half for the codec's own delay and buffering.
 */
const MAX_BEHIND_MS = 100;
let support: Promise<CodecSupport[]> | null = null;

const switcher = new CodecSwitcher(
  (start, left, right) => {
    const m: PlayoutWorkerMessage = { kind: 'decoded', start, left, right };
    playout?.postMessage(m, [left.buffer, right.buffer]);
  },
  (message) => post({ kind: 'error', message }),
  () => post({ kind: 'ready' }),
);

let warm: Promise<void> | null = null;
/**
 * Runs the MP3 stream over 0.5 s of noise once, before the first real use: the encoder's first
 * seconds run cold (JIT) at a fraction of its speed, and the preview would start late.
 */
function warmUp(sampleRate: number): Promise<void> {
  return (warm ??= openMp3Stream(sampleRate, 128, () => {}).then((codec) => {
    const n = Math.round(sampleRate / 2);
    const noise = new Float32Array(n);
    for (let i = 0; i < n; i++) noise[i] = (((i * 2654435761) >>> 0) / 4294967296 - 0.5) * 0.5;
    codec.push(noise, noise);
    codec.close();
  }));
}

function factory(choice: CodecChoice, sampleRate: number): StreamCodecFactory {
  if (choice.codec === 'mp3') return async (output) => {
    await warmUp(sampleRate);
    return openMp3Stream(sampleRate, choice.kbps, output);
  };
  const codec = choice.codec;
  return async (output) => {
    const found = (await (support ??= probeWebCodecs(sampleRate))).find((s) => s.codec === codec);
    if (!found?.supported || found.delayFrames === null) throw new Error(found?.reason ?? `${codec} is not available`);
    return openWebCodecsStream(codec, sampleRate, choice.kbps, found.delayFrames, output, (message) => post({ kind: 'error', message }));
  };
}

scope.onmessage = (event: MessageEvent<ToCodecWorkerMessage>) => {
  const m = event.data;
  if (m.kind === 'port') {
    playout = m.port;
    playout.onmessage = (e: MessageEvent<PlayoutWorkerMessage>) => {
      const d = e.data;
      if (d.kind !== 'input') return;
      guard ??= new BacklogGuard(rate, MAX_BEHIND_MS);
      if (guard.admit(d.start, d.left.length, performance.now())) switcher.push(d.start, d.left, d.right);
    };
  } else if (m.kind === 'probe') {
    void (support ??= probeWebCodecs(m.sampleRate)).then((s) => post({ kind: 'support', support: s }));
  } else {
    rate = m.sampleRate;
    switcher.use(m.choice === null ? null : factory(m.choice, m.sampleRate));
  }
};

/**
 * Opus and AAC as a `StreamCodec` through the browser's WebCodecs `AudioEncoder`/`AudioDecoder`
 * (W3C WebCodecs §§ 5–6), for the codec preview's worker. What a browser offers differs (Chromium
 * on Linux has Opus; AAC encoding needs the platform's encoder): `probeWebCodecs` asks
 * `AudioEncoder.isConfigSupported` and, for what is supported, measures the round trip's delay
 * once by cross-correlating a noise burst with its decode — browsers do not state it.
 */
import { type AlignedOutput, DelayTrim, type StreamCodec } from '../../runtime/codec/streamCodec';
import type { CodecSupport } from './codecPreviewProtocol';

/** WebCodecs codec strings (WebCodecs Codec Registry): Opus, and AAC-LC. */
const CODEC_STRINGS = { opus: 'opus', aac: 'mp4a.40.2' } as const;
export type WebCodec = keyof typeof CODEC_STRINGS;

const NAMES: Record<WebCodec, string> = { opus: 'Opus', aac: 'AAC' };

/**
 * Opens an encoder → decoder pair. Encoded chunks go straight to the decoder, configured from
 * the encoder's first `decoderConfig`; decoded frames lose the first `delay` frames.
 */
export async function openWebCodecsStream(codec: WebCodec, sampleRate: number, kbps: number, delay: number, output: AlignedOutput, onError: (message: string) => void): Promise<StreamCodec> {
  if (typeof AudioEncoder === 'undefined') throw new Error(`${NAMES[codec]}: this browser has no WebCodecs AudioEncoder`);
  const trim = new DelayTrim(delay, output);
  let closed = false;
  const fail = (error: DOMException) => {
    if (!closed) onError(`${NAMES[codec]} preview stopped: ${error.message}`);
  };
  let planes = [new Float32Array(0), new Float32Array(0)];
  const decoder = new AudioDecoder({
    output: (data) => {
      const n = data.numberOfFrames;
      if (planes[0].length !== n) planes = [new Float32Array(n), new Float32Array(n)];
      data.copyTo(planes[0], { planeIndex: 0, format: 'f32-planar' });
      data.copyTo(planes[1], { planeIndex: data.numberOfChannels > 1 ? 1 : 0, format: 'f32-planar' });
      data.close();
      if (!closed) trim.push(planes[0], planes[1]);
    },
    error: fail,
  });
  let configured = false;
  const encoder = new AudioEncoder({
    output: (chunk, metadata) => {
      if (closed) return;
      if (!configured) {
        decoder.configure(metadata?.decoderConfig ?? { codec: CODEC_STRINGS[codec], sampleRate, numberOfChannels: 2 });
        configured = true;
      }
      decoder.decode(chunk);
    },
    error: fail,
  });
  encoder.configure({ codec: CODEC_STRINGS[codec], sampleRate, numberOfChannels: 2, bitrate: kbps * 1000 });
  let frames = 0;
  return {
    push(left, right) {
      if (closed) return;
      const n = left.length;
      const data = new Float32Array(2 * n);
      data.set(left, 0);
      data.set(right, n);
      const audio = new AudioData({ format: 'f32-planar', sampleRate, numberOfFrames: n, numberOfChannels: 2, timestamp: Math.round((frames * 1e6) / sampleRate), data });
      frames += n;
      encoder.encode(audio);
      audio.close();
    },
    close() {
      if (closed) return;
      closed = true;
      if (encoder.state !== 'closed') encoder.close();
      if (decoder.state !== 'closed') decoder.close();
    },
  };
}

/** Lag (0…maxLag) where Σ x[i]·y[i + lag] peaks, with its normalised correlation. */
function bestLag(x: Float32Array, y: Float32Array, length: number, maxLag: number): { lag: number; r: number } {
  let best = -Infinity;
  let lag = 0;
  let xx = 0;
  for (let i = 0; i < length; i++) xx += x[i] * x[i];
  for (let k = 0; k <= maxLag && k + length <= y.length; k++) {
    let c = 0;
    for (let i = 0; i < length; i++) c += x[i] * y[i + k];
    if (c > best) {
      best = c;
      lag = k;
    }
  }
  let yy = 0;
  for (let i = 0; i < length; i++) yy += y[i + lag] * y[i + lag];
  return { lag, r: best / Math.sqrt(xx * yy || 1) };
}

/** Measures the codec's delay: 0.2 s of low-passed noise, then silence, through a fresh pair. */
async function measureDelay(codec: WebCodec, sampleRate: number): Promise<number> {
  const total = Math.round(sampleRate * 0.8);
  const burst = Math.round(sampleRate * 0.2);
  const x = new Float32Array(total);
  let seed = 4242;
  let lp = 0;
  for (let i = 0; i < burst; i++) {
    seed = (seed * 16807) % 2147483647;
    lp += 0.4 * (seed / 2147483647 - 0.5 - lp);
    x[i] = lp;
  }
  const got = new Float32Array(total);
  let filled = 0;
  let failed: string | null = null;
  const stream = await openWebCodecsStream(codec, sampleRate, 128, 0, (l) => {
    const n = Math.min(l.length, total - filled);
    got.set(l.subarray(0, n), filled);
    filled += n;
  }, (m) => (failed = m));
  for (let i = 0; i < total; i += 960) stream.push(x.subarray(i, Math.min(total, i + 960)), x.subarray(i, Math.min(total, i + 960)));
  const deadline = Date.now() + 3000;
  while (filled < total && failed === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  stream.close();
  if (failed !== null) throw new Error(failed);
  const maxLag = Math.min(8192, total - burst);
  if (filled < burst + maxLag) throw new Error(`${NAMES[codec]}: the decoder returned ${filled} of ${total} frames`);
  const { lag, r } = bestLag(x, got, burst, maxLag);
  if (r < 0.9) throw new Error(`${NAMES[codec]}: its decode does not line up with the input (correlation ${r.toFixed(2)})`);
  return lag;
}

/**
 * Which WebCodecs codecs this browser encodes and decodes at `sampleRate`, and their delays.
 * @param measure measure each supported codec's delay (the worker does; the panel only asks).
 */
export async function probeWebCodecs(sampleRate: number, measure = true): Promise<CodecSupport[]> {
  const out: CodecSupport[] = [];
  for (const codec of ['opus', 'aac'] as const) {
    if (typeof AudioEncoder === 'undefined' || typeof AudioDecoder === 'undefined') {
      out.push({ codec, supported: false, delayFrames: null, reason: 'this browser has no WebCodecs audio encoder' });
      continue;
    }
    const config = { codec: CODEC_STRINGS[codec], sampleRate, numberOfChannels: 2, bitrate: 128_000 };
    try {
      const [enc, dec] = await Promise.all([AudioEncoder.isConfigSupported(config), AudioDecoder.isConfigSupported({ codec: CODEC_STRINGS[codec], sampleRate, numberOfChannels: 2 })]);
      if (!enc.supported) {
        out.push({ codec, supported: false, delayFrames: null, reason: `this browser's WebCodecs cannot encode ${NAMES[codec]} (AudioEncoder.isConfigSupported said no)` });
        continue;
      }
      if (!dec.supported) {
        out.push({ codec, supported: false, delayFrames: null, reason: `this browser's WebCodecs cannot decode ${NAMES[codec]}` });
        continue;
      }
      out.push({ codec, supported: true, delayFrames: measure ? await measureDelay(codec, sampleRate) : null, reason: null });
    } catch (error) {
      out.push({ codec, supported: false, delayFrames: null, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return out;
}

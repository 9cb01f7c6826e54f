/**
 * MP3 round trip: encode with LAME's pure-JS port (@breezystack/lamejs, LGPL-3.0, maintained fork
 * of lamejs) and decode with mpg123 (mpg123-decoder, the project's MP3 reader), to hear or measure
 * what a lossy delivery does to a master: inter-sample overs, pre-echo, lost top end. Pure: no
 * `node:` imports, so the CLI and an editor worker share it.
 */
import { Mp3Encoder } from '@breezystack/lamejs';
import { decodeCompressed } from '../audio-io/decoders/compressedDecoders';
import { resample } from '../audio-io/resample';

/** Sample rates MPEG-1 Layer III encodes; other rates are resampled to 48 kHz first. */
export const MP3_SAMPLE_RATES: readonly number[] = [32000, 44100, 48000];

/** Samples per MPEG-1 Layer III frame: the encoder is fed in these steps. */
const FRAME = 1152;

/** A decoded round trip. */
export interface Mp3RoundTrip {
  /** The MP3 stream's bytes. */
  bytes: Uint8Array;
  /** Decoded channels (encoder and decoder delay included: ~1100 samples of lead-in). */
  channels: Float32Array[];
  sampleRate: number;
}

/**
 * Float → 16-bit PCM, the encoder's input: round to nearest, clamp at full scale (what a 16-bit
 * delivery file would hold; a master that already clips in the file clips here too).
 */
function toInt16(input: Float32Array): Int16Array {
  const out = new Int16Array(input.length);
  for (let i = 0; i < input.length; i++) {
    const v = Math.round(input[i] * 32768);
    out[i] = v > 32767 ? 32767 : v < -32768 ? -32768 : v;
  }
  return out;
}

/**
 * Encodes a stereo pair as a constant-bitrate MP3.
 * @param kbps bitrate, e.g. 128 or 320.
 * @returns the MP3 bytes and the rate actually encoded (input resampled to 48 kHz when the rate is
 *   not one MPEG-1 supports).
 */
export function encodeMp3(left: Float32Array, right: Float32Array, sampleRate: number, kbps: number): { bytes: Uint8Array; sampleRate: number } {
  let l = left;
  let r = right;
  let rate = sampleRate;
  if (!MP3_SAMPLE_RATES.includes(rate)) {
    l = resample(left, sampleRate, 48000);
    r = resample(right, sampleRate, 48000);
    rate = 48000;
  }
  const encoder = new Mp3Encoder(2, rate, kbps);
  const li = toInt16(l);
  const ri = toInt16(r);
  const parts: Uint8Array[] = [];
  let total = 0;
  for (let i = 0; i < li.length; i += FRAME) {
    const chunk = encoder.encodeBuffer(li.subarray(i, i + FRAME), ri.subarray(i, i + FRAME));
    // The encoder reuses its output buffer: copy each chunk out.
    if (chunk.length > 0) {
      parts.push(chunk.slice());
      total += chunk.length;
    }
  }
  const tail = encoder.flush();
  parts.push(tail.slice());
  total += tail.length;
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const p of parts) {
    bytes.set(p, offset);
    offset += p.length;
  }
  return { bytes, sampleRate: rate };
}

/** Encodes to MP3 at `kbps` and decodes the result again. */
export async function mp3RoundTrip(left: Float32Array, right: Float32Array, sampleRate: number, kbps: number): Promise<Mp3RoundTrip> {
  const encoded = encodeMp3(left, right, sampleRate, kbps);
  const decoded = await decodeCompressed(encoded.bytes, 'mp3', `MP3 round trip at ${kbps} kbit/s`);
  return { bytes: encoded.bytes, channels: decoded.channels, sampleRate: decoded.sampleRate };
}

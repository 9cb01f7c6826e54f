/**
 * MP3 as a stream (the editor's codec preview): LAME's pure-JS port (@breezystack/lamejs, as
 * `mp3RoundTrip.ts`) encodes constant-bitrate frames, mpg123 (mpg123-decoder) decodes each frame
 * as it completes, and the codec delay is trimmed so the output lines up with the input sample for
 * sample. Pure: runs in Node (the tests) and in a Worker (the editor).
 */
import { Mp3Encoder } from '@breezystack/lamejs';
import { MP3_SAMPLE_RATES } from './mp3RoundTrip';
import { type AlignedOutput, DelayTrim, type StreamCodec } from './streamCodec';

/**
 * Delay of the round trip, frames: LAME's encoder delay (ENCDELAY, 576 frames: the MDCT's
 * look-ahead, LAME `encoder.h`) plus the Layer III decoder's synthesis delay (528 + 1 frames: the
 * hybrid filter bank's overlap, as LAME's own "decoder delay" in its tag documentation). mpg123 runs
 * without gapless trimming here, so both remain in its output. test/unit/codec/mp3Stream.test.ts
 * finds the same lag by correlating ffmpeg's decode of our MP3 with the input.
 */
export const MP3_STREAM_DELAY = 576 + 529;

/** Frames fed to the encoder per call: one MPEG-1 Layer III frame. */
const FRAME = 1152;

/** Float → 16-bit PCM (the encoder's input), rounded, clamped at full scale. */
function toInt16(input: Float32Array, out: Int16Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const v = Math.round(input[i] * 32768);
    out[i] = v > 32767 ? 32767 : v < -32768 ? -32768 : v;
  }
}

/**
 * Opens an MP3 stream at `kbps` (CBR). `sampleRate` must be one MPEG-1 encodes (32/44.1/48 kHz).
 * @throws Error naming the rate when it is not.
 */
export async function openMp3Stream(sampleRate: number, kbps: number, output: AlignedOutput): Promise<StreamCodec> {
  if (!MP3_SAMPLE_RATES.includes(sampleRate)) throw new Error(`MP3 preview: ${sampleRate} Hz is not an MPEG-1 rate (32000, 44100 or 48000)`);
  const { MPEGDecoder } = await import('mpg123-decoder');
  const decoder = new MPEGDecoder({ enableGapless: false });
  await decoder.ready;
  const encoder = new Mp3Encoder(2, sampleRate, kbps);
  const trim = new DelayTrim(MP3_STREAM_DELAY, output);
  // Frames wait here until a whole encoder frame is there (the encoder buffers anyway; whole
  // frames keep its calls uniform). Int16 staging is reused: no allocation per block.
  const pendingL = new Int16Array(FRAME);
  const pendingR = new Int16Array(FRAME);
  let pending = 0;
  let closed = false;

  const decode = (bytes: Uint8Array) => {
    if (bytes.length === 0) return;
    // lamejs hands out a view of its own reused buffer, typed Int8: copy out as bytes.
    const decoded = decoder.decode(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length).slice());
    if (decoded.samplesDecoded > 0) trim.push(decoded.channelData[0], decoded.channelData[1] ?? decoded.channelData[0]);
  };

  return {
    push(left, right) {
      if (closed) return;
      let at = 0;
      while (at < left.length) {
        const n = Math.min(FRAME - pending, left.length - at);
        toInt16(left.subarray(at, at + n), pendingL.subarray(pending), n);
        toInt16(right.subarray(at, at + n), pendingR.subarray(pending), n);
        pending += n;
        at += n;
        if (pending === FRAME) {
          pending = 0;
          decode(encoder.encodeBuffer(pendingL, pendingR));
        }
      }
    },
    close() {
      if (closed) return;
      closed = true;
      decoder.free();
    },
  };
}

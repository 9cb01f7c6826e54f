/**
 * Streaming WAV encoder: turns a render block by block into WAV bytes with constant memory (one
 * reusable encode buffer) and dither state carried across blocks, so the bytes equal those of the
 * one-shot `encodeWav` whatever the block size. Pure: no `node:` imports — the Node file writer
 * (wavFileWriter.ts) and a browser Worker bounce both drive it.
 *
 * Usage: write `header()` (placeholder) first, then each `encode(...)` result, then overwrite the
 * first bytes with `header()` once all frames are in (its sizes then match the data written).
 */
import { AudioFileError } from './audioFileError';
import { createTpdfDither, DEFAULT_DITHER_SEED, type TpdfDither } from './dither';
import type { WavFormat } from './types';
import { createEncode24Wasm, type Encode24Wasm } from './wavEncodeWasm';
import {
  createClipStats,
  encodeStereoFrames,
  encodeWavHeader,
  type ClipStats,
  MAX_WAV_DATA_BYTES,
  wavBytesPerSample,
  type WavEncodeOptions,
} from './wavEncode';

/** A stateful stereo WAV encoder; see the file comment for the protocol. */
export interface WavStreamEncoder {
  /** Format being written. */
  readonly format: WavFormat;
  /** Bytes per stereo frame (4, 6 or 8). */
  readonly bytesPerFrame: number;
  /** Bytes of sample data encoded so far. */
  readonly dataBytes: number;
  /** Frames encoded so far. */
  readonly frames: number;
  /** Samples clipped so far by the integer formats, and the peak seen (linear). */
  readonly clipStats: Readonly<ClipStats>;
  /**
   * Encodes the first `frames` samples of each channel.
   * @returns a view into the encoder's reusable buffer, valid until the next call.
   * @throws AudioFileError when the data would pass the 4 GiB RIFF limit (file named `name`).
   */
  encode(left: Float32Array, right: Float32Array, frames: number): Uint8Array;
  /** The header describing the data encoded so far (44 or 58 bytes). */
  header(): Uint8Array;
}

/**
 * Creates a streaming encoder.
 * @param format sample rate (Hz), 2 channels, bits (16 | 24 | '32f').
 * @param options dither on/off and seed (16-bit only); `name` is used in limit errors.
 */
/** The WebAssembly encoder's smallest instance (4096 frames: the engine's block). */
const WASM_MIN_FRAMES = 4096;

/** to[0 … frames − 1] = from[0 … frames − 1]: one memcpy, with a view only for a partial block. */
function copyBlock(from: Float32Array, to: Float32Array, frames: number): void {
  to.set(frames === from.length ? from : from.subarray(0, frames));
}

export function createWavStreamEncoder(
  format: WavFormat,
  options: WavEncodeOptions & { name?: string } = {},
): WavStreamEncoder {
  // Validate the format once, up front (throws RangeError for a bad sample rate).
  encodeWavHeader(format, 0);
  const bytesPerFrame = format.channels * wavBytesPerSample(format.bits);
  const dither: TpdfDither | null =
    format.bits === 16 && options.dither !== false ? createTpdfDither(options.ditherSeed ?? DEFAULT_DITHER_SEED) : null;
  const name = options.name ?? 'output';
  let buffer = new Uint8Array(0);
  let wasm24: Encode24Wasm | undefined;
  let wasmRefused = false;
  const clipStats = createClipStats();
  let dataBytes = 0;

  return {
    format,
    bytesPerFrame,
    clipStats,
    get dataBytes(): number {
      return dataBytes;
    },
    get frames(): number {
      return dataBytes / bytesPerFrame;
    },
    encode(left: Float32Array, right: Float32Array, frames: number): Uint8Array {
      if (!Number.isInteger(frames) || frames < 0 || frames > left.length || frames > right.length) {
        throw new RangeError(
          `frames must be an integer in 0..${Math.min(left.length, right.length)}, got ${frames}`,
        );
      }
      const bytes = frames * bytesPerFrame;
      if (dataBytes + bytes > MAX_WAV_DATA_BYTES && format.container !== 'rf64') {
        throw new AudioFileError(
          name,
          undefined,
          `the render passes the 4 GiB size limit of a WAV file after ${dataBytes / bytesPerFrame} frames; ` +
            'render a shorter range, a lower bit depth, or --format rf64',
        );
      }
      if (format.bits === 24 && !wasmRefused) {
        // 24-bit through WebAssembly where it loads: the same bytes (wavEncodeWasm.ts).
        if (!wasm24 || wasm24.maxFrames < frames) {
          wasm24 = createEncode24Wasm(Math.max(frames, WASM_MIN_FRAMES));
          wasmRefused = wasm24 === undefined;
        }
        if (wasm24) {
          copyBlock(left, wasm24.left, frames);
          copyBlock(right, wasm24.right, frames);
          const encoded = wasm24.run(frames, clipStats);
          dataBytes += bytes;
          return encoded;
        }
      }
      if (buffer.length < bytes) {
        // Grows only when a block is larger than every block before: constant memory in a render.
        buffer = new Uint8Array(bytes);
      }
      encodeStereoFrames(left, right, frames, format.bits, dither, buffer, 0, clipStats);
      dataBytes += bytes;
      return buffer.subarray(0, bytes);
    },
    header(): Uint8Array {
      return encodeWavHeader(format, dataBytes);
    },
  };
}

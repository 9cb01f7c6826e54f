/**
 * WAV writing: the RIFF header, the sample encoder and a one-shot `encodeWav`. Pure: no `node:`
 * imports (the browser bounce runs it in a Worker). The streaming form is in wavWriter.ts, the
 * Node file writer in wavFileWriter.ts.
 *
 * Formats written (Microsoft/IBM RIFF "Multimedia Programming Interface and Data Specifications
 * 1.0"; read back by ffmpeg, sox, DAWs):
 *  - 16-bit PCM: WAVE_FORMAT_PCM, 16-byte `fmt `, TPDF dither of ±1 LSB (dither.ts) before
 *    rounding, so quantization error is signal-independent noise instead of distortion.
 *  - 24-bit PCM: WAVE_FORMAT_PCM, rounded to nearest, no dither (its error is ~−144 dBFS, below
 *    any DAC's noise floor).
 *  - 32-bit float: WAVE_FORMAT_IEEE_FLOAT, 18-byte `fmt ` (cbSize = 0) and a `fact` chunk with
 *    the frame count, which the RIFF spec requires for non-PCM formats; the layout sox writes.
 * Integer formats map [-1, 1) to [−2^(B−1), 2^(B−1) − 1] (value · 2^(B−1), the scaling ffmpeg and
 * sox use) and clip outside it; float keeps values beyond ±1. NaN or infinite input samples are
 * written as 0.
 */
import { createTpdfDither, DEFAULT_DITHER_SEED, type TpdfDither } from './dither';
import type { WavBits, WavFormat } from './types';

const WAVE_FORMAT_PCM = 0x0001;
const WAVE_FORMAT_IEEE_FLOAT = 0x0003;

/** Largest `data` chunk a RIFF file can describe with 32-bit sizes (minus the float header). */
export const MAX_WAV_DATA_BYTES = 0xffffffff - 58;

/** Options for the sample encoder. */
export interface WavEncodeOptions {
  /** Add TPDF dither when writing 16-bit (default true). Ignored for 24-bit and float. */
  dither?: boolean;
  /** Seed of the dither PRNG (default {@link DEFAULT_DITHER_SEED}); equal seeds give equal bytes. */
  ditherSeed?: number;
}

/** Bytes per stored sample for a bit depth: 2, 3 or 4. */
export function wavBytesPerSample(bits: WavBits): number {
  return bits === 16 ? 2 : bits === 24 ? 3 : 4;
}

/** Bytes of the RF64 `ds64` chunk (8-byte header + riffSize, dataSize, sampleCount, tableLength). */
const DS64_CHUNK_BYTES = 8 + 28;

/**
 * Header length in bytes: 44 for PCM, 58 for float (`fmt ` of 18 bytes + `fact`); RF64 adds the
 * 36-byte `ds64` chunk (80 and 94).
 */
export function wavHeaderBytes(bits: WavBits, container: WavFormat['container'] = 'wav'): number {
  return (bits === '32f' ? 58 : 44) + (container === 'rf64' ? DS64_CHUNK_BYTES : 0);
}

/**
 * Builds the RIFF/WAVE header for `dataBytes` bytes of interleaved samples that follow it.
 *
 * @param format sample rate (Hz, integer), channels (2), bits (16 | 24 | '32f').
 * @param dataBytes size of the `data` chunk body: frames · channels · bytes per sample.
 * @returns 44 bytes (PCM) or 58 bytes (float: `fmt ` with cbSize and a `fact` chunk).
 * @throws RangeError when the sizes do not fit a RIFF file (data over ~4 GiB) or are not whole frames.
 */
export function encodeWavHeader(format: WavFormat, dataBytes: number): Uint8Array {
  const { sampleRate, channels, bits } = format;
  if (!Number.isInteger(sampleRate) || sampleRate <= 0 || sampleRate > 0xffffffff) {
    throw new RangeError(`sample rate must be a positive integer number of hertz, got ${sampleRate}`);
  }
  const bytesPerSample = wavBytesPerSample(bits);
  const blockAlign = channels * bytesPerSample;
  if (!Number.isInteger(dataBytes) || dataBytes < 0 || dataBytes % blockAlign !== 0) {
    throw new RangeError(`data size ${dataBytes} is not a whole number of ${blockAlign}-byte frames`);
  }
  const rf64 = format.container === 'rf64';
  if (dataBytes > MAX_WAV_DATA_BYTES && !rf64) {
    throw new RangeError(`data size ${dataBytes} bytes exceeds the 4 GiB limit of a RIFF/WAVE file`);
  }
  const isFloat = bits === '32f';
  const headerBytes = wavHeaderBytes(bits, format.container);
  const header = new Uint8Array(headerBytes);
  const view = new DataView(header.buffer);
  const writeId = (offset: number, id: string): void => {
    for (let i = 0; i < 4; i++) header[offset + i] = id.charCodeAt(i);
  };
  const pad = dataBytes & 1; // RIFF chunks are padded to even length

  const frames = dataBytes / blockAlign;
  const setUint64 = (at: number, value: number): void => {
    view.setUint32(at, value % 0x100000000, true);
    view.setUint32(at + 4, Math.floor(value / 0x100000000), true);
  };
  // RF64 (EBU Tech 3306 §3): the 32-bit sizes are 0xFFFFFFFF and the real ones sit in `ds64`.
  const size32 = (value: number): number => (rf64 ? 0xffffffff : value);

  writeId(0, rf64 ? 'RF64' : 'RIFF');
  view.setUint32(4, size32(headerBytes - 8 + dataBytes + pad), true);
  writeId(8, 'WAVE');
  let fmt = 12;
  if (rf64) {
    writeId(12, 'ds64');
    view.setUint32(16, 28, true);
    setUint64(20, headerBytes - 8 + dataBytes + pad); // riffSize
    setUint64(28, dataBytes); // dataSize
    setUint64(36, frames); // sampleCount
    view.setUint32(44, 0, true); // tableLength: no other chunk needs a 64-bit size
    fmt = 12 + DS64_CHUNK_BYTES;
  }
  writeId(fmt, 'fmt ');
  view.setUint32(fmt + 4, isFloat ? 18 : 16, true);
  view.setUint16(fmt + 8, isFloat ? WAVE_FORMAT_IEEE_FLOAT : WAVE_FORMAT_PCM, true);
  view.setUint16(fmt + 10, channels, true);
  view.setUint32(fmt + 12, sampleRate, true);
  view.setUint32(fmt + 16, sampleRate * blockAlign, true); // nAvgBytesPerSec
  view.setUint16(fmt + 20, blockAlign, true);
  view.setUint16(fmt + 22, bytesPerSample * 8, true);
  let offset = fmt + 24;
  if (isFloat) {
    view.setUint16(offset, 0, true); // cbSize: no extension
    writeId(offset + 2, 'fact');
    view.setUint32(offset + 6, 4, true);
    view.setUint32(offset + 10, size32(frames), true); // dwSampleLength: frames per channel
    offset += 14;
  }
  writeId(offset, 'data');
  view.setUint32(offset + 4, size32(dataBytes), true);
  return header;
}

/** Samples an integer encode had to clip, and the largest magnitude it saw (for the clip warning). */
export interface ClipStats {
  /** Samples outside the integer range after scaling (and dither), clipped to its ends. */
  clippedSamples: number;
  /** Largest |x| seen, linear (1 = full scale); NaN ignored. */
  peak: number;
}

/** Creates zeroed {@link ClipStats}. */
export function createClipStats(): ClipStats {
  return { clippedSamples: 0, peak: 0 };
}

/** True on little-endian hosts (all current JS engines' platforms): typed arrays then write WAV order. */
const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Encodes `frames` stereo frames as interleaved little-endian words into `out` at `outOffset`.
 * Dither (16-bit only) is drawn left then right per frame, so the result does not depend on how a
 * render is split into blocks. Writes go through typed-array views (Int16Array, Float32Array) or
 * plain bytes, never a DataView call per sample (issue 9); a big-endian host or a misaligned
 * offset takes the byte-wise path, with the same bytes.
 *
 * @param dither TPDF source for 16-bit, or null for plain rounding.
 * @param stats when given, integer formats add their clipped samples and peak to it.
 * @returns bytes written: frames · 2 · bytes per sample.
 */
export function encodeStereoFrames(
  left: Float32Array,
  right: Float32Array,
  frames: number,
  bits: WavBits,
  dither: TpdfDither | null,
  out: Uint8Array,
  outOffset: number,
  stats?: ClipStats,
): number {
  const bytes = frames * 2 * wavBytesPerSample(bits);
  if (bits === 16) encode16(left, right, frames, dither, out, outOffset, stats);
  else if (bits === 24) encode24(left, right, frames, out, outOffset, stats);
  else encodeFloat(left, right, frames, out, outOffset);
  return bytes;
}

/** 16-bit: x · 2^15 plus TPDF dither, rounded to nearest, clipped to [−32768, 32767]. NaN → 0 (still dithered). */
function encode16(
  left: Float32Array,
  right: Float32Array,
  frames: number,
  dither: TpdfDither | null,
  out: Uint8Array,
  outOffset: number,
  stats: ClipStats | undefined,
): void {
  const at = out.byteOffset + outOffset;
  const aligned = LITTLE_ENDIAN_HOST && (at & 1) === 0;
  const words = aligned ? new Int16Array(out.buffer, at, frames * 2) : new Int16Array(frames * 2);
  let clipped = 0;
  let peak = stats ? stats.peak : 0;
  for (let i = 0, w = 0; i < frames; i++, w += 2) {
    const l = left[i];
    const r = right[i];
    const lx = l === l ? l : 0;
    const rx = r === r ? r : 0;
    let ql = Math.floor(lx * 32768 + (dither ? dither.next() : 0) + 0.5);
    let qr = Math.floor(rx * 32768 + (dither ? dither.next() : 0) + 0.5);
    if (ql > 32767 || ql < -32768) {
      ql = ql > 32767 ? 32767 : -32768;
      clipped++;
    }
    if (qr > 32767 || qr < -32768) {
      qr = qr > 32767 ? 32767 : -32768;
      clipped++;
    }
    words[w] = ql;
    words[w + 1] = qr;
    if (stats) {
      const al = lx < 0 ? -lx : lx;
      const ar = rx < 0 ? -rx : rx;
      if (al > peak) peak = al;
      if (ar > peak) peak = ar;
    }
  }
  if (!aligned && LITTLE_ENDIAN_HOST) {
    out.set(new Uint8Array(words.buffer, 0, frames * 4), outOffset); // odd offset: one block copy
  } else if (!aligned) {
    // Byte-wise little-endian copy on a big-endian host.
    for (let k = 0, p = outOffset; k < words.length; k++, p += 2) {
      out[p] = words[k] & 0xff;
      out[p + 1] = (words[k] >> 8) & 0xff;
    }
  }
  if (stats) {
    stats.clippedSamples += clipped;
    stats.peak = peak;
  }
}

/** 24-bit: x · 2^23 rounded to nearest, clipped to [−8388608, 8388607], three bytes little-endian. NaN → 0. */
function encode24(
  left: Float32Array,
  right: Float32Array,
  frames: number,
  out: Uint8Array,
  outOffset: number,
  stats: ClipStats | undefined,
): void {
  let clipped = 0;
  let peak = stats ? stats.peak : 0;
  let first = 0;
  const at = out.byteOffset + outOffset;
  if (LITTLE_ENDIAN_HOST && (at & 3) === 0 && frames >= 2) {
    // Two frames (four 24-bit samples) are exactly three 32-bit words: three stores instead of
    // twelve byte stores. Same bytes, same rounding and clipping as the loop below.
    const pairs = frames >> 1;
    const words = new Int32Array(out.buffer, at, pairs * 3);
    for (let k = 0, i = 0, w = 0; k < pairs; k++, i += 2, w += 3) {
      const l0 = left[i];
      const r0 = right[i];
      const l1 = left[i + 1];
      const r1 = right[i + 1];
      const a = l0 === l0 ? l0 : 0;
      const b = r0 === r0 ? r0 : 0;
      const c = l1 === l1 ? l1 : 0;
      const d = r1 === r1 ? r1 : 0;
      let qa = Math.floor(a * 8388608 + 0.5);
      let qb = Math.floor(b * 8388608 + 0.5);
      let qc = Math.floor(c * 8388608 + 0.5);
      let qd = Math.floor(d * 8388608 + 0.5);
      if (qa > 8388607 || qa < -8388608) {
        qa = qa > 8388607 ? 8388607 : -8388608;
        clipped++;
      }
      if (qb > 8388607 || qb < -8388608) {
        qb = qb > 8388607 ? 8388607 : -8388608;
        clipped++;
      }
      if (qc > 8388607 || qc < -8388608) {
        qc = qc > 8388607 ? 8388607 : -8388608;
        clipped++;
      }
      if (qd > 8388607 || qd < -8388608) {
        qd = qd > 8388607 ? 8388607 : -8388608;
        clipped++;
      }
      words[w] = (qa & 0xffffff) | (qb << 24);
      words[w + 1] = ((qb >> 8) & 0xffff) | (qc << 16);
      words[w + 2] = ((qc >> 16) & 0xff) | (qd << 8);
      if (stats) {
        const m = Math.max(a < 0 ? -a : a, b < 0 ? -b : b, c < 0 ? -c : c, d < 0 ? -d : d);
        if (m > peak) peak = m;
      }
    }
    first = pairs * 2;
  }
  for (let i = first, p = outOffset + first * 6; i < frames; i++, p += 6) {
    const l = left[i];
    const r = right[i];
    const lx = l === l ? l : 0;
    const rx = r === r ? r : 0;
    let ql = Math.floor(lx * 8388608 + 0.5);
    let qr = Math.floor(rx * 8388608 + 0.5);
    if (ql > 8388607 || ql < -8388608) {
      ql = ql > 8388607 ? 8388607 : -8388608;
      clipped++;
    }
    if (qr > 8388607 || qr < -8388608) {
      qr = qr > 8388607 ? 8388607 : -8388608;
      clipped++;
    }
    out[p] = ql & 0xff;
    out[p + 1] = (ql >> 8) & 0xff;
    out[p + 2] = (ql >> 16) & 0xff;
    out[p + 3] = qr & 0xff;
    out[p + 4] = (qr >> 8) & 0xff;
    out[p + 5] = (qr >> 16) & 0xff;
    if (stats) {
      const al = lx < 0 ? -lx : lx;
      const ar = rx < 0 ? -rx : rx;
      if (al > peak) peak = al;
      if (ar > peak) peak = ar;
    }
  }
  if (stats) {
    stats.clippedSamples += clipped;
    stats.peak = peak;
  }
}

/** Float: values as they are (beyond ±1 kept); NaN and ±Infinity written as 0. */
function encodeFloat(left: Float32Array, right: Float32Array, frames: number, out: Uint8Array, outOffset: number): void {
  const at = out.byteOffset + outOffset;
  const aligned = LITTLE_ENDIAN_HOST && (at & 3) === 0;
  const words = aligned ? new Float32Array(out.buffer, at, frames * 2) : new Float32Array(frames * 2);
  for (let i = 0, w = 0; i < frames; i++, w += 2) {
    const l = left[i];
    const r = right[i];
    // x − x is 0 exactly for finite x.
    words[w] = l - l === 0 ? l : 0;
    words[w + 1] = r - r === 0 ? r : 0;
  }
  if (!aligned && LITTLE_ENDIAN_HOST) {
    out.set(new Uint8Array(words.buffer, 0, frames * 8), outOffset); // misaligned offset: one block copy
  } else if (!aligned) {
    const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
    for (let k = 0, p = outOffset; k < words.length; k++, p += 4) view.setFloat32(p, words[k], true);
  }
}

/**
 * Encodes a whole stereo render as a WAV file in memory.
 *
 * @param left left channel, float samples (nominal range [-1, 1)).
 * @param right right channel, same length as `left`.
 * @param sampleRate Hz (integer).
 * @param bits 16 (TPDF-dithered), 24 or '32f'.
 * @param options dither on/off and seed (16-bit only).
 * @returns the complete file: header + interleaved samples.
 */
export function encodeWav(
  left: Float32Array,
  right: Float32Array,
  sampleRate: number,
  bits: WavBits,
  options: WavEncodeOptions = {},
): Uint8Array {
  if (left.length !== right.length) {
    throw new RangeError(`left and right channels differ in length (${left.length} vs ${right.length})`);
  }
  const frames = left.length;
  const dataBytes = frames * 2 * wavBytesPerSample(bits);
  const header = encodeWavHeader({ sampleRate, channels: 2, bits }, dataBytes);
  const file = new Uint8Array(header.length + dataBytes);
  file.set(header, 0);
  const dither = bits === 16 && options.dither !== false ? createTpdfDither(options.ditherSeed ?? DEFAULT_DITHER_SEED) : null;
  encodeStereoFrames(left, right, frames, bits, dither, file, header.length);
  return file;
}

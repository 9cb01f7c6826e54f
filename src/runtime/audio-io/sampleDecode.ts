/**
 * De-interleaves stored sample words into planar Float32Arrays. Shared by the WAV (little-endian)
 * and AIFF (big-endian) readers. Pure: no `node:` imports (runs in a browser Worker too).
 *
 * Float words are kept as stored, except that NaN/±Inf become 0 (counted, so the caller can
 * warn) and denormals become 0.
 *
 * Scaling convention (the same as ffmpeg and sox): a signed integer word of `B` bits maps to
 * `value / 2^(B-1)`, so full scale is [-1, 1 - 2^(1-B)]. Words are decoded at their container
 * width; a file whose valid bits are fewer than the container (20-in-24, 24-in-32) stores them
 * left-justified (Microsoft "Multiple Channel Audio Data and WAVE Files", AIFF-C §"Sound Data"),
 * so the same division is exact for it too.
 */

/** The stored word types we can decode. `u8` is offset binary (WAV 8-bit), `s8` two's complement (AIFF). */
export type SampleEncoding =
  | 'u8'
  | 's8'
  | 's16'
  | 's24'
  | 's32'
  | 'f32'
  | 'f64'
  | 'alaw'
  | 'mulaw';

/** Bytes one stored sample of the encoding occupies. */
export function bytesPerSample(encoding: SampleEncoding): number {
  switch (encoding) {
    case 'u8':
    case 's8':
    case 'alaw':
    case 'mulaw':
      return 1;
    case 's16':
      return 2;
    case 's24':
      return 3;
    case 's32':
    case 'f32':
      return 4;
    case 'f64':
      return 8;
  }
}

/** Where the interleaved frames sit and how they are laid out. */
export interface InterleavedLayout {
  /** Byte offset of the first frame inside `view`. */
  dataOffset: number;
  /** Number of whole frames to decode. */
  frames: number;
  /** Channels per frame. */
  channelCount: number;
  /** Bytes from one frame to the next (WAV `nBlockAlign`); ≥ channelCount · bytesPerSample. */
  frameStride: number;
  /** Stored word type. */
  encoding: SampleEncoding;
  /** Byte order of multi-byte words: true for WAV, false for AIFF (except AIFF-C `sowt`). */
  littleEndian: boolean;
}

/**
 * Smallest normal float32, 2^-126. Float samples below it in magnitude (denormals, and 0) are
 * stored as 0: denormals slow every later multiply and carry no audible signal (−759 dBFS).
 */
const FLOAT32_MIN_NORMAL = 2 ** -126;

/** How decoded samples are stored. */
export interface DecodeOptions {
  /**
   * Allocate the channels in `SharedArrayBuffer`s, for a caller that hands them to another thread
   * (a split render's worker reads the clips where they are: no copy, no second allocation).
   */
  sharedMemory?: boolean;
}

/** A zeroed Float32Array of `frames`, in shared memory when asked. */
function newChannel(frames: number, options: DecodeOptions): Float32Array {
  return options.sharedMemory ? new Float32Array(new SharedArrayBuffer(frames * 4)) : new Float32Array(frames);
}

/** Planar samples plus the count of non-finite float samples that were replaced by 0. */
export interface PlanarSamples {
  channels: Float32Array[];
  nonFiniteReplaced: number;
}

/** True on little-endian hosts: a Float32Array over WAV bytes then reads them as stored. */
const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * The `byteLength` bytes at `offset` of `bytes` as a host-order buffer aligned for `width`-byte
 * float words: a view when already so (little-endian WAV on a little-endian host, aligned), else
 * one copy (byte-swapped for big-endian AIFF words).
 */
function hostOrderWords(bytes: Uint8Array, offset: number, byteLength: number, width: 4 | 8, littleEndian: boolean): Uint8Array {
  if (littleEndian === LITTLE_ENDIAN_HOST && (bytes.byteOffset + offset) % width === 0) {
    return bytes.subarray(offset, offset + byteLength);
  }
  const copy = new Uint8Array(byteLength);
  copy.set(bytes.subarray(offset, offset + byteLength));
  if (littleEndian !== LITTLE_ENDIAN_HOST) {
    for (let p = 0; p + width <= byteLength; p += width) {
      for (let a = p, b = p + width - 1; a < b; a++, b--) {
        const t = copy[a];
        copy[a] = copy[b];
        copy[b] = t;
      }
    }
  }
  return copy;
}

/**
 * Decodes `layout.frames` interleaved frames into one Float32Array per channel. The caller has
 * already checked that `dataOffset + frames · frameStride ≤ view.byteLength`.
 *
 * Integer words are assembled from bytes and float words read through Float32Array/Float64Array
 * views — no DataView call per sample (issue 9); the values are those `DataView.getInt16` etc.
 * would return, so decoding is bit-identical.
 */
export function decodeInterleaved(view: DataView, layout: InterleavedLayout, options: DecodeOptions = {}): PlanarSamples {
  const { dataOffset, frames, channelCount, frameStride, encoding, littleEndian } = layout;
  const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  const width = bytesPerSample(encoding);
  const packed = decodePackedWords(bytes, layout, options);
  if (packed) return { channels: packed, nonFiniteReplaced: 0 };
  const channels: Float32Array[] = [];
  let nonFiniteReplaced = 0;
  // Float words: one host-order, aligned buffer over the data, indexed in words.
  let floats32: Float32Array | undefined;
  let floats64: Float64Array | undefined;
  if ((encoding === 'f32' || encoding === 'f64') && frames > 0) {
    const words = hostOrderWords(bytes, dataOffset, frames * frameStride, width as 4 | 8, littleEndian);
    if (encoding === 'f32') floats32 = new Float32Array(words.buffer, words.byteOffset, (frames * frameStride) >> 2);
    else floats64 = new Float64Array(words.buffer, words.byteOffset, (frames * frameStride) >> 3);
  }
  // Byte positions of a word's low, middle and high bytes, relative to its first byte.
  const lo = littleEndian ? 0 : width - 1;
  const step = littleEndian ? 1 : -1;
  for (let c = 0; c < channelCount; c++) {
    const out = newChannel(frames, options);
    let p = dataOffset + c * width;
    // One loop per encoding so the hot loop carries no per-sample switch.
    switch (encoding) {
      case 'u8':
        for (let i = 0; i < frames; i++, p += frameStride) out[i] = (bytes[p] - 128) / 128;
        break;
      case 's8':
        for (let i = 0; i < frames; i++, p += frameStride) out[i] = ((bytes[p] << 24) >> 24) / 128;
        break;
      case 's16': {
        const b0 = lo;
        const b1 = lo + step;
        for (let i = 0; i < frames; i++, p += frameStride) {
          out[i] = (((bytes[p + b0] | (bytes[p + b1] << 8)) << 16) >> 16) / 32768;
        }
        break;
      }
      case 's24': {
        const b0 = lo;
        const b1 = lo + step;
        const b2 = lo + 2 * step;
        for (let i = 0; i < frames; i++, p += frameStride) {
          // Assemble the 24-bit word in the top of an int32, then sign-extend with >> 8.
          out[i] = (((bytes[p + b0] << 8) | (bytes[p + b1] << 16) | (bytes[p + b2] << 24)) >> 8) / 8388608;
        }
        break;
      }
      case 's32': {
        const b0 = lo;
        const b1 = lo + step;
        const b2 = lo + 2 * step;
        const b3 = lo + 3 * step;
        for (let i = 0; i < frames; i++, p += frameStride) {
          out[i] = (bytes[p + b0] | (bytes[p + b1] << 8) | (bytes[p + b2] << 16) | (bytes[p + b3] << 24)) / 2147483648;
        }
        break;
      }
      case 'f32': {
        const words = floats32 as Float32Array;
        const stride = frameStride >> 2;
        for (let i = 0, w = c; i < frames; i++, w += stride) {
          const v = words[w];
          if (v - v !== 0) nonFiniteReplaced++;
          else if (v >= FLOAT32_MIN_NORMAL || v <= -FLOAT32_MIN_NORMAL) out[i] = v; // denormals stay 0
        }
        break;
      }
      case 'f64': {
        const words = floats64 as Float64Array;
        const stride = frameStride >> 3;
        for (let i = 0, w = c; i < frames; i++, w += stride) {
          // A finite double beyond ±3.4e38 becomes ±Infinity in float32: check after rounding.
          const v = Math.fround(words[w]);
          if (v - v !== 0) nonFiniteReplaced++;
          else if (v >= FLOAT32_MIN_NORMAL || v <= -FLOAT32_MIN_NORMAL) out[i] = v; // denormals stay 0
        }
        break;
      }
      case 'alaw': {
        const table = alawTable();
        for (let i = 0; i < frames; i++, p += frameStride) out[i] = table[bytes[p]];
        break;
      }
      case 'mulaw': {
        const table = mulawTable();
        for (let i = 0; i < frames; i++, p += frameStride) out[i] = table[bytes[p]];
        break;
      }
    }
    channels.push(out);
  }
  return { channels, nonFiniteReplaced };
}

/** 2⁻²³ and 2⁻¹⁵: multiplying by them is exact, the same as dividing by 2²³ and 2¹⁵. */
const S24 = 1 / 8388608;
const S16 = 1 / 32768;

/**
 * The common layouts — little-endian 16- and 24-bit mono or stereo with no padding, starting on a
 * 4-byte boundary — decoded through an Int16Array or Int32Array over the bytes, in one pass over
 * the file for both channels (the general loop walks it once per channel, byte by byte). Four
 * 24-bit samples are exactly three 32-bit words. Values are those of the general loop, bit for
 * bit (a test compares them). Undefined for any other layout.
 */
function decodePackedWords(bytes: Uint8Array, layout: InterleavedLayout, options: DecodeOptions): Float32Array[] | undefined {
  const { dataOffset, frames, channelCount, frameStride, encoding, littleEndian } = layout;
  const start = bytes.byteOffset + dataOffset;
  if (!littleEndian || !LITTLE_ENDIAN_HOST || (channelCount !== 1 && channelCount !== 2) || start % 4 !== 0) return undefined;
  if (encoding === 's16' && frameStride === 2 * channelCount) {
    const words = new Int16Array(bytes.buffer, start, frames * channelCount);
    const left = newChannel(frames, options);
    if (channelCount === 1) {
      for (let i = 0; i < frames; i++) left[i] = words[i] * S16;
      return [left];
    }
    const right = newChannel(frames, options);
    for (let i = 0, w = 0; i < frames; i++, w += 2) {
      left[i] = words[w] * S16;
      right[i] = words[w + 1] * S16;
    }
    return [left, right];
  }
  if (encoding !== 's24' || frameStride !== 3 * channelCount) return undefined;
  const samples = frames * channelCount;
  const groups = samples >> 2; // whole groups of four samples (three words)
  const words = new Int32Array(bytes.buffer, start, groups * 3);
  const out = [newChannel(frames, options)];
  if (channelCount === 2) out.push(newChannel(frames, options));
  // Sample k of the interleaved stream lives in channel k % channelCount, frame ⌊k / channelCount⌋.
  const put = (k: number, value: number) => {
    out[k % channelCount][(k / channelCount) | 0] = value;
  };
  if (channelCount === 2) {
    const [left, right] = out;
    for (let g = 0, w = 0, f = 0; g < groups; g++, w += 3, f += 2) {
      const w0 = words[w];
      const w1 = words[w + 1];
      const w2 = words[w + 2];
      left[f] = ((w0 << 8) >> 8) * S24;
      right[f] = (((w1 << 16) | ((w0 >>> 24) << 8)) >> 8) * S24;
      left[f + 1] = (((w2 << 24) | ((w1 >>> 16) << 8)) >> 8) * S24;
      right[f + 1] = (w2 >> 8) * S24;
    }
  } else {
    const mono = out[0];
    for (let g = 0, w = 0, f = 0; g < groups; g++, w += 3, f += 4) {
      const w0 = words[w];
      const w1 = words[w + 1];
      const w2 = words[w + 2];
      mono[f] = ((w0 << 8) >> 8) * S24;
      mono[f + 1] = (((w1 << 16) | ((w0 >>> 24) << 8)) >> 8) * S24;
      mono[f + 2] = (((w2 << 24) | ((w1 >>> 16) << 8)) >> 8) * S24;
      mono[f + 3] = (w2 >> 8) * S24;
    }
  }
  // The last one to three samples, byte by byte.
  for (let k = groups * 4, p = dataOffset + k * 3; k < samples; k++, p += 3) {
    put(k, (((bytes[p] << 8) | (bytes[p + 1] << 16) | (bytes[p + 2] << 24)) >> 8) * S24);
  }
  return out;
}

let alaw: Float32Array | undefined;
let mulaw: Float32Array | undefined;

/**
 * ITU-T G.711 A-law expansion to 16-bit linear, scaled by 1/32768. Per G.711 Table 1a/2a: the
 * even bits are inverted on the line (XOR 0x55); bit 7 set = positive; 3-bit segment `e` and 4-bit
 * mantissa `m` give |x| = 16m + 8 for e = 0, else (16m + 264) · 2^(e-1) (16-bit scale, max 32256).
 */
function alawTable(): Float32Array {
  if (alaw) return alaw;
  alaw = new Float32Array(256);
  for (let code = 0; code < 256; code++) {
    const x = code ^ 0x55;
    const e = (x >> 4) & 7;
    const m = x & 15;
    const magnitude = e === 0 ? 16 * m + 8 : (16 * m + 264) << (e - 1);
    alaw[code] = ((x & 0x80) !== 0 ? magnitude : -magnitude) / 32768;
  }
  return alaw;
}

/**
 * ITU-T G.711 µ-law expansion to 16-bit linear, scaled by 1/32768. Per G.711 Table 2b: the code
 * is sent inverted; bit 7 set (after inversion) = negative; |x| = ((8m + 132) · 2^e) − 132
 * (max 32124).
 */
function mulawTable(): Float32Array {
  if (mulaw) return mulaw;
  mulaw = new Float32Array(256);
  for (let code = 0; code < 256; code++) {
    const x = ~code & 0xff;
    const e = (x >> 4) & 7;
    const m = x & 15;
    const magnitude = ((8 * m + 132) << e) - 132;
    mulaw[code] = ((x & 0x80) !== 0 ? -magnitude : magnitude) / 32768;
  }
  return mulaw;
}

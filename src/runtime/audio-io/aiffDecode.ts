/**
 * AIFF and AIFF-C reader: big-endian integer PCM (8–32 bit), plus the AIFF-C encodings `NONE`,
 * `twos`, `sowt` (little-endian PCM), `in24`/`in32`, `fl32`/`fl64` (IEEE float) and
 * `alaw`/`ulaw` (G.711). Pure: no `node:` imports.
 *
 * Sources: Apple "Audio Interchange File Format: AIFF" 1.3 (1989) — FORM container, `COMM` and
 * `SSND` chunks, 80-bit extended sample rate, left-justified sample points — and Apple "AIFF-C"
 * draft (1991) for the compression type field. Chunks may appear in any order, so the whole file
 * is walked before decoding. An `SSND` chunk that runs past the end of the file, or holds fewer
 * frames than `COMM` announces, is decoded as far as it goes, with a warning (same rule as WAV).
 */
import { AudioFileError } from './audioFileError';
import { describeFourCC, readFourCC } from './fourcc';
import { bytesPerSample, decodeInterleaved, type DecodeOptions, type SampleEncoding } from './sampleDecode';
import { checkFileSampleRate } from './sampleRateRange';
import type { DecodedAudio, SourceFormat } from './types';

interface CommonChunk {
  offset: number;
  channelCount: number;
  frames: number;
  bits: number;
  sampleRate: number;
  encoding: SampleEncoding;
  littleEndian: boolean;
}

interface SoundChunk {
  offset: number;
  dataStart: number;
  dataEnd: number;
  truncatedBy: number;
}

/**
 * Decodes an AIFF or AIFF-C file into planar float samples.
 *
 * @param bytes the whole file.
 * @param name file name used in error messages.
 * @throws AudioFileError for anything that is not a decodable AIFF file.
 */
export function decodeAiff(bytes: Uint8Array, name = 'input', options: DecodeOptions = {}): DecodedAudio {
  const length = bytes.length;
  if (length < 12) {
    throw new AudioFileError(name, 0, `file is ${length} bytes long; an AIFF file starts with a 12-byte FORM header`);
  }
  if (readFourCC(bytes, 0) !== 'FORM') {
    throw new AudioFileError(name, 0, `not an AIFF file: expected "FORM", found ${describeFourCC(bytes, 0)}`);
  }
  const formType = readFourCC(bytes, 8);
  if (formType !== 'AIFF' && formType !== 'AIFC') {
    throw new AudioFileError(name, 8, `not an AIFF file: expected form type "AIFF" or "AIFC", found ${describeFourCC(bytes, 8)}`);
  }
  const compressed = formType === 'AIFC';
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const warnings: string[] = [];

  let common: CommonChunk | undefined;
  let sound: SoundChunk | undefined;
  let pos = 12;
  while (pos + 8 <= length) {
    const id = readFourCC(bytes, pos);
    const size = view.getUint32(pos + 4, false);
    const body = pos + 8;
    if (id === 'SSND') {
      if (size < 8 || body + 8 > length) {
        throw new AudioFileError(name, pos, `"SSND" chunk is too short (${size} bytes) to hold its 8-byte header`);
      }
      const dataOffset = view.getUint32(body, false);
      const dataStart = body + 8 + dataOffset;
      const declaredEnd = body + size;
      const dataEnd = Math.min(declaredEnd, length);
      if (dataStart > dataEnd) {
        throw new AudioFileError(name, body, `"SSND" data offset ${dataOffset} points past the end of the chunk`);
      }
      if (!sound) sound = { offset: pos, dataStart, dataEnd, truncatedBy: declaredEnd - dataEnd };
      if (declaredEnd > length) break; // the sound data runs to the end: nothing can follow it
    } else if (body + size > length) {
      throw new AudioFileError(
        name,
        pos,
        `chunk ${describeFourCC(bytes, pos)} declares ${size} bytes but only ${length - body} remain: the file is truncated or damaged`,
      );
    } else if (id === 'COMM' && !common) {
      common = parseCommonChunk(view, bytes, name, body, size, compressed, warnings);
    }
    pos = body + size + (size & 1);
  }
  // The walk stops at the end of the file, or just past it after a final pad byte.
  const end = Math.min(pos, length);
  if (!common) throw new AudioFileError(name, end, 'no "COMM" chunk found: the file is not a complete AIFF file');
  if (!sound) {
    if (common.frames === 0) return finish(common, [], compressed, warnings, 0);
    throw new AudioFileError(name, end, 'no "SSND" chunk found: the file holds no audio');
  }

  const frameBytes = common.channelCount * bytesPerSample(common.encoding);
  const present = Math.floor((sound.dataEnd - sound.dataStart) / frameBytes);
  const frames = Math.min(common.frames, present);
  if (frames < common.frames) {
    warnings.push(
      `"COMM" announces ${common.frames} frames but the sound data at byte ${sound.offset} holds ${present}` +
        `${sound.truncatedBy > 0 ? ' (the file looks truncated)' : ''}; decoded the frames present`,
    );
  }
  const { channels, nonFiniteReplaced } = decodeInterleaved(view, {
    dataOffset: sound.dataStart,
    frames,
    channelCount: common.channelCount,
    frameStride: frameBytes,
    encoding: common.encoding,
    littleEndian: common.littleEndian,
  }, options);
  return finish(common, channels, compressed, warnings, nonFiniteReplaced);
}

function finish(
  common: CommonChunk,
  decodedChannels: Float32Array[],
  compressed: boolean,
  warnings: string[],
  nonFiniteReplaced: number,
): DecodedAudio {
  let channels = decodedChannels;
  if (channels.length === 0) {
    channels = [];
    for (let c = 0; c < common.channelCount; c++) channels.push(new Float32Array(0));
  }
  if (nonFiniteReplaced > 0) {
    warnings.push(`${nonFiniteReplaced} non-finite float samples (NaN or infinity) were replaced by 0`);
  }
  const encoding = common.encoding;
  const sourceFormat: SourceFormat = {
    container: compressed ? 'AIFF-C' : 'AIFF',
    encoding:
      encoding === 'f32' || encoding === 'f64'
        ? 'float'
        : encoding === 'alaw'
          ? 'a-law'
          : encoding === 'mulaw'
            ? 'mu-law'
            : 'pcm',
    bits: common.bits,
  };
  const decoded: DecodedAudio = { sampleRate: common.sampleRate, channels, sourceFormat, finite: true };
  if (warnings.length > 0) decoded.warnings = warnings;
  return decoded;
}

/**
 * Parses `COMM`: numChannels (i16), numSampleFrames (u32), sampleSize (i16), sampleRate (80-bit
 * IEEE 754 extended), and for AIFF-C compressionType (fourcc) + compressionName (pstring).
 */
function parseCommonChunk(
  view: DataView,
  bytes: Uint8Array,
  name: string,
  body: number,
  size: number,
  compressed: boolean,
  warnings: string[],
): CommonChunk {
  const needed = compressed ? 22 : 18;
  if (size < needed) {
    throw new AudioFileError(name, body - 8, `"COMM" chunk is ${size} bytes; it needs at least ${needed}`);
  }
  const channelCount = view.getInt16(body, false);
  const frames = view.getUint32(body + 2, false);
  const bits = view.getInt16(body + 6, false);
  const exactRate = readExtended(view, body + 8);
  if (channelCount <= 0) throw new AudioFileError(name, body, `channel count is ${channelCount}`);
  if (!Number.isFinite(exactRate)) {
    throw new AudioFileError(name, body + 8, 'sample rate field is infinity or NaN');
  }
  // Old Macintosh rates such as 22254.5454… Hz are not integers; the resampler works on integer
  // rates, and rounding changes pitch by under 0.003 %.
  const sampleRate = Math.round(exactRate);
  if (sampleRate !== exactRate) warnings.push(`sample rate ${exactRate} Hz rounded to ${sampleRate} Hz`);
  checkFileSampleRate(sampleRate, name, body + 8);

  const type = compressed ? readFourCC(bytes, body + 18) : 'NONE';
  let encoding: SampleEncoding;
  let littleEndian = false;
  const pcmWidthError = (): AudioFileError =>
    new AudioFileError(name, body + 6, `sample size ${bits} bits is not supported (1–32 bits)`);
  switch (type) {
    case 'NONE':
    case 'twos':
    case 'sowt':
      if (bits < 1 || bits > 32) throw pcmWidthError();
      encoding = (['s8', 's16', 's24', 's32'] as const)[Math.ceil(bits / 8) - 1];
      littleEndian = type === 'sowt';
      break;
    case 'raw ':
      if (bits < 1 || bits > 8) throw pcmWidthError();
      encoding = 'u8';
      break;
    case 'in24':
    case '42ni':
      encoding = 's24';
      littleEndian = type === '42ni';
      break;
    case 'in32':
    case '23ni':
      encoding = 's32';
      littleEndian = type === '23ni';
      break;
    case 'fl32':
    case 'FL32':
      encoding = 'f32';
      break;
    case 'fl64':
    case 'FL64':
      encoding = 'f64';
      break;
    case 'alaw':
    case 'ALAW':
      encoding = 'alaw';
      break;
    case 'ulaw':
    case 'ULAW':
      encoding = 'mulaw';
      break;
    default:
      throw new AudioFileError(
        name,
        body + 18,
        `unsupported AIFF-C compression type ${describeFourCC(bytes, body + 18)}; ` +
          'convert with: ffmpeg -i in.aiff -c:a pcm_s24le out.wav',
      );
  }
  const storedBits = encoding === 'f32' || encoding === 'f64' ? bytesPerSample(encoding) * 8 : bits;
  return { offset: body - 8, channelCount, frames, bits: storedBits, sampleRate, encoding, littleEndian };
}

/**
 * Reads an 80-bit IEEE 754 extended-precision number (big-endian): sign bit, 15-bit exponent
 * (bias 16383), 64-bit mantissa with an explicit integer bit. value = mantissa · 2^(e − 16383 − 63).
 * Returns NaN for infinities/NaNs (exponent 0x7FFF).
 */
function readExtended(view: DataView, offset: number): number {
  const signExponent = view.getUint16(offset, false);
  const high = view.getUint32(offset + 2, false);
  const low = view.getUint32(offset + 6, false);
  const exponent = signExponent & 0x7fff;
  if (exponent === 0x7fff) return Number.NaN;
  const mantissa = high * 0x100000000 + low;
  const magnitude = mantissa * Math.pow(2, exponent - 16383 - 63);
  return (signExponent & 0x8000) !== 0 ? -magnitude : magnitude;
}

/**
 * WAV reader: RIFF/WAVE, RF64 and BW64 files holding linear PCM (8-bit unsigned, 16/24/32-bit
 * signed), IEEE float (32/64-bit) or G.711 A-law/µ-law, plain or WAVE_FORMAT_EXTENSIBLE, any
 * channel count. Pure: no `node:` imports, so it also runs in a browser Worker.
 *
 * Sources: Microsoft/IBM "Multimedia Programming Interface and Data Specifications 1.0" (RIFF,
 * chunk padding, `fmt `/`data`/`fact`), Microsoft "Multiple Channel Audio Data and WAVE Files"
 * (WAVE_FORMAT_EXTENSIBLE, sub-format GUIDs, channel mask), EBU Tech 3306 (RF64 and its `ds64`
 * chunk), ITU-R BS.2088 (BW64, same layout as RF64).
 *
 * Decisions (see docs/audio-io.md):
 *  - The RIFF size field is not trusted (many writers get it wrong): chunks are walked to the end
 *    of the bytes. Decoding stops at the first `data` chunk; `fmt ` must come before it.
 *  - A `data` size of 0xFFFFFFFF in a plain RIFF file is the streaming writers' "length unknown"
 *    (ffmpeg writing to a pipe): the data runs to the end of the file, no warning.
 *  - A `data` chunk that declares more bytes than the file holds (a truncated file, e.g. a
 *    recorder that crashed) is decoded as far as whole frames go, with a warning in
 *    `DecodedAudio.warnings`. Losing the tail of a take is better than refusing the whole take.
 *  - Odd-sized chunks are followed by a pad byte; a writer that forgot the pad is tolerated when
 *    the next chunk id is found without it.
 *  - Non-finite float samples become 0 (with a warning): NaN must never enter the engine.
 *
 * Every failure is an {@link AudioFileError} naming the file and the byte offset; any input
 * bytes either decode or raise that error, in time linear in the input size.
 */
import { AudioFileError } from './audioFileError';
import { describeFourCC, looksLikeFourCC, readFourCC } from './fourcc';
import { decodeInterleaved, type DecodeOptions, type SampleEncoding } from './sampleDecode';
import { checkFileSampleRate } from './sampleRateRange';
import type { DecodedAudio, SourceFormat } from './types';

/** WAVE format tags (`wFormatTag`, mmreg.h) we decode. */
const WAVE_FORMAT_PCM = 0x0001;
const WAVE_FORMAT_IEEE_FLOAT = 0x0003;
const WAVE_FORMAT_ALAW = 0x0006;
const WAVE_FORMAT_MULAW = 0x0007;
const WAVE_FORMAT_EXTENSIBLE = 0xfffe;

/** Names of common tags we do not decode, so the error says what the file is. */
const UNSUPPORTED_TAG_NAMES: Readonly<Record<number, string>> = {
  0x0002: 'Microsoft ADPCM',
  0x0011: 'IMA ADPCM',
  0x0031: 'GSM 6.10',
  0x0050: 'MPEG audio',
  0x0055: 'MPEG Layer 3 (MP3)',
  0x0092: 'Dolby AC-3 over S/PDIF',
  0x0161: 'Windows Media Audio',
  0x2000: 'Dolby AC-3',
  0xf1ac: 'FLAC',
};

/**
 * Bytes 2..15 of every KSDATAFORMAT_SUBTYPE GUID built from a format tag
 * (`{tag-0000-0010-8000-00AA00389B71}`, stored little-endian in its first three fields).
 */
const SUBTYPE_GUID_TAIL = [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71];

/** The parsed `fmt ` chunk. */
interface WaveFormat {
  tag: number;
  channelCount: number;
  sampleRate: number;
  blockAlign: number;
  encoding: SampleEncoding;
  validBits: number;
  channelMask: number;
}

/**
 * Decodes a WAV file (RIFF/WAVE, RF64, BW64) into planar float samples.
 *
 * @param bytes the whole file.
 * @param name file name used in error messages (e.g. `mix.wav`).
 * @param options where the samples are stored (shared memory for a split render).
 * @returns sample rate (Hz), one Float32Array per channel (integer PCM scaled by 1/2^(bits-1)),
 *   the channel mask when the file states one, the source format and any warnings.
 * @throws AudioFileError for anything that is not a decodable WAV file.
 */
export function decodeWav(bytes: Uint8Array, name = 'input', options: DecodeOptions = {}): DecodedAudio {
  const length = bytes.length;
  if (length < 12) {
    throw new AudioFileError(name, 0, `file is ${length} bytes long; a WAV file starts with a 12-byte RIFF header`);
  }
  const riffId = readFourCC(bytes, 0);
  if (riffId === 'RIFX') {
    throw new AudioFileError(name, 0, 'big-endian WAV ("RIFX") is not supported; convert with: ffmpeg -i in.wav out.wav');
  }
  if (riffId !== 'RIFF' && riffId !== 'RF64' && riffId !== 'BW64') {
    throw new AudioFileError(name, 0, `not a WAV file: expected "RIFF", "RF64" or "BW64", found ${describeFourCC(bytes, 0)}`);
  }
  if (readFourCC(bytes, 8) !== 'WAVE') {
    throw new AudioFileError(name, 8, `not a WAV file: expected form type "WAVE", found ${describeFourCC(bytes, 8)}`);
  }
  const sixtyFourBit = riffId !== 'RIFF';
  const container: SourceFormat['container'] = riffId === 'RIFF' ? 'WAV' : riffId === 'RF64' ? 'RF64' : 'BW64';
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const warnings: string[] = [];

  let format: WaveFormat | undefined;
  let ds64DataSize: number | undefined;
  let pos = 12;
  while (pos + 8 <= length) {
    const id = readFourCC(bytes, pos);
    const size = view.getUint32(pos + 4, true);
    const body = pos + 8;

    if (id === 'data') {
      if (!format) throw new AudioFileError(name, pos, 'expected "fmt " chunk before "data"');
      let declared = size;
      let lengthUnknown = false;
      if (size === 0xffffffff) {
        if (sixtyFourBit && ds64DataSize !== undefined) declared = ds64DataSize;
        else lengthUnknown = true;
      }
      return decodeDataChunk(view, name, format, container, pos, declared, lengthUnknown, warnings, options);
    }

    // Every other chunk we read must lie wholly inside the file.
    if (body + size > length) {
      throw new AudioFileError(
        name,
        pos,
        `chunk ${describeFourCC(bytes, pos)} declares ${size} bytes but only ${length - body} remain, ` +
          'and no "data" chunk came before it: the file is truncated or damaged',
      );
    }
    if (id === 'fmt ') {
      // The first `fmt ` wins; a second one (seen in some broken editors) is ignored.
      if (!format) format = parseFormatChunk(view, name, body, size);
    } else if (id === 'ds64') {
      if (size < 24) {
        throw new AudioFileError(name, pos, `"ds64" chunk is ${size} bytes; EBU Tech 3306 needs at least 24`);
      }
      // ds64: riffSize (u64), dataSize (u64), sampleCount (u64), table… (EBU Tech 3306 §3).
      ds64DataSize = readUint64(view, body + 8);
    }
    pos = nextChunk(bytes, body, size);
  }
  // The walk stops at the end of the file, or just past it after a final pad byte.
  const end = Math.min(pos, length);
  if (!format) throw new AudioFileError(name, end, 'no "fmt " chunk found: the file is not a complete WAV file');
  throw new AudioFileError(name, end, 'no "data" chunk found: the file holds no audio');
}

/**
 * Offset of the chunk after one whose body starts at `body` with `size` bytes: RIFF pads odd
 * sizes to even. When the padded position holds no plausible chunk id but the unpadded one does,
 * the writer forgot the pad byte; follow the unpadded one.
 */
function nextChunk(bytes: Uint8Array, body: number, size: number): number {
  const unpadded = body + size;
  if ((size & 1) === 0) return unpadded;
  if (!looksLikeFourCC(bytes, unpadded + 1) && looksLikeFourCC(bytes, unpadded)) return unpadded;
  return unpadded + 1;
}

/** Reads a little-endian unsigned 64-bit integer as a number (exact below 2^53). */
function readUint64(view: DataView, offset: number): number {
  return view.getUint32(offset, true) + view.getUint32(offset + 4, true) * 0x100000000;
}

/** Parses and validates a `fmt ` chunk body (WAVEFORMATEX / WAVEFORMATEXTENSIBLE). */
function parseFormatChunk(view: DataView, name: string, body: number, size: number): WaveFormat {
  if (size < 16) {
    throw new AudioFileError(name, body - 8, `"fmt " chunk is ${size} bytes; it needs at least 16`);
  }
  let tag = view.getUint16(body, true);
  const channelCount = view.getUint16(body + 2, true);
  const sampleRate = view.getUint32(body + 4, true);
  const blockAlign = view.getUint16(body + 12, true);
  const containerBits = view.getUint16(body + 14, true);
  let validBits = containerBits;
  let channelMask = 0;

  if (tag === WAVE_FORMAT_EXTENSIBLE) {
    // WAVEFORMATEXTENSIBLE: cbSize (u16) = 22, wValidBitsPerSample (u16), dwChannelMask (u32),
    // SubFormat GUID (16 bytes): 40 bytes of chunk in all.
    if (size < 40) {
      throw new AudioFileError(name, body, `WAVE_FORMAT_EXTENSIBLE "fmt " chunk is ${size} bytes; it needs 40`);
    }
    const stated = view.getUint16(body + 18, true);
    if (stated !== 0) validBits = stated; // 0 is written by some tools for "same as container"
    channelMask = view.getUint32(body + 20, true);
    const guid = body + 24;
    for (let i = 0; i < SUBTYPE_GUID_TAIL.length; i++) {
      if (view.getUint8(guid + 2 + i) !== SUBTYPE_GUID_TAIL[i]) {
        throw new AudioFileError(name, guid, `unsupported WAVE_FORMAT_EXTENSIBLE sub-format GUID ${formatGuid(view, guid)}`);
      }
    }
    tag = view.getUint16(guid, true);
  }

  if (channelCount === 0) throw new AudioFileError(name, body + 2, 'channel count is 0');
  checkFileSampleRate(sampleRate, name, body + 4);
  if (blockAlign === 0 || blockAlign % channelCount !== 0) {
    throw new AudioFileError(
      name,
      body + 12,
      `block align ${blockAlign} is not a positive multiple of the channel count ${channelCount}`,
    );
  }
  const containerBytes = blockAlign / channelCount;
  if (containerBits === 0 || containerBits > containerBytes * 8 || validBits > containerBits) {
    throw new AudioFileError(
      name,
      body + 14,
      `bits per sample ${validBits === containerBits ? containerBits : `${validBits} in ${containerBits}`} ` +
        `do not fit the ${containerBytes}-byte sample words given by block align ${blockAlign}`,
    );
  }

  const encoding = sampleEncodingFor(name, body, tag, containerBytes);
  return { tag, channelCount, sampleRate, blockAlign, encoding, validBits, channelMask };
}

/** Maps a format tag and sample-word width to the word type to decode. */
function sampleEncodingFor(name: string, body: number, tag: number, containerBytes: number): SampleEncoding {
  const widthError = (what: string): AudioFileError =>
    new AudioFileError(name, body + 12, `${what} with ${containerBytes}-byte sample words is not supported`);
  switch (tag) {
    case WAVE_FORMAT_PCM:
      if (containerBytes === 1) return 'u8';
      if (containerBytes === 2) return 's16';
      if (containerBytes === 3) return 's24';
      if (containerBytes === 4) return 's32';
      throw widthError('integer PCM');
    case WAVE_FORMAT_IEEE_FLOAT:
      if (containerBytes === 4) return 'f32';
      if (containerBytes === 8) return 'f64';
      throw widthError('IEEE float');
    case WAVE_FORMAT_ALAW:
      if (containerBytes === 1) return 'alaw';
      throw widthError('A-law');
    case WAVE_FORMAT_MULAW:
      if (containerBytes === 1) return 'mulaw';
      throw widthError('µ-law');
    default: {
      const hex = `0x${tag.toString(16).padStart(4, '0')}`;
      const known = UNSUPPORTED_TAG_NAMES[tag];
      throw new AudioFileError(
        name,
        body,
        `unsupported WAV encoding: format tag ${hex}${known ? ` (${known})` : ''}; only PCM, IEEE float, ` +
          'A-law and µ-law are read; convert with: ffmpeg -i in.wav -c:a pcm_s24le out.wav',
      );
    }
  }
}

/** Formats the 16 GUID bytes at `offset` as `{xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}`. */
function formatGuid(view: DataView, offset: number): string {
  const hex = (value: number, digits: number): string => value.toString(16).padStart(digits, '0');
  const tail: string[] = [];
  for (let i = 8; i < 16; i++) tail.push(hex(view.getUint8(offset + i), 2));
  return (
    `{${hex(view.getUint32(offset, true), 8)}-${hex(view.getUint16(offset + 4, true), 4)}-` +
    `${hex(view.getUint16(offset + 6, true), 4)}-${tail.slice(0, 2).join('')}-${tail.slice(2).join('')}}`
  );
}

/** Decodes the `data` chunk at `pos` once the format is known. */
function decodeDataChunk(
  view: DataView,
  name: string,
  format: WaveFormat,
  container: SourceFormat['container'],
  pos: number,
  declared: number,
  lengthUnknown: boolean,
  warnings: string[],
  options: DecodeOptions,
): DecodedAudio {
  const body = pos + 8;
  const available = view.byteLength - body;
  let usable = declared;
  if (lengthUnknown) {
    usable = available;
  } else if (declared > available) {
    usable = available;
    warnings.push(
      `data chunk at byte ${pos} declares ${declared} bytes but the file ends after ${available}: ` +
        'the file looks truncated; decoded the complete frames present',
    );
  }
  const frames = Math.floor(usable / format.blockAlign);
  const leftover = usable - frames * format.blockAlign;
  if (leftover > 0 && usable === declared) {
    warnings.push(
      `data chunk size ${declared} is not a multiple of the ${format.blockAlign}-byte frame; ignored the last ${leftover} bytes`,
    );
  }
  const { channels, nonFiniteReplaced } = decodeInterleaved(view, {
    dataOffset: body,
    frames,
    channelCount: format.channelCount,
    frameStride: format.blockAlign,
    encoding: format.encoding,
    littleEndian: true,
  }, options);
  if (nonFiniteReplaced > 0) {
    warnings.push(`${nonFiniteReplaced} non-finite float samples (NaN or infinity) were replaced by 0`);
  }
  const sourceFormat: SourceFormat = {
    container,
    encoding:
      format.encoding === 'f32' || format.encoding === 'f64'
        ? 'float'
        : format.encoding === 'alaw'
          ? 'a-law'
          : format.encoding === 'mulaw'
            ? 'mu-law'
            : 'pcm',
    bits: format.validBits,
  };
  const decoded: DecodedAudio = { sampleRate: format.sampleRate, channels, sourceFormat, finite: true };
  if (format.channelMask !== 0) decoded.channelMask = format.channelMask;
  if (warnings.length > 0) decoded.warnings = warnings;
  return decoded;
}

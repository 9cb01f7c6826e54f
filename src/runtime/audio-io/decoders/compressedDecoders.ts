/**
 * Compressed audio — FLAC, MP3, Ogg Opus and Ogg Vorbis — decoded with the maintained WebAssembly
 * decoders of the `wasm-audio-decoders` family (@wasm-audio-decoders/flac, mpg123-decoder,
 * ogg-opus-decoder, @wasm-audio-decoders/ogg-vorbis; MIT). They run in Node, browsers and Web
 * Workers alike, so the CLI and the editor decode the same way. Pure: no `node:` imports. Each
 * decoder is imported on first use, so commands that never see a compressed file never load it.
 */
import { AudioFileError } from '../audioFileError';
import { readFourCC } from '../fourcc';
import type { DecodedAudio } from '../types';

/** What a decoder gives back (the family's common shape). */
export interface WasmDecoded {
  channelData: Float32Array[];
  samplesDecoded: number;
  sampleRate: number;
  /** FLAC only: bits per sample of the stream. */
  bitDepth?: number;
  errors: { message: string; frameNumber: number; inputBytes: number }[];
}

/** Which codec an Ogg stream carries: the first packet starts at byte 28 of the first page. */
export function oggCodec(bytes: Uint8Array): 'opus' | 'vorbis' | 'unknown' {
  if (bytes.length < 36) return 'unknown';
  if (readFourCC(bytes, 28) === 'Opus' && readFourCC(bytes, 32) === 'Head') return 'opus';
  if (bytes[28] === 1 && readFourCC(bytes, 29) === 'vorb') return 'vorbis';
  return 'unknown';
}

async function run(kind: 'flac' | 'mp3' | 'opus' | 'vorbis', bytes: Uint8Array): Promise<WasmDecoded> {
  switch (kind) {
    case 'flac': {
      const { FLACDecoder } = await import('@wasm-audio-decoders/flac');
      const decoder = new FLACDecoder();
      await decoder.ready;
      try {
        return await decoder.decodeFile(bytes);
      } finally {
        decoder.free();
      }
    }
    case 'mp3': {
      const { MPEGDecoder } = await import('mpg123-decoder');
      const decoder = new MPEGDecoder();
      await decoder.ready;
      try {
        return decoder.decode(bytes);
      } finally {
        decoder.free();
      }
    }
    case 'opus': {
      const { OggOpusDecoder } = await import('ogg-opus-decoder');
      const decoder = new OggOpusDecoder();
      await decoder.ready;
      try {
        return await decoder.decodeFile(bytes);
      } finally {
        decoder.free();
      }
    }
    case 'vorbis': {
      const { OggVorbisDecoder } = await import('@wasm-audio-decoders/ogg-vorbis');
      const decoder = new OggVorbisDecoder();
      await decoder.ready;
      try {
        return await decoder.decodeFile(bytes);
      } finally {
        decoder.free();
      }
    }
  }
}

/** The codecs the WebAssembly decoders handle. */
export type CompressedCodec = 'flac' | 'mp3' | 'opus' | 'vorbis';

/** Names for messages. */
export const CODEC_NAMES = { flac: 'FLAC', mp3: 'MP3', opus: 'Ogg Opus', vorbis: 'Ogg Vorbis' } as const satisfies Record<CompressedCodec, string>;
const NAMES = CODEC_NAMES;

/**
 * The codec of a compressed file from its leading bytes (`detectAudioFileKind` said flac, mp3 or ogg).
 * @throws AudioFileError for an Ogg stream that is neither Opus nor Vorbis.
 */
export function codecOf(head: Uint8Array, kind: 'flac' | 'mp3' | 'ogg', name: string): CompressedCodec {
  if (kind !== 'ogg') return kind;
  const c = oggCodec(head);
  if (c === 'unknown') throw new AudioFileError(name, 28, 'an Ogg file, but neither Opus nor Vorbis; convert it to WAV or FLAC first');
  return c;
}

/** The warning for damaged frames the decoder skipped (undefined when none). */
export function damagedFramesWarning(name: string, codec: CompressedCodec, count: number, first: WasmDecoded['errors'][number] | undefined): string | undefined {
  if (count === 0 || !first) return undefined;
  return `${name}: ${count} damaged ${NAMES[codec]} frame(s) skipped (first near byte ${first.inputBytes}: ${first.message})`;
}

/**
 * Brings decoded samples to our convention, in place, over `frames` samples: non-finite samples
 * become 0, and FLAC samples (the decoder scales by 1/(2^(b−1) − 1)) are turned back into their
 * integers and rescaled by 1/2^(b−1), as the WAV and AIFF readers do (types.ts), so a FLAC and a
 * WAV of the same PCM decode to the same floats. Per sample, so chunked and whole decodes agree.
 * @param bits the FLAC stream's bits per sample; 0 for the lossy codecs.
 */
export function toOurScale(channel: Float32Array, frames: number, bits: number): void {
  const toInteger = bits > 0 ? Math.pow(2, bits - 1) - 1 : 0;
  const fullScale = bits > 0 ? Math.pow(2, bits - 1) : 0;
  for (let i = 0; i < frames; i++) {
    const x = channel[i];
    if (!Number.isFinite(x)) channel[i] = 0;
    else if (bits > 0) channel[i] = Math.round(x * toInteger) / fullScale;
  }
}

/**
 * Decodes a FLAC, MP3 or Ogg (Opus/Vorbis) file.
 * @param kind what the leading bytes said (`detectAudioFileKind`).
 * @param name file name for messages.
 * @throws AudioFileError naming the file (and the byte offset of the first bad frame).
 */
export async function decodeCompressed(bytes: Uint8Array, kind: 'flac' | 'mp3' | 'ogg', name: string): Promise<DecodedAudio> {
  const codec = codecOf(bytes, kind, name);
  let decoded: WasmDecoded;
  try {
    decoded = await run(codec, bytes);
  } catch (error) {
    throw new AudioFileError(name, undefined, `cannot decode this ${NAMES[codec]} file (${error instanceof Error ? error.message : String(error)})`);
  }
  const frames = decoded.samplesDecoded;
  if (frames === 0 || decoded.channelData.length === 0) {
    const first = decoded.errors[0];
    throw new AudioFileError(name, first?.inputBytes, `no audio could be decoded from this ${NAMES[codec]} file${first ? ` (${first.message})` : ''}`);
  }
  const warning = damagedFramesWarning(name, codec, decoded.errors.length, decoded.errors[0]);
  const bits = codec === 'flac' && decoded.bitDepth ? decoded.bitDepth : 0;
  // Copy out of the decoder's memory, trimmed to the frames decoded, then to our scale.
  const channels = decoded.channelData.map((c) => {
    const out = c.slice(0, frames);
    toOurScale(out, frames, bits);
    return out;
  });
  return { sampleRate: decoded.sampleRate, channels, ...(warning ? { warnings: [warning] } : {}) };
}

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
interface WasmDecoded {
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

const NAMES = { flac: 'FLAC', mp3: 'MP3', opus: 'Ogg Opus', vorbis: 'Ogg Vorbis' } as const;

/**
 * Decodes a FLAC, MP3 or Ogg (Opus/Vorbis) file.
 * @param kind what the leading bytes said (`detectAudioFileKind`).
 * @param name file name for messages.
 * @throws AudioFileError naming the file (and the byte offset of the first bad frame).
 */
export async function decodeCompressed(bytes: Uint8Array, kind: 'flac' | 'mp3' | 'ogg', name: string): Promise<DecodedAudio> {
  let codec: keyof typeof NAMES;
  if (kind === 'ogg') {
    const c = oggCodec(bytes);
    if (c === 'unknown') throw new AudioFileError(name, 28, 'an Ogg file, but neither Opus nor Vorbis; convert it to WAV or FLAC first');
    codec = c;
  } else codec = kind;
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
  const warnings = decoded.errors.length > 0
    ? [`${name}: ${decoded.errors.length} damaged ${NAMES[codec]} frame(s) skipped (first near byte ${decoded.errors[0].inputBytes}: ${decoded.errors[0].message})`]
    : undefined;
  // The FLAC decoder scales by 1/(2^(b−1) − 1); our convention (types.ts) is integer / 2^(b−1),
  // as the WAV and AIFF readers do: recover the integer and rescale, so a FLAC and a WAV of the
  // same PCM decode to the same floats.
  const bits = codec === 'flac' && decoded.bitDepth ? decoded.bitDepth : 0;
  const toInteger = bits > 0 ? Math.pow(2, bits - 1) - 1 : 0;
  const fullScale = bits > 0 ? Math.pow(2, bits - 1) : 0;
  // Copy out of the decoder's memory, trimmed to the frames decoded, non-finite samples zeroed.
  const channels = decoded.channelData.map((c) => {
    const out = c.slice(0, frames);
    for (let i = 0; i < out.length; i++) {
      const x = out[i];
      if (!Number.isFinite(x)) out[i] = 0;
      else if (bits > 0) out[i] = Math.round(x * toInteger) / fullScale;
    }
    return out;
  });
  return { sampleRate: decoded.sampleRate, channels, ...(warnings ? { warnings } : {}) };
}

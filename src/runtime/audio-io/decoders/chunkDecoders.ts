/**
 * Synchronous chunk decoders for FLAC, MP3, Ogg Opus and Ogg Vorbis: bytes go in as they are read
 * from the file, samples come out at once. The engine pulls a streamed track synchronously, block
 * by block, so a streamed compressed track needs a decode call that returns its samples — the
 * packages' chunked `decode(chunk)` methods are `async` (their work is synchronous, but the result
 * is only reachable through a promise). Creating a decoder stays asynchronous (WebAssembly
 * instantiation); {@link createChunkDecoder} does it, and `compressedTrack.ts` creates decoders
 * ahead of the streams that use them.
 *
 * Each decoder replays what its package's whole-file `decodeFile`/`decode` does, minus the end
 * trim (the caller cuts the stream at the frame count the package itself reports):
 *  - MP3: `MPEGDecoder.decode` (public, synchronous). Fed the same 64 KiB pieces the whole-file
 *    call feeds internally, mpg123 sees the same byte sequence, so gapless trimming (LAME/Xing
 *    encoder delay and padding, on by default in mpg123-decoder) is the same.
 *  - Opus: `codec-parser` pages → `OpusDecoder.decodeFrames` (opus-decoder, public, synchronous)
 *    with the OpusHead values (channels, streams, mapping, pre-skip) ogg-opus-decoder passes it.
 *  - FLAC and Vorbis: `codec-parser` frames/pages → the packages' inner synchronous decoder (the
 *    wrapper's `_decoder` property: `decodeFrames` for FLAC; `sendSetupHeader`, `initDsp`,
 *    `decodePackets` for Vorbis), with the Vorbis setup-header sequence of
 *    `OggVorbisDecoder.decodeOggPages`. These are internals of @wasm-audio-decoders/flac 0.2.x and
 *    ogg-vorbis 0.1.x; their shape is checked on creation (a clear error if an update changes
 *    it), and `test/unit/audio-io/compressed-stream.test.ts` compares every codec with the
 *    package's whole-file decode sample for sample.
 * Pure: no `node:` imports (runs in the CLI's workers and the editor's Web Workers alike). The
 * packages are imported on first use, as in compressedDecoders.ts.
 */
import type { CodecFrame, OggPage, OpusHeader, VorbisHeader } from 'codec-parser';
import type { CompressedCodec, WasmDecoded } from './compressedDecoders';

/** A decoder fed successive byte chunks of one file. */
export interface ChunkDecoder {
  /** Decodes the next bytes of the file; the samples they complete (often none for the first). */
  decode(bytes: Uint8Array): WasmDecoded;
  /** Decodes what the parser still holds at the end of the file. */
  flush(): WasmDecoded;
  /** Releases the decoder's WebAssembly memory; the decoder is unusable afterwards. */
  free(): void;
}

/** What an Ogg Opus decoder must know before its first packet (from the OpusHead packet). */
export interface OpusSetup {
  channels: number;
  streamCount: number;
  coupledStreamCount: number;
  channelMappingTable: number[];
  /** Samples at 48 kHz dropped from the start (RFC 7845 § 4.2). */
  preSkip: number;
}

/** The OpusHead values of a codec-parser Opus header. */
export function opusSetupOf(header: OpusHeader): OpusSetup {
  return {
    channels: header.channels,
    streamCount: header.streamCount,
    coupledStreamCount: header.coupledStreamCount,
    channelMappingTable: header.channelMappingTable,
    preSkip: header.preSkip,
  };
}

/** Bytes per piece fed to a decoder: mpg123-decoder's own input buffer (2^16 bytes). */
export const DECODE_CHUNK_BYTES = 1 << 16;

/** codec-parser's generators, typed as `Iterator`, are iterable (they are generator objects). */
export const iterable = <T>(it: Iterator<T>): Iterable<T> => it as unknown as Iterable<T>;

/** codec-parser, loaded on first use. */
export async function loadCodecParser(): Promise<typeof import('codec-parser').default> {
  return (await import('codec-parser')).default;
}

const EMPTY: WasmDecoded = { channelData: [], samplesDecoded: 0, sampleRate: 0, errors: [] };

interface InnerFlac {
  decodeFrames(frames: Uint8Array[]): WasmDecoded;
}
interface InnerVorbis {
  sendSetupHeader(data: Uint8Array): void;
  initDsp(): void;
  decodePackets(packets: Uint8Array[]): WasmDecoded;
}

/** The wrapper's inner decoder, after checking it has the methods we call. */
function innerDecoder<T>(wrapper: unknown, methods: readonly string[], pkg: string): T {
  const inner = (wrapper as { _decoder?: Record<string, unknown> })._decoder;
  if (!inner || methods.some((m) => typeof inner[m] !== 'function')) {
    throw new Error(`${pkg} no longer has the synchronous inner decoder this stream uses (${methods.join(', ')}); pin the version in package.json`);
  }
  return inner as T;
}

function frameData(frames: Iterable<CodecFrame | OggPage>): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const f of frames) out.push(f.data);
  return out;
}

async function flacDecoder(): Promise<ChunkDecoder> {
  const { FLACDecoder } = await import('@wasm-audio-decoders/flac');
  const wrapper = new FLACDecoder();
  await wrapper.ready;
  const inner = innerDecoder<InnerFlac>(wrapper, ['decodeFrames'], '@wasm-audio-decoders/flac');
  const CodecParser = await loadCodecParser();
  const parser = new CodecParser<CodecFrame>('audio/flac', { enableFrameCRC32: false });
  return {
    decode: (bytes) => inner.decodeFrames(frameData(iterable(parser.parseChunk(bytes)))),
    flush: () => inner.decodeFrames(frameData(iterable(parser.flush()))),
    free: () => wrapper.free(),
  };
}

async function mp3Decoder(): Promise<ChunkDecoder> {
  const { MPEGDecoder } = await import('mpg123-decoder');
  const decoder = new MPEGDecoder();
  await decoder.ready;
  return {
    decode: (bytes) => decoder.decode(bytes),
    flush: () => EMPTY,
    free: () => decoder.free(),
  };
}

async function opusDecoder(setup: OpusSetup): Promise<ChunkDecoder> {
  const { OpusDecoder } = await import('opus-decoder');
  // The options ogg-opus-decoder gives it at its default 48 kHz output, not forced to stereo.
  const decoder = new OpusDecoder({ ...setup, sampleRate: 48000, forceStereo: false } as ConstructorParameters<typeof OpusDecoder>[0]);
  await decoder.ready;
  const CodecParser = await loadCodecParser();
  const parser = new CodecParser<OggPage>('application/ogg', { enableFrameCRC32: false });
  const decodePages = (pages: Iterable<OggPage>): WasmDecoded => {
    const frames: Uint8Array[] = [];
    for (const page of pages) for (const f of page.codecFrames) frames.push(f.data);
    return frames.length === 0 ? EMPTY : (decoder.decodeFrames(frames) as unknown as WasmDecoded);
  };
  return {
    decode: (bytes) => decodePages(iterable(parser.parseChunk(bytes))),
    flush: () => decodePages(iterable(parser.flush())),
    free: () => decoder.free(),
  };
}

async function vorbisDecoder(): Promise<ChunkDecoder> {
  const { OggVorbisDecoder } = await import('@wasm-audio-decoders/ogg-vorbis');
  const wrapper = new OggVorbisDecoder();
  await wrapper.ready;
  const inner = innerDecoder<InnerVorbis>(wrapper, ['sendSetupHeader', 'initDsp', 'decodePackets'], '@wasm-audio-decoders/ogg-vorbis');
  const CodecParser = await loadCodecParser();
  const parser = new CodecParser<OggPage>('audio/ogg', { enableFrameCRC32: false });
  let setupInProgress = true;
  // OggVorbisDecoder.decodeOggPages: the identification header (a page whose data starts with
  // packet type 1), then the setup header carried by the first audio frame's header (the comment
  // header is skipped), then the DSP is initialised and packets decode.
  const decodePages = (pages: Iterable<OggPage>): WasmDecoded => {
    const packets: Uint8Array[] = [];
    for (const page of pages) {
      if (setupInProgress) {
        if (page.data[0] === 1) inner.sendSetupHeader(page.data);
        if (page.codecFrames.length > 0) {
          inner.sendSetupHeader((page.codecFrames[0].header as VorbisHeader & { vorbisSetup: Uint8Array }).vorbisSetup);
          inner.initDsp();
          setupInProgress = false;
        }
      }
      for (const f of page.codecFrames) packets.push(f.data);
    }
    return inner.decodePackets(packets);
  };
  return {
    decode: (bytes) => decodePages(iterable(parser.parseChunk(bytes))),
    flush: () => decodePages(iterable(parser.flush())),
    free: () => wrapper.free(),
  };
}

/**
 * A fresh decoder for one pass over a file.
 * @param opus the OpusHead values; required for `opus`.
 */
export function createChunkDecoder(codec: CompressedCodec, opus?: OpusSetup): Promise<ChunkDecoder> {
  switch (codec) {
    case 'flac':
      return flacDecoder();
    case 'mp3':
      return mp3Decoder();
    case 'vorbis':
      return vorbisDecoder();
    case 'opus':
      if (!opus) throw new Error('an Opus decoder needs the stream\'s OpusHead values');
      return opusDecoder(opus);
  }
}

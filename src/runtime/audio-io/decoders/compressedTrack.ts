/**
 * A FLAC, MP3 or Ogg (Opus/Vorbis) track streamed from its bytes: read {@link DECODE_CHUNK_BYTES}
 * at a time, decoded incrementally, brought to our scale, mixed to stereo and resampled in
 * blocks, so memory does not grow with the track (docs/album.md, "Streaming").
 *
 * Opening takes one scan of the file with the package's own chunked decoder (`decode(chunk)` …
 * `flush()`, as `decodeFile` does it whole): it gives the frame count — including the package's
 * end trim (Ogg granule position) and mpg123's gapless trim — the rate, the channels, the FLAC bit
 * depth and the damaged-frame warning, before any stream is read (the engine must know a clip's
 * length). Each stream then decodes again with a synchronous {@link ChunkDecoder} and stops at
 * that count; its samples are those of `decodeCompressed` on the whole file.
 *
 * Decoders are created asynchronously, so a stream's decoder must exist before `open()`:
 * {@link TrackSource.prepare} makes one (opening the track leaves one ready). A chained Ogg file
 * (several logical streams one after another) would need a new decoder mid-stream; it is decoded
 * whole, as before. Pure: no `node:` imports.
 */
import type { OggPage } from 'codec-parser';
import { AudioFileError } from '../audioFileError';
import { downmixToStereo } from '../prepareClip';
import type { DecodedAudio } from '../types';
import type { ByteSource } from './byteSource';
import { createChunkDecoder, DECODE_CHUNK_BYTES, iterable, loadCodecParser, opusSetupOf, type ChunkDecoder, type OpusSetup } from './chunkDecoders';
import { CODEC_NAMES, codecOf, damagedFramesWarning, decodeCompressed, toOurScale, type CompressedCodec, type WasmDecoded } from './compressedDecoders';
import type { StereoStream } from './stereoStream';

/** What the scan of a compressed file found. */
export interface CompressedLayout {
  codec: CompressedCodec;
  /** Frames the package's whole-file decode gives. */
  frames: number;
  sampleRate: number;
  channels: number;
  /** FLAC bits per sample (0 for the lossy codecs). */
  bits: number;
  warnings: string[];
  /** OpusHead values (Opus only). */
  opus?: OpusSetup;
  /** More than one logical Ogg stream: not streamed. */
  chained: boolean;
}

/** The chunked-decode interface every package's wrapper offers (`decode` is synchronous for MP3). */
interface PackageDecoder {
  readonly ready: Promise<void>;
  decode(bytes: Uint8Array): WasmDecoded | Promise<WasmDecoded>;
  flush?(): Promise<WasmDecoded>;
  free(): void;
}

async function packageDecoder(codec: CompressedCodec): Promise<PackageDecoder> {
  switch (codec) {
    case 'flac':
      return new (await import('@wasm-audio-decoders/flac')).FLACDecoder();
    case 'mp3':
      return new (await import('mpg123-decoder')).MPEGDecoder();
    case 'opus':
      return new (await import('ogg-opus-decoder')).OggOpusDecoder() as unknown as PackageDecoder;
    case 'vorbis':
      return new (await import('@wasm-audio-decoders/ogg-vorbis')).OggVorbisDecoder();
  }
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Scans a compressed file with its package's chunked decoder, keeping no samples.
 * @throws AudioFileError naming the file when nothing decodes.
 */
export async function scanCompressed(source: ByteSource, kind: 'flac' | 'mp3' | 'ogg', name: string): Promise<CompressedLayout> {
  const codec = codecOf(source.read(0, 64), kind, name);
  const label = CODEC_NAMES[codec];
  let frames = 0;
  let sampleRate = 0;
  let channels = 0;
  let bits = 0;
  let errorCount = 0;
  let firstError: WasmDecoded['errors'][number] | undefined;
  const take = (d: WasmDecoded) => {
    frames += d.samplesDecoded;
    if (d.samplesDecoded > 0) {
      sampleRate = d.sampleRate;
      channels = Math.max(channels, d.channelData.length);
      if (d.bitDepth) bits = d.bitDepth;
    }
    errorCount += d.errors.length;
    firstError ??= d.errors[0];
  };
  // Ogg: the pages tell the OpusHead values and whether a second logical stream begins.
  const CodecParser = codec === 'opus' || codec === 'vorbis' ? await loadCodecParser() : null;
  const ogg = CodecParser ? new CodecParser<OggPage>('application/ogg', { enableFrameCRC32: false }) : null;
  let opus: OpusSetup | undefined;
  let firstPages = 0;
  const pages = (it: Iterable<OggPage>) => {
    for (const page of it) {
      if (page.isFirstPage) firstPages++;
      if (codec === 'opus' && !opus && page.codecFrames.length > 0) opus = opusSetupOf(page.codecFrames[0].header as never);
    }
  };
  let decoder: PackageDecoder | null = null;
  try {
    decoder = await packageDecoder(codec);
    await decoder.ready;
    for (let offset = 0; offset < source.size; ) {
      const bytes = source.read(offset, DECODE_CHUNK_BYTES);
      if (bytes.length === 0) break;
      offset += bytes.length;
      take(await decoder.decode(bytes));
      if (ogg) pages(iterable(ogg.parseChunk(bytes)));
    }
    if (decoder.flush) take(await decoder.flush());
    if (ogg) pages(iterable(ogg.flush()));
  } catch (error) {
    if (error instanceof AudioFileError) throw error;
    throw new AudioFileError(name, undefined, `cannot decode this ${label} file (${errorText(error)})`);
  } finally {
    decoder?.free();
  }
  if (frames === 0 || channels === 0) {
    throw new AudioFileError(name, firstError?.inputBytes, `no audio could be decoded from this ${label} file${firstError ? ` (${firstError.message})` : ''}`);
  }
  const warning = damagedFramesWarning(name, codec, errorCount, firstError);
  return {
    codec,
    frames,
    sampleRate,
    channels,
    bits: codec === 'flac' ? bits : 0,
    warnings: warning ? [warning] : [],
    ...(opus ? { opus } : {}),
    chained: firstPages > 1,
  };
}

/**
 * The file's frames as stereo at the file's rate, decoded chunk by chunk with `decoder` (which it
 * frees at the end) and cut at `layout.frames`; a file that ends early reads as silence to that
 * length rather than shifting the track.
 */
export class CompressedStream implements StereoStream {
  readonly frames: number;
  readonly sampleRate: number;
  private decoder: ChunkDecoder | null;
  private offset = 0;
  private flushed = false;
  /** Frames decoded and kept so far (buffered included). */
  private produced = 0;
  private left: Float32Array = new Float32Array(0);
  private right: Float32Array = new Float32Array(0);
  private taken = 0;

  constructor(
    private readonly source: ByteSource,
    decoder: ChunkDecoder,
    private readonly layout: CompressedLayout,
    private readonly name: string,
  ) {
    this.decoder = decoder;
    this.frames = layout.frames;
    this.sampleRate = layout.sampleRate;
  }

  read(left: Float32Array, right: Float32Array, max: number): number {
    let done = 0;
    while (done < max) {
      if (this.taken === this.left.length && !this.refill()) break;
      const n = Math.min(max - done, this.left.length - this.taken);
      left.set(this.left.subarray(this.taken, this.taken + n), done);
      right.set(this.right.subarray(this.taken, this.taken + n), done);
      this.taken += n;
      done += n;
    }
    return done;
  }

  /** Decodes until some frames come out; false at the end. */
  private refill(): boolean {
    const wanted = this.frames - this.produced;
    if (wanted <= 0) {
      this.release();
      return false;
    }
    for (;;) {
      const decoded = this.next();
      if (decoded === null) {
        // The bytes ran out before the scanned length (the file changed): silence to the end.
        const n = Math.min(wanted, DECODE_CHUNK_BYTES);
        this.keep(new Float32Array(n), new Float32Array(n));
        return true;
      }
      const n = Math.min(decoded.samplesDecoded, wanted);
      if (n === 0 || decoded.channelData.length === 0) continue;
      const channels = decoded.channelData.map((c) => {
        const samples = c.length >= n ? c.subarray(0, n) : Float32Array.from({ length: n }, (_, i) => c[i] ?? 0);
        toOurScale(samples, n, this.layout.bits);
        return samples;
      });
      const stereo = downmixToStereo({ sampleRate: this.sampleRate, channels, channelMask: 0 });
      this.keep(stereo.left, stereo.right);
      return true;
    }
  }

  private keep(left: Float32Array, right: Float32Array): void {
    this.left = left;
    this.right = right;
    this.taken = 0;
    this.produced += left.length;
  }

  /** The next decoded piece; null when the bytes and the parser are exhausted. */
  private next(): WasmDecoded | null {
    const decoder = this.decoder;
    if (!decoder) return null;
    try {
      if (this.offset < this.source.size) {
        const bytes = this.source.read(this.offset, DECODE_CHUNK_BYTES);
        if (bytes.length > 0) {
          this.offset += bytes.length;
          return decoder.decode(bytes);
        }
        this.offset = this.source.size;
      }
      if (!this.flushed) {
        this.flushed = true;
        return decoder.flush();
      }
    } catch (error) {
      this.release();
      if (error instanceof AudioFileError) throw error;
      throw new AudioFileError(this.name, this.offset, `cannot decode this ${CODEC_NAMES[this.layout.codec]} file (${errorText(error)})`);
    }
    this.release();
    return null;
  }

  private release(): void {
    this.decoder?.free();
    this.decoder = null;
  }
}

/** A compressed track whose streams each need a decoder made ahead ({@link prepare}). */
export interface CompressedTrack {
  readonly layout: CompressedLayout;
  /** Resolves when a decoder for the next {@link open} is ready. */
  prepare(): Promise<void>;
  /**
   * A fresh stream at the file's rate, using the decoder {@link prepare} made.
   * @throws Error when no decoder is ready (a programming error: prepare first).
   */
  open(): CompressedStream;
  /** The whole file decoded at once (`decodeCompressed`), for readers that need many streams. */
  decodeWhole(): Promise<DecodedAudio>;
}

/**
 * Scans a compressed file and readies one decoder.
 * @throws AudioFileError naming the file for damaged or unsupported input.
 */
export async function openCompressedTrack(source: ByteSource, kind: 'flac' | 'mp3' | 'ogg', name: string): Promise<CompressedTrack> {
  const layout = await scanCompressed(source, kind, name);
  let spare: ChunkDecoder | null = null;
  const track: CompressedTrack = {
    layout,
    async prepare() {
      if (spare) return;
      try {
        spare = await createChunkDecoder(layout.codec, layout.opus);
      } catch (error) {
        throw new AudioFileError(name, undefined, `cannot decode this ${CODEC_NAMES[layout.codec]} file (${errorText(error)})`);
      }
    },
    open() {
      const decoder = spare;
      if (!decoder) throw new Error(`${name}: no decoder is ready for another stream of this compressed track (prepare() first; a graph that restarts the track more than once per pass needs it as WAV)`);
      spare = null;
      return new CompressedStream(source, decoder, layout, name);
    },
    decodeWhole: () => decodeCompressed(source.read(0, source.size), kind, name),
  };
  await track.prepare();
  return track;
}

/**
 * Opens an audio file for streaming at the render rate, so memory does not grow with the track:
 * WAV/RF64/BW64 and AIFF are read by range (`pcmRanges.ts`); FLAC, MP3 and Ogg Opus/Vorbis are
 * read in chunks and decoded incrementally (`compressedTrack.ts`). Either way the samples are
 * exactly those of decoding the whole file and preparing it with `toRenderClip`. Pure.
 */
import { decodeAudioFile, detectAudioFileKind } from '../decodeAudioFile';
import type { DecodedAudio } from '../types';
import type { ByteSource } from './byteSource';
import { decodeCompressed } from './compressedDecoders';
import { openCompressedTrack } from './compressedTrack';
import { locatePcm, readPcmFrames } from './pcmRanges';
import { atRate, DownmixStream, type StereoStream } from './stereoStream';
import { resampledLength } from '../resample';

/** A track that can be streamed (again and again) at the render rate. */
export interface TrackSource {
  /** Frames at the render rate. */
  readonly frames: number;
  readonly sampleRate: number;
  /** True when the file is streamed (WAV, AIFF by range; FLAC, MP3, Ogg by chunk); false when it was decoded whole. */
  readonly byRange: boolean;
  readonly warnings: string[];
  /**
   * Every frame a stream yields is finite: a WAV or AIFF file (decoding turns NaN and infinity
   * into 0) read at its own rate with at most two channels (no resampling or downmix sum that
   * could overflow).
   */
  readonly finite?: boolean;
  /**
   * Resolves when the next {@link open} can run. Compressed tracks need a decoder per stream,
   * and making one is asynchronous (WebAssembly): call this before every `open()` after the
   * first (opening the track readies the first). Other tracks: resolves at once.
   */
  prepare(): Promise<void>;
  /** A fresh stream from the first frame. */
  open(): StereoStream;
  /**
   * The track decoded whole (itself when it already is, or is read by range), so that any number
   * of streams can be opened at any moment without {@link prepare} — for graphs that read the
   * track from two places at once.
   */
  decodeWhole(): Promise<TrackSource>;
}

function fromDecoded(decoded: DecodedAudio, renderRate: number): TrackSource {
  const fileFrames = decoded.channels.reduce((m, c) => Math.min(m, c.length), decoded.channels.length === 0 ? 0 : Infinity);
  const range = (from: number, count: number) => decoded.channels.map((c) => c.subarray(from, from + count));
  const track: TrackSource = {
    frames: resampledLength(fileFrames, decoded.sampleRate, renderRate),
    sampleRate: renderRate,
    byRange: false,
    warnings: decoded.warnings ?? [],
    prepare: () => Promise.resolve(),
    open: () => atRate(new DownmixStream(range, fileFrames, decoded.sampleRate, decoded.channelMask ?? 0), renderRate),
    decodeWhole: () => Promise.resolve(track),
  };
  return track;
}

/**
 * @param name the file's name in messages.
 * @throws AudioFileError naming the file for unsupported or damaged input.
 */
export async function openTrackSource(source: ByteSource, name: string, renderRate: number): Promise<TrackSource> {
  const kind = detectAudioFileKind(source.read(0, 64));
  if (kind === 'flac' || kind === 'mp3' || kind === 'ogg') {
    const compressed = await openCompressedTrack(source, kind, name);
    const { layout } = compressed;
    // A chained Ogg file would need a new decoder mid-stream (asynchronous): decoded whole.
    if (layout.chained) return fromDecoded(await decodeCompressed(source.read(0, source.size), kind, name), renderRate);
    return {
      frames: resampledLength(layout.frames, layout.sampleRate, renderRate),
      sampleRate: renderRate,
      byRange: true,
      warnings: layout.warnings,
      prepare: () => compressed.prepare(),
      open: () => atRate(compressed.open(), renderRate),
      decodeWhole: async () => fromDecoded(await compressed.decodeWhole(), renderRate),
    };
  }
  return openPcmTrackSource(source, name, renderRate) ?? fromDecoded(decodeAudioFile(source.read(0, source.size), name), renderRate);
}

/**
 * The synchronous part of {@link openTrackSource}: a WAV/RF64/BW64 or AIFF file whose samples can
 * be read by range, streamed at the render rate; null for any other file (or a PCM layout that
 * cannot be read by range).
 * @throws AudioFileError naming the file for a damaged header.
 */
export function openPcmTrackSource(source: ByteSource, name: string, renderRate: number): TrackSource | null {
  const kind = detectAudioFileKind(source.read(0, 64));
  if (kind !== 'wav' && kind !== 'aiff') return null;
  const layout = locatePcm(source, name);
  if (layout === null) return null;
  const range = (from: number, count: number) => readPcmFrames(source, layout, from, count, name);
  const track: TrackSource = {
    frames: resampledLength(layout.frames, layout.sampleRate, renderRate),
    sampleRate: renderRate,
    byRange: true,
    warnings: layout.warnings,
    finite: layout.sampleRate === renderRate && layout.channelCount <= 2,
    prepare: () => Promise.resolve(),
    open: () => atRate(new DownmixStream(range, layout.frames, layout.sampleRate, layout.channelMask), renderRate),
    decodeWhole: () => Promise.resolve(track),
  };
  return track;
}

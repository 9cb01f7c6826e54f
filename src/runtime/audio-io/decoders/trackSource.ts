/**
 * Opens an audio file for streaming at the render rate: WAV/RF64/BW64 and AIFF are read by range
 * (`pcmRanges.ts`), so memory does not grow with the track. FLAC, MP3 and Ogg are decoded whole
 * by the WebAssembly decoders (their chunked `decode` calls exist, but their output at chunk
 * boundaries is not specified to equal a whole-file decode, and byte-identical results across
 * the CLI, the editor and split runs matter more here); their decoded samples are then streamed
 * the same way. Pure.
 */
import { decodeAudioFile, detectAudioFileKind } from '../decodeAudioFile';
import type { DecodedAudio } from '../types';
import type { ByteSource } from './byteSource';
import { decodeCompressed } from './compressedDecoders';
import { locatePcm, readPcmFrames } from './pcmRanges';
import { atRate, DownmixStream, type StereoStream } from './stereoStream';
import { resampledLength } from '../resample';

/** A track that can be streamed (again and again) at the render rate. */
export interface TrackSource {
  /** Frames at the render rate. */
  readonly frames: number;
  readonly sampleRate: number;
  /** True when the file is read by range (WAV, AIFF); false when it was decoded whole. */
  readonly byRange: boolean;
  readonly warnings: string[];
  /** A fresh stream from the first frame. */
  open(): StereoStream;
}

function fromDecoded(decoded: DecodedAudio, renderRate: number): TrackSource {
  const fileFrames = decoded.channels.reduce((m, c) => Math.min(m, c.length), decoded.channels.length === 0 ? 0 : Infinity);
  const range = (from: number, count: number) => decoded.channels.map((c) => c.subarray(from, from + count));
  return {
    frames: resampledLength(fileFrames, decoded.sampleRate, renderRate),
    sampleRate: renderRate,
    byRange: false,
    warnings: decoded.warnings ?? [],
    open: () => atRate(new DownmixStream(range, fileFrames, decoded.sampleRate, decoded.channelMask ?? 0), renderRate),
  };
}

/**
 * @param name the file's name in messages.
 * @throws AudioFileError naming the file for unsupported or damaged input.
 */
export async function openTrackSource(source: ByteSource, name: string, renderRate: number): Promise<TrackSource> {
  const kind = detectAudioFileKind(source.read(0, 64));
  if (kind === 'flac' || kind === 'mp3' || kind === 'ogg') return fromDecoded(await decodeCompressed(source.read(0, source.size), kind, name), renderRate);
  if (kind !== 'wav' && kind !== 'aiff') return fromDecoded(decodeAudioFile(source.read(0, source.size), name), renderRate);
  const layout = locatePcm(source, name);
  if (layout === null) return fromDecoded(decodeAudioFile(source.read(0, source.size), name), renderRate);
  const range = (from: number, count: number) => readPcmFrames(source, layout, from, count, name);
  return {
    frames: resampledLength(layout.frames, layout.sampleRate, renderRate),
    sampleRate: renderRate,
    byRange: true,
    warnings: layout.warnings,
    open: () => atRate(new DownmixStream(range, layout.frames, layout.sampleRate, layout.channelMask), renderRate),
  };
}

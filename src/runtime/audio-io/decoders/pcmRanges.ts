/**
 * WAV and AIFF decoded by range, so a long track never has to be in memory: the chunks before the
 * audio are walked once to find where the interleaved frames start and how long a frame is, and
 * each range of frames is decoded by the project's own readers (`decodeAudioFile`) from the header
 * followed by just those frames — a "truncated" file to them — so the samples are exactly those
 * of decoding the whole file. Chunk layout: Microsoft/IBM RIFF spec (`fmt `, `data`, pad bytes),
 * EBU Tech 3306 (`ds64`), Apple AIFF/AIFF-C (`COMM`, `SSND` with its offset field). Pure.
 */
import { AudioFileError } from '../audioFileError';
import { decodeAudioFile } from '../decodeAudioFile';
import { looksLikeFourCC, readFourCC } from '../fourcc';
import type { ByteSource } from './byteSource';

/** Where a PCM file's frames are, and what they are. */
export interface PcmLayout {
  /** The bytes before the first frame (header and every chunk before the audio). */
  header: Uint8Array;
  /** Byte offset of the first frame. */
  dataStart: number;
  /** Bytes from one frame to the next. */
  frameBytes: number;
  /** Whole frames present. */
  frames: number;
  sampleRate: number;
  channelCount: number;
  /** WAVE_FORMAT_EXTENSIBLE channel mask (0: not stated). */
  channelMask: number;
  /** Non-fatal problems (a truncated data chunk). */
  warnings: string[];
}

/** Headers are searched in the first bytes, growing up to this (metadata chunks before the audio). */
const MAX_HEADER_BYTES = 16 * 1024 * 1024;

/** Finds the chunk that holds the frames; null when the header is not within `head`. */
function walk(head: Uint8Array, fileSize: number): { dataStart: number; dataBytes: number; truncated: boolean; blockAlign: number; commFrames: number } | null | 'aiff-comm-after-ssnd' {
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const riff = readFourCC(head, 0);
  const wav = riff === 'RIFF' || riff === 'RF64' || riff === 'BW64';
  let pos = 12;
  let blockAlign = 0;
  let ds64 = -1;
  let commFrames = -1;
  while (pos + 8 <= head.length) {
    const id = readFourCC(head, pos);
    const size = view.getUint32(pos + 4, wav);
    const body = pos + 8;
    if (wav && id === 'data') {
      const declared = size === 0xffffffff ? (ds64 >= 0 ? ds64 : Infinity) : size;
      return { dataStart: body, dataBytes: Math.min(declared, fileSize - body), truncated: declared !== Infinity && declared > fileSize - body, blockAlign, commFrames };
    }
    if (!wav && id === 'SSND') {
      if (commFrames < 0) return 'aiff-comm-after-ssnd';
      if (body + 8 > head.length) return null;
      const dataStart = body + 8 + view.getUint32(body, false);
      return { dataStart, dataBytes: Math.max(0, Math.min(body + size, fileSize) - dataStart), truncated: body + size > fileSize, blockAlign, commFrames };
    }
    if (body + Math.min(size, 32) > head.length) return null;
    if (wav && id === 'fmt ' && blockAlign === 0 && size >= 14) blockAlign = view.getUint16(body + 12, true);
    if (wav && id === 'ds64' && size >= 24) ds64 = view.getUint32(body + 8, true) + view.getUint32(body + 12, true) * 0x100000000;
    if (!wav && id === 'COMM' && commFrames < 0 && size >= 6) commFrames = view.getUint32(body + 2, false);
    const unpadded = body + size;
    // RIFF pads odd chunks; a writer that forgot the pad is followed as the WAV reader does.
    pos = wav && (size & 1) === 1 && !looksLikeFourCC(head, unpadded + 1) && looksLikeFourCC(head, unpadded) ? unpadded : unpadded + (size & 1);
  }
  return null;
}

/**
 * Reads a WAV or AIFF file's layout from its first bytes.
 * @returns null when the file cannot be read by range (an AIFF whose `COMM` follows `SSND`):
 *   the caller decodes it whole.
 * @throws AudioFileError naming the file, as the whole-file readers would.
 */
export function locatePcm(source: ByteSource, name: string): PcmLayout | null {
  let length = Math.min(source.size, 64 * 1024);
  for (;;) {
    const head = source.read(0, length);
    const found = walk(head, source.size);
    if (found === 'aiff-comm-after-ssnd') return null;
    if (found !== null && found.dataStart <= head.length) {
      const header = head.slice(0, found.dataStart);
      // The header alone decodes as a file with no frames: it checks the format and gives its facts.
      const facts = decodeAudioFile(header, name);
      const channelCount = facts.channels.length;
      const bits = facts.sourceFormat?.bits ?? 16;
      const frameBytes = found.blockAlign > 0 ? found.blockAlign : channelCount * Math.max(1, Math.ceil(bits / 8));
      let frames = Math.floor(found.dataBytes / frameBytes);
      if (found.commFrames >= 0) frames = Math.min(frames, found.commFrames);
      // The header's own warnings speak of its missing frames; the file's truncation is told here.
      const warnings = found.truncated ? [`${name}: the audio data ends before its declared length (the file looks truncated); decoded the complete frames present`] : [];
      return { header, dataStart: found.dataStart, frameBytes, frames, sampleRate: facts.sampleRate, channelCount, channelMask: facts.channelMask ?? 0, warnings };
    }
    if (length >= source.size || length >= MAX_HEADER_BYTES) {
      // Let the whole-file reader say what is wrong (it names the byte offset).
      decodeAudioFile(head, name);
      throw new AudioFileError(name, undefined, 'no audio data found before the end of the header');
    }
    length = Math.min(source.size, length * 16, MAX_HEADER_BYTES);
  }
}

/**
 * Decodes frames `from … from + count − 1` (clamped to the file) into one array per channel:
 * the same samples `decodeAudioFile` gives for the whole file.
 */
export function readPcmFrames(source: ByteSource, layout: PcmLayout, from: number, count: number, name: string): Float32Array[] {
  const n = Math.max(0, Math.min(count, layout.frames - from));
  if (n === 0) return Array.from({ length: layout.channelCount }, () => new Float32Array(0));
  const body = source.read(layout.dataStart + from * layout.frameBytes, n * layout.frameBytes);
  const file = new Uint8Array(layout.header.length + body.length);
  file.set(layout.header, 0);
  file.set(body, layout.header.length);
  const channels = decodeAudioFile(file, name).channels;
  return channels.map((c) => (c.length > n ? c.subarray(0, n) : c));
}

/**
 * Decodes an audio file of any format we read, chosen by its leading bytes (never by its file
 * name): WAV/RF64/BW64 and AIFF/AIFF-C. Compressed formats (FLAC, MP3, Ogg, AAC/MP4…) are
 * recognised and refused with a message that says what the file is and how to convert it.
 * Pure: no `node:` imports.
 */
import { decodeAiff } from './aiffDecode';
import { AudioFileError } from './audioFileError';
import { describeFourCC, readFourCC } from './fourcc';
import type { DecodeOptions } from './sampleDecode';
import type { DecodedAudio } from './types';
import { decodeWav } from './wavDecode';

/** What the leading bytes say a file is. */
export type AudioFileKind =
  | 'wav'
  | 'aiff'
  | 'flac'
  | 'mp3'
  | 'aac'
  | 'ogg'
  | 'mp4'
  | 'caf'
  | 'au'
  | 'midi'
  | 'unknown';

/** Human names of the kinds we recognise but do not decode. */
const UNSUPPORTED_NAMES: Readonly<Partial<Record<AudioFileKind, string>>> = {
  flac: 'FLAC',
  mp3: 'MP3 (MPEG audio)',
  aac: 'AAC (ADTS)',
  ogg: 'Ogg',
  mp4: 'MP4/M4A',
  caf: 'Core Audio Format (CAF)',
  au: 'Sun/NeXT AU',
};

/**
 * Identifies a file from its first bytes (magic numbers).
 * WAV: "RIFF"/"RF64"/"BW64"/"RIFX" + "WAVE" at 8; AIFF: "FORM" + "AIFF"/"AIFC" at 8; FLAC:
 * "fLaC"; Ogg: "OggS"; MP3: "ID3" tag or an MPEG audio frame sync (11 set bits, layer ≠ 0);
 * AAC ADTS: frame sync with layer 0; MP4: "ftyp" at 4; CAF: "caff"; AU: ".snd"; MIDI: "MThd".
 */
export function detectAudioFileKind(bytes: Uint8Array): AudioFileKind {
  if (bytes.length >= 12) {
    const head = readFourCC(bytes, 0);
    const form = readFourCC(bytes, 8);
    if ((head === 'RIFF' || head === 'RF64' || head === 'BW64' || head === 'RIFX') && form === 'WAVE') return 'wav';
    if (head === 'FORM' && (form === 'AIFF' || form === 'AIFC')) return 'aiff';
    if (readFourCC(bytes, 4) === 'ftyp') return 'mp4';
  }
  if (bytes.length >= 4) {
    const head = readFourCC(bytes, 0);
    if (head === 'fLaC') return 'flac';
    if (head === 'OggS') return 'ogg';
    if (head === 'caff') return 'caf';
    if (head === '.snd') return 'au';
    if (head === 'MThd') return 'midi';
  }
  if (bytes.length >= 3 && bytes[0] === 0x49 && bytes[1] === 0x44 && bytes[2] === 0x33) return 'mp3'; // "ID3"
  if (bytes.length >= 2 && bytes[0] === 0xff && (bytes[1] & 0xe0) === 0xe0) {
    // MPEG audio frame header: layer bits (1..2) 00 are reserved for MPEG audio; ADTS uses them.
    return ((bytes[1] >> 1) & 3) === 0 ? 'aac' : 'mp3';
  }
  return 'unknown';
}

/**
 * Decodes any audio file we support, dispatching on its magic bytes.
 *
 * @param bytes the whole file.
 * @param name file name or path used in error messages and in the suggested ffmpeg command.
 * @throws AudioFileError naming the file: unsupported or unrecognised formats, or a damaged file.
 */
export function decodeAudioFile(bytes: Uint8Array, name = 'input', options: DecodeOptions = {}): DecodedAudio {
  const kind = detectAudioFileKind(bytes);
  switch (kind) {
    case 'wav':
    case 'aiff': {
      const decoded = kind === 'wav' ? decodeWav(bytes, name, options) : decodeAiff(bytes, name, options);
      if ((decoded.channels[0]?.length ?? 0) === 0) {
        // Valid, but a render from it is silence: say so rather than render quietly.
        decoded.warnings = [...(decoded.warnings ?? []), `${name}: the file holds no audio (0 frames); it plays as silence`];
      }
      return decoded;
    }
    case 'midi':
      throw new AudioFileError(name, 0, 'this is a MIDI file (notes, not audio); render it to WAV first');
    case 'unknown':
      throw new AudioFileError(
        name,
        0,
        `not a recognised audio file (starts with ${describeFourCC(bytes, 0)}); only WAV and AIFF are read; ` +
          `convert with: ${ffmpegCommand(name)}`,
      );
    default:
      throw new AudioFileError(
        name,
        0,
        `${UNSUPPORTED_NAMES[kind] ?? kind} audio is not supported by the CLI; only WAV (and AIFF) files are read; ` +
          `convert with: ${ffmpegCommand(name)}`,
      );
  }
}

/** `ffmpeg -i <name> <name>.wav`, with the real names when they need no shell quoting. */
function ffmpegCommand(name: string): string {
  if (!/^[\w./-]+$/.test(name)) return 'ffmpeg -i in.mp3 out.wav';
  const stem = name.replace(/\.[^./]*$/, '');
  // A file named *.wav that holds MP3 must not be converted onto itself.
  const target = `${stem}.wav` === name ? `${stem}-pcm.wav` : `${stem}.wav`;
  return `ffmpeg -i ${name} ${target}`;
}

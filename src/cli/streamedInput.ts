/**
 * `mixgraph render`'s WAV and AIFF inputs streamed from their files instead of decoded whole
 * (docs/performance.md, "The input, streamed"): the render starts without reading the file first,
 * memory does not grow with the input, and a split render's worker thread reads the file itself.
 * The samples are those of the whole-file decode (`openPcmTrackSource`, tested in
 * track-stream.test.ts and streamedInput.test.ts).
 */
import type { ClipAudio } from '../nodes/types';
import { streamedClip } from '../album/streamedClip';
import { openFileByteSource } from '../runtime/audio-io/decoders/fileByteSource';
import { openPcmTrackSource } from '../runtime/audio-io/decoders/trackSource';

export interface StreamedInput {
  /** The clip at the render rate, carrying its file (`ClipAudio.file`). */
  clip: ClipAudio;
  /** Frames at the render rate. */
  frames: number;
  warnings: string[];
  /** Closes the file. */
  close(): void;
}

/**
 * `path` as a streamed clip at `sampleRate`, or null when it is not a WAV/AIFF file that can be
 * read by range, or holds no frames (the caller decodes it whole).
 * @throws AudioFileError naming the file when it is missing, unreadable or its header is damaged.
 */
export function openStreamedInput(path: string, sampleRate: number): StreamedInput | null {
  const source = openFileByteSource(path);
  try {
    const track = openPcmTrackSource(source, path, sampleRate);
    // An empty file decodes at once, with the decoder's warning that it plays as silence.
    if (track === null || track.frames === 0) {
      source.close();
      return null;
    }
    return {
      clip: { ...streamedClip(() => track.open(), track.frames), file: path, ...(track.finite ? { finite: true } : {}) },
      frames: track.frames,
      warnings: track.warnings,
      close: () => source.close(),
    };
  } catch (error) {
    source.close();
    throw error;
  }
}

/**
 * A split render's worker side: the clips that name a file (sent without their stream, which
 * cannot cross threads) opened as streams of their own; the others as they came.
 * @returns the clips and a function that closes the files opened.
 */
export function openFileClips(clips: Readonly<Record<string, ClipAudio>>, sampleRate: number): { clips: Record<string, ClipAudio>; close(): void } {
  const opened: StreamedInput[] = [];
  const close = () => opened.forEach((input) => input.close());
  const result: Record<string, ClipAudio> = {};
  try {
    for (const [name, clip] of Object.entries(clips)) {
      if (clip.file === undefined || clip.stream !== undefined) {
        result[name] = clip;
        continue;
      }
      const input = openStreamedInput(clip.file, sampleRate);
      if (input === null) throw new Error(`${clip.file}: no longer a WAV or AIFF file that can be streamed`);
      opened.push(input);
      result[name] = input.clip;
    }
  } catch (error) {
    close();
    throw error;
  }
  return { clips: result, close };
}

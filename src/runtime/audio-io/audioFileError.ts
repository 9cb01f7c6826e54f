/**
 * The one error type of `src/runtime/audio-io`: every failure to read, decode or write an audio
 * file surfaces as an `AudioFileError` that names the file and, where the problem sits at a known
 * place in the bytes, the byte offset. The CLI prints `message` as is; a UI can show `detail`
 * next to the file name it already displays.
 *
 * Message shape: `<file>: byte <offset>: <detail>` (or `<file>: <detail>` when no offset applies,
 * e.g. "file not found").
 */
export class AudioFileError extends Error {
  /** The file name or path as the caller gave it (e.g. `mix.wav`). */
  readonly file: string;
  /** Byte offset from the start of the file where the problem was found, when there is one. */
  readonly offset: number | undefined;
  /** The message without the file/offset prefix. */
  readonly detail: string;

  constructor(file: string, offset: number | undefined, detail: string, options?: { cause?: unknown }) {
    super(
      offset === undefined ? `${file}: ${detail}` : `${file}: byte ${offset}: ${detail}`,
      options?.cause === undefined ? undefined : { cause: options.cause },
    );
    this.name = 'AudioFileError';
    this.file = file;
    this.offset = offset;
    this.detail = detail;
  }
}

/** True when `value` is an {@link AudioFileError} (also across bundle copies of this module). */
export function isAudioFileError(value: unknown): value is AudioFileError {
  return value instanceof AudioFileError || (value instanceof Error && value.name === 'AudioFileError');
}

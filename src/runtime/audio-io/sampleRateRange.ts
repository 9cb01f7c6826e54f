import { AudioFileError } from './audioFileError';

/**
 * Sample rates a decoded file may have, Hz. Below 1 kHz no music file exists, and a bogus rate
 * (a fuzzed header saying 3 Hz) would make the resampler to the render rate produce 16 000× more
 * frames than the file holds; above 768 kHz (16 × 48 kHz, the highest rate audio interfaces
 * offer) the same holds the other way.
 */
export const MIN_FILE_SAMPLE_RATE = 1000;
/** See {@link MIN_FILE_SAMPLE_RATE}. */
export const MAX_FILE_SAMPLE_RATE = 768000;

/** Throws an {@link AudioFileError} at `offset` unless `rate` is an integer in the supported range. */
export function checkFileSampleRate(rate: number, file: string, offset: number): void {
  if (!Number.isInteger(rate) || rate < MIN_FILE_SAMPLE_RATE || rate > MAX_FILE_SAMPLE_RATE) {
    throw new AudioFileError(
      file,
      offset,
      `sample rate ${rate} Hz is outside the supported range ${MIN_FILE_SAMPLE_RATE}–${MAX_FILE_SAMPLE_RATE} Hz`,
    );
  }
}

/**
 * A track handed to the offline engine as a streamed clip (`ClipAudio.stream`): the source kernel
 * reads its frames block by block from a {@link StereoStream}, so no render holds the track.
 * Reads in order are the normal case; a read behind the playhead (a looping source, a second
 * source with another offset) reopens the stream and reads forward to it — correct, only slower.
 */
import type { ClipAudio } from '../nodes/types';
import type { StereoStream } from '../runtime/audio-io/decoders/stereoStream';

/** Frames skipped per read when moving forward. */
const SKIP_BLOCK = 8192;

/** @param open a fresh stream of the track from its first frame. */
export function streamedClip(open: () => StereoStream, frames: number): ClipAudio {
  let stream = open();
  let position = 0;
  let scratch: { left: Float32Array; right: Float32Array } | null = null;
  return {
    left: new Float32Array(0),
    right: new Float32Array(0),
    stream: {
      frames,
      read(from, count, left, right, at) {
        if (from < position) {
          stream = open();
          position = 0;
        }
        while (position < from) {
          scratch ??= { left: new Float32Array(SKIP_BLOCK), right: new Float32Array(SKIP_BLOCK) };
          const n = stream.read(scratch.left, scratch.right, Math.min(SKIP_BLOCK, from - position));
          if (n === 0) break;
          position += n;
        }
        let done = 0;
        while (done < count && position === from + done) {
          const n = stream.read(left.subarray(at + done, at + count), right.subarray(at + done, at + count), count - done);
          if (n === 0) break;
          done += n;
          position += n;
        }
        if (done < count) {
          left.fill(0, at + done, at + count);
          right.fill(0, at + done, at + count);
        }
      },
    },
  };
}

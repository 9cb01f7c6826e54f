/**
 * Random access to a file's bytes without holding the file: the streaming readers ask for the
 * ranges they decode. A file on disk (Node: `fileByteSource.ts`) and bytes already in memory (the
 * editor's Web Workers) look the same to them, so both decode the same samples. Pure.
 */

/** Bytes by range. */
export interface ByteSource {
  /** Total size, bytes. */
  readonly size: number;
  /** Up to `length` bytes from `offset` (fewer only at the end of the source). */
  read(offset: number, length: number): Uint8Array;
}

/** A byte source over bytes in memory (views, no copies). */
export function memoryByteSource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    read: (offset, length) => bytes.subarray(Math.max(0, offset), Math.min(bytes.length, offset + length)),
  };
}

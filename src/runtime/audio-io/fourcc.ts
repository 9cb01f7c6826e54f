/**
 * Four-character codes (RIFF chunk ids, AIFF chunk ids, AIFF-C compression types).
 */

/** Reads 4 bytes at `offset` as a Latin-1 string (the caller checks the bounds). */
export function readFourCC(bytes: Uint8Array, offset: number): string {
  return String.fromCharCode(bytes[offset], bytes[offset + 1], bytes[offset + 2], bytes[offset + 3]);
}

/** True when the 4 bytes at `offset` exist and are printable ASCII (0x20..0x7E), as chunk ids are. */
export function looksLikeFourCC(bytes: Uint8Array, offset: number): boolean {
  if (offset < 0 || offset + 4 > bytes.length) return false;
  for (let i = 0; i < 4; i++) {
    const b = bytes[offset + i];
    if (b < 0x20 || b > 0x7e) return false;
  }
  return true;
}

/**
 * Shows up to 4 bytes at `offset` for an error message: `"RIFF"` when printable, else hex
 * (`0x00 0xff 0x12 0x34`), so a message never carries control characters.
 */
export function describeFourCC(bytes: Uint8Array, offset: number): string {
  const end = Math.min(offset + 4, bytes.length);
  if (end - offset === 4 && looksLikeFourCC(bytes, offset)) return `"${readFourCC(bytes, offset)}"`;
  const hex: string[] = [];
  for (let i = offset; i < end; i++) hex.push(`0x${bytes[i].toString(16).padStart(2, '0')}`);
  return hex.length === 0 ? 'end of file' : hex.join(' ');
}

/** Reading a user-chosen or dropped file as text, with a size cap. */
import { MAX_IMPORT_BYTES } from '../config';

/** A file's text, or why it could not be read. */
export type FileText = { ok: true; text: string } | { ok: false; message: string };

/** Reads a file as UTF-8 text, refusing files over `MAX_IMPORT_BYTES`. */
export async function readTextFile(file: File): Promise<FileText> {
  if (file.size > MAX_IMPORT_BYTES) {
    return { ok: false, message: `${file.name}: ${file.size} bytes is larger than the ${MAX_IMPORT_BYTES} bytes a graph file may have` };
  }
  try {
    return { ok: true, text: await file.text() };
  } catch (cause) {
    return { ok: false, message: `${file.name}: the file could not be read (${cause instanceof Error ? cause.message : String(cause)})` };
  }
}

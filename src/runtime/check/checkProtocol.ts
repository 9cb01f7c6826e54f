/** Messages between the editor and the check worker (`checkWorker.ts`). */
import type { TranslationReport } from './translationReport';

/** Editor → worker: the file to check (transferred). */
export interface CheckRequest {
  bytes: ArrayBuffer;
  /** File name, for messages. */
  name: string;
}

/** Worker → editor. */
export type CheckMessage = { type: 'done'; report: TranslationReport } | { type: 'error'; message: string };

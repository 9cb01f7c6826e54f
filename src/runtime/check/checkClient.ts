/**
 * Runs `mixgraph check`'s report on a file in a Web Worker (browser only), so the page stays
 * responsive while the MP3 round trips run. Cancel terminates the worker.
 */
import type { CheckMessage, CheckRequest } from './checkProtocol';
import type { TranslationReport } from './translationReport';

export type CheckResult = { status: 'done'; report: TranslationReport } | { status: 'error'; message: string } | { status: 'cancelled' };

export interface CheckHandle {
  result: Promise<CheckResult>;
  cancel(): void;
}

/** Checks `bytes` (a WAV, AIFF, FLAC, MP3 or Ogg file) named `name`; `bytes` is transferred. */
export function startCheck(bytes: ArrayBuffer, name: string): CheckHandle {
  const worker = new Worker(new URL('./checkWorker.ts', import.meta.url), { type: 'module' });
  let settle: (r: CheckResult) => void = () => {};
  const result = new Promise<CheckResult>((resolve) => {
    settle = (r) => {
      worker.terminate();
      resolve(r);
    };
    worker.onmessage = (event: MessageEvent<CheckMessage>) => {
      const m = event.data;
      settle(m.type === 'done' ? { status: 'done', report: m.report } : { status: 'error', message: m.message });
    };
    worker.onerror = (event) => settle({ status: 'error', message: `the check worker failed: ${event.message || 'unknown error'}` });
  });
  worker.postMessage({ bytes, name } satisfies CheckRequest, [bytes]);
  return { result, cancel: () => settle({ status: 'cancelled' }) };
}

/**
 * Starts a bounce in a Web Worker and returns a handle: progress callbacks, a promise of the WAV,
 * and cancel. Browser only (the CLI renders in-process).
 */
import type { RenderReport } from '../render';
import type { ClipAudio } from '../../nodes/types';
import type { BounceMessage, BounceOptions, BounceRequest } from './protocol';

export type BounceResult =
  | { status: 'done'; wav: Blob; report: RenderReport }
  | { status: 'cancelled' }
  | { status: 'error'; messages: string[] };

export interface BounceHandle {
  result: Promise<BounceResult>;
  cancel(): void;
}

export function startBounce(
  document: unknown,
  options: BounceOptions,
  clips: Record<string, ClipAudio>,
  onProgress: (fraction: number) => void,
): BounceHandle {
  const worker = new Worker(new URL('./bounceWorker.ts', import.meta.url), { type: 'module' });
  const result = new Promise<BounceResult>((resolve) => {
    worker.onmessage = (event: MessageEvent<BounceMessage>) => {
      const m = event.data;
      if (m.type === 'progress') {
        onProgress(m.totalFrames > 0 ? m.doneFrames / m.totalFrames : 0);
        return;
      }
      worker.terminate();
      if (m.type === 'done') resolve({ status: 'done', wav: new Blob([m.wav], { type: 'audio/wav' }), report: m.report });
      else if (m.type === 'cancelled') resolve({ status: 'cancelled' });
      else resolve({ status: 'error', messages: m.messages });
    };
    worker.onerror = (event) => {
      worker.terminate();
      resolve({ status: 'error', messages: [`the bounce worker failed: ${event.message || 'unknown error'}`] });
    };
  });
  const start: BounceRequest = { type: 'start', document, options, clips };
  worker.postMessage(start);
  return { result, cancel: () => worker.postMessage({ type: 'cancel' } satisfies BounceRequest) };
}

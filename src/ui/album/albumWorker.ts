/// <reference lib="webworker" />
/**
 * The Album panel's Web Worker: runs the album's map steps (src/album/byteTasks.ts — the code the
 * CLI's worker threads run) off the UI thread.
 */
import { analyzeTrackBytes, renderTrackBytes } from '../../album/byteTasks';
import type { AlbumWorkerReply, AlbumWorkerRequest } from './albumProtocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (m: AlbumWorkerReply, transfer: Transferable[] = []) => scope.postMessage(m, transfer);

scope.onmessage = async (event: MessageEvent<AlbumWorkerRequest>) => {
  const r = event.data;
  try {
    if (r.type === 'analyze') {
      post({ type: 'analyzed', id: r.id, analysis: await analyzeTrackBytes(r.bytes, r.name, r.sampleRate) });
    } else {
      let last = -1;
      const result = await renderTrackBytes(r.plan, r.index, r.bytes, {
        onProgress: (fraction) => {
          const percent = Math.floor(fraction * 100);
          if (percent !== last) {
            last = percent;
            post({ type: 'progress', id: r.id, fraction });
          }
        },
      });
      post({ type: 'rendered', id: r.id, wav: result.wav, output: result.output }, [result.wav.buffer]);
    }
  } catch (error) {
    post({ type: 'error', id: r.id, message: error instanceof Error ? error.message : String(error) });
  }
};

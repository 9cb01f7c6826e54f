/// <reference lib="webworker" />
/**
 * The check Web Worker: decodes a bounced file and builds its translation report with
 * `checkAudio`, the function `mixgraph check` runs, off the UI thread (the MP3 round trips take
 * a few seconds). One report per worker.
 */
import { decodeAudioFile } from '../audio-io/portable';
import { isAudioFileError } from '../audio-io/audioFileError';
import { checkAudio } from './checkAudio';
import type { CheckMessage, CheckRequest } from './checkProtocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (message: CheckMessage) => scope.postMessage(message);

scope.onmessage = (event: MessageEvent<CheckRequest>) => {
  const { bytes, name } = event.data;
  void (async () => {
    try {
      const audio = decodeAudioFile(new Uint8Array(bytes), name);
      post({ type: 'done', report: await checkAudio(audio) });
    } catch (error) {
      post({ type: 'error', message: isAudioFileError(error) ? error.message : `the check failed: ${error instanceof Error ? error.message : String(error)}` });
    }
  })();
};

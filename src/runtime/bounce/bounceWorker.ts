/// <reference lib="webworker" />
/**
 * The bounce Web Worker: renders the graph with the offline engine off the UI thread, so the
 * editor stays responsive; one bounce per worker.
 */
import { runBounce } from './runBounce';
import type { BounceMessage, BounceRequest } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const controller = new AbortController();
const post = (message: BounceMessage, transfer: Transferable[] = []) => scope.postMessage(message, transfer);

scope.onmessage = (event: MessageEvent<BounceRequest>) => {
  const request = event.data;
  if (request.type === 'cancel') controller.abort();
  else void runBounce(request, post, controller.signal);
};

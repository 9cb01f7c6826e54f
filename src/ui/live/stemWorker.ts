/**
 * Worker: synthesizes demo stems off the main thread (each takes 0.5–3 s) and hands the samples
 * back without copying. Request: `{ sampleRate, names }`; one reply per stem, `{ name, left, right }`.
 */
import { type DemoStemName, getDemoStem, isDemoStemName } from '../../nodes/source/demo';

interface StemRequest {
  sampleRate: number;
  names: string[];
}

self.onmessage = (event: MessageEvent<StemRequest>) => {
  const { sampleRate, names } = event.data;
  for (const name of names) {
    if (!isDemoStemName(name)) continue;
    const clip = getDemoStem(name as DemoStemName, sampleRate);
    // Transferred, so this worker's cached copy is detached: it is never read again here.
    (self as unknown as Worker).postMessage({ name, left: clip.left, right: clip.right }, [clip.left.buffer, clip.right.buffer]);
  }
};

/**
 * Synthesizes the demo stems the open document plays in a Worker once the page is idle, so the
 * first Play does not spend seconds rendering them on the main thread before any sound
 * (docs/performance-ui.md). If Play comes first, the stems are rendered on demand as before.
 */
import { type DemoStemName, isDemoStemName, primeDemoStem } from '../../nodes/source/demo';
import { currentGraph } from '../store/editorState';
import { LIVE_SAMPLE_RATE } from './audioSession';

const DEMO_PREFIX = 'demo:';

/** The demo stems `source` nodes of the open document refer to. */
function stemsInUse(): DemoStemName[] {
  const names = new Set<DemoStemName>();
  for (const node of currentGraph().nodes) {
    for (const value of Object.values(node.params)) {
      if (typeof value !== 'string' || !value.startsWith(DEMO_PREFIX)) continue;
      const name = value.slice(DEMO_PREFIX.length);
      if (isDemoStemName(name)) names.add(name);
    }
  }
  return [...names];
}

/** Starts the work when the page is idle (after the first paint). Safe to call once at start-up. */
export function prewarmDemoStems(): void {
  const start = () => {
    const names = stemsInUse();
    if (names.length === 0 || typeof Worker === 'undefined') return;
    const worker = new Worker(new URL('./stemWorker.ts', import.meta.url), { type: 'module' });
    let left = names.length;
    worker.onmessage = (event: MessageEvent<{ name: DemoStemName; left: Float32Array; right: Float32Array }>) => {
      const { name, left: l, right: r } = event.data;
      primeDemoStem(name, LIVE_SAMPLE_RATE, { left: l, right: r });
      if (--left === 0) worker.terminate();
    };
    worker.onerror = () => worker.terminate(); // stems are then rendered on first use
    worker.postMessage({ sampleRate: LIVE_SAMPLE_RATE, names });
  };
  if (typeof requestIdleCallback === 'function') requestIdleCallback(start, { timeout: 2000 });
  else setTimeout(start, 500);
}

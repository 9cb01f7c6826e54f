/**
 * Entry of the render's worker threads (`dist/cli/render-worker.mjs`): the part of a split render
 * (`commands/renderSplitThread.ts`) and the closing loudness meter (`commands/renderMeterThread.ts`).
 * Each of those modules serves its role when loaded in a thread created for it. A bundle of its
 * own, a quarter of the CLI's, because every thread parses and runs its bundle at start: ≈ 75 ms
 * against ≈ 125 ms with the whole CLI (docs/performance.md).
 */
import './commands/renderSplitThread';
import './commands/renderMeterThread';

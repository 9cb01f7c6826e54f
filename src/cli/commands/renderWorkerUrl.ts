/**
 * Where the render's worker threads load their code from: `render-worker.mjs` beside the CLI bundle
 * (built from src/cli/renderWorker.ts by scripts/cli-build.mjs). Under tsx (tests and benchmarks
 * importing the sources) there is no bundle: undefined, and renders stay on one thread.
 */
const here = new URL(import.meta.url);

/** The worker bundle's URL, or undefined when running unbundled. */
export const renderWorkerUrl: URL | undefined = /\.m?js$/.test(here.pathname) ? new URL('./render-worker.mjs', here) : undefined;

// Bundles the CLI (src/cli/main.ts and everything it imports, presets included) into one ES
// module, so `mixgraph` starts fast with plain Node, and the render's worker threads
// (src/cli/renderWorker.ts) into a smaller one beside it. bin/mixgraph.mjs calls this when either
// is missing or older than any source file.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const bundlePath = join(root, 'dist', 'cli', 'mixgraph.mjs');
/** The render's worker threads load this smaller bundle (src/cli/renderWorker.ts). */
export const workerBundlePath = join(root, 'dist', 'cli', 'render-worker.mjs');

export async function buildCli() {
  // The worker bundle first: bin/mixgraph.mjs takes the CLI bundle's time as the build's.
  await bundle(join(root, 'src', 'cli', 'renderWorker.ts'), workerBundlePath);
  await bundle(join(root, 'src', 'cli', 'main.ts'), bundlePath);
}

/**
 * Bundles `entry` into `outfile`, atomically: written beside it, then renamed over it, so a
 * `mixgraph` process started meanwhile (tests run several at once, and each rebuilds a stale
 * bundle) loads the old file or the new one, never half of one.
 */
async function bundle(entry, outfile) {
  const result = await build({
    entryPoints: [entry],
    outfile,
    write: false,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: false,
    logLevel: 'error',
    // tinypool starts its workers from its own files (dist/entry/worker.js): load it from node_modules.
    // The Opus decoders are imported dynamically, only for an Opus input, and carry 4 MB of
    // WebAssembly as text (ogg-opus-decoder's ML build): inlined, every `mixgraph` process and
    // each of its worker threads decoded and compiled that text at start (≈ 0.1 s of CPU each).
    // Left in node_modules (installed with the CLI), they load when an Opus file is read.
    external: ['tinypool', 'ogg-opus-decoder', 'opus-decoder'],
    // CommonJS dependencies (cli-progress) need `require` inside an ES module bundle.
    banner: { js: "import { createRequire as __mgRequire } from 'node:module'; const require = __mgRequire(import.meta.url);" },
  });
  mkdirSync(dirname(outfile), { recursive: true });
  for (const file of result.outputFiles) {
    const temporary = `${file.path}.${process.pid}.tmp`;
    writeFileSync(temporary, file.contents);
    renameSync(temporary, file.path);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildCli();
  console.log(`built ${bundlePath}`);
}

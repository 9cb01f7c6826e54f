#!/usr/bin/env node
// The `mixgraph` command. Runs the bundled CLI; rebuilds the bundle first when any source file is
// newer than it (a fresh clone, or after editing src/), so `npx mixgraph` always runs current code.
import { statSync, readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'dist', 'cli', 'mixgraph.mjs');
// The render's worker threads load this one (scripts/cli-build.mjs writes it before the CLI's).
const workerBundle = join(root, 'dist', 'cli', 'render-worker.mjs');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'ui' && entry.name !== 'live') newest = Math.max(newest, newestMtime(path));
    } else if (/\.(ts|json)$/.test(entry.name)) {
      newest = Math.max(newest, statSync(path).mtimeMs);
    }
  }
  return newest;
}

function bundleIsCurrent() {
  let built;
  try {
    built = Math.min(statSync(bundle).mtimeMs, statSync(workerBundle).mtimeMs);
  } catch {
    return false;
  }
  try {
    return built >= Math.max(newestMtime(join(root, 'src')), newestMtime(join(root, 'presets')));
  } catch {
    return true; // an installed copy without sources: the bundle is all there is
  }
}

if (!bundleIsCurrent()) {
  try {
    const { buildCli } = await import(pathToFileURL(join(root, 'scripts', 'cli-build.mjs')).href);
    await buildCli();
  } catch (error) {
    process.stderr.write(`mixgraph: could not build the CLI (${error?.message ?? error}); run npm install first\n`);
    process.exit(1);
  }
}

/**
 * The roles a render's threads serve (src/cli/commands/renderSplitThread.ts and
 * renderMeterThread.ts; test/unit/cli/earlyThreads.test.ts holds them equal).
 */
const EARLY_ROLES = ['mixgraph-render-part', 'mixgraph-loudness-meter'];

/**
 * A long `render` on two cores or more splits across a worker thread, and on three or more meters
 * in another (docs/performance.md). Each thread takes ≈ 0.1 s to start, so they are started here, before the
 * CLI bundle is parsed (≈ 70 ms on the main thread), rather than after it. The CLI adopts them
 * (src/cli/commands/renderWorkerUrl.ts) or ends them when the render stays on one thread. They do
 * not keep the process alive, and a thread that fails to start is simply not adopted.
 */
function startEarlyRenderThreads(args) {
  if (args[0] !== 'render' || process.env.MIXGRAPH_RENDER_THREADS === '1' || availableParallelism() < 2) return;
  const at = args.findIndex((a) => a === '--seconds' || a.startsWith('--seconds='));
  const given = at < 0 ? undefined : Number(args[at].includes('=') ? args[at].slice(args[at].indexOf('=') + 1) : args[at + 1]);
  // Shorter renders never split (MIN_SPLIT_SECONDS); `-h` or a typo ends before any render.
  if (given !== undefined && !(given >= 10)) return;
  if (args.includes('-h') || args.includes('--help')) return;
  const threads = {};
  for (const role of EARLY_ROLES) {
    // The meter takes a third thread only with a core for it (renderMeterThread.ts, SPLIT_METER_THREAD_CORES).
    const meter = process.env.MIXGRAPH_METER_THREAD;
    if (role === EARLY_ROLES[1] && (meter === '0' || (meter !== '1' && availableParallelism() < 3))) continue;
    try {
      const worker = new Worker(workerBundle, { workerData: { role } });
      worker.unref();
      // A thread that dies before it is adopted is replaced by a new one then: never an uncaught error.
      worker.on('error', () => undefined);
      worker.on('exit', () => {
        if (threads[role] === worker) delete threads[role];
      });
      threads[role] = worker;
    } catch {
      // No thread now (resource limits): the CLI starts one later or renders on one thread.
    }
  }
  globalThis[Symbol.for('mixgraph.earlyRenderThreads')] = threads;
}

startEarlyRenderThreads(process.argv.slice(2));
const { main } = await import(pathToFileURL(bundle).href);
process.exitCode = await main(process.argv.slice(2));

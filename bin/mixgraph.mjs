#!/usr/bin/env node
// The `mixgraph` command. Runs the bundled CLI; rebuilds the bundle first when any source file is
// newer than it (a fresh clone, or after editing src/), so `npx mixgraph` always runs current code.
import { statSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

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
const { main } = await import(pathToFileURL(bundle).href);
process.exitCode = await main(process.argv.slice(2));

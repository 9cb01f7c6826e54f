// `npm start`: installs dependencies when they are missing, builds the optimized editor when the
// build is missing or older than its sources, then serves dist/app on 127.0.0.1 with the
// Content-Security-Policy and other security headers (scripts/csp.mjs) and prints the URL.
// `npm run dev` is the development server (hot reload, no CSP).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
if (!existsSync(join(root, 'node_modules', 'vite')) || !existsSync(join(root, 'node_modules', '@xyflow', 'react'))) {
  console.log('Installing dependencies (first run)…');
  const r = spawnSync('npm', [existsSync(join(root, 'package-lock.json')) ? 'ci' : 'install', '--no-audit', '--no-fund'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

/** Newest modification time (ms) of a file or of any file under a folder. */
function newest(path) {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let latest = 0;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

const built = join(root, 'dist', 'app', 'index.html');
const inputs = ['src', 'presets', 'harness', 'index.html', 'vite.config.ts', 'scripts/csp.mjs', 'package-lock.json'];
const sources = Math.max(...inputs.map((p) => newest(join(root, p))));
const { build, preview } = await import('vite');
if (!existsSync(built) || statSync(built).mtimeMs < sources) {
  console.log('Building the editor…');
  await build({ root, logLevel: 'warn' });
}

// `vite preview` serves dist/app with the headers from vite.config.ts (`preview.headers`).
const port = Number(process.env.PORT ?? 5173);
const server = await preview({ root, preview: { host: '127.0.0.1', port, strictPort: false } });
const url = server.resolvedUrls?.local[0] ?? `http://127.0.0.1:${port}/`;
console.log(`\n  Mixgraph editor: ${url}\n  (Ctrl+C to stop)\n`);

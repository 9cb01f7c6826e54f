// `npm start`: installs dependencies when they are missing, then serves the editor on 127.0.0.1
// and prints the URL.
import { existsSync } from 'node:fs';
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

const { createServer } = await import('vite');
const port = Number(process.env.PORT ?? 5173);
const server = await createServer({ root, server: { host: '127.0.0.1', port, strictPort: false } });
await server.listen();
const url = server.resolvedUrls?.local[0] ?? `http://127.0.0.1:${port}/`;
console.log(`\n  Mixgraph editor: ${url}\n  (Ctrl+C to stop)\n`);

/**
 * The README's first quick-start command: `npm start` serves the optimized build of the editor
 * on 127.0.0.1, with its Content-Security-Policy header, and prints the URL. (The second,
 * `npm test`, is this suite.)
 */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('npm start', () => {
  it('serves the built editor on 127.0.0.1 with its security headers and prints its URL', async () => {
    const child = spawn(process.execPath, ['scripts/start.mjs'], {
      env: { ...process.env, PORT: '5391' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        const timer = setTimeout(() => reject(new Error(`no URL printed:\n${out}`)), 90_000);
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const m = /Mixgraph editor: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
          if (m) {
            clearTimeout(timer);
            resolve(m[1]);
          }
        });
        child.stderr.on('data', (chunk: Buffer) => {
          out += chunk.toString();
        });
        child.on('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${out}`)));
      });
      const page = await fetch(url);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('<div id="root">');
      // The production build: hashed bundles, not the dev server's TypeScript entry.
      const entry = /<script type="module" crossorigin src="(\/assets\/main-[\w-]+\.js)">/.exec(html);
      expect(entry, html).not.toBeNull();
      expect((await fetch(new URL(entry![1], url))).status).toBe(200);
      expect((await fetch(new URL('src/ui/main.tsx', url))).headers.get('content-type') ?? '').not.toContain('javascript');
      // The policy as a header (with frame-ancestors, which a meta tag cannot carry) and as a meta tag.
      const csp = page.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="[^"]*script-src 'self'/);
      expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    } finally {
      process.kill(-child.pid!, 'SIGTERM');
    }
  }, 120_000);
});

import { fileURLToPath } from 'node:url';
import { type Plugin, defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { cspMeta, securityHeaders } from './scripts/csp.mjs';

/**
 * Puts the Content-Security-Policy into the built editor's HTML right after the charset, before
 * any script or stylesheet (a meta policy governs only what follows it). Build only: the dev
 * server's React refresh needs an inline script.
 */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'mixgraph-csp-meta',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        const meta = `<meta http-equiv="Content-Security-Policy" content="${cspMeta()}" />`;
        const charset = /<meta charset="[^"]*"\s*\/?>/i;
        if (!charset.test(html)) throw new Error('mixgraph-csp-meta: the page has no <meta charset>, so there is nowhere to put the policy');
        return html.replace(charset, (tag) => `${tag}\n    ${meta}`);
      },
    },
  };
}

// The editor. `npm start` builds and serves it (scripts/start.mjs); `npm run dev` is the dev server;
// `npm run build` writes dist/app for the e2e tests, which `vite preview` serves with the same
// security headers as `npm start`. The second input is the live/offline parity harness page
// driven by test/e2e/parity.spec.ts.
export default defineConfig({
  plugins: [react(), contentSecurityPolicy()],
  build: {
    outDir: 'dist/app',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    rolldownOptions: {
      input: {
        main: fileURLToPath(new URL('./index.html', import.meta.url)),
        parity: fileURLToPath(new URL('./harness/parity.html', import.meta.url)),
      },
    },
  },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1', headers: securityHeaders() },
  worker: { format: 'es' },
});

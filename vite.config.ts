import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The editor. `npm start` serves it; `npm run build` writes dist/app for the e2e tests.
// The second input is the live/offline parity harness page driven by test/e2e/parity.spec.ts.
export default defineConfig({
  plugins: [react()],
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
  preview: { host: '127.0.0.1' },
  worker: { format: 'es' },
});

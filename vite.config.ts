import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The editor. `npm start` serves it; `npm run build` writes dist/app for the e2e tests.
export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist/app', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
  worker: { format: 'es' },
});

/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const api = process.env.PHANCAP_API ?? 'http://localhost:3000';

export default defineConfig({
  root,
  plugins: [react()],
  cacheDir: '../../node_modules/.vite-web',
  // ExcelJS (the .xlsx export, ~930 kB) is a chunk of its own, loaded only when an export is asked for.
  build: { outDir: '../../dist/web', emptyOutDir: true, chunkSizeWarningLimit: 1000 },
  server: {
    proxy: { '/api': api, '/health': api, '/docs': api, '/admin': api },
  },
  preview: {
    proxy: { '/api': api, '/health': api, '/docs': api, '/admin': api },
  },
  test: {
    root,
    environment: 'jsdom',
    include: ['src/**/*.test.tsx'],
    setupFiles: ['src/test-setup.ts'],
    // A form test types into many fields: on a busy 2-core CI machine that takes seconds, not a fault.
    testTimeout: 30_000,
  },
});

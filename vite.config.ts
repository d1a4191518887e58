// Build and dev-server configuration for the web app, plus Vitest's unit-test settings.
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/** Lists every built script and style in /precache.json, so that the service worker (src/sw.ts) caches
 * the chunks loaded on demand, such as the picture export, before their first use: offline, they are
 * there too. */
function precacheList(): Plugin {
  return {
    name: 'touchpoint-precache-list',
    generateBundle(_, bundle) {
      const files = Object.keys(bundle)
        .filter((file) => file.startsWith('assets/') && !file.endsWith('.map'))
        .map((file) => `/${file}`);
      this.emitFile({ type: 'asset', fileName: 'precache.json', source: JSON.stringify(files) });
    },
  };
}

/** Writes a brotli (quality 11) and a gzip (level 9) copy beside every built text file (`.br`, `.gz`),
 * so that the server sends each as the browser asks (server/http/static.ts) without compressing
 * anything per request. A copy that would not be smaller is not written; source maps are left as
 * they are (served only when SERVE_SOURCE_MAPS is set). */
function precompress(): Plugin {
  const TEXT = /\.(?:html|js|css|svg|json|txt|webmanifest)$/;
  let outDir = 'dist';
  return {
    name: 'touchpoint-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      const visit = (dir: string) => {
        for (const entry of readdirSync(dir, { withFileTypes: true })) {
          const path = join(dir, entry.name);
          if (entry.isDirectory()) {
            if (entry.name !== '.vite') visit(path);
            continue;
          }
          if (!TEXT.test(entry.name)) continue;
          const bytes = readFileSync(path);
          const br = brotliCompressSync(bytes, {
            params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
          });
          const gz = gzipSync(bytes, { level: 9 });
          if (br.length < bytes.length) writeFileSync(`${path}.br`, br);
          if (gz.length < bytes.length) writeFileSync(`${path}.gz`, gz);
        }
      };
      visit(outDir);
    },
  };
}

export default defineConfig({
  plugins: [react(), precacheList(), precompress()],
  // `vite build --mode bench` (bench/lib/browser.ts): the production app plus the benchmark routes
  // (src/app/App.tsx, `#/generate/SxLxC`); NODE_ENV stays production.
  build: {
    outDir: 'dist',
    // Produced (bench/size.ts reads them to attribute bytes) but not referenced from the scripts:
    // the server does not serve them unless SERVE_SOURCE_MAPS is set.
    sourcemap: 'hidden',
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      // The service worker is its own entry, at a fixed address (/sw.js) so it can be registered.
      input: { main: 'index.html', sw: 'src/sw.ts' },
      output: { entryFileNames: (chunk) => (chunk.name === 'sw' ? 'sw.js' : 'assets/[name]-[hash].js') },
    },
  },
  test: {
    include: ['src/**/*.test.ts', 'server/**/*.test.ts'],
    // Every English message, as the server and an app that has drawn its first screen have them.
    setupFiles: ['src/i18n/testSetup.ts'],
    environment: 'node',
    // Real servers, sockets, workers and disks: a loaded 2-core machine needs more than the 5 s default.
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Two files at a time, even on two cores (Vitest's default would be one): most of the time of the
    // server's tests is spent waiting on sockets, disks, timers and child processes.
    maxWorkers: 2,
  },
});

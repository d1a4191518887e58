// Shared by the in-browser benchmarks (bench/canvas.ts, bench/export.ts): a private production build
// of the app, the real server started in-process on a free port with a throwaway data folder,
// Debian's Chromium launched the way the e2e tests launch it (plus a callable GC and exact heap
// figures), and the probes the benchmarks install in the page. Tables, percentiles and the results
// file come from bench/lib/report.ts and bench/lib/stats.ts.
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext } from '@playwright/test';
import { build, type InlineConfig } from 'vite';
import { startServer } from '../../server/app';

export const RESULTS = 'bench/results';
/** The app, built by the benchmarks for themselves: a concurrent `vite build` into dist/ (the e2e
 * tests do that) can never swap the files under a running benchmark, and the figures are always
 * those of the source as it is now. */
export const APP_DIST = `${RESULTS}/app-dist`;
/** The window of every benchmark page (the e2e tests' size). */
export const VIEWPORT = { width: 1440, height: 900 };

export const CHROMIUM_ARGS = [
  // As playwright.config.ts launches it for the e2e tests...
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  // ...plus window.gc() and unrounded performance.memory figures, for the heap measurement.
  '--js-flags=--expose-gc',
  '--enable-precise-memory-info',
];

/** The newest modification time among the files a build reads (source, page, config, packages). */
function newestInput(): number {
  let newest = 0;
  const visit = (path: string) => {
    if (!existsSync(path)) return;
    const stat = statSync(path);
    if (stat.isDirectory()) for (const entry of readdirSync(path)) visit(join(path, entry));
    else newest = Math.max(newest, stat.mtimeMs);
  };
  ['src', 'public', 'index.html', 'vite.config.ts', 'package.json', 'package-lock.json'].forEach(visit);
  return newest;
}

/**
 * Builds the production app (the repository's vite.config.ts in mode "bench", another output
 * folder, with a manifest), unless that folder already holds a build newer than every input (the benchmarks of
 * one suite run share it).
 */
export async function buildApp(outDir = APP_DIST): Promise<string> {
  const manifest = join(outDir, '.vite/manifest.json');
  if (existsSync(manifest) && statSync(manifest).mtimeMs > newestInput()) return outDir;
  // Mode "bench": the production app plus the `#/generate/SxLxC` route the benchmarks make maps with
  // (src/app/App.tsx: about 1.5 kB more in the main chunk, the chunks otherwise the production app's).
  const config: InlineConfig = { configFile: resolve('vite.config.ts'), mode: 'bench', logLevel: 'warn', build: { outDir: resolve(outDir), emptyOutDir: true, manifest: true } };
  await build(config);
  return outDir;
}

export interface Served {
  url: string;
  close(): Promise<void>;
}

/** The real Touchpoint server (server/app.ts) on a free port, serving `distDir`, with a fresh database. */
export async function serve(distDir: string): Promise<Served> {
  const dataDir = mkdtempSync(join(tmpdir(), 'touchpoint-bench-'));
  const server = await startServer({ port: 0, host: '127.0.0.1', dataDir, distDir: resolve(distDir) });
  return {
    url: `http://127.0.0.1:${server.port}`,
    close: async () => {
      await server.shutdown();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/**
 * A browser context for `origin`: the benchmark window, a display name already chosen (as in the
 * e2e tests), the page's CSP not applied to the probes, service workers blocked (the app registers one that precaches itself, which would
 * compete with what is measured), the probes installed in every page.
 */
export async function openContext(browser: Browser, origin: string, cardSelector: string): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: VIEWPORT,
    serviceWorkers: 'block',
    // The probes are read with string expressions (page.waitForFunction('window.__bench…')), which
    // Playwright evaluates in the page: the app's Content-Security-Policy (no eval) would refuse them.
    bypassCSP: true,
    acceptDownloads: true,
    storageState: { cookies: [], origins: [{ origin, localStorage: [{ name: 'touchpoint.name', value: 'Bench' }] }] },
  });
  await context.addInitScript({ content: `window.__benchCardSelector = ${JSON.stringify(cardSelector)};\n${PROBES}` });
  return context;
}

/**
 * The probes, plain JavaScript run in the page before its own scripts (kept as source text so that
 * nothing the TypeScript loader adds to functions ends up in the page). Exposed as `window.__bench`:
 *
 * - `firstRender`: from the start of navigation (performance.now() is 0 there) to the first frame
 *   that shows the final set of cards: counted every animation frame (cards mounted, not hidden by
 *   React Flow while it measures them, inside the pane), the first frame whose non-zero count then
 *   stays the same for two more frames. `settled` is the time of the second of those frames.
 * - `armDrop(id, x, y)`: from the next pointerup (its event timestamp) to the first animation frame
 *   in which node `id` is drawn at flow position (x, y); `commit` is when the DOM got there (a
 *   MutationObserver on the node's transform).
 * - `startFrames()` / `stopFrames()`: the intervals between animation frames (their vsync
 *   timestamps) in between.
 * - `heap()`: two full garbage collections, then performance.memory.usedJSHeapSize.
 */
const PROBES = String.raw`
(() => {
  const B = (window.__bench = {});
  const selector = window.__benchCardSelector;
  // Cards drawn in the pane: mounted, not hidden by React Flow while it measures them, and at least
  // partly inside the pane (React Flow also mounts nodes off screen to measure them).
  const drawn = () => {
    const pane = document.querySelector('.react-flow');
    if (!pane) return 0;
    const p = pane.getBoundingClientRect();
    let n = 0;
    for (const el of document.querySelectorAll(selector)) {
      if (el.style.visibility === 'hidden') continue;
      const r = el.getBoundingClientRect();
      if (r.right > p.left && r.left < p.right && r.bottom > p.top && r.top < p.bottom) n++;
    }
    return n;
  };
  const translate = (el) => {
    const m = /translate\(\s*(-?[\d.]+)px\s*,\s*(-?[\d.]+)px\s*\)/.exec(el.style.transform);
    return m ? { x: Number(m[1]), y: Number(m[2]) } : null;
  };
  const node = (id) => document.querySelector('.react-flow__node[data-id="' + CSS.escape(id) + '"]');
  B.firstRender = null;
  let since = 0;
  let last = -1;
  let same = 0;
  const watch = () => {
    const now = performance.now();
    const n = drawn();
    if (n > 0 && n === last) {
      if (++same === 2) {
        B.firstRender = { ms: since, settled: now, cards: n };
        return;
      }
    } else {
      last = n;
      since = now;
      same = 0;
    }
    requestAnimationFrame(watch);
  };
  requestAnimationFrame(watch);

  B.drawn = drawn;
  B.viewport = () => {
    const pane = document.querySelector('.react-flow').getBoundingClientRect();
    const m = new DOMMatrix(getComputedStyle(document.querySelector('.react-flow__viewport')).transform);
    return { x: m.e, y: m.f, zoom: m.a, left: pane.left, top: pane.top, width: pane.width, height: pane.height };
  };
  B.nodeAt = (x, y) => {
    for (const el of document.querySelectorAll(selector)) {
      const p = translate(el);
      if (p && Math.abs(p.x - x) < 0.5 && Math.abs(p.y - y) < 0.5) return el.getAttribute('data-id');
    }
    return null;
  };
  B.position = (id) => {
    const el = node(id);
    return el && translate(el);
  };
  B.armDrop = (id, x, y) => {
    const at = () => {
      const el = node(id);
      const p = el && translate(el);
      return !!p && Math.abs(p.x - x) < 0.5 && Math.abs(p.y - y) < 0.5;
    };
    B.drop = new Promise((resolve, reject) => {
      let start = null;
      let commit = null;
      const observer = new MutationObserver(() => {
        if (start !== null && commit === null && at()) commit = performance.now() - start;
      });
      observer.observe(document.querySelector('.react-flow__nodes'), { subtree: true, childList: true, attributes: true, attributeFilter: ['style'] });
      const timeout = setTimeout(() => {
        observer.disconnect();
        reject(new Error('the dropped card never reached its cell'));
      }, 15000);
      const frame = () => {
        if (at()) {
          const ms = performance.now() - start;
          observer.disconnect();
          clearTimeout(timeout);
          resolve({ ms, commit: commit ?? ms });
        } else requestAnimationFrame(frame);
      };
      window.addEventListener('pointerup', (e) => {
        start = e.timeStamp;
        requestAnimationFrame(frame);
      }, { capture: true, once: true });
    });
    return true;
  };
  B.startFrames = () => {
    const frames = (B.frames = []);
    B.recording = true;
    let prev = null;
    const tick = (t) => {
      if (!B.recording) return;
      if (prev !== null) frames.push(t - prev);
      prev = t;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    return true;
  };
  B.stopFrames = () => {
    B.recording = false;
    return B.frames;
  };
  B.heap = () => {
    if (typeof window.gc === 'function') {
      window.gc();
      window.gc();
    }
    return performance.memory ? performance.memory.usedJSHeapSize : null;
  };
})();
`;

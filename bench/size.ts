// Benchmark: the JavaScript the browser downloads for the editor's first load, gzipped. The app is
// built with Vite (the repository's config, a manifest added); the first load is index.html's entry
// script and every chunk it imports statically (its modulepreload links; the manifest's `imports`,
// followed). Each file is gzipped with zlib (level 9, as Vite reports sizes; kB = 1,000 bytes).
// The bytes are attributed to source files and packages through the chunks' source maps: every
// generated segment counts for the source it maps to (gzip shares are estimated in proportion).
// As a check, Chromium opens a map in the built app and the JavaScript files it really requests
// are summed too (a lazy chunk that the editor loads at once would show there).
//
// Prints tables and writes bench/results/size.json. `npx tsx bench/size.ts` (`--quick` is the same:
// one build).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildApp, launch, openContext, serve } from './lib/browser';
import { goal, printTable, writeResults } from './lib/report';

const GOAL_KB = 250;
const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

const dist = await buildApp();
const read = (file: string) => readFileSync(join(dist, file));
const gz = (bytes: Buffer) => gzipSync(bytes, { level: 9 }).length;
const manifest = JSON.parse(read('.vite/manifest.json').toString()) as Record<string, ManifestChunk>;

// ---- the first load: index.html's scripts and their static imports -------------------------
const html = read('index.html').toString();
const fromHtml = [
  ...[...html.matchAll(/<script[^>]*type="module"[^>]*src="\/([^"]+)"/g)].map((m) => m[1]!),
  ...[...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="\/([^"]+)"/g)].map((m) => m[1]!),
];
const byFile = new Map(Object.entries(manifest).map(([key, chunk]) => [chunk.file, { key, chunk }]));
const initial = new Set<string>();
const follow = (file: string) => {
  if (initial.has(file)) return;
  initial.add(file);
  for (const key of byFile.get(file)?.chunk.imports ?? []) follow(manifest[key]!.file);
};
fromHtml.forEach(follow);
const lazy = [...byFile.keys()].filter((f) => f.endsWith('.js') && !initial.has(f) && f !== 'sw.js');

const files = [...initial].map((file) => {
  const bytes = read(file);
  return { file, bytes: bytes.length, gzip: gz(bytes) };
});
const total = { bytes: files.reduce((a, f) => a + f.bytes, 0), gzip: files.reduce((a, f) => a + f.gzip, 0) };
const lazyFiles = lazy.map((file) => {
  const bytes = read(file);
  return { file, bytes: bytes.length, gzip: gz(bytes) };
});

// ---- attribution through the source maps ---------------------------------------------------
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_VALUE = new Map([...B64].map((c, i) => [c, i]));

/** Decodes one line's segments: [generated column, source index?] (other fields skipped). */
function* segments(line: string, state: { source: number }): Generator<[number, number | null]> {
  let column = 0;
  for (const segment of line.split(',')) {
    if (!segment) continue;
    const fields: number[] = [];
    let value = 0;
    let shift = 0;
    for (const c of segment) {
      const digit = B64_VALUE.get(c)!;
      value += (digit & 31) << shift;
      if (digit & 32) shift += 5;
      else {
        fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
        value = 0;
        shift = 0;
      }
    }
    column += fields[0]!;
    if (fields.length >= 4) {
      state.source += fields[1]!;
      yield [column, state.source];
    } else yield [column, null];
  }
}

const NO_SOURCE = '(no source)';

/** Bytes of generated code per source file of one chunk. */
function attribute(file: string): Map<string, number> {
  const code = read(file).toString();
  const out = new Map<string, number>();
  // The bundler's own runtime chunk has no source map: all of it is "(no source)".
  if (!existsSync(join(dist, `${file}.map`))) return out.set(NO_SOURCE, code.length);
  const map = JSON.parse(read(`${file}.map`).toString()) as { sources: string[]; mappings: string };
  const add = (source: string, n: number) => out.set(source, (out.get(source) ?? 0) + n);
  const lines = code.split('\n');
  const mapped = map.mappings.split(';');
  const state = { source: 0 };
  lines.forEach((text, i) => {
    const segs = [...segments(mapped[i] ?? '', state)];
    let at = 0;
    let owner = NO_SOURCE;
    for (const [column, source] of segs) {
      if (column > at) add(owner, Buffer.byteLength(text.slice(at, column)));
      at = Math.max(at, column);
      owner = source === null ? NO_SOURCE : map.sources[source]!;
    }
    add(owner, Buffer.byteLength(text.slice(at)) + 1); // and the line's newline
  });
  return out;
}

const clean = (source: string) => source.replace(/^(\.\.\/)+/, '').replace(/^\/work\/main\//, '');
const packageOf = (source: string) => {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source);
  if (m) return m[1]!;
  if (source.startsWith('src/')) return `src/${source.split('/')[1]}`;
  return source;
};
const modules = new Map<string, { bytes: number; gzip: number }>();
for (const f of files) {
  const shares = attribute(f.file);
  const ratio = f.gzip / f.bytes;
  for (const [source, bytes] of shares) {
    const key = clean(source);
    const m = modules.get(key) ?? { bytes: 0, gzip: 0 };
    m.bytes += bytes;
    m.gzip += bytes * ratio;
    modules.set(key, m);
  }
}
const attributed = [...modules.values()].reduce((a, m) => a + m.bytes, 0);
if (Math.abs(attributed - total.bytes) > 16) throw new Error(`source maps attribute ${attributed} bytes of ${total.bytes}`);
const packages = new Map<string, { bytes: number; gzip: number; modules: number }>();
for (const [source, m] of modules) {
  const key = packageOf(source);
  const p = packages.get(key) ?? { bytes: 0, gzip: 0, modules: 0 };
  p.bytes += m.bytes;
  p.gzip += m.gzip;
  p.modules++;
  packages.set(key, p);
}
const top = <T extends { gzip: number }>(m: Map<string, T>, n: number) => [...m].sort((a, b) => b[1].gzip - a[1].gzip).slice(0, n);

// ---- the words loaded on demand stay out of the first screen --------------------------------
// enLater.ts's messages load with the panels and exports that use them (src/i18n/later.ts). A key
// of it written in first-load code (a literal, or a template's prefix such as `status.${s}`) would
// show as the bare key: the benchmark fails on one.
const laterKeys = [...readFileSync('src/i18n/enLater.ts', 'utf8').matchAll(/^ {2}'([^']+)': /gm)].map((m) => m[1]!);
const firstLoadSources = [...initial]
  .filter((f) => existsSync(join(dist, `${f}.map`)))
  .flatMap((f) => {
    const map = JSON.parse(read(`${f}.map`).toString()) as { sources: string[]; sourcesContent?: (string | null)[] };
    return map.sources.map((source, i) => [source, map.sourcesContent?.[i] ?? ''] as const);
  })
  .filter(([source]) => !source.includes('node_modules') && !/i18n\/(en|enLater|ro|it)\.ts$/.test(source));
const literals = new Set<string>();
const prefixes = new Set<string>();
for (const [, text] of firstLoadSources) {
  for (const m of text.matchAll(/['"]([\w.-]+)['"]/g)) literals.add(m[1]!);
  for (const m of text.matchAll(/`([\w.-]+\.)\$\{/g)) prefixes.add(m[1]!);
}
const misplaced = laterKeys.filter((key) => literals.has(key) || [...prefixes].some((prefix) => key.startsWith(prefix)));
console.log(`Words loaded on demand: ${laterKeys.length} messages, ${misplaced.length} of them used by the first load${misplaced.length ? `: ${misplaced.join(', ')}` : ''}`);

// ---- what Chromium really requests when it opens a map ---------------------------------------
const app = await serve(dist);
const browser = await launch();
const requested = new Set<string>();
try {
  const context = await openContext(browser, app.url, '.react-flow__node-card');
  const page = await context.newPage();
  await page.goto(`${app.url}/#/generate/4x4x2`);
  await page.waitForURL(/#\/map\//);
  await page.waitForFunction('window.__bench.firstRender', null, { timeout: 60_000 });
  // A fresh load of the map, as someone opening it would: the JavaScript it asks for.
  const fresh = await context.newPage();
  fresh.on('request', (r) => {
    const path = new URL(r.url()).pathname.slice(1);
    if (path.endsWith('.js')) requested.add(path);
  });
  await fresh.goto(page.url());
  await fresh.waitForFunction('window.__bench.firstRender', null, { timeout: 60_000 });
  await fresh.waitForTimeout(500);
} finally {
  await browser.close().catch(() => undefined);
  await app.close();
}
const requestedGzip = [...requested].reduce((a, f) => a + gz(read(f)), 0);

printTable(
  "The editor's first load: index.html's entry and its static imports",
  ['file', 'minified', 'gzip'],
  [...files.map((f) => [f.file, kB(f.bytes), kB(f.gzip)]), ['total', kB(total.bytes), kB(total.gzip)]],
);
printTable('Loaded later, on demand (dynamic import)', ['file', 'minified', 'gzip'], lazyFiles.map((f) => [f.file, kB(f.bytes), kB(f.gzip)]));
printTable('First load by package (gzip estimated in proportion to minified bytes)', ['package or folder', 'modules', 'minified', '≈ gzip', 'share'], top(packages, 15).map(([k, p]) => [k, p.modules, kB(p.bytes), kB(p.gzip), `${((100 * p.gzip) / total.gzip).toFixed(1)}%`]));
printTable('Largest modules of the first load', ['module', 'minified', '≈ gzip'], top(modules, 15).map(([k, m]) => [k, kB(m.bytes), kB(m.gzip)]));
console.log(`\nChromium opening a map requested ${requested.size} JavaScript file(s): ${[...requested].join(', ')} = ${kB(requestedGzip)} gzipped`);
const firstLoad = Math.max(total.gzip, requestedGzip);
console.log(`Goal: the editor's first load <= ${GOAL_KB} kB gzipped: ${kB(firstLoad)}, ${goal(firstLoad <= GOAL_KB * 1000)}`);
if (misplaced.length) process.exitCode = 1;

const round = (m: Map<string, { bytes: number; gzip: number }>, n: number) => top(m, n).map(([name, v]) => ({ name, bytes: v.bytes, gzip: Math.round(v.gzip) }));
console.log(
  `\nwrote ${writeResults('size', {
    gzipLevel: 9,
    firstLoad: { files, total, requestedByChromium: { files: [...requested], gzip: requestedGzip } },
    lazy: lazyFiles,
    packages: round(packages, 30),
    modules: round(modules, 40),
    goalKB: GOAL_KB,
    met: firstLoad <= GOAL_KB * 1000,
  })}`,
);

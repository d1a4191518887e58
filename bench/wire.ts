// Benchmark: the app on the wire, from the real server (server/http/static.ts: the .br and .gz copies
// the build writes beside each file, chosen by Accept-Encoding), with its baselines in the same run.
//
// 1. First-load bytes: the files Chromium fetches when it opens a map (the page, its scripts and
//    styles; found through the DevTools protocol), and the bytes of their bodies on the wire as
//    Chromium received them from our server, against gzip -9 of the same files (goal: within 5%).
//    Also the other ways the same files could go out: as they are (the server before: no
//    compression), brotli 11 and gzip -6 (on the fly), and what Chromium got from each server below.
// 2. Cold load over a slow link: Chromium throttled to 10 Mbit/s each way and 40 ms latency
//    (Network.emulateNetworkConditions), its HTTP cache cleared and disabled, opens a 1,000-card map
//    (20 x 10 x 5, made in that origin's IndexedDB by the `#/generate` route of the bench build) and
//    the time is navigation start -> the first frame showing the final cards (bench/lib/browser.ts
//    firstRender). The same app from: our server (Chromium's own Accept-Encoding, and once told to
//    accept gzip only, as a client without brotli); a gzip proxy written here (node http
//    + zlib gzip level 6 on the fly in front of our server, asking it for the files as they are:
//    what a reverse proxy with `gzip on` does); and the same proxy passing the files uncompressed
//    (the server before this change). Loads alternate between them; medians. Goal: ours within 5% of
//    the gzip proxy.
//
// Prints tables and writes bench/results/wire.json. `npx tsx bench/wire.ts` (`--quick`: 3 loads each).
import { readFileSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { brotliCompressSync, constants, createGzip, gzipSync } from 'node:zlib';
import type { BrowserContext, CDPSession, Page } from '@playwright/test';
import { buildApp, launch, openContext, serve } from './lib/browser';
import { goal, printTable, quick, writeResults } from './lib/report';
import { median } from './lib/stats';

const LOADS = quick ? 2 : 15;
const SIZE: [number, number, number] = [20, 10, 5]; // 1,000 cards
const LINK = { latency: 40, bitsPerSecond: 10_000_000 };
const GOAL = 1.05;
const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const ms = (x: number) => `${x.toFixed(0)} ms`;

// ---- the baseline: a gzip proxy in front of our server -------------------------------------------

const COMPRESSIBLE = /^(text\/|application\/(javascript|json|xml)|image\/svg\+xml)/;

/**
 * A reverse proxy to `upstream` that asks it for every file as it is (no Accept-Encoding) and, when
 * `gzip` is set and the client accepts gzip, compresses text on the fly with zlib at level 6 (what
 * nginx's `gzip on` or a typical compression middleware does), chunked. Sockets (the sync endpoint)
 * are passed through untouched.
 */
function proxy(upstream: URL, gzip: boolean): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const headers = { ...req.headers, host: upstream.host };
    delete headers['accept-encoding'];
    const up = request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers }, (answer: IncomingMessage) => {
      const out = { ...answer.headers };
      const compress = gzip && COMPRESSIBLE.test(String(answer.headers['content-type'] ?? '')) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
      if (compress) {
        delete out['content-length'];
        out['content-encoding'] = 'gzip';
        out.vary = 'Accept-Encoding';
        res.writeHead(answer.statusCode ?? 502, out);
        answer.pipe(createGzip({ level: 6 })).pipe(res);
      } else {
        res.writeHead(answer.statusCode ?? 502, out);
        answer.pipe(res);
      }
    });
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  server.on('upgrade', (req, socket, head) => {
    const up = connect(Number(upstream.port), upstream.hostname, () => {
      const lines = [`${req.method} ${req.url} HTTP/1.1`, ...Object.entries(req.headers).map(([k, v]) => `${k}: ${k === 'host' ? upstream.host : String(v)}`), '', ''];
      up.write(lines.join('\r\n'));
      up.write(head);
      up.pipe(socket).pipe(up);
    });
    up.on('error', () => socket.destroy());
    socket.on('error', () => up.destroy());
  });
  return new Promise((done) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      done({
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((closed) => {
            server.closeAllConnections();
            server.close(() => closed());
          }),
      });
    }),
  );
}

// ---- what Chromium fetches -----------------------------------------------------------------------

interface Fetched {
  url: string;
  type: string;
  status: number;
  encoding: string;
  /** Bytes of the body on the wire (as sent: compressed or not). */
  body: number;
  /** Bytes of the response headers. */
  headers: number;
  /** Bytes after decoding. */
  decoded: number;
}

/** Records every response a page gets through the DevTools protocol (sizes as on the wire). */
function recordNetwork(cdp: CDPSession): { done(): Promise<Fetched[]>; acceptEncoding: () => string } {
  const open = new Map<string, Partial<Fetched> & { pending?: boolean }>();
  const finished: Fetched[] = [];
  let acceptEncoding = '';
  let waiting = 0;
  let idle: (() => void) | null = null;
  cdp.on('Network.requestWillBeSentExtraInfo', (e) => {
    const ae = Object.entries(e.headers).find(([k]) => k.toLowerCase() === 'accept-encoding');
    if (ae) acceptEncoding = String(ae[1]);
  });
  cdp.on('Network.responseReceived', (e) => {
    const h = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
    open.set(e.requestId, { url: e.response.url, type: e.type, status: e.response.status, encoding: h['content-encoding'] ?? 'identity', headers: e.response.encodedDataLength, decoded: 0, pending: true });
    waiting++;
  });
  cdp.on('Network.dataReceived', (e) => {
    const r = open.get(e.requestId);
    if (r) r.decoded! += e.dataLength;
  });
  const settle = (id: string, total: number | null) => {
    const r = open.get(id);
    if (!r?.pending) return;
    r.pending = false;
    if (total !== null) finished.push({ ...(r as Fetched), body: total - r.headers! });
    if (--waiting === 0) idle?.();
  };
  cdp.on('Network.loadingFinished', (e) => settle(e.requestId, e.encodedDataLength));
  cdp.on('Network.loadingFailed', (e) => settle(e.requestId, null));
  return {
    acceptEncoding: () => acceptEncoding,
    done: () => (waiting === 0 ? Promise.resolve(finished) : new Promise<Fetched[]>((resolve) => (idle = () => resolve(finished)))),
  };
}

const firstRender = (page: Page) => page.waitForFunction('window.__bench.firstRender', null, { timeout: 120_000, polling: 50 }).then(() => page.evaluate('window.__bench.firstRender.ms') as Promise<number>);

/** Makes the 1,000-card map in this origin's IndexedDB; the address that opens it. */
async function generate(context: BrowserContext, base: string): Promise<string> {
  const page = await context.newPage();
  await page.goto(`${base}/#/generate/${SIZE.join('x')}`);
  await page.waitForURL(/#\/map\//, { timeout: 120_000 });
  await firstRender(page);
  const url = page.url();
  await page.close();
  return url;
}

/** One cold load of `url` over the emulated link: the first complete render and what went over the wire. */
/** The moment the page and every script and style it loaded had arrived (ms from navigation start). */
const DOWNLOADED = `Math.max(performance.getEntriesByType('navigation')[0].responseEnd, ...performance.getEntriesByType('resource').filter((e) => e.initiatorType === 'script' || e.initiatorType === 'link' || e.initiatorType === 'other').map((e) => e.responseEnd))`;

async function coldLoad(context: BrowserContext, url: string, encodings?: string): Promise<{ ms: number; downloaded: number; fetched: Fetched[]; acceptEncoding: string }> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  if (encodings) await cdp.send('Network.setExtraHTTPHeaders', { headers: { 'Accept-Encoding': encodings } });
  await cdp.send('Network.clearBrowserCache');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const bytesPerSecond = LINK.bitsPerSecond / 8;
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: LINK.latency, downloadThroughput: bytesPerSecond, uploadThroughput: bytesPerSecond });
  const network = recordNetwork(cdp);
  await page.goto(url);
  const time = await firstRender(page);
  const downloaded = (await page.evaluate(DOWNLOADED)) as number;
  const fetched = await network.done();
  const acceptEncoding = network.acceptEncoding();
  await page.close();
  return { ms: time, downloaded, fetched, acceptEncoding };
}

// ---- the run -------------------------------------------------------------------------------------

const dist = await buildApp();
const ours = await serve(dist);
const gzipProxy = await proxy(new URL(ours.url), true);
const plainProxy = await proxy(new URL(ours.url), false);
const variants = [
  { name: 'ours (precompressed)', url: ours.url, encodings: undefined },
  // As a browser or a proxy that takes no brotli gets it: the gzip -9 copies.
  { name: 'ours, gzip only', url: ours.url, encodings: 'gzip' },
  { name: 'gzip proxy (level 6, on the fly)', url: gzipProxy.url, encodings: undefined },
  { name: 'no compression (before)', url: plainProxy.url, encodings: undefined },
] as const;
type Variant = (typeof variants)[number]['name'];

const browser = await launch();
const chromium = browser.version();
const times = new Map<Variant, number[]>(variants.map((v) => [v.name, []]));
const downloads = new Map<Variant, number[]>(variants.map((v) => [v.name, []]));
const wire = new Map<Variant, Fetched[]>();
let acceptEncoding = '';
try {
  const contexts = await Promise.all(variants.map((v) => openContext(browser, v.url, '.react-flow__node-card')));
  const maps = [];
  for (const [i, v] of variants.entries()) maps.push(await generate(contexts[i]!, v.url));
  // A first load each, not counted (the machine warms up: the server's files read, Chromium's processes started).
  for (const [i, v] of variants.entries()) await coldLoad(contexts[i]!, maps[i]!, v.encodings);
  for (let n = 0; n < LOADS; n++) {
    // Each round in another order, so that none is always first after a pause.
    for (let k = 0; k < variants.length; k++) {
      const i = (n + k) % variants.length;
      const v = variants[i]!;
      const load = await coldLoad(contexts[i]!, maps[i]!, v.encodings);
      times.get(v.name)!.push(load.ms);
      downloads.get(v.name)!.push(load.downloaded);
      if (n === 0) wire.set(v.name, load.fetched);
      if (!v.encodings) acceptEncoding ||= load.acceptEncoding;
    }
  }
  for (const c of contexts) await c.close();
} finally {
  await browser.close().catch(() => undefined);
  await gzipProxy.close();
  await plainProxy.close();
  await ours.close();
}

// ---- first-load bytes ----------------------------------------------------------------------------

const APP_TYPES = new Set(['Document', 'Script', 'Stylesheet']);
const appFiles = (fetched: Fetched[]) => fetched.filter((f) => APP_TYPES.has(f.type) && f.status === 200);
const fileOf = (url: string) => {
  const path = new URL(url).pathname;
  return path === '/' ? 'index.html' : path.slice(1);
};
const oursFetched = appFiles(wire.get('ours (precompressed)') ?? []);
const files = oursFetched.map((f) => {
  const bytes = readFileSync(join(dist, fileOf(f.url)));
  const gz9 = gzipSync(bytes, { level: 9 }).length;
  const gz6 = gzipSync(bytes, { level: 6 }).length;
  const br = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }).length;
  return { file: fileOf(f.url), encoding: f.encoding, received: f.body, headers: f.headers, identity: bytes.length, gzip9: gz9, gzip6: gz6, brotli11: br };
});
const sum = (key: 'received' | 'headers' | 'identity' | 'gzip9' | 'gzip6' | 'brotli11') => files.reduce((a, f) => a + f[key], 0);
const total = { received: sum('received'), headers: sum('headers'), identity: sum('identity'), gzip9: sum('gzip9'), gzip6: sum('gzip6'), brotli11: sum('brotli11') };
const wireOf = (name: Variant) => appFiles(wire.get(name) ?? []).reduce((a, f) => a + f.body, 0);
const bytesRatio = total.received / total.gzip9;

printTable(
  `First load: the files Chromium fetched opening a map from our server (it sent Accept-Encoding: ${acceptEncoding || '?'})`,
  ['file', 'sent as', 'on the wire', 'as is', 'gzip -9', 'brotli 11', 'gzip -6'],
  [...files.map((f) => [f.file, f.encoding, kB(f.received), kB(f.identity), kB(f.gzip9), kB(f.brotli11), kB(f.gzip6)]), ['total', '', kB(total.received), kB(total.identity), kB(total.gzip9), kB(total.brotli11), kB(total.gzip6)]],
);
printTable(
  'First-load bodies on the wire, as Chromium received them (throttled cold load)',
  ['served by', 'sent as', 'app files', 'vs gzip -9 of the same files'],
  variants.map((v) => [v.name, [...new Set(appFiles(wire.get(v.name) ?? []).map((f) => f.encoding))].join(', '), kB(wireOf(v.name)), `${(wireOf(v.name) / total.gzip9).toFixed(3)}x`]),
);
console.log(`Goal: first-load bytes from our server within 5% of gzip -9: ${(bytesRatio).toFixed(3)}x, ${goal(bytesRatio <= GOAL)}`);

// ---- cold load -----------------------------------------------------------------------------------

const medians = new Map(variants.map((v) => [v.name, median(times.get(v.name)!)]));
const downloadMedians = new Map(variants.map((v) => [v.name, median(downloads.get(v.name)!)]));
const baseline = medians.get('gzip proxy (level 6, on the fly)')!;
const downloadBaseline = downloadMedians.get('gzip proxy (level 6, on the fly)')!;
printTable(
  `Cold load of a ${SIZE[0] * SIZE[1] * SIZE[2]}-card map at ${LINK.bitsPerSecond / 1e6} Mbit/s, ${LINK.latency} ms (navigation -> cards drawn, and -> page, scripts and styles arrived; medians of ${LOADS})`,
  ['served by', 'cards drawn', 'vs gzip proxy', 'app arrived', 'vs gzip proxy', 'cards drawn, each load'],
  variants.map((v) => [
    v.name,
    ms(medians.get(v.name)!),
    `${(medians.get(v.name)! / baseline).toFixed(2)}x`,
    ms(downloadMedians.get(v.name)!),
    `${(downloadMedians.get(v.name)! / downloadBaseline).toFixed(2)}x`,
    times.get(v.name)!.map((t) => t.toFixed(0)).join(' '),
  ]),
);
const loadRatio = medians.get('ours (precompressed)')! / baseline;
const gzipOnlyRatio = medians.get('ours, gzip only')! / baseline;
console.log(`Goal: cold load from our server within 5% of the gzip proxy: ${loadRatio.toFixed(2)}x (gzip only: ${gzipOnlyRatio.toFixed(2)}x), ${goal(loadRatio <= GOAL && gzipOnlyRatio <= GOAL)}`);

console.log(
  `\nwrote ${writeResults('wire', {
    chromium,
    acceptEncoding,
    link: LINK,
    firstLoad: { files, total, ratioToGzip9: bytesRatio, byVariant: Object.fromEntries(variants.map((v) => [v.name, wireOf(v.name)])) },
    coldLoad: { cards: SIZE[0] * SIZE[1] * SIZE[2], loads: LOADS, ms: Object.fromEntries(times), median: Object.fromEntries(medians), appArrivedMs: Object.fromEntries(downloads), appArrivedMedian: Object.fromEntries(downloadMedians), ratioToGzipProxy: loadRatio, gzipOnlyRatioToGzipProxy: gzipOnlyRatio },
    goal: { ratio: GOAL, bytesMet: bytesRatio <= GOAL, loadMet: loadRatio <= GOAL && gzipOnlyRatio <= GOAL },
  })}`,
);

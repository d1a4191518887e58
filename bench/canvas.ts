// Benchmark: the editor's canvas in Chromium against bare React Flow, both measured in the same run
// with the same procedure. The production build is served by the real server; maps are made by the
// `#/generate/SxLxC` route. The baseline (bench/bare) shows as many default nodes as the map has
// cards, card-sized and laid out on the same grid, in a pane of the same size, with the editor's
// ReactFlow settings. For each size:
//
// - first render: navigation start to the first frame showing the final set of cards (see
//   bench/lib/browser.ts: the drawn-card count then unchanged for two more frames); the editor
//   reopens the stored map (IndexedDB -> Yjs -> store -> React Flow), median of several page loads;
// - drop: a card dragged with the mouse to the next stage; from the pointerup to the first frame in
//   which it is drawn in its new cell (editor: moveCards -> Yjs -> store -> layout; bare: the node
//   takes its slot, the cells' other nodes make room or close up), median of several drags;
// - pan and zoom: wheel (pan) and ctrl+wheel (zoom out to ~0.2 and back) gestures, one event every
//   16 ms; the intervals between animation frames during them: p50, p95, longest, and the share of
//   late frames (> 20 ms);
// - raster: one more pan traced over CDP (Tracing): the summed duration of the compositor's raster
//   tasks and of the main thread's paint, the work a pan costs beyond its frame times;
// - heap: performance.memory.usedJSHeapSize after two forced GCs, the map open and idle.
//
// Prints tables with editor / bare ratios and writes bench/results/canvas.json.
// `npx tsx bench/canvas.ts` (or `--quick`: 100 and 500 cards, fewer repetitions, no goal; `--dist=<dir>`
// measures another build of the app, `--name=<name>` names the results file, `--only=1000` one size).
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import react from '@vitejs/plugin-react';
import { build } from 'vite';
import type { BrowserContext, Page } from '@playwright/test';
import { CARD_H, CARD_W, CELL_PAD, STAGE_W } from '../src/journey/layout';
import { RESULTS, buildApp, launch, openContext, serve } from './lib/browser';
import { goal, printTable, quick, writeResults } from './lib/report';
import { median, percentile } from './lib/stats';

const ALL_SIZES: [number, number, number][] = quick
  ? [
      // A check that it runs (the test command's); the goal is judged at 1,000 cards in a full run.
      [10, 5, 2], // 100 cards
      [10, 10, 5], // 500
    ]
  : [
      [10, 5, 2], // 100
      [10, 10, 5], // 500
      [20, 10, 5], // 1,000
      [20, 10, 10], // 2,000
    ];
// `--only=<cards>`: that size alone, with the full run's repetitions (a before/after of one build).
const only = Number(process.argv.find((a) => a.startsWith('--only='))?.slice(7) ?? 0);
const SIZES = only ? ALL_SIZES.filter(([s, l, c]) => s * l * c === only) : ALL_SIZES;
if (only && !SIZES.length) throw new Error(`--only=${only}: no such size (${ALL_SIZES.map(([s, l, c]) => s * l * c).join(', ')})`);
const OPENS = quick ? 1 : 7;
const DROPS = quick ? 2 : 16;
const GESTURES = quick ? 1 : 5;
const GOAL = { cards: 1000, ratio: 1.5 };

const EDITOR_CARD = '.react-flow__node-card';
const BARE_CARD = '.react-flow__node-default';

interface FirstRender {
  ms: number;
  settled: number;
  cards: number;
}
interface Viewport {
  x: number;
  y: number;
  zoom: number;
  left: number;
  top: number;
  width: number;
  height: number;
}
interface Frames {
  p50: number;
  p95: number;
  max: number;
  frames: number;
  /** Share of the intervals longer than one frame (> 20 ms): frames missed. */
  late: number;
}
interface Surface {
  firstRenderMs: number;
  settledMs: number;
  cardsDrawn: number;
  dropMs: number;
  dropCommitMs: number;
  pan: Frames;
  zoom: Frames;
  /** One traced pan: ms of raster work (software raster: the e2e flags include --disable-gpu) and of paint. */
  raster: RasterCost;
  heapMB: number;
}
interface RasterCost {
  rasterMs: number;
  paintMs: number;
}

async function buildBare(): Promise<string> {
  const outDir = `${RESULTS}/bare-dist`;
  await build({ root: resolve('bench/bare'), configFile: false, logLevel: 'warn', plugins: [react()], build: { outDir: resolve(outDir), emptyOutDir: true } });
  return outDir;
}

const bench = <T>(page: Page, expression: string) => page.evaluate(`window.__bench.${expression}`) as Promise<T>;

/** Opens `url` in a new page and waits for its first complete render. */
async function open(context: BrowserContext, url: string): Promise<{ page: Page; render: FirstRender }> {
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction('window.__bench.firstRender', null, { timeout: 120_000, polling: 50 });
  return { page, render: await bench<FirstRender>(page, 'firstRender') };
}

/** The editor makes the map (generate route), then it is stored: its address. */
async function generate(context: BrowserContext, base: string, [s, l, c]: [number, number, number]): Promise<{ url: string; ms: number }> {
  const page = await context.newPage();
  await page.goto(`${base}/#/generate/${s}x${l}x${c}`);
  await page.waitForURL(/#\/map\//, { timeout: 120_000 });
  await page.waitForFunction('window.__bench.firstRender', null, { timeout: 120_000, polling: 50 });
  const { ms } = await bench<FirstRender>(page, 'firstRender');
  const url = page.url();
  await page.close();
  return { url, ms };
}

/** The i-th drop: the first card of the first cell to the next stage (i even) or back (i odd);
 * pointerup to drawn in its new cell. */
async function drop(page: Page, i: number): Promise<{ ms: number; commit: number }> {
  const from = i % 2;
  const to = 1 - from;
  const id = await bench<string | null>(page, `nodeAt(${from * STAGE_W + CELL_PAD}, ${CELL_PAD})`);
  if (!id) throw new Error('no card at the first slot');
  const vp = await bench<Viewport>(page, 'viewport()');
  const x0 = vp.left + vp.x + (from * STAGE_W + CELL_PAD + CARD_W / 2) * vp.zoom;
  const y0 = vp.top + vp.y + (CELL_PAD + CARD_H / 2) * vp.zoom;
  // 30 map units past the slot, so the drop position is not already the committed one.
  const dx = ((to - from) * STAGE_W + 30) * vp.zoom;
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  await page.mouse.move(x0 + dx, y0, { steps: 10 });
  await sleep(100);
  await bench(page, `armDrop(${JSON.stringify(id)}, ${to * STAGE_W + CELL_PAD}, ${CELL_PAD})`);
  await page.mouse.up();
  const result = await bench<{ ms: number; commit: number }>(page, 'drop');
  await sleep(400); // idle again (the editor saves to IndexedDB after a change)
  return result;
}

/** Wheel events at one per 16 ms (ctrl held: pinch zoom), the frame intervals meanwhile. */
async function gesture(page: Page, steps: [number, number][], zoom: boolean): Promise<number[]> {
  const vp = await bench<Viewport>(page, 'viewport()');
  await page.mouse.move(vp.left + vp.width / 2, vp.top + vp.height / 2);
  await sleep(200);
  if (zoom) await page.keyboard.down('Control');
  await bench(page, 'startFrames()');
  const t0 = performance.now();
  for (let i = 0; i < steps.length; i++) {
    const wait = t0 + i * 16 - performance.now();
    if (wait > 0) await sleep(wait);
    await page.mouse.wheel(steps[i]![0], steps[i]![1]);
  }
  await sleep(250); // the frames the last events cause
  const frames = await bench<number[]>(page, 'stopFrames()');
  if (zoom) await page.keyboard.up('Control');
  await sleep(300);
  return frames;
}

interface TraceEvent {
  name: string;
  ph: string;
  dur?: number;
}

/** The raster cost of one pan (the PAN gesture), from a Chromium trace over CDP: the summed duration
 * of the raster tasks (tiles drawn in software by the compositor's workers) and of the main thread's
 * paint (recording the display lists). Frame times can match bare React Flow's on an idle machine
 * while this work, which competes for the same two cores, does not. */
async function tracedPan(page: Page): Promise<RasterCost> {
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline,cc', transferMode: 'ReportEvents' });
  await gesture(page, PAN, false);
  const complete = new Promise((done) => cdp.once('Tracing.tracingComplete', done));
  await cdp.send('Tracing.end');
  await complete;
  await cdp.detach();
  const total = (name: string) => events.filter((e) => e.ph === 'X' && e.name === name).reduce((sum, e) => sum + (e.dur ?? 0), 0) / 1000;
  return { rasterMs: total('RasterTask'), paintMs: total('Paint') };
}

const repeat = <T>(n: number, value: T): T[] => Array.from({ length: n }, () => value);
// Pan: right and down (new cards come into view), then back. Zoom: out to about 0.2, then back in.
const PAN: [number, number][] = [...repeat(40, [80, 50] as [number, number]), ...repeat(40, [-80, -50] as [number, number])];
const ZOOM: [number, number][] = [...repeat(20, [0, 50] as [number, number]), ...repeat(20, [0, -50] as [number, number])];

const stats = (frames: number[]): Frames => ({ p50: percentile(frames, 50), p95: percentile(frames, 95), max: Math.max(...frames), frames: frames.length, late: frames.filter((f) => f > 20).length / frames.length });

// `--dist=<dir>`: measure that build of the app instead (e.g. one made before a change, for a
// before/after comparison); `--name=<name>`: the results file's name.
const option = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const distDir = option('dist') ?? (await buildApp());
const bareDir = await buildBare();
const app = await serve(distDir);
const bare = await serve(bareDir);
const browser = await launch();
const chromiumVersion = browser.version();

interface Row {
  cards: number;
  size: string;
  generateMs: number;
  editor: Surface;
  bare: Surface;
}
const rows: Row[] = [];
try {
  for (const size of SIZES) {
    const cards = size[0] * size[1] * size[2];
    const editorContext = await openContext(browser, app.url, EDITOR_CARD);
    const bareContext = await openContext(browser, bare.url, BARE_CARD);
    const made = await generate(editorContext, app.url, size);
    // The pane the editor gives its canvas (window minus toolbar, header): the bare page gets the same.
    const probe = await open(editorContext, made.url);
    const pane = await bench<Viewport>(probe.page, 'viewport()');
    await probe.page.close();
    const bareUrl = `${bare.url}/?s=${size[0]}&l=${size[1]}&c=${size[2]}&w=${Math.round(pane.width)}&h=${Math.round(pane.height)}`;

    // Every measurement alternates between the two pages, so that a busy moment of the machine
    // (other processes) hits both alike.
    type Name = 'editor' | 'bare';
    const both = [['editor', editorContext, made.url], ['bare', bareContext, bareUrl]] as const;
    const renders: Record<Name, FirstRender[]> = { editor: [], bare: [] };
    const pages = {} as Record<Name, Page>;
    for (let i = 0; i < OPENS; i++) {
      for (const [name, context, url] of both) {
        const { page, render } = await open(context, url);
        renders[name].push(render);
        if (i === OPENS - 1) pages[name] = page;
        else await page.close();
      }
    }
    await sleep(500);
    const heap = { editor: await bench<number | null>(pages.editor, 'heap()'), bare: await bench<number | null>(pages.bare, 'heap()') };
    const drops: Record<Name, { ms: number; commit: number }[]> = { editor: [], bare: [] };
    for (let i = 0; i < DROPS; i++) for (const [name] of both) drops[name].push(await drop(pages[name], i));
    const pans: Record<Name, number[]> = { editor: [], bare: [] };
    const zooms: Record<Name, number[]> = { editor: [], bare: [] };
    for (let i = 0; i < GESTURES; i++) {
      for (const [name] of both) pans[name].push(...(await gesture(pages[name], PAN, false)));
      for (const [name] of both) zooms[name].push(...(await gesture(pages[name], ZOOM, true)));
    }
    const raster = {} as Record<Name, RasterCost>;
    for (const [name] of both) raster[name] = await tracedPan(pages[name]);
    const surface = (name: Name): Surface => ({
      firstRenderMs: median(renders[name].map((x) => x.ms)),
      settledMs: median(renders[name].map((x) => x.settled)),
      cardsDrawn: renders[name][renders[name].length - 1]!.cards,
      dropMs: median(drops[name].map((d) => d.ms)),
      dropCommitMs: median(drops[name].map((d) => d.commit)),
      pan: stats(pans[name]),
      zoom: stats(zooms[name]),
      raster: raster[name],
      heapMB: (heap[name] ?? NaN) / 2 ** 20,
    });
    const editor = surface('editor');
    const baseline = surface('bare');
    await editorContext.close();
    await bareContext.close();
    rows.push({ cards, size: size.join('x'), generateMs: made.ms, editor, bare: baseline });
    console.log(`${cards} cards measured`);
  }
} finally {
  await browser.close().catch(() => undefined);
  await app.close();
  await bare.close();
}

const ms = (x: number) => `${x.toFixed(x < 10 ? 1 : 0)} ms`;
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}x`;
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const frames = (f: Frames) => `${f.p50.toFixed(1)} / ${f.p95.toFixed(1)} / ${f.max.toFixed(0)}`;
printTable(
  'First complete render (navigation start -> final cards drawn; median)',
  ['cards', 'drawn', 'editor', 'bare', 'editor/bare', 'editor via #/generate'],
  rows.map((r) => [r.cards, `${r.editor.cardsDrawn}/${r.bare.cardsDrawn}`, ms(r.editor.firstRenderMs), ms(r.bare.firstRenderMs), ratio(r.editor.firstRenderMs, r.bare.firstRenderMs), ms(r.generateMs)]),
);
printTable(
  'Drop -> card drawn in its new cell (pointerup -> frame; median)',
  ['cards', 'editor', 'bare', 'editor/bare', 'editor DOM commit', 'bare DOM commit'],
  rows.map((r) => [r.cards, ms(r.editor.dropMs), ms(r.bare.dropMs), ratio(r.editor.dropMs, r.bare.dropMs), ms(r.editor.dropCommitMs), ms(r.bare.dropCommitMs)]),
);
for (const kind of ['pan', 'zoom'] as const) {
  printTable(
    `Frame intervals while ${kind === 'pan' ? 'panning (wheel)' : 'zooming (ctrl+wheel)'}, ms: p50 / p95 / longest`,
    ['cards', 'editor', 'bare', 'p95 editor/bare', 'longest editor/bare', 'late frames editor / bare'],
    rows.map((r) => [r.cards, frames(r.editor[kind]), frames(r.bare[kind]), ratio(r.editor[kind].p95, r.bare[kind].p95), ratio(r.editor[kind].max, r.bare[kind].max), `${pct(r.editor[kind].late)} / ${pct(r.bare[kind].late)}`]),
  );
}
printTable(
  'Raster and paint work during one traced pan (Chromium trace: RasterTask, Paint), ms',
  ['cards', 'editor raster', 'bare raster', 'raster editor/bare', 'editor paint', 'bare paint'],
  rows.map((r) => [r.cards, ms(r.editor.raster.rasterMs), ms(r.bare.raster.rasterMs), ratio(r.editor.raster.rasterMs, r.bare.raster.rasterMs), ms(r.editor.raster.paintMs), ms(r.bare.raster.paintMs)]),
);
printTable(
  'JS heap after GC, map open and idle',
  ['cards', 'editor', 'bare', 'editor/bare'],
  rows.map((r) => [r.cards, `${r.editor.heapMB.toFixed(1)} MB`, `${r.bare.heapMB.toFixed(1)} MB`, ratio(r.editor.heapMB, r.bare.heapMB)]),
);

const goalRow = rows.find((r) => r.cards === GOAL.cards);
if (goalRow) {
  const checks: [string, number][] = [
    ['first render', goalRow.editor.firstRenderMs / goalRow.bare.firstRenderMs],
    ['drop', goalRow.editor.dropMs / goalRow.bare.dropMs],
    ['pan p95', goalRow.editor.pan.p95 / goalRow.bare.pan.p95],
    ['zoom p95', goalRow.editor.zoom.p95 / goalRow.bare.zoom.p95],
    ['heap', goalRow.editor.heapMB / goalRow.bare.heapMB],
  ];
  console.log(`\nGoal: at ${GOAL.cards.toLocaleString('en')} cards within ${GOAL.ratio}x of bare React Flow`);
  for (const [name, r] of checks) console.log(`  ${name.padEnd(13)} ${r.toFixed(2)}x  ${goal(r <= GOAL.ratio)}`);
}
console.log(`\nwrote ${writeResults(option('name') ?? 'canvas', { chromium: chromiumVersion, app: distDir, viewport: '1440x900', opens: OPENS, drops: DROPS, gestures: GESTURES, rows })}`);

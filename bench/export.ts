// Benchmark: exporting a big map through the UI, in Chromium on the production build (served by the
// real server), for maps of 1,000 and 2,000 cards made by the `#/generate/SxLxC` route. Export menu
// -> "Picture (PNG) 1x", and -> "Map file (JSON)":
//
// - export: from the menu item's click event to the moment the app hands the file to the browser
//   (its download link clicked), measured in the page; `to download` adds Playwright's download
//   event, as seen from the test process;
// - the first export of a page is reported apart (the picture code is loaded on first use), the
//   others are the median of the repetitions;
// - floors, measured in the same page: for JSON, JSON.stringify of the very file the app saved
//   (parsed back), with the same indentation, into a Blob: the least any JSON export does; for PNG,
//   encoding the very pixels the app saved (the downloaded PNG decoded onto a canvas of its size)
//   with canvas.toBlob('image/png'): the least any PNG export does after drawing.
//
// - layers: a 1,000-card map on the server with survey figures on its 100 touchpoints and 20 stages
//   (two quarters), departments and open loops (made from a map file "with survey figures"), its
//   PNG 1x exported with the survey layer, the department lens and the open-loop marks on, against
//   the same PNG with no layer, alternately in the same page: p50 and p99 of each.
//
// Prints a table and writes bench/results/export.json. `npx tsx bench/export.ts` (or `--quick`:
// 1,000 cards, one warm repetition).
import type { Download, Page } from '@playwright/test';
import { buildApp, launch, openContext, serve } from './lib/browser';
import { printTable, quick, writeResults } from './lib/report';
import { median, summarize, type Summary } from './lib/stats';
import { generateJourney } from '../src/journey/generate';
import { toExportFile } from '../src/journey/exchange';
import { surveyOfMap } from '../src/journey/surveyFile';
import { figureKey, stageTarget, touchpointTarget, type MapFigure } from '../src/journey/voc/onMap';
import type { Card, Journey } from '../src/journey/types';

// A quick run checks that it works on 100 cards; the figures come from full runs.
const SIZES: [number, number, number][] = quick ? [[10, 5, 2]] : [[20, 10, 5], [20, 10, 10]];
const WARM = quick ? 1 : 3;
const FLOOR_RUNS = quick ? 1 : 5;
const ITEMS = { png: 'Picture (PNG) 1x', json: 'Map file (JSON)' } as const;
type Kind = keyof typeof ITEMS;

/** In the page: when a menu item was clicked, when a download link was clicked (downloadBlob). */
const HOOKS = String.raw`
(() => {
  const marks = (window.__exportMarks = { clicks: [], downloads: [] });
  document.addEventListener('click', (e) => {
    if (e.target instanceof Element && e.target.closest('[role="menuitem"]')) marks.clicks.push(e.timeStamp);
  }, true);
  const click = HTMLAnchorElement.prototype.click;
  HTMLAnchorElement.prototype.click = function () {
    if (this.hasAttribute('download')) marks.downloads.push(performance.now());
    return click.call(this);
  };
})();
`;

/** In the page: the JSON floor, `runs` times (ms each). */
const JSON_FLOOR = String.raw`(async ({ text, runs }) => {
  const file = JSON.parse(text);
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const blob = new Blob([JSON.stringify(file, null, 2)], { type: 'application/json' });
    times.push(performance.now() - t0);
    if (!blob.size) throw new Error('empty');
  }
  return times;
})`;

/** In the page: the PNG floor, `runs` times (ms each): the same pixels encoded again. */
const PNG_FLOOR = String.raw`(async ({ base64, runs }) => {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
  const canvas = document.createElement('canvas');
  canvas.width = bitmap.width;
  canvas.height = bitmap.height;
  canvas.getContext('2d').drawImage(bitmap, 0, 0);
  bitmap.close();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
    times.push(performance.now() - t0);
    if (!blob) throw new Error('no PNG');
  }
  canvas.width = canvas.height = 0;
  return times;
})`;

interface Run {
  ms: number;
  toDownloadMs: number;
  bytes: Buffer;
}

async function body(download: Download): Promise<Buffer> {
  const failure = await download.failure();
  if (failure) throw new Error(`download failed: ${failure}`);
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** One export through the menu. */
async function exportOnce(page: Page, kind: Kind): Promise<Run> {
  await page.evaluate('window.__exportMarks.clicks = []; window.__exportMarks.downloads = []');
  await page.getByRole('toolbar', { name: 'Map tools' }).getByRole('button', { name: 'Export', exact: true }).click();
  const item = page.getByRole('menu', { name: 'Export and print' }).getByRole('menuitem', { name: ITEMS[kind], exact: true });
  await item.waitFor();
  const downloaded = page.waitForEvent('download', { timeout: 300_000 });
  const t0 = performance.now();
  await item.click();
  const download = await downloaded;
  const toDownloadMs = performance.now() - t0;
  const marks = (await page.evaluate('window.__exportMarks')) as { clicks: number[]; downloads: number[] };
  if (marks.clicks.length !== 1 || marks.downloads.length !== 1) throw new Error(`unexpected marks ${JSON.stringify(marks)}`);
  const bytes = await body(download);
  // The picture export is one job at a time: wait until the menu can be used again.
  await page.getByRole('toolbar', { name: 'Map tools' }).getByRole('button', { name: 'Export', exact: true }).and(page.locator(':enabled')).waitFor();
  await page.waitForTimeout(300);
  return { ms: marks.downloads[0]! - marks.clicks[0]!, toDownloadMs, bytes };
}

const pngSize = (png: Buffer) => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) });

const LAYER_RUNS = quick ? 1 : 30;
const DEPARTMENTS = ['Marketing', 'Sales', 'Operations', 'IT', 'Customer Service', 'Product'];

/** 1,000 cards with what the layers draw: departments, owners, open loops of every age, moments of truth, survey figures. */
function layeredMap(): { journey: Journey; figures: Map<string, MapFigure> } {
  // 1,000 cards; 100 in a quick run (a check that it runs, not a measurement).
  const base = quick ? generateJourney(10, 5, 2) : generateJourney(20, 10, 5);
  const now = Date.now();
  const cards = new Map<string, Card>();
  const figures = new Map<string, MapFigure>();
  let i = 0;
  for (const card of base.cards.values()) {
    const department = DEPARTMENTS[i % DEPARTMENTS.length]!;
    i++;
    if (card.kind === 'touchpoint') {
      cards.set(card.id, { ...card, department: i % 11 === 0 ? '' : department, momentOfTruth: i % 7 === 0 });
      for (const [quarter, n] of [['2026-Q1', 20 + (i % 60)], ['2026-Q2', 5 + (i % 90)]] as const) {
        figures.set(figureKey(touchpointTarget(card.id), 'NPS', quarter), { value: ((i * 37) % 200) - 100, n });
        if (i % 3 === 0) figures.set(figureKey(touchpointTarget(card.id), 'CSAT', quarter), { value: (i * 13) % 100, n: n + 10 });
      }
    } else if (card.kind === 'gap' || card.kind === 'opportunity') {
      cards.set(card.id, { ...card, owner: i % 5 === 0 ? '' : department, statusChangedAt: now - (i % 200) * 86_400_000, status: i % 4 === 0 ? 'inProgress' : 'open' });
    } else cards.set(card.id, card);
  }
  for (const stage of base.stages.values()) figures.set(figureKey(stageTarget(stage.id), 'CES', '2026-Q2'), { value: 4.5, n: 120 });
  return { journey: { ...base, cards }, figures };
}

/** Sets the Export menu's layer checkboxes: all on, or all off. */
async function setLayers(page: Page, on: boolean): Promise<void> {
  const button = page.getByRole('toolbar', { name: 'Map tools' }).getByRole('button', { name: 'Export', exact: true });
  await button.click();
  const group = page.getByRole('menu', { name: 'Export and print' }).getByRole('group', { name: 'Layers on pictures and print' });
  for (const box of await group.getByRole('checkbox').all()) await box.setChecked(on);
  await button.click();
}

const distDir = await buildApp();
const app = await serve(distDir);
const browser = await launch();
const chromium = browser.version();

interface Row {
  cards: number;
  kind: Kind;
  coldMs: number;
  warmMs: number;
  toDownloadMs: number;
  floorMs: number;
  fileBytes: number;
  picture?: { width: number; height: number };
}
const rows: Row[] = [];
try {
  for (const [s, l, c] of SIZES) {
    const cards = s * l * c;
    const context = await openContext(browser, app.url, '.react-flow__node-card');
    await context.addInitScript({ content: HOOKS });
    const page = await context.newPage();
    await page.goto(`${app.url}/#/generate/${s}x${l}x${c}`);
    await page.waitForURL(/#\/map\//, { timeout: 120_000 });
    await page.waitForFunction('window.__bench.firstRender', null, { timeout: 120_000, polling: 50 });
    for (const kind of ['png', 'json'] as const) {
      const runs: Run[] = [];
      for (let i = 0; i <= WARM; i++) runs.push(await exportOnce(page, kind));
      const last = runs[runs.length - 1]!.bytes;
      const floor =
        kind === 'json'
          ? await page.evaluate<number[]>(`${JSON_FLOOR}(${JSON.stringify({ text: last.toString('utf8'), runs: FLOOR_RUNS })})`)
          : await page.evaluate<number[]>(`${PNG_FLOOR}(${JSON.stringify({ base64: last.toString('base64'), runs: FLOOR_RUNS })})`);
      const warm = runs.slice(1);
      rows.push({
        cards,
        kind,
        coldMs: runs[0]!.ms,
        warmMs: median(warm.map((r) => r.ms)),
        toDownloadMs: median(warm.map((r) => r.toDownloadMs)),
        floorMs: median(floor),
        fileBytes: last.length,
        ...(kind === 'png' ? { picture: pngSize(last) } : {}),
      });
      console.log(`${cards} cards: ${kind} measured`);
    }
    await context.close();
  }
} finally {
  await browser.close().catch(() => undefined);
}

// ---- layers: the same 1,000-card map's PNG (100 cards in a quick run) with every layer and with none, alternately ----
let layered: { cards: number; without: Summary; with: Summary; bytes: { without: number; with: number }; picture: { width: number; height: number } } | null = null;
{
  const { journey, figures } = layeredMap();
  const file = toExportFile(journey, new Date(), [], surveyOfMap(journey, { figures, verbatims: new Map() }));
  const created = (await (await fetch(`${app.url}/api/maps`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ file }) })).json()) as { id: string; editKey: string };
  const browser2 = await launch();
  try {
    const context = await openContext(browser2, app.url, '.react-flow__node-card');
    await context.addInitScript({ content: HOOKS });
    const page = await context.newPage();
    await page.goto(`${app.url}/#/map/${created.id}?key=${created.editKey}`);
    await page.waitForFunction('window.__bench.firstRender', null, { timeout: 120_000, polling: 50 });
    await page.locator('.voc-badge').first().waitFor({ timeout: 60_000 });
    const times = { with: [] as number[], without: [] as number[] };
    const last: Record<'with' | 'without', Buffer> = { with: Buffer.alloc(0), without: Buffer.alloc(0) };
    // One of each first, unmeasured (the picture code loads on first use).
    for (let run = -1; run < LAYER_RUNS; run++) {
      for (const on of run % 2 === 0 ? [true, false] : [false, true]) {
        await setLayers(page, on);
        const r = await exportOnce(page, 'png');
        if (run < 0) continue;
        times[on ? 'with' : 'without'].push(r.ms);
        last[on ? 'with' : 'without'] = r.bytes;
      }
    }
    layered = { cards: journey.cards.size, without: summarize(times.without), with: summarize(times.with), bytes: { without: last.without.length, with: last.with.length }, picture: pngSize(last.with) };
    console.log(`${journey.cards.size} cards: png with and without layers measured`);
    await context.close();
  } finally {
    await browser2.close().catch(() => undefined);
    await app.close();
  }
}

const ms = (x: number) => `${x.toFixed(x < 10 ? 1 : 0)} ms`;
printTable(
  `Export through the menu (click -> file handed to the browser; warm: median of ${WARM})`,
  ['cards', 'export', 'file', 'first (cold)', 'warm', 'to download event', 'floor', 'warm/floor'],
  rows.map((r) => [
    r.cards,
    r.kind === 'png' ? 'PNG 1x' : 'JSON',
    r.picture ? `${r.picture.width}x${r.picture.height}, ${(r.fileBytes / 2 ** 20).toFixed(1)} MiB` : `${(r.fileBytes / 2 ** 20).toFixed(2)} MiB`,
    ms(r.coldMs),
    ms(r.warmMs),
    ms(r.toDownloadMs),
    ms(r.floorMs),
    `${(r.warmMs / r.floorMs).toFixed(1)}x`,
  ]),
);
console.log('\nFloors: JSON.stringify(file, null, 2) into a Blob (JSON); canvas.toBlob of the same pixels (PNG).');
if (layered) {
  const l = layered;
  printTable(
    `PNG 1x of a ${l.cards.toLocaleString('en')}-card map with survey figures (${l.picture.width}x${l.picture.height}): every layer on against none, ${LAYER_RUNS} of each, alternately`,
    ['layers', 'p50', 'p99', 'file', 'p50 / none'],
    [
      ['none', ms(l.without.p50), ms(l.without.p99), `${(l.bytes.without / 2 ** 20).toFixed(1)} MiB`, '1.00x'],
      ['survey + lens + loops', ms(l.with.p50), ms(l.with.p99), `${(l.bytes.with / 2 ** 20).toFixed(1)} MiB`, `${(l.with.p50 / l.without.p50).toFixed(2)}x`],
    ],
  );
}
console.log(`\nwrote ${writeResults('export', { chromium, warmRuns: WARM, floorRuns: FLOOR_RUNS, rows, layers: layered })}`);

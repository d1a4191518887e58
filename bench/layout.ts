// Benchmark: the pure path from a journey to React Flow nodes (layout + memoised selectors), for
// maps of growing size, against a baseline measured in the same run: sorting the same cards by
// order key, the least any layout must do. Prints a table and writes bench/results/layout.json.
// `npm run bench` (or `-- --quick` for a short run).
import { mkdirSync, writeFileSync } from 'node:fs';
import { generateJourney } from '../src/journey/generate';
import { layoutJourney } from '../src/journey/layout';
import { byIndex } from '../src/journey/order';
import { createGridSelector, createNodesSelector, EMPTY_SESSION } from '../src/store';
import type { Journey } from '../src/journey/types';

const quick = process.argv.includes('--quick');
const SIZES: [number, number, number][] = [
  [10, 5, 2], // 100 cards
  [20, 10, 5], // 1,000
  [20, 10, 10], // 2,000
  [50, 10, 10], // 5,000
];

function median(fn: () => void, runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

function oneCardEdited(journey: Journey, i: number): Journey {
  const id = [...journey.cards.keys()][i % journey.cards.size]!;
  const cards = new Map(journey.cards);
  cards.set(id, { ...journey.cards.get(id)!, text: `edit ${i}` });
  return { ...journey, cards };
}

const runs = quick ? 5 : 40;
const rows = SIZES.map(([s, l, c]) => {
  const journey = generateJourney(s, l, c);
  const cards = [...journey.cards.values()];
  const baseline = median(() => [...cards].sort(byIndex), runs);
  const layout = median(() => layoutJourney(journey), runs);
  const full = median(() => {
    const grid = createGridSelector();
    createNodesSelector()(journey, grid(journey), EMPTY_SESSION);
  }, runs);
  const grid = createGridSelector();
  const select = createNodesSelector();
  select(journey, grid(journey), EMPTY_SESSION);
  let n = 0;
  const edit = median(() => {
    const next = oneCardEdited(journey, n++);
    select(next, grid(next), EMPTY_SESSION);
  }, runs);
  return { cards: cards.length, baselineMs: baseline, layoutMs: layout, allNodesMs: full, afterOneEditMs: edit, editVsBaseline: edit / baseline };
});

const fmt = (x: number) => x.toFixed(2).padStart(8);
console.log('cards   | sort (baseline) | layout  | all nodes | after 1 edit | edit / baseline');
for (const r of rows) console.log(`${String(r.cards).padEnd(7)} | ${fmt(r.baselineMs)} ms     | ${fmt(r.layoutMs)} | ${fmt(r.allNodesMs)}  | ${fmt(r.afterOneEditMs)}     | ${r.editVsBaseline.toFixed(1)}x`);
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/layout.json', JSON.stringify({ date: new Date().toISOString(), node: process.version, quick, rows }, null, 2));

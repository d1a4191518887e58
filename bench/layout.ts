// Benchmark: the pure path from a journey to React Flow nodes (layout + memoised selectors), for
// maps of growing size, against a baseline measured in the same run: sorting the same cards by
// order key, the least any layout must do. Prints a table and writes bench/results/layout.json.
// `npm run bench` (or `-- --quick` for a short run).
import { generateJourney } from '../src/journey/generate';
import { layoutJourney } from '../src/journey/layout';
import { byIndex } from '../src/journey/order';
import { createGridSelector, createNodesSelector, EMPTY_SESSION } from '../src/store';
import type { Journey } from '../src/journey/types';
import { printTable, quick, ratio, writeResults } from './lib/report';
import { medianTime as median } from './lib/stats';

const SIZES: [number, number, number][] = [
  [10, 5, 2], // 100 cards
  [20, 10, 5], // 1,000
  [20, 10, 10], // 2,000
  [50, 10, 10], // 5,000
];

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

const fmt = (x: number) => x.toFixed(2);
printTable(
  `Journey → nodes, median ms of ${runs} runs`,
  ['cards', 'sort (baseline)', 'layout', 'all nodes', 'after 1 edit', 'edit / baseline'],
  rows.map((r) => [r.cards, fmt(r.baselineMs), fmt(r.layoutMs), fmt(r.allNodesMs), fmt(r.afterOneEditMs), ratio(r.editVsBaseline)]),
);
console.log(`wrote ${writeResults('layout', { rows })}`);

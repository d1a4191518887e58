// Benchmark: comparing two versions of a map card by card (src/journey/compare.ts), against the
// time to read both versions from their stored state (Y.Doc → journey, as opening a version does),
// the work a comparison needs before it can start. Maps of 100 to 5,000 cards; the later version has
// a tenth of its cards changed, a twentieth moved, some added and removed.
// Prints a table and writes bench/results/compare.json. `npm run bench` (or `-- --quick`).
import * as Y from 'yjs';
import { readJourney } from '../src/doc/bindDoc';
import { writeJourney } from '../src/doc/commands';
import { compareJourneys } from '../src/journey/compare';
import { generateJourney } from '../src/journey/generate';
import type { Card, Journey } from '../src/journey/types';
import { goal, ms, printTable, quick, ratio, writeResults } from './lib/report';
import { summarize } from './lib/stats';

const SIZES: [number, number, number][] = quick
  ? [
      [10, 5, 2],
      [20, 10, 5],
    ]
  : [
      [10, 5, 2], // 100 cards
      [20, 10, 5], // 1,000
      [50, 10, 10], // 5,000
    ];

/** The later version: every 10th card's text changed, every 20th moved to the next stage, 1% removed, 1% added. */
function laterVersion(j: Journey): Journey {
  const stages = [...j.stages.keys()];
  const cards = new Map<string, Card>();
  [...j.cards.values()].forEach((c, i) => {
    if (i % 100 === 7) return;
    if (i % 10 === 0) cards.set(c.id, { ...c, text: `${c.text} (revised)` });
    else if (i % 20 === 5) cards.set(c.id, { ...c, stageId: stages[(stages.indexOf(c.stageId) + 1) % stages.length]! });
    else cards.set(c.id, c);
    if (i % 100 === 3) cards.set(`${c.id}-new`, { ...c, id: `${c.id}-new`, text: 'added' });
  });
  return { ...j, cards };
}

const stateOf = (j: Journey) => {
  const doc = new Y.Doc();
  writeJourney(doc, j, 'bench');
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
};

const readState = (state: Uint8Array) => {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const j = readJourney(doc);
  doc.destroy();
  return j;
};

const runs = quick ? 7 : 60;
const results = SIZES.map(([s, l, c]) => {
  const before = generateJourney(s, l, c);
  const after = laterVersion(before);
  const [a, b] = [stateOf(before), stateOf(after)];
  const read: number[] = [];
  const compare: number[] = [];
  let counts = { added: 0, removed: 0, changed: 0, moved: 0 };
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    const x = readState(a);
    const y = readState(b);
    read.push(performance.now() - t);
    t = performance.now();
    counts = compareJourneys(x, y).counts;
    compare.push(performance.now() - t);
  }
  return { cards: before.cards.size, read: summarize(read), compare: summarize(compare), counts };
});

printTable(
  'Comparing two versions, against reading both (ms)',
  ['cards', 'read both p50 / p99', 'compare p50 / p99', 'compare / read (p50)', 'added / removed / changed / moved'],
  results.map((r) => [r.cards, `${ms(r.read.p50)} / ${ms(r.read.p99)}`, `${ms(r.compare.p50)} / ${ms(r.compare.p99)}`, ratio(r.compare.p50 / r.read.p50), `${r.counts.added} / ${r.counts.removed} / ${r.counts.changed} / ${r.counts.moved}`]),
);
const at1000 = results.find((r) => r.cards === 1000)!;
console.log(`Goal: comparing two 1,000-card versions takes at most a quarter of reading them: ${ratio(at1000.compare.p50 / at1000.read.p50)}, ${goal(at1000.compare.p50 <= at1000.read.p50 / 4)}`);
writeResults('compare', { runs, results });

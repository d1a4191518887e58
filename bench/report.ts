// Benchmark: making the quarterly report (issue 14) for a map with 50,000 survey answers, against the
// same map with 500 (the baseline), in the same run. What a user waits for after "Quarterly report":
//  1. the server choosing the quotes from every answer of the quarter in a real SQLite store
//     (server/http/quotes.ts `quotesAnswer`, what GET /api/maps/:id/quotes runs: the quarter's
//     commented answers by their index, ranked per touchpoint on each metric's own scale);
//  2. the report itself, HTML and Markdown (src/export/quarterlyReport.ts: the model, the map's
//     picture with its survey layer, the emotional curve, the trends), with a fixed-width text
//     measure standing in for the browser's canvas.
// The map is the "Current-state journey" template; the answers are spread over two quarters, six
// touchpoints and three metrics, three in four with a comment.
// Prints a table and writes bench/results/report.json. `npm run bench -- report` (or `-- --quick report`).
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import * as Y from 'yjs';
import { quotesAnswer } from '../server/http/quotes';
import { openSqliteStore } from '../server/store/sqlite';
import { writeJourney } from '../src/doc/commands';
import { loadAllLocales, translate, type MessageKey, type Params } from '../src/i18n/catalogue';
import { instantiateTemplate } from '../src/journey/templates';
import type { TouchpointCard } from '../src/journey/types';
import { chooseVerbatims, mapFigures } from '../src/journey/voc/onMap';
import type { SurveyResponse } from '../src/journey/voc/scores';
import { quarterlyReport } from '../src/export/quarterlyReport';
import { goal, ms, num, printTable, quick, ratio, writeResults } from './lib/report';
import { createMapIn, tempDir } from './lib/servers';
import { summarize, type Summary } from './lib/stats';

const SIZES = [500, 50_000];
const RUNS = quick ? 5 : 60;
const QUARTER = '2026-Q2';
const GOAL_MS = 1000;

await loadAllLocales();
const t = (key: MessageKey, params?: Params) => translate('en', key, params);
/** 0.55 em a character: Node has no canvas; the browser's canvas measure is cached per text as this is. */
const measure = (text: string, font: string) => text.length * Number(/(\d+(?:\.\d+)?)px/.exec(font)?.[1] ?? 12) * 0.55;

const journey = instantiateTemplate('currentJourney', (k) => translate('en', k), 'en', Date.UTC(2026, 0, 5));
const touchpoints = [...journey.cards.values()].filter((c): c is TouchpointCard => c.kind === 'touchpoint');
const doc = new Y.Doc();
writeJourney(doc, journey, 'bench');
const state = Y.encodeStateAsUpdate(doc);

/** `count` answers over 2026-Q1 and 2026-Q2, deterministic. */
function answers(count: number): SurveyResponse[] {
  let seed = 42;
  const random = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;
  const comments = ['Waited far too long', 'The advisor knew every plan', 'Too many documents', 'Quick and easy', 'Nobody told me the date', 'The app crashed twice'];
  return Array.from({ length: count }, (_, i) => {
    const tp = touchpoints[i % touchpoints.length]!;
    const metric = (['NPS', 'CES', 'CSAT'] as const)[Math.floor(i / touchpoints.length) % 3]!;
    const [min, max] = metric === 'NPS' ? [0, 10] : metric === 'CES' ? [1, 7] : [1, 5];
    const month = 1 + Math.floor(random() * 6);
    const date = `2026-${String(month).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
    const comment = random() < 0.75 ? `${comments[i % comments.length]} (#${i})` : '';
    return { line: i + 2, date, touchpointId: tp.id, stageId: tp.stageId, metric, score: min + Math.floor(random() * (max - min + 1)), comment, segment: i % 4 ? '' : 'Prepaid' };
  });
}

interface Row {
  answers: number;
  commented: number;
  quotes: Summary;
  report: Summary;
  total: Summary;
  /** The process's CPU time for the whole (steady when other work shares the cores, where the wall clock is not). */
  cpu: Summary;
  htmlBytes: number;
  markdownBytes: number;
}

const dir = tempDir('touchpoint-bench-report-');
const store = openSqliteStore(join(dir, 'touchpoint.sqlite'));
const rows: Row[] = [];
try {
  // Both maps first; then each run makes both reports, baseline and large in turn, so both share the
  // warm-up and whatever else the machine is doing at that moment.
  const maps = [];
  for (const size of SIZES) {
    const responses = answers(size);
    const map = await createMapIn(store, state);
    await store.addResponses(map.id, responses);
    // What the map document holds (its figures and a few verbatims), as the import leaves it.
    const figures = mapFigures(responses);
    const verbatims = new Map(chooseVerbatims(responses).map((v) => [v.id, v]));
    maps.push({ size, id: map.id, figures, verbatims, quotes: [] as number[], report: [] as number[], total: [] as number[], cpu: [] as number[], commented: 0, last: { html: '', markdown: '' } });
  }
  const query = new URLSearchParams({ quarter: QUARTER, per: '3' });
  // The first three warm the code and SQLite's page cache.
  for (let i = 0; i < RUNS + 3; i++)
    for (const m of maps) {
      globalThis.gc?.();
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      const quotes = await quotesAnswer(store, m.id, query);
      const t1 = performance.now();
      m.last = quarterlyReport({ journey, figures: m.figures, verbatims: m.verbatims, quarter: QUARTER, labels: t, now: new Date(Date.UTC(2026, 6, 15)), measure, locale: 'en', quotes });
      const t2 = performance.now();
      const cpu = process.cpuUsage(cpu0);
      m.commented = quotes.answers;
      if (i < 3) continue;
      m.quotes.push(t1 - t0);
      m.report.push(t2 - t1);
      m.total.push(t2 - t0);
      m.cpu.push((cpu.user + cpu.system) / 1000);
    }
  for (const m of maps)
    rows.push({ answers: m.size, commented: m.commented, quotes: summarize(m.quotes), report: summarize(m.report), total: summarize(m.total), cpu: summarize(m.cpu), htmlBytes: Buffer.byteLength(m.last.html), markdownBytes: Buffer.byteLength(m.last.markdown) });
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}

const [base, big] = rows as [Row, Row];
const two = (s: Summary) => `${ms(s.p50)} / ${ms(s.p99)}`;
printTable(
  `The quarterly report for ${QUARTER}: quotes chosen on the server from every answer, then the HTML and Markdown (p50 / p99 of ${RUNS}, ms); baseline: 500 answers`,
  ['answers', 'commented in the quarter', 'quotes (server, SQLite)', 'report (HTML + Markdown)', 'total', 'total / baseline (p50)', 'CPU time', 'HTML'],
  rows.map((r) => [num(r.answers), num(r.commented), two(r.quotes), two(r.report), two(r.total), ratio(r.total.p50 / base.total.p50), two(r.cpu), `${num(r.htmlBytes / 1024)} KiB`]),
);
const met = big.total.p99 < GOAL_MS;
console.log(`\nGoal: the report for 50,000 answers in under ${GOAL_MS} ms (p99): ${goal(met)} (${ms(big.total.p99)} ms).`);
console.log(`Written: ${writeResults('report', { quarter: QUARTER, runs: RUNS, goalMs: GOAL_MS, goalMet: met, rows })}`);

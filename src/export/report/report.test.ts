// The quarterly report's pages as a reader gets them: the trend of each figure (a sparkline with its
// words, and as text in Markdown), the pictures of the map and of the emotional curve, the words in
// every page's margins, and loops described as they stood at the quarter's end, never with a day
// after it.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAllLocales, translate, type Locale, type MessageKey } from '../../i18n/catalogue';
import type { Card, Emotion, GapCard, Journey, Lane, LaneKind, OpportunityCard, Persona, Stage, TouchpointCard } from '../../journey/types';
import { figureKey, stageTarget, touchpointTarget, type MapFigure } from '../../journey/voc/onMap';
import type { VocMetric } from '../../journey/voc/scores';
import { quarterlyReport, type QuarterlyReportInput } from '../quarterlyReport';
import { cssString } from './escape';
import { pageContent } from './html';
import { loopsAt } from './loopsAt';
import { landscapeFits, scopeStyle, stageParts } from './pictures';
import { sparkline, trendOf, trendQuarters, trendText, trendWords } from './trend';

const english = (key: MessageKey, params?: Record<string, string | number>) => translate('en', key, params);
const at = (y: number, month: number, d: number, h = 12) => new Date(y, month - 1, d, h).getTime();
const measure = (text: string, font: string) => text.length * Number(/(\d+(?:\.\d+)?)px/.exec(font)?.[1] ?? 12) * 0.55;

const stage = (id: string, name: string, index: string): Stage => ({ id, name, goal: '', index });
const lane = (id: string, kind: LaneKind, index: string): Lane => ({ id, name: '', kind, index, collapsed: false });
const persona = (id: string, name: string, index: string): Persona => ({ id, name, picture: '', goals: '', needs: '', frustrations: '', index });
const touchpoint = (id: string, stageId: string, text: string, extra: Partial<TouchpointCard> = {}): TouchpointCard => ({
  id,
  kind: 'touchpoint',
  stageId,
  laneId: 'l-tp',
  index: 'a0',
  text,
  channel: 'web',
  department: 'Sales',
  momentOfTruth: false,
  ...extra,
});
const gap = (id: string, stageId: string, text: string, extra: Partial<GapCard> = {}): GapCard => ({
  id,
  kind: 'gap',
  stageId,
  laneId: 'l-gap',
  index: 'a0',
  text,
  severity: 3,
  expectation: '',
  owner: 'Sales',
  status: 'open',
  statusChangedAt: at(2026, 1, 10),
  statusChangedBy: '',
  ...extra,
});
const opportunity = (id: string, stageId: string, text: string, extra: Partial<OpportunityCard> = {}): OpportunityCard => ({
  id,
  kind: 'opportunity',
  stageId,
  laneId: 'l-opp',
  index: 'a0',
  text,
  priority: 'medium',
  owner: 'Sales',
  status: 'open',
  statusChangedAt: at(2026, 1, 10),
  statusChangedBy: '',
  ...extra,
});

function journeyOf(cards: Card[], stages: Stage[], extra: Partial<Journey> = {}): Journey {
  return {
    meta: { schemaVersion: 2, title: 'Switching operator', scenario: '', variant: 'current', locale: 'en', createdAt: 0 },
    personas: new Map(),
    stages: new Map(stages.map((s) => [s.id, s])),
    lanes: new Map([lane('l-tp', 'touchpoints', 'a0'), lane('l-emo', 'emotions', 'a1'), lane('l-gap', 'painPoints', 'a2'), lane('l-opp', 'opportunities', 'a3')].map((l) => [l.id, l])),
    cards: new Map(cards.map((c) => [c.id, c])),
    links: new Map(),
    emotions: new Map(),
    unreadable: [],
    ...extra,
  };
}

const STAGES = [stage('s1', 'Awareness', 'a0'), stage('s2', 'Purchase', 'a1'), stage('s3', 'Support', 'a2')];
const fig = (value: number | null, n: number): MapFigure => ({ value, n });
const figures = (entries: [string, VocMetric, string, MapFigure][]) => new Map(entries.map(([t, m, q, f]) => [figureKey(t, m, q), f]));

const input = (over: Partial<QuarterlyReportInput> = {}): QuarterlyReportInput => ({
  journey: journeyOf([touchpoint('tp', 's2', 'Store visit', { momentOfTruth: true })], STAGES),
  figures: figures([
    [touchpointTarget('tp'), 'NPS', '2025-Q3', fig(4, 40)],
    [touchpointTarget('tp'), 'NPS', '2026-Q1', fig(8, 44)],
    [touchpointTarget('tp'), 'NPS', '2026-Q2', fig(12, 45)],
    [stageTarget('s2'), 'NPS', '2026-Q2', fig(12, 45)],
  ]),
  verbatims: new Map(),
  quarter: '2026-Q2',
  labels: english,
  now: new Date(at(2026, 7, 15)),
  measure,
  ...over,
});

const sectionOf = (md: string, heading: string) => {
  const start = md.indexOf(`\n${heading}\n`);
  expect(start, heading).toBeGreaterThanOrEqual(0);
  const end = md.indexOf('\n## ', start + heading.length + 2);
  return md.slice(start, end < 0 ? undefined : end);
};

describe('a figure’s trend over the last four quarters', () => {
  const points = trendOf(input().figures, touchpointTarget('tp'), 'NPS', trendQuarters('2026-Q2'));

  it('covers the report’s quarter and the three before it', () => {
    expect(trendQuarters('2026-Q2')).toEqual(['2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2']);
    expect(trendQuarters('2026-Q1')).toEqual(['2025-Q2', '2025-Q3', '2025-Q4', '2026-Q1']);
    expect(points.map((p) => p.figure?.value ?? null)).toEqual([4, null, 8, 12]);
  });

  it('says in words where it went from and to', () => {
    expect(trendText('NPS', points, 'en')).toBe('+4 → +12 ▲');
    const fell = trendOf(figures([['t:x', 'CES', '2026-Q1', fig(5.5, 40)], ['t:x', 'CES', '2026-Q2', fig(5.25, 40)]]), 't:x', 'CES', trendQuarters('2026-Q2'));
    expect(trendText('CES', fell, 'en')).toBe('5.50 → 5.25 ▼');
    expect(trendText('CES', fell, 'it')).toBe('5,50 → 5,25 ▼');
    const flat = trendOf(figures([['t:x', 'CSAT', '2025-Q4', fig(70, 40)], ['t:x', 'CSAT', '2026-Q2', fig(70, 40)]]), 't:x', 'CSAT', trendQuarters('2026-Q2'));
    expect(trendText('CSAT', flat, 'en')).toBe('70% → 70% =');
    expect(trendText('NPS', points.slice(3), 'en')).toBe('+12');
    expect(trendText('NPS', [{ quarter: '2026-Q2', figure: undefined }], 'en')).toBe('—');
    expect(trendWords('NPS', points, 'en', String)).toBe('2025-Q3: +4 (n = 40); 2025-Q4: —; 2026-Q1: +8 (n = 44); 2026-Q2: +12 (n = 45)');
  });

  it('draws a sparkline a screen reader can read, with a gap for a quarter without answers', () => {
    const colors = { line: '#475569', last: '#1e293b', up: '#15803d', down: '#b91c1c' };
    const svg = sparkline('NPS', points, 'NPS: 2025-Q3: +4 <n>', colors);
    expect(svg).toMatch(/^<svg class="spark"[^>]* role="img" aria-label="NPS: 2025-Q3: \+4 &lt;n&gt;">/);
    expect(svg).toContain('<title>NPS: 2025-Q3: +4 &lt;n&gt;</title>');
    // 2025-Q4 has no figure: the line starts again after it.
    const path = /<path d="([^"]+)"/.exec(svg)![1]!;
    expect(path.match(/M/g)).toHaveLength(2);
    expect(svg.match(/<circle/g)).toHaveLength(3);
    // The report's quarter stands out, in the colour of the way it went.
    expect(svg).toMatch(/<circle [^>]*r="2.6" fill="#15803d"\/><\/svg>$/);
    // A move of 2 NPS points is drawn flatter than one of 40.
    const rise = (a: number, b: number) => {
      const ys = [...sparkline('NPS', [{ quarter: 'a', figure: fig(a, 40) }, { quarter: 'b', figure: fig(b, 40) }], '', colors).matchAll(/cy="([\d.]+)"/g)].map((m) => Number(m[1]));
      return Math.abs(ys[0]! - ys[1]!);
    };
    expect(rise(10, 12)).toBeLessThan(rise(10, 50) / 4);
    expect(sparkline('NPS', [{ quarter: 'a', figure: undefined }], 'none', colors)).toContain('stroke-dasharray');
  });

  it('sits beside each touchpoint’s figures: a sparkline in the HTML, words in Markdown', () => {
    const { html, markdown } = quarterlyReport(input());
    expect(html).toMatch(/<td class="trend-col"><svg class="spark"[^>]*aria-label="NPS, the last 4 quarters: 2025-Q3: \+4 \(n = 40\); 2025-Q4: —; 2026-Q1: \+8 \(n = 44\); 2026-Q2: \+12 \(n = 45\)"/);
    expect(html).toContain('<span class="trend-text">+4 → +12 ▲</span>');
    expect(sectionOf(markdown, '## Voice of the Customer by touchpoint')).toContain('| Purchase | ★ Store visit | Sales | **NPS** | **+12** | 45 | +8 (n = 44) | ▲ 4 | +4 → +12 ▲ |');
  });
});

describe('the pictures', () => {
  const ana = persona('p1', 'Ana', 'a0');
  const bob = persona('p2', 'Bob <the builder>', 'a1');
  const emotion = (stageId: string, p: Persona, score: Emotion['score'], note = ''): [string, Emotion] => [`${stageId}:${p.id}`, { key: `${stageId}:${p.id}`, stageId, personaId: p.id, score, note }];
  const withCurve = journeyOf([touchpoint('tp', 's2', 'Store visit', { momentOfTruth: true })], STAGES, {
    personas: new Map([ana, bob].map((p) => [p.id, p])),
    emotions: new Map([emotion('s1', ana, 1), emotion('s2', ana, -2, 'Waits 40 minutes'), emotion('s3', ana, 0), emotion('s1', bob, 2), emotion('s3', bob, -1)]),
  });
  const { html, markdown } = quarterlyReport(input({ journey: withCurve }));

  it('puts the map with its survey figures on a page of its own, on its side when the map is wide', () => {
    const map = /<section class="map new-page" id="map">[\s\S]*?<\/section>/.exec(html)?.[0];
    expect(map).toBeDefined();
    expect(map).toMatch(/<figure class="picture map"><svg class="map-svg" role="img" aria-label="Switching operator" /);
    // The survey layer: the touchpoint's figure of the quarter with its sample size.
    expect(map).toMatch(/n=\s*45/);
    expect(html).toMatch(/@page wide \{ size: A4 landscape;/);
    expect(html).toMatch(/section\.landscape \{ page: wide;/);
    // A map about as tall as it is wide is drawn larger upright.
    expect(landscapeFits([{ width: 1700, height: 800 }])).toBe(true);
    expect(landscapeFits([{ width: 1688, height: 1566 }])).toBe(false);
    expect(sectionOf(markdown, '## The map and the customer’s voice')).toContain('_The picture of the map, with its survey figures, is in the HTML report (it prints to PDF)._');
  });

  it('keeps the poster’s own style sheet to the poster', () => {
    const poster = /<figure class="picture map"><svg[\s\S]*?<style>([\s\S]*?)<\/style>/.exec(html)?.[1];
    expect(poster).toContain('{');
    for (const rule of poster!.split('}').filter((r) => r.includes('{'))) for (const selector of rule.split('{')[0]!.split(',')) expect(selector.trim()).toMatch(/^\.map-svg /);
    expect(scopeStyle('<svg><style>.a{fill:red}.b,.c{x:1}</style></svg>', 's')).toBe('<svg><style>.s .a{fill:red}.s .b,.s .c{x:1}</style></svg>');
  });

  it('splits a map too wide for one page into parts of a few stages, as even as they can be', () => {
    expect(stageParts(6)).toEqual([[0, 5]]);
    expect(stageParts(7)).toEqual([[0, 6]]);
    expect(stageParts(11)).toEqual([[0, 5], [6, 10]]);
    expect(stageParts(15)).toEqual([[0, 4], [5, 9], [10, 14]]);
    const eleven = Array.from({ length: 11 }, (_, i) => stage(`s${i}`, `Stage ${i + 1}`, `a${String(i).padStart(2, '0')}`));
    const wide = quarterlyReport(input({ journey: journeyOf([touchpoint('tp', 's8', 'Store visit')], eleven) })).html;
    expect(wide.match(/<figure class="picture map">/g)).toHaveLength(2);
    expect(wide).toContain('<section class="map landscape" id="map">');
    expect(wide).toContain('<figcaption>Part 1 of 2: Stage 1 to Stage 6</figcaption>');
    expect(wide).toContain('<figcaption>Part 2 of 2: Stage 7 to Stage 11</figcaption>');
  });

  it('draws the emotional curve per persona across the stages, and gives Markdown its table', () => {
    const curve = /<figure class="picture curve">(<svg class="curve-svg"[\s\S]*?<\/svg>)/.exec(html)?.[1];
    expect(curve).toBeDefined();
    expect(curve).toContain('aria-label="Emotional curve across 3 stages, 2 curves"');
    // Two lines (Bob's with a dash), the stage names, each point's score, the personas' legend escaped.
    expect(curve!.match(/<path d="M[^"]*C[^"]*" fill="none"/g)).toHaveLength(2);
    expect(curve).toContain('stroke-dasharray="8 6"');
    for (const text of ['>Awareness<', '>Purchase<', '>Support<', '>-2<', '>+2<', '>Ana<', '>Bob &lt;the builder&gt;<']) expect(curve).toContain(text);
    expect(html).toContain('<ul class="curve-notes">\n<li><strong>-2</strong> Purchase (Ana): <em>Waits 40 minutes</em></li>');
    const table = sectionOf(markdown, '## Emotional curve');
    expect(table).toContain('| Stage | Ana | Bob \\<the builder\\> |');
    expect(table).toContain('| Purchase | -2 very negative — _Waits 40 minutes_ | — |');
    expect(table).toContain('| Support | 0 neutral | -1 negative |');
    const none = quarterlyReport(input()).markdown;
    expect(sectionOf(none, '## Emotional curve')).toContain('_No emotion is scored on this map yet._');
  });
});

describe('every printed page', () => {
  beforeAll(() => loadAllLocales());

  it('carries the map’s name, the quarter, the day it was made, the version and “page 3 / 7” in its margins', () => {
    const { html } = quarterlyReport(input({ version: { name: 'Q2 "final" </style><script>', createdAt: at(2026, 6, 30) } }));
    expect(html).toContain('@top-left { content: "Switching operator";');
    expect(html).toContain('@top-right { content: "Quarterly report 2026-Q2";');
    expect(html).toContain('@bottom-right { content: "Page " counter(page) " / " counter(pages);');
    // The version's name, escaped for CSS: its quotes and markup cannot leave the string or the style sheet.
    expect(html).toContain('@bottom-left { content: "Generated on 2026-07-15 · Version: Q2 \\22 final\\22  \\3c /style\\3e \\3c script\\3e  (2026-06-30)";');
    expect(html.match(/<\/style>/g)).toHaveLength(html.match(/<style>/g)!.length);
    expect(html).not.toContain('<script');
    expect(quarterlyReport(input()).html).toContain('@bottom-left { content: "Generated on 2026-07-15 · live map";');
  });

  it('writes them in the reader’s language', () => {
    const ro = quarterlyReport(input({ labels: (k, p) => translate('ro' as Locale, k, p), locale: 'ro' })).html;
    expect(ro).toContain('@bottom-right { content: "Pagina " counter(page) " / " counter(pages);');
    expect(ro).toContain('Generat');
    expect(ro).toContain('15 iul. 2026');
    expect(pageContent('\u0001 of \u0002')).toBe('counter(page) " of " counter(pages)');
    expect(cssString('a\nb\\"')).toBe('"a\\a b\\5c \\22 "');
  });
});

describe('loops as they stood at the end of the quarter', () => {
  const cards: Card[] = [
    gap('open', 's1', 'Open since January', { statusChangedAt: at(2026, 1, 10) }),
    gap('later', 's2', 'Moved on in August', { status: 'inProgress', statusChangedAt: at(2026, 8, 3) }),
    opportunity('closedLater', 's3', 'Closed in July', { status: 'done', statusChangedAt: at(2026, 7, 2) }),
    opportunity('closed', 's3', 'Closed in May', { status: 'done', statusChangedAt: at(2026, 5, 2) }),
    opportunity('before', 's3', 'Closed last year', { status: 'done', statusChangedAt: at(2025, 12, 2) }),
  ];
  const journey = journeyOf(cards, STAGES);

  it('counts a loop changed after the quarter as open then, with no day', () => {
    const loops = loopsAt(journey, '2026-Q2', at(2026, 9, 1));
    expect(loops.closed.map((c) => c.id)).toEqual(['closed']);
    expect(loops.open.map((l) => [l.card.id, l.status, l.since, l.days])).toEqual([
      // Its age at the quarter's end (1 July, 00:00), not today.
      ['open', 'open', at(2026, 1, 10), 171],
      ['later', null, null, null],
      ['closedLater', null, null, null],
    ]);
    expect(loops.changedLater).toBe(2);
    // While the quarter runs, ages count to now.
    expect(loopsAt(journey, '2026-Q3', at(2026, 7, 10)).open.find((l) => l.card.id === 'open')?.days).toBe(181);
  });

  it('never writes an “open since” day after the quarter', () => {
    const { markdown, html } = quarterlyReport(input({ journey, now: new Date(at(2026, 9, 1)) }));
    const afterCover = markdown.slice(markdown.indexOf('## Executive summary'));
    const days = [...afterCover.matchAll(/\d{4}-\d{2}-\d{2}/g)].map((m) => m[0]);
    expect(days.length).toBeGreaterThan(3);
    for (const day of days) expect(day <= '2026-06-30', day).toBe(true);
    const gaps = sectionOf(markdown, '## Pain points open on 2026-06-30');
    expect(gaps).toContain('| **🔴 High** | Purchase | Moved on in August | Sales | _Not done_ | — |');
    expect(gaps).toContain('2 loops were changed after 2026-06-30.');
    expect(gaps).toContain('| **🔴 High** | Awareness | Open since January | Sales | Open | 2026-01-10 (171 days) |');
    expect(sectionOf(markdown, '## Closing the loop')).toContain('| Sales | 1 | 3 | 2026-01-10 |');
    // Only the cover and the page margins say when the report was made.
    expect(html.slice(html.indexOf('<main>'))).not.toMatch(/2026-(0[7-9]|1\d)-\d\d/);
  });
});

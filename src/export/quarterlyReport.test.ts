import { beforeAll, describe, expect, it } from 'vitest';
import { allEnglish as en } from '../i18n/allEnglish';
import { loadAllLocales, translate, type Locale, type MessageKey } from '../i18n/catalogue';
import type { Card, GapCard, Journey, Lane, LaneKind, OpportunityCard, Stage, TouchpointCard } from '../journey/types';
import { figureKey, stageTarget, touchpointTarget, type MapFigure, type Verbatim } from '../journey/voc/onMap';
import type { VocMetric } from '../journey/voc/scores';
import { escapeHtml, formatChange, formatFigure, quarterlyReport, type QuarterlyReportInput } from './quarterlyReport';
import { localDay, quarterBounds, quarterOfTime, reportQuarters } from './reportQuarters';

// ---- a hand-built map ---------------------------------------------------------------------------

const english = (key: MessageKey, params?: Record<string, string | number>) => translate('en', key, params);
/** Local time, so the tests hold in every time zone. */
const at = (y: number, month: number, d: number, h = 12, min = 0, s = 0, ms = 0) => new Date(y, month - 1, d, h, min, s, ms).getTime();

const stage = (id: string, name: string, index: string): Stage => ({ id, name, goal: '', index });
const lane = (id: string, kind: LaneKind, index: string): Lane => ({ id, name: '', kind, index, collapsed: false });
const touchpoint = (id: string, stageId: string, text: string, department: string, extra: Partial<TouchpointCard> = {}): TouchpointCard => ({
  id,
  kind: 'touchpoint',
  stageId,
  laneId: 'l-tp',
  index: 'a0',
  text,
  channel: 'web',
  department,
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
  severity: 2,
  expectation: '',
  owner: '',
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
  owner: '',
  status: 'open',
  statusChangedAt: at(2026, 1, 10),
  statusChangedBy: '',
  ...extra,
});

function journeyOf(cards: Card[], title = 'Switching operator'): Journey {
  return {
    meta: { schemaVersion: 1, title, scenario: 'Ana moves her number', variant: 'current', locale: 'en', createdAt: 0 },
    personas: new Map(),
    stages: new Map([stage('s-buy', 'Purchase', 'a1'), stage('s-aw', 'Awareness', 'a0'), stage('s-sup', 'Support', 'a2')].map((s) => [s.id, s])),
    lanes: new Map([lane('l-tp', 'touchpoints', 'a0'), lane('l-gap', 'painPoints', 'a1'), lane('l-opp', 'opportunities', 'a2')].map((l) => [l.id, l])),
    cards: new Map(cards.map((c) => [c.id, c])),
    links: new Map(),
    emotions: new Map(),
    unreadable: [],
  };
}

const fig = (value: number | null, n: number): MapFigure => ({ value, n });
function figuresOf(entries: [target: string, metric: VocMetric, quarter: string, figure: MapFigure][]): Map<string, MapFigure> {
  return new Map(entries.map(([t, m, q, f]) => [figureKey(t, m, q), f]));
}
let verbatimSeq = 0;
const verbatim = (touchpointId: string | null, stageId: string | null, metric: VocMetric, score: number, date: string, text: string, segment = ''): Verbatim => ({
  id: `v${++verbatimSeq}`,
  touchpointId,
  stageId,
  metric,
  score,
  date,
  text,
  segment,
});

const CARDS: Card[] = [
  touchpoint('tp-ad', 's-aw', 'Social media ad', 'Marketing'),
  touchpoint('tp-store', 's-buy', 'Store visit', 'Sales', { momentOfTruth: true }),
  touchpoint('tp-call', 's-sup', 'Call centre', 'Customer Service', { momentOfTruth: true }),
  gap('g-wait', 's-buy', 'Waits 40 minutes', { severity: 3, owner: 'Sales', status: 'inProgress', statusChangedAt: at(2026, 2, 3) }),
  gap('g-nonews', 's-sup', 'No news for 3 days', { severity: 3, owner: '', statusChangedAt: at(2025, 11, 20) }),
  gap('g-fees', 's-aw', 'Hidden fees', { severity: 2, owner: 'Product' }),
  gap('g-minor', 's-aw', 'Font too small', { severity: 1, owner: 'Marketing' }),
  // Closed in 2026-Q2, at the first and the last moments of the quarter.
  gap('g-first', 's-buy', 'Contract needs 3 signatures', { severity: 3, owner: 'Sales', status: 'done', statusChangedAt: at(2026, 4, 1, 0, 0, 0, 0), statusChangedBy: 'Maria' }),
  opportunity('o-last', 's-sup', 'Agent sees the whole history', { owner: 'Customer Service', status: 'done', statusChangedAt: at(2026, 6, 30, 23, 59, 59, 999) }),
  // Closed just outside 2026-Q2, on either side.
  gap('g-before', 's-aw', 'Prices unclear', { severity: 2, owner: 'Marketing', status: 'done', statusChangedAt: at(2026, 3, 31, 23, 59, 59, 999) }),
  opportunity('o-after', 's-buy', 'Video ID sign-up', { owner: 'Sales', status: 'done', statusChangedAt: at(2026, 7, 1, 0, 0, 0, 0) }),
  opportunity('o-open', 's-sup', 'Proactive SMS', { owner: 'Customer Service', statusChangedAt: at(2026, 5, 2) }),
];

const FIGURES = figuresOf([
  [touchpointTarget('tp-store'), 'NPS', '2026-Q2', fig(20, 45)],
  [touchpointTarget('tp-store'), 'NPS', '2026-Q1', fig(8, 120)],
  [touchpointTarget('tp-store'), 'CSAT', '2026-Q2', fig(75, 12)],
  [touchpointTarget('tp-ad'), 'NPS', '2026-Q2', fig(-15, 5)],
  [touchpointTarget('tp-ad'), 'NPS', '2026-Q1', fig(-5, 40)],
  [touchpointTarget('tp-ad'), 'CES', '2026-Q2', fig(5.25, 31)],
  [touchpointTarget('tp-ad'), 'CES', '2026-Q1', fig(5.5, 33)],
  // Only the quarter before: shown with no answers this quarter.
  [touchpointTarget('tp-call'), 'CSAT', '2026-Q1', fig(60, 80)],
  // Two quarters back: not what the change is against.
  [touchpointTarget('tp-call'), 'NPS', '2025-Q4', fig(-30, 50)],
  [touchpointTarget('tp-call'), 'NPS', '2026-Q2', fig(-10, 30)],
  [stageTarget('s-buy'), 'NPS', '2026-Q2', fig(20, 45)],
  [stageTarget('s-buy'), 'NPS', '2026-Q1', fig(20, 120)],
  [stageTarget('s-aw'), 'NPS', '2026-Q2', fig(-15, 5)],
  // A later quarter: not in a 2026-Q2 report.
  [touchpointTarget('tp-store'), 'NPS', '2026-Q3', fig(99, 9999)],
]);

const VERBATIMS = new Map(
  [
    verbatim('tp-store', 's-buy', 'NPS', 9, '2026-05-02', 'Great advisor'),
    verbatim('tp-store', 's-buy', 'NPS', 2, '2026-05-03', 'Waited forever', 'Prepaid'),
    verbatim('tp-store', 's-buy', 'CSAT', 1, '2026-06-30', 'Three signatures!'), // CSAT 1 of 1-5: the lowest, before NPS 2 of 0-10
    verbatim('tp-store', 's-buy', 'NPS', 6, '2026-04-01', 'Ok-ish'),
    verbatim('tp-store', 's-buy', 'NPS', 0, '2026-03-31', 'From the quarter before'),
    verbatim('tp-store', 's-buy', 'NPS', 0, '2026-07-01', 'From the quarter after'),
    verbatim(null, 's-sup', 'CES', 2, '2026-05-05', 'The whole support stage is hard'),
  ].map((v) => [v.id, v]),
);

const NOW = new Date(at(2026, 7, 15, 9));
/** A stand-in for the canvas's text measure: every character 0.55 em wide. */
const measure = (text: string, font: string) => text.length * Number(/(\d+(?:\.\d+)?)px/.exec(font)?.[1] ?? 12) * 0.55;
const input = (over: Partial<QuarterlyReportInput> = {}): QuarterlyReportInput => ({
  journey: journeyOf(CARDS),
  figures: FIGURES,
  verbatims: VERBATIMS,
  quarter: '2026-Q2',
  labels: english,
  now: NOW,
  measure,
  ...over,
});

// ---- reading the Markdown ------------------------------------------------------------------------

/** The lines between a heading and the next heading of the same or a higher level. */
function section(md: string, heading: string): string {
  const lines = md.split('\n');
  const start = lines.indexOf(heading);
  expect(start, heading).toBeGreaterThanOrEqual(0);
  const level = heading.match(/^#+/)![0].length;
  const end = lines.findIndex((l, i) => i > start && /^#+ /.test(l) && l.match(/^#+/)![0].length <= level);
  return lines.slice(start + 1, end < 0 ? undefined : end).join('\n');
}

/** The rows of the first Markdown table in `text`, as cells (header and separator left out); pipes escaped as \| stay in their cell. */
function tableRows(text: string): string[][] {
  const lines = text.split('\n').filter((l) => l.startsWith('|'));
  return lines.slice(2).map((l) =>
    l
      .slice(2, -2)
      .split(/(?<!\\) \| /)
      .map((c) => c.trim()),
  );
}

const row = (rows: string[][], ...start: string[]) => {
  const found = rows.filter((r) => start.every((s, i) => r[i] === s));
  expect(found, start.join(' | ')).toHaveLength(1);
  return found[0]!;
};

const SECTIONS = [
  '## Executive summary',
  '## The map and the customer’s voice',
  '## Emotional curve',
  '## Voice of the Customer by stage',
  '## Voice of the Customer by touchpoint',
  '## Pain points open on 2026-06-30',
  '## Closing the loop',
  '## What customers said',
];
const GAPS = '## Pain points open on 2026-06-30';

describe('quarterlyReport: sections', () => {
  const { html, markdown } = quarterlyReport(input());
  // Romanian and Italian are loaded on demand; without them translate falls back to English.
  beforeAll(() => loadAllLocales());

  it('has every section, in order, in both formats', () => {
    const positions = SECTIONS.map((h) => markdown.split('\n').indexOf(h));
    expect(positions.every((p) => p >= 0), positions.join()).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    const htmlPositions = SECTIONS.map((h) => html.indexOf(`<h2>${escapeHtml(h.slice(3))}</h2>`));
    expect(htmlPositions.every((p) => p >= 0), htmlPositions.join()).toBe(true);
    expect(htmlPositions).toEqual([...htmlPositions].sort((a, b) => a - b));
  });

  it('opens with the map, the quarter, its days, the headline figures and the date it was made', () => {
    expect(markdown.startsWith('# Switching operator\n\n**Quarterly report 2026-Q2**\n\nAna moves her number\n\n- **From 2026-04-01 to 2026-06-30**\n')).toBe(true);
    // Across the map: the stages' figures weighted by their answers, (20 × 45 − 15 × 5) / 50 = 16.5 → +17; before, +20.
    expect(markdown).toContain('- **NPS across the map: +17** (n = 50 · ▼ 3 since 2026-Q1)');
    expect(markdown).toContain('- **Loops closed: 2** (6 still open on 2026-06-30)');
    expect(markdown).toContain('- **High-severity pain points open: 2** (3 pain points of high or medium severity in all)');
    expect(markdown).toContain('- _Generated on 2026-07-15_');
    expect(markdown).toContain('- **State:** Current state');
    expect(html).toContain('<p class="subtitle">Ana moves her number</p>');
    expect(html).toMatch(/<div class="tile tone-down"><p class="tile-label">NPS across the map<\/p><p class="tile-value">\+17<\/p>/);
    expect(html).toContain('<title>Quarterly report 2026-Q2 · Switching operator</title>');
    expect(html).toContain('<h1>Switching operator</h1>');
  });

  it('uses only message keys of the catalogue, and every language has them', () => {
    const used = new Set<string>();
    quarterlyReport(input({ labels: (k, p) => (used.add(k), english(k, p)) }));
    expect(used.size).toBeGreaterThan(20);
    for (const k of used) expect(en, k).toHaveProperty([k]);
    for (const locale of ['ro', 'it'] as Locale[]) {
      const { markdown: md } = quarterlyReport(input({ labels: (k, p) => translate(locale, k, p) }));
      expect(md).not.toBe(markdown); // translated, not the English fallback of a catalogue not loaded
      expect(md).not.toMatch(/quarterly\.|report\.|\{\w+\}/);
    }
  });

  it('is a standalone HTML document that prints on A4: inline CSS and SVG, page-break rules, no external assets', () => {
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toMatch(/@page\s*\{\s*size:\s*A4/);
    expect(html).toMatch(/break-inside:\s*avoid/);
    expect(html).toMatch(/page-break-after:\s*avoid/);
    expect(html).toMatch(/thead\s*\{\s*display:\s*table-header-group/);
    expect(html).not.toMatch(/<link|<script|<img|\bsrc=|@import/i);
    // The pictures' references stay inside the document (their own gradients and shapes).
    for (const m of html.matchAll(/(?:href="|url\()([^")]*)/g)) expect(m[1]).toMatch(/^#/);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    expect(quarterlyReport(input({ locale: 'ro' })).html).toContain('<html lang="ro">');
  });
});

describe('quarterlyReport: figures', () => {
  const { html, markdown } = quarterlyReport(input());
  const touchpoints = tableRows(section(markdown, '## Voice of the Customer by touchpoint'));
  const stages = tableRows(section(markdown, '## Voice of the Customer by stage'));

  it('shows each touchpoint figure with its sample size, the quarter before and the change in points', () => {
    // Stage | Touchpoint | Department | Metric | 2026-Q2 | n | 2026-Q1 | Change
    expect(section(markdown, '## Voice of the Customer by touchpoint')).toContain('| Stage | Touchpoint | Department | Metric | 2026-Q2 | n | 2026-Q1 | Change (points) | Last 4 quarters |');
    expect(row(touchpoints, 'Purchase', '★ Store visit', 'Sales', '**NPS**')).toEqual(['Purchase', '★ Store visit', 'Sales', '**NPS**', '**+20**', '45', '+8 (n = 120)', '▲ 12', '+8 → +20 ▲']);
    expect(row(touchpoints, 'Purchase', '★ Store visit', 'Sales', '**CSAT**')).toEqual(['Purchase', '★ Store visit', 'Sales', '**CSAT**', '**75%**', '12 ⚠', '—', '—', '75%']);
    expect(row(touchpoints, 'Awareness', 'Social media ad', 'Marketing', '**NPS**')).toEqual(['Awareness', 'Social media ad', 'Marketing', '**NPS**', '**-15**', '5 ⚠⚠', '-5 (n = 40)', '▼ 10', '-5 → -15 ▼']);
    expect(row(touchpoints, 'Awareness', 'Social media ad', 'Marketing', '**CES**')).toEqual(['Awareness', 'Social media ad', 'Marketing', '**CES**', '**5.25**', '31', '5.50 (n = 33)', '▼ 0.25', '5.50 → 5.25 ▼']);
    // No answers this quarter, some the quarter before: n = 0, no value, no change.
    expect(row(touchpoints, 'Support', '★ Call centre', 'Customer Service', '**CSAT**')).toEqual(['Support', '★ Call centre', 'Customer Service', '**CSAT**', '**—**', '0', '60% (n = 80)', '—', '60%']);
    // The change is against the quarter just before, not an older one; the trend reaches back four quarters.
    expect(row(touchpoints, 'Support', '★ Call centre', 'Customer Service', '**NPS**')).toEqual(['Support', '★ Call centre', 'Customer Service', '**NPS**', '**-10**', '30', '—', '—', '-30 → -10 ▲']);
    expect(touchpoints).toHaveLength(6);
    expect(markdown).not.toContain('+99');
  });

  it('lists touchpoints in map order (by stage), and the stages with their own figures', () => {
    expect([...new Set(touchpoints.map((r) => r[1]))]).toEqual(['Social media ad', '★ Store visit', '★ Call centre']);
    expect(stages).toEqual([
      ['**Awareness**', '**NPS**', '**-15**', '5 ⚠⚠', '—', '—', '-15'],
      ['**Purchase**', '**NPS**', '**+20**', '45', '+20 (n = 120)', '= 0', '+20 → +20 ='],
    ]);
  });

  it('warns about small samples, once per table that has one', () => {
    const note = 'n is the number of answers. ⚠ fewer than 30: a small sample, read with care. ⚠⚠ fewer than 10: an anecdote, not a score.';
    expect(section(markdown, '## Voice of the Customer by touchpoint')).toContain(note);
    expect(section(markdown, '## Voice of the Customer by stage')).toContain(note);
    const big = quarterlyReport(input({ figures: figuresOf([[touchpointTarget('tp-store'), 'NPS', '2026-Q2', fig(20, 300)]]) })).markdown;
    expect(big).not.toContain('⚠ fewer than');
    expect(html).toContain('<span class="warn tiny"> ⚠⚠</span>');
    expect(html).toContain('<span class="trend up">▲ 12</span>');
    expect(html).toContain('<span class="trend down">▼ 10</span>');
  });

  it('sums up the figures, the moves and the loops first', () => {
    const summary = section(markdown, '## Executive summary');
    expect(summary).toContain('- NPS across the map: +17 from 50 answers, ▼ 3 since 2026-Q1.');
    // Up: Store visit NPS. Down: Social media ad NPS and CES. Equal: Purchase stage NPS.
    expect(summary).toContain('- 1 touchpoint figure up and 2 down since 2026-Q1.');
    // Open at the quarter's end: the video ID sign-up was closed in July, so it was still open then.
    expect(summary).toContain('- 2 loops closed in 2026-Q2; 6 still open at its end.');
    expect(summary).toContain('- **2 high-severity pain points open at the end of the quarter.**');
    expect(summary).toContain('- 1 open loop has no owner.');
  });

  it('names the biggest moves, each on its own metric’s range', () => {
    // Ranked by the share of the metric's range: NPS ▲ 12 of 200 points (6%), NPS ▼ 10 (5%), CES ▼ 0.25 of 6 (4%).
    expect(tableRows(section(markdown, '### Biggest moves since 2026-Q1'))).toEqual([
      ['★ Store visit · Purchase', '**NPS**', '+8 → **+20**', '▲ 12', '45'],
      ['Social media ad · Awareness', '**NPS**', '-5 → **-15**', '▼ 10', '5 ⚠⚠'],
      ['Social media ad · Awareness', '**CES**', '5.50 → **5.25**', '▼ 0.25', '31'],
    ]);
  });

  it('says so when there are no figures', () => {
    const { markdown: md } = quarterlyReport(input({ figures: new Map() }));
    expect(section(md, '## Voice of the Customer by stage')).toContain('_No survey answers in 2026-Q2 or 2026-Q1._');
    expect(section(md, '## Voice of the Customer by touchpoint')).toContain('_No survey answers in 2026-Q2 or 2026-Q1._');
    expect(section(md, '### Biggest moves since 2026-Q1')).toContain('_No touchpoint figure to compare with 2026-Q1._');
    expect(md).not.toContain('across the map');
  });
});

describe('quarterlyReport: moments of truth and gaps', () => {
  const { markdown } = quarterlyReport(input());

  it('lists the moments of truth with their figures this quarter, a column per metric', () => {
    const moments = section(markdown, '### Moments of truth');
    expect(moments).toContain('| Moment of truth | Department | NPS 2026-Q2 | CSAT 2026-Q2 |');
    expect(tableRows(moments)).toEqual([
      ['★ **Store visit** · Purchase', 'Sales', '**+20** (n = 45, ▲ 12)', '**75%** (n = 12 ⚠, —)'],
      ['★ **Call centre** · Support', 'Customer Service', '**-10** (n = 30, —)', '—'],
    ]);
    const without = quarterlyReport(input({ figures: new Map() })).markdown;
    expect(tableRows(section(without, '### Moments of truth'))).toEqual([
      ['★ **Store visit** · Purchase', 'Sales'],
      ['★ **Call centre** · Support', 'Customer Service'],
    ]);
  });

  it('lists the gaps open at the quarter’s end, high severity first, then medium, with owner, status and since when; low and done ones left out', () => {
    const rows = tableRows(section(markdown, GAPS));
    expect(rows.map((r) => r[2])).toEqual(['Waits 40 minutes', 'No news for 3 days', 'Hidden fees']);
    // Days open at the quarter's end (1 July, 00:00), not today.
    expect(rows[0]).toEqual(['**🔴 High**', 'Purchase', 'Waits 40 minutes', 'Sales', 'In progress', '2026-02-03 (147 days)']);
    expect(rows[1]).toEqual(['**🔴 High**', 'Support', 'No news for 3 days', '**⚠ No owner**', 'Open', '2025-11-20 (222 days)']);
    expect(rows[2]).toEqual(['🟠 Medium', 'Awareness', 'Hidden fees', 'Product', 'Open', '2026-01-10 (171 days)']);
    expect(section(markdown, '### Worst pain points still open').trim().split('\n')[0]).toBe(
      '- **🔴 High** **Waits 40 minutes** — Purchase · Sales · open for 147 days, since 2026-02-03',
    );
  });
});

describe('quarterlyReport: closing the loop', () => {
  const { markdown } = quarterlyReport(input());
  const loops = section(markdown, '## Closing the loop');

  it('counts loops closed in the quarter against those still open, by department, with the oldest open one', () => {
    expect(loops).toContain('| Department | Closed this quarter | Open at the quarter’s end | Oldest open since |');
    // Sales: the video ID sign-up, closed on 1 July, was open at the end of June (with no day: its earlier status is not kept).
    expect(tableRows(loops)).toEqual([
      ['Customer Service', '1', '1', '2026-05-02'],
      ['Marketing', '0', '1', '2026-01-10'],
      ['Product', '0', '1', '2026-01-10'],
      ['Sales', '1', '2', '2026-02-03'],
      ['**⚠ No owner**', '0', '1', '2025-11-20'],
      ['**Total**', '**2**', '**6**', '2025-11-20'],
    ]);
    expect(loops).toContain('1 loop was changed after 2026-06-30. The map keeps only the latest status, so these count as open at the quarter’s end, with no date.');
  });

  it('takes the quarter from its first moment to its last, in local time', () => {
    const closed = section(markdown, '### Closed in 2026-Q2');
    expect(closed.trim().split('\n')).toEqual([
      '- ✓ Pain point: Contract needs 3 signatures — Sales · done on 2026-04-01 · Maria',
      '- ✓ Opportunity: Agent sees the whole history — Customer Service · done on 2026-06-30',
    ]);
    expect(markdown).not.toContain('Prices unclear');
    expect(markdown).not.toContain('Video ID sign-up');
    // The quarters either side take their own.
    const q1 = quarterlyReport(input({ quarter: '2026-Q1' })).markdown;
    expect(section(q1, '### Closed in 2026-Q1')).toContain('Prices unclear');
    expect(section(q1, '### Closed in 2026-Q1')).not.toContain('Contract needs 3 signatures');
    const q3 = quarterlyReport(input({ quarter: '2026-Q3' })).markdown;
    expect(section(q3, '### Closed in 2026-Q3').trim().split('\n')).toEqual(['- ✓ Opportunity: Video ID sign-up — Sales · done on 2026-07-01']);
  });

  it('says none when nothing closed in the quarter', () => {
    const q4 = quarterlyReport(input({ quarter: '2025-Q4' })).markdown;
    expect(section(q4, '### Closed in 2025-Q4').trim()).toBe('_None_');
    // Every loop but one changed after 2025: open at the end of 2025-Q4 as far as the map knows.
    expect(section(q4, '## Executive summary')).toContain('- 0 loops closed in 2025-Q4; 9 still open at its end.');
  });
});

describe('quarterlyReport: verbatims', () => {
  const { markdown, html } = quarterlyReport(input());
  const said = section(markdown, '## What customers said');

  it('quotes a few comments per touchpoint from the quarter, lowest scores first', () => {
    const store = section(markdown, '### ★ Store visit · Purchase');
    const quotes = [...store.matchAll(/^> “(.*)”/gm)].map((m) => m[1]);
    expect(quotes).toEqual(['Three signatures!', 'Waited forever', 'Ok-ish']);
    expect(store).toContain('> — NPS 2/10 · 2026-05-03 · Prepaid');
    expect(said).not.toContain('Great advisor'); // the fourth
    expect(said).not.toContain('From the quarter');
    expect(section(markdown, '### Stage: Support')).toContain('> “The whole support stage is hard”');
    expect(html).toContain('<blockquote>“Three signatures!”</blockquote>');
  });

  it('says the quotes come from the map when no server chose them', () => {
    expect(said).toContain('Chosen from the few recent comments kept on the map');
  });

  it('quotes what the server chose from all of the quarter’s answers instead of the verbatims, and says so', () => {
    const quotes = { quotes: { [touchpointTarget('tp-store')]: [{ text: 'Never again', metric: 'CSAT' as const, score: 1, date: '2026-04-02', segment: '' }] }, answers: 62 };
    const md = quarterlyReport(input({ quotes })).markdown;
    const store = section(md, '### ★ Store visit · Purchase');
    expect([...store.matchAll(/^> “(.*)”/gm)].map((m) => m[1])).toEqual(['Never again']);
    expect(section(md, '## What customers said')).toContain('Chosen from all 62 comments of the quarter on the server');
    expect(md).not.toContain('Three signatures!');
  });

  it('says so when the quarter has no comments', () => {
    const q4 = quarterlyReport(input({ quarter: '2025-Q4' })).markdown;
    expect(section(q4, '## What customers said')).toContain('_No comments from 2025-Q4 on the map._');
  });
});

describe('quarterlyReport: escaping what users typed', () => {
  const evil = '<script>alert("x")</script> & \'quotes\' | *bold* _it_ [link](http://e.x) # ';
  const cards: Card[] = [
    touchpoint('tp-x', 's-buy', `Store ${evil}`, `Sales | <b>dept</b>`, { momentOfTruth: true }),
    gap('g-x', 's-buy', `Gap ${evil}`, { severity: 3, owner: 'Ops | <i>team</i>' }),
    gap('g-y', 's-buy', `Done ${evil}`, { severity: 3, owner: 'Ops | <i>team</i>', status: 'done', statusChangedAt: at(2026, 5, 1), statusChangedBy: '<img src=x onerror=alert(1)>' }),
  ];
  const journey = { ...journeyOf(cards, `# Title <script>x</script>`), meta: { ...journeyOf([]).meta, title: '# Title <script>x</script>', scenario: 'line one\n- not a list <b>' } };
  const figures = figuresOf([[touchpointTarget('tp-x'), 'NPS', '2026-Q2', fig(10, 50)]]);
  const verbatims = new Map([verbatim('tp-x', 's-buy', 'NPS', 1, '2026-05-01', `Said ${evil}`, '<seg>|')].map((v) => [v.id, v]));
  const { html, markdown } = quarterlyReport(input({ journey, figures, verbatims }));

  it('leaves no markup of theirs in the HTML', () => {
    expect(html).not.toMatch(/<script|<b>|<i>|<img|<seg>|onerror=alert\(1\)>/);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;');
    expect(html).toContain('<h1># Title &lt;script&gt;x&lt;/script&gt;</h1>');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('line one<br>- not a list &lt;b&gt;');
  });

  it('keeps Markdown tables, headings and lists whole', () => {
    expect(markdown.startsWith('# \\# Title \\<script\\>x\\</script\\>\n')).toBe(true);
    expect(markdown).not.toMatch(/(?<!\\)<\/?(script|b|i|img|seg)\b/);
    expect(markdown).not.toContain('[link](');
    expect(markdown).toContain('line one\\\n\\- not a list');
    const rows = tableRows(section(markdown, '## Voice of the Customer by touchpoint'));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toHaveLength(9);
    expect(rows[0]![2]).toBe('Sales \\| \\<b\\>dept\\</b\\>');
    const gaps = tableRows(section(markdown, GAPS));
    expect(gaps[0]).toHaveLength(6);
    expect(gaps[0]![3]).toBe('Ops \\| \\<i\\>team\\</i\\>');
    expect(tableRows(section(markdown, '## Closing the loop')).every((r) => r.length === 4)).toBe(true);
    expect(markdown).toContain('\\*bold\\* \\_it\\_ \\[link\\](http://e.x)');
  });
});

describe('quarters', () => {
  it('lists the quarters with figures and with loop changes, newest first, each once', () => {
    const cards = [gap('a', 's-aw', 'x', { statusChangedAt: at(2024, 2, 1) }), gap('b', 's-aw', 'y', { statusChangedAt: 0 }), opportunity('c', 's-aw', 'z', { statusChangedAt: at(2026, 5, 1) })];
    expect(reportQuarters(FIGURES)).toEqual(['2026-Q3', '2026-Q2', '2026-Q1', '2025-Q4']);
    expect(reportQuarters(FIGURES, journeyOf(cards))).toEqual(['2026-Q3', '2026-Q2', '2026-Q1', '2025-Q4', '2024-Q1']);
    expect(reportQuarters(new Map(), journeyOf(cards))).toEqual(['2026-Q2', '2024-Q1']);
    expect(reportQuarters(new Map())).toEqual([]);
    // Keys that do not end in a quarter (a damaged document) are not offered.
    expect(reportQuarters(new Map([...FIGURES, ['t:x|NPS|garbage', fig(1, 1)]]))).toEqual(['2026-Q3', '2026-Q2', '2026-Q1', '2025-Q4']);
  });

  it('bounds a quarter from its first local moment to the next quarter’s', () => {
    const q = quarterBounds('2026-Q4');
    expect(q).toEqual({ start: at(2026, 10, 1, 0), end: at(2027, 1, 1, 0), firstDay: '2026-10-01', lastDay: '2026-12-31' });
    expect(quarterOfTime(at(2026, 3, 31, 23, 59, 59, 999))).toBe('2026-Q1');
    expect(quarterOfTime(at(2026, 4, 1, 0))).toBe('2026-Q2');
    expect(quarterOfTime(new Date(at(2026, 12, 31, 23, 59)))).toBe('2026-Q4');
    expect(localDay(at(2026, 1, 2, 0, 30))).toBe('2026-01-02');
    expect(() => quarterBounds('2026-Q5')).toThrow(RangeError);
  });

  it('formats figures and changes as the cards do', () => {
    expect([formatFigure('NPS', 12), formatFigure('NPS', -3), formatFigure('NPS', 0), formatFigure('CSAT', 78), formatFigure('CES', 5), formatFigure('CES', null)]).toEqual(['+12', '-3', '0', '78%', '5.00', '—']);
    expect([formatChange(5), formatChange(-0.25), formatChange(0), formatChange(null)]).toEqual(['▲ 5', '▼ 0.25', '= 0', '—']);
  });
});

describe('quarterlyReport: in the language it is made in', () => {
  beforeAll(() => loadAllLocales());
  const made = (locale: Locale) => quarterlyReport(input({ labels: (k, p) => translate(locale, k, p), locale })).markdown;

  it('writes figures, changes, counts and days the Italian way', () => {
    const md = made('it');
    const touchpoints = tableRows(section(md, '## Voce del cliente per touchpoint'));
    expect(row(touchpoints, 'Awareness', 'Social media ad', 'Marketing', '**CES**')).toEqual(['Awareness', 'Social media ad', 'Marketing', '**CES**', '**5,25**', '31', '5,50 (n = 33)', '▼ 0,25', '5,50 → 5,25 ▼']);
    expect(row(tableRows(section(md, '## Chiudere il cerchio')), '**Totale**')).toEqual(['**Totale**', '**2**', '**6**', '20 nov 2025']);
    expect(md).toContain('**75%** (n = 12 ⚠, —)');
    expect(md).toContain('Dal 1 apr 2026 al 30 giu 2026');
    expect(md).toContain('15 lug 2026');
    expect(md).not.toMatch(/2026-0\d-\d\d/); // no ISO day left, verbatims' days included
  });

  it('writes Romanian percentages with their space', () => {
    expect(made('ro')).toContain('**75\u00a0%** (n = 12 ⚠, —)');
  });
});

describe('the version a report describes', () => {
  it('names the named version it was made from, or says it is the live map', () => {
    const report = quarterlyReport;
    const base: QuarterlyReportInput = { journey: journeyOf([]), figures: new Map(), verbatims: new Map(), quarter: '2026-Q3', labels: (k, p) => translate('en', k, p), now: new Date(2026, 9, 2), measure };
    const named = report({ ...base, version: { name: 'Q3 baseline', createdAt: new Date(2026, 8, 30).getTime() } });
    expect(named.markdown).toContain('**Version:** Q3 baseline (2026-09-30)');
    expect(named.html).toContain('Q3 baseline');
    expect(report(base).markdown).toContain('**Version:** the live map on 2026-10-02');
  });
});

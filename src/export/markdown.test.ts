import { describe, expect, it } from 'vitest';
import { allEnglish as en } from '../i18n/allEnglish';
import { sortByIndex } from '../journey/order';
import { instantiateTemplate } from '../journey/templates';
import type { Card, Journey } from '../journey/types';
import { escapeMarkdown, journeyToMarkdown } from './markdown';

/** The English catalogue plus the report's own headings (the keys the report adds). */
const REPORT: Record<string, string> = {
  'report.generated': 'Generated on {date}',
  'report.summary': 'Summary',
  'report.momentsOfTruth': 'Moments of truth',
  'report.openGaps': 'Open gaps by severity',
  'report.stage': 'Stage',
  'report.none': 'None',
  'report.noValue': 'no value',
  'report.unplaced': 'Cards without a stage or lane',
};
const english = (key: string) => REPORT[key] ?? (en as Record<string, string>)[key] ?? `??${key}`;
const NOW = new Date('2025-03-14T10:00:00Z');

const mapOf = (lang: (k: string) => string = english) => instantiateTemplate('currentJourney', lang, 'en', 0);

function withCards(j: Journey, cards: Card[]): Journey {
  return { ...j, cards: new Map([...j.cards, ...cards.map((c) => [c.id, c] as const)]) };
}

/** The lines between a heading and the next heading of the same or a higher level. */
function section(md: string, heading: string): string {
  const lines = md.split('\n');
  const start = lines.indexOf(heading);
  expect(start, heading).toBeGreaterThanOrEqual(0);
  const level = heading.match(/^#+/)![0].length;
  const end = lines.findIndex((l, i) => i > start && /^#+ /.test(l) && l.match(/^#+/)![0].length <= level);
  return lines.slice(start + 1, end < 0 ? undefined : end).join('\n');
}

describe('journeyToMarkdown', () => {
  const j = mapOf();
  const md = journeyToMarkdown(j, english, NOW);

  it('uses only message keys that exist (English catalogue + the report keys)', () => {
    expect(md).not.toContain('??');
    const used = new Set<string>();
    journeyToMarkdown(j, (k) => (used.add(k), k), NOW);
    for (const k of used) expect(k in en || k in REPORT, k).toBe(true);
    expect([...used].filter((k) => k.startsWith('report.')).sort()).toEqual(['report.generated', 'report.momentsOfTruth', 'report.openGaps', 'report.stage', 'report.summary']);
  });

  it('opens with the title, date, state, scenario and the persona', () => {
    expect(md.startsWith('# Switching mobile operator: today\n\n_Generated on 2025-03-14_\n')).toBe(true);
    expect(md).toContain('- **State:** Current state');
    expect(md).toContain('- **Scenario:** Ana moves her phone number to a new mobile operator');
    const persona = section(md, '### 🙋‍♀️ Ana, 34, project manager');
    expect(persona).toContain('- **Goals:** Better coverage at home');
    expect(persona).toContain('- **Needs:** Clear prices');
    expect(persona).toContain('- **Frustrations:** Hidden fees');
  });

  it('walks the stages in order, each with its emotion and its lanes in map order', () => {
    const headings = md.split('\n').filter((l) => l.startsWith('### ') && /^### \d+\. /.test(l));
    expect(headings).toEqual(['### 1. Awareness', '### 2. Consideration', '### 3. Purchase', '### 4. Onboarding', '### 5. Use', '### 6. Support']);
    const purchase = section(md, '### 3. Purchase');
    expect(purchase).toContain('- **Emotion:** 🙁 negative (-1) — Long wait in the store');
    const lanes = purchase.split('\n').filter((l) => l.startsWith('#### '));
    expect(lanes).toEqual(['#### Customer actions', '#### Touchpoints & channels', '#### Thoughts & quotes', '#### Pain points & gaps', '#### Opportunities & ideas']);
    expect(purchase).toContain('- ★ **Moment of truth:** Store visit with a sales advisor — Store · Sales');
    expect(purchase).toContain('- Online sign-up with video ID check — Sales · High priority · Open');
    expect(section(md, '### 4. Onboarding')).toContain('- **High severity:** No news for 3 days while the number is moved — ⚠ **No owner** · Open');
  });

  it('gives metrics with their sample size, or says there is none', () => {
    expect(section(md, '### 5. Use')).toContain('- App satisfaction: **CSAT 78** (n = 412)');
    const future = instantiateTemplate('futureJourney', english, 'en', 0);
    const out = journeyToMarkdown(future, english, NOW);
    expect(out).toContain('- Target NPS: **NPS 30** (no sample size)');
    expect(out).toContain('- **State:** Future state');
  });

  it('sorts gaps by severity, High first, in the stage and in the summary', () => {
    const stage = sortByIndex(j.stages.values())[1]!;
    const lane = [...j.lanes.values()].find((l) => l.kind === 'painPoints')!;
    const gap = (id: string, severity: 1 | 2 | 3, index: string, status: 'open' | 'done' = 'open'): Card => ({
      id,
      kind: 'gap',
      stageId: stage.id,
      laneId: lane.id,
      index,
      text: `gap ${id}`,
      severity,
      expectation: '',
      owner: 'Ops',
      status,
      statusChangedAt: 0,
      statusChangedBy: '',
    });
    const out = journeyToMarkdown(withCards(j, [gap('low', 1, 'a0'), gap('high', 3, 'a1'), gap('closed', 3, 'a2', 'done')]), english, NOW);
    const inStage = section(out, '#### Pain points & gaps').split('\n').filter((l) => l.startsWith('- '));
    expect(inStage.map((l) => l.match(/\*\*(\w+) severity/)![1])).toEqual(['High', 'High', 'Medium', 'Low']);

    const open = section(out, '### Open gaps by severity').split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| ---'));
    expect(open[0]).toBe('| Severity | Stage | Pain point | Owner (department) | Status |');
    const rows = open.slice(1).map((l) => l.split(' | ').map((c) => c.replace(/^\| |\s\|$/g, '')));
    expect(rows.map((r) => r[0])).toEqual(['High', 'High', 'High', 'Medium', 'Medium', 'Low']);
    expect(rows.map((r) => r[2])).not.toContain('gap closed');
    expect(rows.find((r) => r[2] === 'No news for 3 days while the number is moved')![3]).toBe('⚠ **No owner**');
  });

  it('lists every moment of truth with its stage', () => {
    expect(section(md, '### Moments of truth').trim().split('\n')).toEqual([
      '- ★ **Purchase:** Store visit with a sales advisor — Store · Sales',
      '- ★ **Support:** Call centre — Phone · Customer Service',
    ]);
  });

  it('draws the emotional curve as a small table, one column per persona', () => {
    const curve = section(md, '### Emotional curve').trim().split('\n');
    expect(curve.slice(0, 4)).toEqual(['| Stage | Ana, 34, project manager |', '| --- | --- |', '| Awareness | 🙂 +1 |', '| Consideration | 😐 0 |']);
    expect(curve).toContain('| Onboarding | 😫 -2 |');
  });

  it('escapes Markdown in user text: pipes in tables, leading #, lists, emphasis, links, HTML', () => {
    const stage = sortByIndex(j.stages.values())[0]!;
    const gapLane = [...j.lanes.values()].find((l) => l.kind === 'painPoints')!;
    const noteLane = [...j.lanes.values()].find((l) => l.kind === 'actions')!;
    const nasty: Card[] = [
      { id: 'g', kind: 'gap', stageId: stage.id, laneId: gapLane.id, index: 'a5', text: 'Price | fees *hidden*', severity: 3, expectation: '', owner: 'A|B', status: 'open', statusChangedAt: 0, statusChangedBy: '' },
      { id: 'n1', kind: 'note', stageId: stage.id, laneId: noteLane.id, index: 'a5', text: '# not a heading' },
      { id: 'n2', kind: 'note', stageId: stage.id, laneId: noteLane.id, index: 'a6', text: '[click](http://x) <script>alert(1)</script>' },
      { id: 'n3', kind: 'note', stageId: stage.id, laneId: noteLane.id, index: 'a7', text: '1. first\n- second\n> third' },
    ];
    const out = journeyToMarkdown(withCards(j, nasty), english, NOW);
    expect(out).toContain('| High | Awareness | Price \\| fees \\*hidden\\* | A\\|B | Open |');
    expect(out).toContain('- \\# not a heading');
    expect(out).toContain('- \\[click\\](http://x) \\<script\\>alert(1)\\</script\\>');
    expect(out).toContain('- 1\\. first\\\n  \\- second\\\n  \\> third');
    // No table row has more cells than its header.
    const table = section(out, '### Open gaps by severity').split('\n').filter((l) => l.startsWith('|'));
    for (const row of table) expect(row.split(/(?<!\\)\|/).length).toBe(7);
  });

  it('escapes a map title and stage names that look like Markdown', () => {
    expect(escapeMarkdown('## Big _deal_')).toBe('\\## Big \\_deal\\_');
    expect(escapeMarkdown('AT&T &amp; co')).toBe('AT&T &amp;amp; co');
    const title = { ...j, meta: { ...j.meta, title: '# Ștefan’s *map*' } };
    expect(journeyToMarkdown(title, english, NOW).split('\n')[0]).toBe('# \\# Ștefan’s \\*map\\*');
  });

  it('passes the labels through: a report in another language uses its words', () => {
    const out = journeyToMarkdown(mapOf((k) => k), (k) => `«${k}»`, NOW);
    expect(out).toContain('## «report.summary»');
    expect(out).toContain('#### lane.kind.painPoints'); // the lane's own name, as the map has it
    expect(out).toContain('«card.severity.3»');
  });

  it('says so when a map has nothing yet', () => {
    const empty = instantiateTemplate('blank', english, 'en', 0);
    const out = journeyToMarkdown(empty, english, NOW);
    expect(section(out, '### Moments of truth').trim()).toBe('_None_');
    expect(section(out, '### Open gaps by severity').trim()).toBe('_None_');
    expect(section(out, '### 1. Stage 1').trim()).toBe('_None_');
  });

  it('reports cards whose stage or lane is gone in their own section', () => {
    const orphan: Card = { id: 'o', kind: 'metric', stageId: 'gone', laneId: 'gone', index: 'a0', text: 'Lost KPI', metric: 'other', value: null, sampleSize: null };
    const out = journeyToMarkdown(withCards(j, [orphan]), english, NOW);
    expect(section(out, '### Cards without a stage or lane').trim()).toBe('- Lost KPI: **Other no value** (no sample size)');
  });
});

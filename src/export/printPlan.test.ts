import { describe, expect, it } from 'vitest';
import { translate, type MessageKey, type Params } from '../i18n/catalogue';
import { generateJourney } from '../journey/generate';
import { STAGE_W, layoutJourney } from '../journey/layout';
import { instantiateTemplate } from '../journey/templates';
import { POSTER_SIZES } from '../views/theme';
import { NO_LAYERS } from './layers';
import { legendWords, printLegend } from './printLegend';
import { CARD_TEXT_PX, MIN_ZOOM, PAGE_HEAD_H, PAGE_PX, legendHeight, planFor, printPageCounts, printPlan, type Paper, type PrintPage, type PrintPlan } from './printPlan';

const t = (key: MessageKey, params?: Params) => translate('en', key, params);
const KEY = [['Note', 'Touchpoint', 'Pain point', 'Opportunity', 'Metric', 'Moment of truth', 'Low severity', 'Medium severity', 'High severity']];
/** Card text in points on a page: 13 px × the page's zoom × 0.75 pt per px. */
const textPt = (page: PrintPage) => CARD_TEXT_PX * page.zoom * 0.75;
const lanes = (n: number, height = 160) => Array.from({ length: n }, () => height);

/** Every stage and every lane is on exactly one page of each stage group / lane run: nothing lost, nothing twice. */
function expectCovers(plan: PrintPlan, stages: number, laneCount: number) {
  const cells = new Map<string, number>();
  for (const p of plan.pages)
    for (let s = p.stages[0]; s < p.stages[1]; s++)
      for (let l = p.lanes[0]; l < p.lanes[1]; l++) cells.set(`${s}|${l}`, (cells.get(`${s}|${l}`) ?? 0) + 1);
  expect(cells.size).toBe(stages * laneCount);
  expect([...cells.values()].every((n) => n === 1)).toBe(true);
}

/** A page's content (head, stage row, its lanes, legend) and width, scaled, fit the sheet. */
function expectFits(plan: PrintPlan, paper: Paper, laneHeights: number[]) {
  for (const p of plan.pages) {
    const width = POSTER_SIZES.laneW + (p.stages[1] - p.stages[0]) * STAGE_W;
    const height = PAGE_HEAD_H + POSTER_SIZES.stageH + laneHeights.slice(p.lanes[0], p.lanes[1]).reduce((a, b) => a + b, 0) + plan.legendH;
    expect(width * p.zoom).toBeLessThanOrEqual(PAGE_PX[paper].width + 0.01);
    expect(height * p.zoom).toBeLessThanOrEqual(PAGE_PX[paper].height + 0.01);
    expect(p.zoom).toBeLessThanOrEqual(1);
  }
}

describe('printPlan', () => {
  it('the 8 pt rule: 13 px card text at the lowest zoom prints at 8 pt', () => {
    expect(CARD_TEXT_PX * MIN_ZOOM * 0.75).toBeCloseTo(8, 10);
  });

  it('A4, a wide map: four stages a page at most, in even groups, every page at 8 pt or more and filling the sheet’s width', () => {
    const heights = lanes(3);
    const plan = printPlan({ paper: 'A4', mode: 'split', stages: 10, lanes: heights, legend: KEY });
    expect(plan.pages.map((p) => p.stages)).toEqual([
      [0, 4],
      [4, 7],
      [7, 10],
    ]);
    expect(plan.pages.every((p) => p.lanes[0] === 0 && p.lanes[1] === 3)).toBe(true);
    for (const p of plan.pages) expect(textPt(p)).toBeGreaterThanOrEqual(8);
    // Limited by the width of four stages: the widest page fills its sheet across.
    expect((POSTER_SIZES.laneW + 4 * STAGE_W) * plan.pages[0]!.zoom).toBeCloseTo(PAGE_PX.A4.width, 5);
    expectFits(plan, 'A4', heights);
    expectCovers(plan, 10, 3);
  });

  it('A3 holds six stages a page: the same wide map takes two pages, at a larger text size than A4', () => {
    const heights = lanes(3);
    const a3 = printPlan({ paper: 'A3', mode: 'split', stages: 10, lanes: heights, legend: KEY });
    expect(a3.pages.map((p) => p.stages)).toEqual([
      [0, 5],
      [5, 10],
    ]);
    for (const p of a3.pages) expect(textPt(p)).toBeGreaterThanOrEqual(8);
    expectFits(a3, 'A3', heights);
    const seven = printPlan({ paper: 'A3', mode: 'split', stages: 6, lanes: heights, legend: KEY });
    expect(seven.pages).toHaveLength(1);
  });

  it('a tall map is split by lanes too: every stage group on as many pages as its lanes need, each at 8 pt or more', () => {
    const heights = [160, 220, 280, 160, 400, 160, 160, 280, 160];
    const plan = printPlan({ paper: 'A4', mode: 'split', stages: 5, lanes: heights, legend: KEY });
    const runs = [...new Set(plan.pages.map((p) => p.lanes.join('-')))];
    expect(runs.length).toBeGreaterThan(1);
    expect(plan.pages).toHaveLength(2 * runs.length);
    // Stage group by stage group, its lanes top to bottom.
    expect(plan.pages[0]!.stages).toEqual(plan.pages[1]!.stages);
    expect(plan.pages[0]!.lanes[0]).toBe(0);
    for (const p of plan.pages) expect(textPt(p)).toBeGreaterThanOrEqual(8);
    // The same scale on every page: text the same size throughout.
    expect(new Set(plan.pages.map((p) => p.zoom)).size).toBe(1);
    expectFits(plan, 'A4', heights);
    expectCovers(plan, 5, heights.length);
  });

  it('splits lanes into as few runs as fit, as even as they can be', () => {
    const heights = lanes(8, 200);
    const plan = printPlan({ paper: 'A4', mode: 'split', stages: 2, lanes: heights, legend: KEY });
    const sizes = plan.pages.map((p) => p.lanes[1] - p.lanes[0]);
    const room = PAGE_PX.A4.height / MIN_ZOOM - PAGE_HEAD_H - POSTER_SIZES.stageH - plan.legendH;
    expect(plan.pages).toHaveLength(Math.ceil(8 / Math.floor(room / 200)));
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
  });

  it('a lane too tall for any page at 8 pt gets its own page, scaled to fit; the others keep their text size', () => {
    const heights = [160, 2000, 160];
    const plan = printPlan({ paper: 'A4', mode: 'split', stages: 2, lanes: heights, legend: KEY });
    const tall = plan.pages.find((p) => p.lanes[0] === 1)!;
    expect(tall.lanes).toEqual([1, 2]);
    expect(textPt(tall)).toBeLessThan(8);
    for (const p of plan.pages.filter((p) => p !== tall)) expect(textPt(p)).toBeGreaterThanOrEqual(8);
    expectFits(plan, 'A4', heights);
  });

  it('a map that fits one page at 8 pt prints on one page, scaled up as far as the sheet allows (never above 1)', () => {
    const small = printPlan({ paper: 'A4', mode: 'split', stages: 2, lanes: lanes(2), legend: KEY });
    expect(small.pages).toEqual([{ stages: [0, 2], lanes: [0, 2], zoom: 1 }]);
    const heights = lanes(4);
    const snug = printPlan({ paper: 'A4', mode: 'split', stages: 4, lanes: heights, legend: KEY });
    expect(snug.pages).toHaveLength(1);
    const content = PAGE_HEAD_H + POSTER_SIZES.stageH + 640 + snug.legendH;
    expect(snug.pages[0]!.zoom).toBeCloseTo(Math.min(PAGE_PX.A4.width / (POSTER_SIZES.laneW + 4 * STAGE_W), PAGE_PX.A4.height / content), 10);
  });

  it('whole map on one page is one page whatever its size', () => {
    const plan = printPlan({ paper: 'A4', mode: 'fit', stages: 30, lanes: lanes(12), legend: KEY });
    expect(plan.pages).toHaveLength(1);
    expect(plan.pages[0]!.stages).toEqual([0, 30]);
    expect(textPt(plan.pages[0]!)).toBeLessThan(8);
  });

  it('a longer legend leaves less room for lanes', () => {
    expect(legendHeight([], 1000)).toBe(0);
    const one = legendHeight(KEY, 1200);
    const departments = Array.from({ length: 14 }, (_, i) => `Department number ${i + 1} (12)`);
    const two = legendHeight([...KEY, departments], 1200);
    expect(two).toBeGreaterThan(one);
    expect(legendHeight([...KEY, departments], 600)).toBeGreaterThan(two);
  });
});

describe('plans for real maps', () => {
  it('the current-state template: A4 split keeps text at 8 pt, and the menu’s counts are the plans’ pages', () => {
    const journey = instantiateTemplate('currentJourney', t, 'en', 0);
    const grid = layoutJourney(journey);
    const legend = legendWords(printLegend(journey, t, NO_LAYERS));
    const plan = planFor(journey, 'A4', 'split', legend);
    for (const p of plan.pages) expect(textPt(p)).toBeGreaterThanOrEqual(8);
    expectFits(plan, 'A4', grid.rows.map((r) => r.height));
    expectCovers(plan, grid.columns.length, grid.rows.length);
    const counts = printPageCounts(journey, t, NO_LAYERS);
    expect(counts['A4-split']).toBe(plan.pages.length);
    expect(counts['A3-split']).toBe(planFor(journey, 'A3', 'split', legend).pages.length);
    expect(counts['A3-split']).toBeLessThanOrEqual(counts['A4-split']);
    expect(counts['A4-fit']).toBe(1);
  });

  it('a generated map of 12 stages and 9 lanes of two cards a cell: split by stages and by lanes', () => {
    const journey = generateJourney(12, 9, 2);
    const grid = layoutJourney(journey);
    const plan = planFor(journey, 'A4', 'split', KEY);
    // 12 stages, four a page; 9 lanes of 296 px, two a page.
    expect(new Set(plan.pages.map((p) => p.stages.join('-'))).size).toBe(3);
    expect(new Set(plan.pages.map((p) => p.lanes.join('-'))).size).toBe(5);
    for (const p of plan.pages) expect(textPt(p)).toBeGreaterThanOrEqual(8);
    expectFits(plan, 'A4', grid.rows.map((r) => r.height));
    expectCovers(plan, 12, 9);
  });
});

describe('printLegend', () => {
  it('says the card kinds always; with the lens, lensSummary’s departments, "No department", the unowned moments and the hand-offs; with the survey, the heat', () => {
    const journey = instantiateTemplate('currentJourney', t, 'en', 0);
    expect(printLegend(journey, t, NO_LAYERS).map((g) => g.title)).toEqual([undefined]);
    const store = [...journey.cards.values()].find((c) => c.kind === 'touchpoint' && c.momentOfTruth && c.department === 'Sales')!;
    const cards = new Map(journey.cards);
    cards.set(store.id, { ...store, department: '' } as typeof store);
    const groups = printLegend({ ...journey, cards }, t, { survey: true, lens: true, loops: true });
    expect(groups.map((g) => g.title)).toEqual([undefined, 'Departments and hand-offs', 'Survey figures (n: answers; a quarter shown when it is not the newest)']);
    const lens = legendWords(groups)[1]!;
    expect(lens).toContain('Sales (2)');
    expect(lens).toContain('No department (2)');
    expect(lens).toContain(`Moment of truth with no department: ${store.text}`);
    expect(lens).toContain('3 hand-offs between departments along the customer’s path');
  });
});

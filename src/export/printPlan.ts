// The print layout's plan, pure: which stages and lanes go on which sheet, and how much each sheet
// is scaled, for a paper and a mode. The Export menu asks it how many pages a choice makes; the
// print host (PosterHost) lays out exactly those pages.
//
//   journey ─► layoutJourney (lane heights) + the legend's words ─► printPlan ─► pages, zoom
//
// "Split by stages" keeps card text at 8 pt or more: card text is 13 px at zoom 1, a CSS px is
// 0.75 pt, so a page may be scaled no lower than 8 / (13 × 0.75) ≈ 0.82. As many stages go on a
// page as fit across it at that scale (balanced, so the last page is not a stub); when the map is
// then taller than the page, its lanes are split too, stage and lane headers repeated on every page.
// Then each page is scaled up to fill its sheet (never above 1). "Whole map on one page" is one
// sheet, scaled to fit, whatever the text size.
import { STAGE_W, layoutJourney } from '../journey/layout';
import type { Journey } from '../journey/types';
import type { Translate } from '../i18n';
import { POSTER_SIZES } from '../views/theme';
import type { PictureLayers } from './layers';
import { legendWords, printLegend } from './printLegend';

export type Paper = 'A4' | 'A3';
export type PrintMode = 'fit' | 'split';

/** A landscape sheet's printable area at 96 px per inch with 10 mm margins, a few px spare. */
export const PAGE_PX: Record<Paper, { width: number; height: number }> = {
  A4: { width: 1045, height: 712 },
  A3: { width: 1510, height: 1040 },
};

/** Card text is 13 px at zoom 1 (.card-text); a CSS px prints as 0.75 pt. */
export const CARD_TEXT_PX = 13;
export const MIN_TEXT_PT = 8;
/** The lowest zoom that keeps card text at MIN_TEXT_PT. */
export const MIN_ZOOM = MIN_TEXT_PT / (CARD_TEXT_PX * 0.75);

/** A split page's running head (map name, page number) and the stage header row above the lanes. */
export const PAGE_HEAD_H = 40;
const STAGE_H = POSTER_SIZES.stageH;
const LANE_W = POSTER_SIZES.laneW;

/** The legend under each page: groups of items that wrap, estimated without a DOM (12 px text). */
const LEGEND = { padX: 20, padY: 10, line: 22, gap: 14, swatch: 24, char: 6.8, border: 1 };

/** The height a legend of these groups (each a list of item texts, a line of its own) takes in `width` px. */
export function legendHeight(groups: readonly (readonly string[])[], width: number): number {
  const room = Math.max(100, width - 2 * LEGEND.padX);
  let lines = 0;
  for (const group of groups) {
    if (!group.length) continue;
    let used = 0;
    lines++;
    for (const text of group) {
      const w = Math.min(room, LEGEND.swatch + text.length * LEGEND.char);
      if (used > 0 && used + LEGEND.gap + w > room) {
        lines++;
        used = w;
      } else used += (used > 0 ? LEGEND.gap : 0) + w;
    }
  }
  return lines ? 2 * LEGEND.padY + lines * LEGEND.line + LEGEND.border : 0;
}

export interface PrintInput {
  paper: Paper;
  mode: PrintMode;
  stages: number;
  /** Each lane's height, top to bottom, as layoutJourney gives it. */
  lanes: readonly number[];
  /** The legend's groups of item texts (printLegend). */
  legend: readonly (readonly string[])[];
}

export interface PrintPage {
  /** Stage positions [from, to) and lane positions [from, to) on this sheet. */
  stages: [number, number];
  lanes: [number, number];
  /** The page's scale: its content is laid out 1 / zoom times the sheet's size. */
  zoom: number;
}

export interface PrintPlan {
  pages: PrintPage[];
  /** The legend's height on a split page (its content width is the widest stage group's). */
  legendH: number;
}

/** `count` items in `groups` runs as even as can be, the longer runs first: 10 in 3 → 4, 3, 3. */
function balanced(count: number, groups: number): [number, number][] {
  const out: [number, number][] = [];
  const base = Math.floor(count / groups);
  const extra = count % groups;
  let from = 0;
  for (let i = 0; i < groups; i++) {
    const size = base + (i < extra ? 1 : 0);
    out.push([from, from + size]);
    from += size;
  }
  return out;
}

/** Lanes in consecutive runs no taller than `room` (a lane taller than that alone), greedily. */
function packLanes(lanes: readonly number[], room: number): [number, number][] {
  const out: [number, number][] = [];
  let from = 0;
  let height = 0;
  lanes.forEach((h, i) => {
    if (i > from && height + h > room) {
      out.push([from, i]);
      from = i;
      height = 0;
    }
    height += h;
  });
  out.push([from, lanes.length]);
  return out;
}

const runHeight = (lanes: readonly number[], [from, to]: [number, number]) => lanes.slice(from, to).reduce((a, b) => a + b, 0);

/**
 * The fewest lane runs that fit `room`, then as even as that many runs can be: the same number of
 * pages, with the tallest run as short as possible (so the pages can be scaled up the most).
 */
function laneRuns(lanes: readonly number[], room: number): [number, number][] {
  const greedy = packLanes(lanes, room);
  if (greedy.length <= 1) return greedy;
  // The smallest height limit that still packs into as many runs: a binary search over heights.
  let low = Math.max(...lanes);
  let high = Math.max(low, room);
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (packLanes(lanes, mid).length <= greedy.length) high = mid;
    else low = mid;
  }
  const even = packLanes(lanes, high);
  return even.length <= greedy.length ? even : greedy;
}

export function printPlan({ paper, mode, stages, lanes, legend }: PrintInput): PrintPlan {
  const sheet = PAGE_PX[paper];
  const allLanes: [number, number] = [0, lanes.length];
  if (mode === 'fit' || stages === 0) {
    // One sheet, scaled to fit by the host (it measures the poster's header too).
    const width = LANE_W + stages * STAGE_W;
    const legendH = legendHeight(legend, width);
    const zoom = Math.min(1, sheet.width / width, sheet.height / (PAGE_HEAD_H + STAGE_H + runHeight(lanes, allLanes) + legendH));
    return { pages: [{ stages: [0, stages], lanes: allLanes, zoom }], legendH };
  }
  // Stages across a page: as many as fit at the lowest zoom, in as even groups as that many pages allow.
  const most = Math.max(1, Math.floor((sheet.width / MIN_ZOOM - LANE_W) / STAGE_W));
  const stageGroups = balanced(stages, Math.ceil(stages / most));
  const widest = Math.max(...stageGroups.map(([a, b]) => b - a));
  const width = LANE_W + widest * STAGE_W;
  const legendH = legendHeight(legend, width);
  const chrome = PAGE_HEAD_H + STAGE_H + legendH;
  const widthZoom = Math.min(1, sheet.width / width);
  // Lanes down a page: all of them if they fit at the lowest zoom, else as few runs as fit.
  const room = sheet.height / MIN_ZOOM - chrome;
  const runs = lanes.length ? laneRuns(lanes, room) : [allLanes];
  const fits = (run: [number, number]) => sheet.height / (chrome + runHeight(lanes, run));
  // One zoom for every page (the same text size throughout), as large as the widest group and the
  // tallest run allow; a lane too tall for any page at the lowest zoom makes only its own pages smaller.
  const common = Math.min(widthZoom, ...runs.map(fits).filter((z) => z >= MIN_ZOOM));
  const pages: PrintPage[] = [];
  for (const group of stageGroups) for (const run of runs) pages.push({ stages: group, lanes: run, zoom: Math.min(common, fits(run)) });
  return { pages, legendH };
}

/** The plan for a journey as the print layout draws it: its stages, its lanes' heights, the legend's words. */
export function planFor(journey: Pick<Journey, 'stages' | 'lanes' | 'cards'>, paper: Paper, mode: PrintMode, legend: readonly (readonly string[])[]): PrintPlan {
  const grid = layoutJourney(journey);
  return printPlan({ paper, mode, stages: grid.columns.length, lanes: grid.rows.map((r) => r.height), legend });
}

export type PrintChoice = `${Paper}-${PrintMode}`;

/** How many pages each of the Export menu's print choices makes, with the layers chosen there. */
export function printPageCounts(journey: Pick<Journey, 'stages' | 'lanes' | 'cards'>, t: Translate, layers: PictureLayers): Record<PrintChoice, number> {
  const legend = legendWords(printLegend(journey, t, layers));
  const count = (paper: Paper, mode: PrintMode) => planFor(journey, paper, mode, legend).pages.length;
  return { 'A4-fit': 1, 'A3-fit': 1, 'A4-split': count('A4', 'split'), 'A3-split': count('A3', 'split') };
}

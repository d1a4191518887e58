// The survey layer of a picture: each touchpoint's and stage's survey badge as the screen draws it
// (src/views/VocBadges.tsx: the metric, the figure, "n=40", ⚠ for a small sample, ▲/▼ and the
// change since the quarter before, and the figure's quarter when it is not the map's newest), the
// heat fill of cards and stages (src/journey/voc/onMap.ts heatFill), and the legend's entries for
// them. Input: the map's figures (store.voc.figures, from the Y.Doc's `voc` root); output: markup.
import type { Locale, Translate } from '../../i18n/catalogue';
import { formatNumber } from '../../i18n/format';
import { heatFill, latestFigures, quartersOf, type LatestFigure, type MapFigure } from '../../journey/voc/onMap';
import { SMALL_SAMPLE, sampleFlag } from '../../journey/voc/scores';
import { formatFigure } from '../../views/figures';
import { COLORS, PALETTE } from '../../views/theme';
import { BADGE_H, FONTS, baseline, escapeXml, icon, n, text, triangle, type LegendItem, type Measure } from './draw';
import { hslToHex } from './colors';

/** The badge's own colours (styles.css .voc-badge): a pale slate pill, dashed for a small sample. */
const FILL = '#f1f5f9';
const UP = PALETTE.green700;
const DOWN = PALETTE.red700;
const WARN = COLORS.gold;
const PAD_X = 5;
const GAP = 4;

export interface SurveyLayer {
  /** A target's figures (`t:<touchpoint>` or `s:<stage>`) in its newest quarter, each with its change. */
  figuresOf(target: string): LatestFigure[];
  /** The newest quarter the map has figures for: a badge from another quarter names its own. */
  newest: string | null;
  locale: Locale;
  t: Translate;
  measure: Measure;
  /** Whether some badge names an older quarter: the legend explains it only then. */
  namesOlderQuarter: boolean;
}

/**
 * The layer's reading of the figures of `targets` (the map's touchpoints and stages: figures of a
 * deleted card are not drawn): each target's newest figures worked out once, so a card costs a lookup.
 */
export function surveyLayer(figures: ReadonlyMap<string, MapFigure>, targets: ReadonlySet<string>, t: Translate, measure: Measure, locale: Locale): SurveyLayer {
  const byTarget = new Map<string, Map<string, MapFigure>>();
  for (const [key, f] of figures) {
    const cut = key.lastIndexOf('|', key.lastIndexOf('|') - 1);
    const target = key.slice(0, Math.max(0, cut));
    if (!targets.has(target)) continue;
    let own = byTarget.get(target);
    if (!own) byTarget.set(target, (own = new Map()));
    own.set(key, f);
  }
  const latest = new Map([...byTarget].map(([target, own]) => [target, latestFigures(own, target)]));
  const shown = new Map<string, MapFigure>();
  for (const own of byTarget.values()) for (const [key, f] of own) shown.set(key, f);
  const newest = quartersOf(shown)[0] ?? null;
  return {
    figuresOf: (target) => latest.get(target) ?? [],
    newest,
    locale,
    t,
    measure,
    namesOlderQuarter: [...latest.values()].some((list) => list.some((f) => f.quarter !== newest)),
  };
}

/** The heat fill of a card or stage with these figures, as hex; none without a figure. */
export function heatOf(figures: readonly LatestFigure[]): string | undefined {
  const fill = heatFill(figures);
  return fill && hslToHex(fill);
}

interface Piece {
  width: number;
  draw(x: number, cy: number, y: number): string;
}

/** Words `gap` px after what comes before (a space is a gap, never a leading space: SVG viewers collapse those). */
const words = (label: string, font: string, attrs: string, measure: Measure, gap = 0): Piece => ({
  width: gap + measure(label, font),
  draw: (x, _cy, y) => `<text x="${n(x + gap)}" y="${n(y)}"${attrs}>${escapeXml(label)}</text>`,
});

const BOLD = ' font-size="10.5" font-weight="700"';
const PLAIN = ' font-size="10.5"';

/** What a screen reader hears for a badge (the SVG's <title>), as the screen's aria-label says it. */
function spoken(f: LatestFigure, layer: SurveyLayer): string {
  const { t, locale } = layer;
  const parts = [t('voc.badge', { metric: f.metric, value: formatFigure(f.metric, f.value, locale), n: f.n, quarter: f.quarter })];
  if (sampleFlag(f.n) !== 'ok') parts.push(t('voc.smallSample'));
  if (f.change !== null && f.change !== 0) parts.push(t('voc.change', { change: (f.change > 0 ? '+' : '') + formatNumber(locale, f.change) }));
  return parts.join(' · ');
}

/** The pieces of one badge's face: "NPS +12 n=40 ⚠ ▲12 · 2026-Q2". */
function facePieces(f: LatestFigure, layer: SurveyLayer): Piece[] {
  const { measure, locale } = layer;
  const space = measure(' ', FONTS.badgePlain);
  const pieces: Piece[] = [
    words(f.metric, FONTS.badgeBold, `${BOLD} fill="${COLORS.ink}"`, measure),
    words(formatFigure(f.metric, f.value, locale), FONTS.badgePlain, `${PLAIN} fill="${COLORS.ink}"`, measure, space),
    words(`n=${formatNumber(locale, f.n)}`, FONTS.badgePlain, `${PLAIN} fill="${COLORS.muted}"`, measure, space),
  ];
  if (sampleFlag(f.n) !== 'ok') pieces.push({ width: space + 10.5, draw: (x, cy) => icon('warning', x + space, cy, 10.5, WARN) });
  if (f.change !== null && f.change !== 0) {
    const up = f.change > 0;
    const amount = formatNumber(locale, Math.abs(f.change));
    const color = up ? UP : DOWN;
    pieces.push({
      width: space + 8 + 1 + measure(amount, FONTS.badgeBold),
      draw: (x, cy, y) => triangle(x + space, cy, 8, up, color) + `<text x="${n(x + space + 9)}" y="${n(y)}"${BOLD} fill="${color}">${escapeXml(amount)}</text>`,
    });
  }
  if (layer.newest && f.quarter !== layer.newest) {
    pieces.push(words(`· ${f.quarter}`, FONTS.badgePlain, `${PLAIN} fill="${COLORS.muted}"`, measure, space));
  }
  return pieces;
}

/** A pill around pieces: its width and its markup at (x, top). */
function pill(pieces: Piece[], dashed: boolean, title: string): { width: number; draw(x: number, top: number): string } {
  const inner = pieces.reduce((w, p) => w + p.width, 0);
  const width = 2 + 2 * PAD_X + inner;
  return {
    width,
    draw: (x, top) => {
      const cy = top + BADGE_H / 2;
      const y = baseline(top + 1, 14.7, 10.5);
      let s = `<g class="voc"><title>${escapeXml(title)}</title><rect x="${n(x + 0.5)}" y="${n(top + 0.5)}" width="${n(width - 1)}" height="${n(BADGE_H - 1)}" rx="6" fill="${FILL}" stroke="${COLORS.lineStrong}"${dashed ? ' stroke-dasharray="3 2"' : ''}/>`;
      let px = x + 1 + PAD_X;
      for (const p of pieces) {
        s += p.draw(px, cy, y);
        px += p.width;
      }
      return `${s}</g>`;
    },
  };
}

/**
 * A target's badges as one row: the surest figure (most answers) first, at most `max` of them, and
 * a "+n" that names the rest (in its title), as VocBadges does. `room` is the widest the row may
 * be: badges that do not fit are counted in the "+n" instead. None without figures.
 */
export function vocBadges(figures: readonly LatestFigure[], layer: SurveyLayer, room: number, max = 1): { width: number; draw(x: number, top: number): string } | null {
  if (!figures.length) return null;
  const sorted = [...figures].sort((a, b) => b.n - a.n);
  const more = (rest: LatestFigure[]) =>
    pill([words(`+${rest.length}`, FONTS.badgeBold, `${BOLD} fill="${COLORS.inkSoft}"`, layer.measure)], false, rest.map((f) => spoken(f, layer)).join('; '));
  const shown: ReturnType<typeof pill>[] = [];
  let used = 0;
  let i = 0;
  for (; i < Math.min(max, sorted.length); i++) {
    const f = sorted[i]!;
    const badge = pill(facePieces(f, layer), sampleFlag(f.n) !== 'ok', spoken(f, layer));
    const restW = i + 1 < sorted.length ? GAP + more(sorted.slice(i + 1)).width : 0;
    // The first badge is always drawn (it is what the layer is for); a further one only if it fits.
    if (i > 0 && used + GAP + badge.width + restW > room) break;
    shown.push(badge);
    used += (i > 0 ? GAP : 0) + badge.width;
  }
  if (i < sorted.length) {
    const rest = more(sorted.slice(i));
    shown.push(rest);
    used += GAP + rest.width;
  }
  return {
    width: used,
    draw: (x, top) => {
      let s = '';
      let bx = x;
      for (const b of shown) {
        s += b.draw(bx, top);
        bx += b.width + GAP;
      }
      return s;
    },
  };
}

/** The legend's entries for the survey layer: the quarter, the heat scale, small samples, changes and (when any badge shows one) older quarters. */
export function surveyLegend(layer: SurveyLayer): LegendItem[] {
  const { t, measure, locale } = layer;
  const items: LegendItem[] = [];
  const title = t('layers.surveyTitle', { quarter: layer.newest ?? '' });
  items.push({ width: measure(title, FONTS.legendBold), draw: (x, y) => text(x, baseline(y + 0.6, 16.8, 12), title, 'lg b') });
  // The heat scale: red (lowest) through amber to green (highest), as the heat legend on screen.
  const heat = t('voc.heatLegend');
  const stops = [0, 60, 120].map((h, i) => `<stop offset="${i / 2}" stop-color="${hslToHex(`hsl(${h} 75% 80%)`)}"/>`).join('');
  items.push({
    width: 90 + 6 + measure(heat, FONTS.legend),
    draw: (x, y) =>
      `<linearGradient id="heat-scale" x1="0" x2="1" y1="0" y2="0">${stops}</linearGradient><rect x="${n(x)}" y="${n(y + 4)}" width="90" height="10" rx="4" fill="url(#heat-scale)"/>` +
      text(x + 96, baseline(y + 0.6, 16.8, 12), heat, 'lg'),
  });
  const small = t('voc.smallSample');
  const sampleLabel = `n < ${formatNumber(locale, SMALL_SAMPLE)}`;
  const sample = pill([{ width: 10.5 + 3, draw: (x, cy) => icon('warning', x, cy, 10.5, WARN) }, words(sampleLabel, FONTS.badgePlain, `${PLAIN} fill="${COLORS.muted}"`, measure)], true, small);
  items.push({ width: sample.width + 6 + measure(small, FONTS.legend), draw: (x, y) => sample.draw(x, y + 0.65) + text(x + sample.width + 6, baseline(y + 0.6, 16.8, 12), small, 'lg') });
  const change = t('layers.change');
  items.push({
    width: 8 + 3 + 8 + 6 + measure(change, FONTS.legend),
    draw: (x, y) => triangle(x, y + 9, 8, true, UP) + triangle(x + 11, y + 9, 8, false, DOWN) + text(x + 25, baseline(y + 0.6, 16.8, 12), change, 'lg'),
  });
  if (layer.namesOlderQuarter) {
    const older = t('layers.olderQuarter');
    items.push({ width: measure(older, FONTS.legend), draw: (x, y) => text(x, baseline(y + 0.6, 16.8, 12), older, 'lg') });
  }
  return items;
}

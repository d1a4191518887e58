// The department lens of a picture, as the screen draws it (src/canvas/CardNode.tsx, LinkEdge.tsx
// HandoffEdge, LensLegend.tsx): each card tinted with its owning department's colour, that colour
// on its left edge and the department's name on a tag; a moment of truth nobody owns flagged with
// a warning and words; the hand-offs between departments along the customer's path as dashed
// orange arrows with "from → to"; and the legend from lensSummary (src/journey/loops.ts), which the
// screen and print use too. Input: the journey and its grid; output: markup.
import type { Locale, Translate } from '../../i18n/catalogue';
import { formatNumber } from '../../i18n/format';
import { departmentOf } from '../../journey/filter';
import { CARD_H, CARD_W, type Grid } from '../../journey/layout';
import { linkRoute } from '../../journey/linkRoute';
import { departmentColors, handoffs, lensSummary, type LensSummary } from '../../journey/loops';
import type { Card, Journey } from '../../journey/types';
import { COLORS, PALETTE } from '../../views/theme';
import { FONTS, baseline, ellipsize, escapeXml, icon, legendText, n, text, wrapText, type LegendItem, type Measure } from './draw';
import { tint } from './colors';

/** The hand-offs' orange (styles.css .handoff, .handoff-label). */
export const HANDOFF = { line: '#ea580c', border: '#fdba74', ink: PALETTE.orange800 } as const;
/** A moment of truth nobody owns: the warm warning colours of the app's notices. */
export const UNOWNED = { fill: PALETTE.amber100, ink: PALETTE.orange800, border: PALETTE.amber700 } as const;
const TAG_H = 15;

export interface LensLayer {
  /** The card's owning department's colour; none for a card without one. */
  colorOf(card: Card): string | undefined;
  /** The colours in use, each with the id of its card frames (`frame-lens-<i>`). */
  frames: { color: string; id: string }[];
  frameOf(color: string): string;
  summary: LensSummary;
  unowned: ReadonlySet<string>;
}

export function lensLayer(journey: Journey): LensLayer {
  const colors = departmentColors(journey.cards);
  const summary = lensSummary(journey);
  const used = [...new Set(colors.values())];
  const frames = used.map((color, i) => ({ color, id: `frame-lens-${i}` }));
  const frameIds = new Map(frames.map((f) => [f.color, f.id]));
  return {
    colorOf: (card) => {
      const name = departmentOf(card).trim();
      return name ? colors.get(name.toLowerCase()) : undefined;
    },
    frames,
    frameOf: (color) => frameIds.get(color)!,
    summary,
    unowned: new Set(summary.unownedMoments.map((c) => c.id)),
  };
}

/** A lens card's background: its department's colour, 16 % on white (CSS color-mix, as on screen). */
export const lensFill = (color: string) => tint(color, 0.16);

/**
 * The tag under a card's bottom right corner (styles.css .lens-tag: 6 px from the right, 9 px
 * below the edge): the department's name in white on its colour. None for a card without one.
 */
export function lensTag(card: Card, lens: LensLayer, measure: Measure): string {
  const color = lens.colorOf(card);
  if (!color) return '';
  const top = CARD_H + 9 - TAG_H;
  const right = CARD_W - 6;
  const name = ellipsize(departmentOf(card).trim(), FONTS.tag, CARD_W - 24, measure);
  const w = 12 + measure(name, FONTS.tag);
  return `<g class="lens-tag"><rect x="${n(right - w)}" y="${top}" width="${n(w)}" height="${TAG_H}" rx="6" fill="${color}"/>${text(right - w + 6, baseline(top, TAG_H, 10), name, 'tg')}</g>`;
}

const FLAG_LINE = 13;

/**
 * A moment of truth nobody owns, flagged where its department would be (its footer line, empty
 * without one): a warning and the words, on one line or two, so it reads without colour. Its
 * height, and its markup between `left` and `right` with its bottom at `bottom`; null for any
 * other card.
 */
export function unownedFlag(card: Card, lens: LensLayer, t: Translate, measure: Measure): { height: number; draw(left: number, right: number, bottom: number): string } | null {
  if (!lens.unowned.has(card.id)) return null;
  const words = t('layers.unownedMoment');
  const room = CARD_W - 2 * 14 - 6 - 11 - 4;
  const lines = wrapText(words, FONTS.flag, room, 2, measure);
  const height = lines.length * FLAG_LINE + 4;
  return {
    height,
    draw: (left, right, bottom) => {
      const top = bottom - height;
      return (
        `<g class="lens-unowned"><rect x="${n(left - 4.5)}" y="${n(top + 0.5)}" width="${n(right - left + 8)}" height="${height - 1}" rx="5" fill="${UNOWNED.fill}" stroke="${UNOWNED.border}"/>` +
        icon('warning', left, top + 2 + FLAG_LINE / 2, 11, UNOWNED.ink) +
        lines.map((line, i) => text(left + 15, baseline(top + 2 + i * FLAG_LINE, FLAG_LINE, 10.5), line, 'fl')).join('') +
        '</g>'
      );
    },
  };
}

/** The hand-offs between departments along the customer's path: dashed orange arrows under the cards, and their labels over them. */
export function handoffMarks(journey: Journey, grid: Grid, measure: Measure): { paths: string; labels: string } {
  const paths: string[] = [];
  const labels: string[] = [];
  for (const { from, to } of handoffs(journey)) {
    const a = grid.slots.get(from.id);
    const b = grid.slots.get(to.id);
    if (!a || !b) continue;
    paths.push(`<path d="${linkRoute(a, b).path}"/>`);
    // As on screen: centred between the source's right edge and the target's left one, its bottom 4 px above the higher card.
    const label = `${from.department.trim()} → ${to.department.trim()}`;
    const w = 6 + 12 + 4 + measure(label, FONTS.smallSemi) + 6 + 2;
    const h = 17;
    const cx = (a.x + CARD_W + b.x + 5) / 2;
    const bottom = Math.min(a.y, b.y) - 4;
    const x = cx - w / 2;
    labels.push(
      `<rect x="${n(x + 0.5)}" y="${n(bottom - h + 0.5)}" width="${n(w - 1)}" height="${h - 1}" rx="6" fill="${COLORS.paper}" stroke="${HANDOFF.border}"/>` +
        icon('repeat', x + 7, bottom - h / 2, 11, HANDOFF.ink) +
        `<text x="${n(x + 22)}" y="${n(baseline(bottom - h, h, 11))}" class="ho">${escapeXml(label)}</text>`,
    );
  }
  return {
    paths: paths.length ? `<g class="handoffs" fill="none" stroke="${HANDOFF.line}" stroke-width="2.5" stroke-dasharray="6 5" marker-end="url(#handoff-arrow)">${paths.join('')}</g>` : '',
    labels: labels.length ? `<g class="handoff-labels">${labels.join('')}</g>` : '',
  };
}

/** The arrow head of a hand-off (a <marker> for the poster's <defs>). */
export const handoffArrow = `<marker id="handoff-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="${HANDOFF.line}"/></marker>`;

/** The lens's legend: its title, each department's swatch, name and count, "No department" with its count, the unowned moments of truth, the hand-offs. */
export function lensLegend(lens: LensLayer, t: Translate, measure: Measure, locale: Locale): LegendItem[] {
  const { summary } = lens;
  const count = (value: number) => formatNumber(locale, value);
  const swatchItem = (label: string, value: number, swatch: (x: number, y: number) => string): LegendItem => {
    const number = count(value);
    const labelW = measure(`${label} `, FONTS.legend);
    return {
      width: 16 + labelW + measure(number, FONTS.legend),
      draw: (x, y) => swatch(x, y) + text(x + 16, baseline(y + 0.6, 16.8, 12), label, 'lg') + text(x + 16 + labelW, baseline(y + 0.6, 16.8, 12), number, 'lg mu'),
    };
  };
  const items: LegendItem[] = [legendText(t('lens.legend'), measure, true)];
  for (const d of summary.departments) items.push(swatchItem(d.name, d.cards, (x, y) => `<rect x="${n(x)}" y="${n(y + 3)}" width="12" height="12" rx="3" fill="${d.color}"/>`));
  if (summary.noDepartment) {
    items.push(swatchItem(t('layers.noDepartment'), summary.noDepartment, (x, y) => `<rect x="${n(x + 0.5)}" y="${n(y + 3.5)}" width="11" height="11" rx="3" fill="${COLORS.paper}" stroke="${COLORS.muted}" stroke-dasharray="2 2"/>`));
  }
  if (summary.unownedMoments.length) {
    items.push(swatchItem(t('layers.unownedMoment'), summary.unownedMoments.length, (x, y) => icon('warning', x, y + 9, 12, UNOWNED.ink)));
  }
  const handoffWords = t('lens.handoffs', { n: summary.handoffs });
  items.push({
    width: 28 + measure(handoffWords, FONTS.legend),
    draw: (x, y) => `<path d="M${n(x)} ${n(y + 9)}h22" stroke="${HANDOFF.line}" stroke-width="2.5" stroke-dasharray="6 5"/>` + text(x + 28, baseline(y + 0.6, 16.8, 12), handoffWords, 'lg'),
  });
  return items;
}

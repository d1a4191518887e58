// A figure's trend over the report's last quarters (the report's quarter and the three before it):
// the values, a small line drawn as inline SVG for the HTML (a sparkline with its words for screen
// readers), and the same as text for Markdown ("+4 → +12 ▲"). Pure: model.ts asks for both.
import type { Locale } from '../../i18n/catalogue';
import { figureKey, type MapFigure } from '../../journey/voc/onMap';
import { previousQuarter, type VocMetric } from '../../journey/voc/scores';
import { formatFigure } from '../../views/figures';
import { escapeHtml } from './escape';

/** How many quarters a trend covers, the report's own included. */
export const TREND_QUARTERS = 4;

/** The quarters of a trend, oldest first, ending with `quarter`. */
export function trendQuarters(quarter: string, count = TREND_QUARTERS): string[] {
  const out = [quarter];
  while (out.length < count) out.unshift(previousQuarter(out[0]!));
  return out;
}

export interface TrendPoint {
  quarter: string;
  figure: MapFigure | undefined;
}

/** A target's figure for `metric` in each of `quarters`. */
export const trendOf = (figures: ReadonlyMap<string, MapFigure>, target: string, metric: VocMetric, quarters: readonly string[]): TrendPoint[] =>
  quarters.map((quarter) => ({ quarter, figure: figures.get(figureKey(target, metric, quarter)) }));

const valued = (points: readonly TrendPoint[]) => points.filter((p): p is TrendPoint & { figure: { value: number } } => p.figure?.value != null);

/**
 * The trend in words: the oldest figure of the trail to the newest, and which way it went: "+4 → +12 ▲";
 * one figure alone as itself; "—" with none.
 */
export function trendText(metric: VocMetric, points: readonly TrendPoint[], locale: Locale): string {
  const v = valued(points);
  if (!v.length) return '—';
  const last = v[v.length - 1]!.figure.value;
  if (v.length === 1) return formatFigure(metric, last, locale);
  const first = v[0]!.figure.value;
  const way = last > first ? '▲' : last < first ? '▼' : '=';
  return `${formatFigure(metric, first, locale)} → ${formatFigure(metric, last, locale)} ${way}`;
}

/** Every quarter's figure, for a screen reader: "2026-Q1: +8 (n = 120); 2026-Q2: +20 (n = 45)"; "—" for a quarter without. */
export function trendWords(metric: VocMetric, points: readonly TrendPoint[], locale: Locale, count: (n: number) => string): string {
  return points.map((p) => `${p.quarter}: ${p.figure ? `${formatFigure(metric, p.figure.value, locale)} (n = ${count(p.figure.n)})` : '—'}`).join('; ');
}

/**
 * The least span of values a sparkline shows top to bottom, per metric: a move of 2 NPS points is
 * noise and must not fill the little chart as a move of 40 does.
 */
const LEAST_SPAN: Record<VocMetric, number> = { NPS: 20, CES: 0.5, CSAT: 10 };

const W = 64;
const H = 20;
const PAD = 3;
const r = (n: number) => Math.round(n * 10) / 10;

/**
 * The trend as a sparkline: one slot per quarter (a quarter without figures leaves a gap), the
 * report's quarter as a filled dot. `label` is what a screen reader says of it.
 */
export function sparkline(metric: VocMetric, points: readonly TrendPoint[], label: string, colors: { line: string; last: string; up: string; down: string }): string {
  const v = points.map((p) => (p.figure?.value == null ? null : p.figure.value));
  const present = v.filter((x): x is number => x !== null);
  const title = `<title>${escapeHtml(label)}</title>`;
  const open = `<svg class="spark" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${escapeHtml(label)}">${title}`;
  if (!present.length) return `${open}<path d="M${PAD} ${H / 2}H${W - PAD}" stroke="${colors.line}" stroke-opacity="0.35" stroke-dasharray="2 3"/></svg>`;
  const lo = Math.min(...present);
  const hi = Math.max(...present);
  const span = Math.max(hi - lo, LEAST_SPAN[metric]);
  const mid = (hi + lo) / 2;
  const x = (i: number) => PAD + (i * (W - 2 * PAD)) / Math.max(1, points.length - 1);
  const y = (value: number) => H / 2 - ((value - mid) / span) * (H - 2 * PAD);
  const parts: string[] = [];
  // The line joins neighbouring quarters that both have figures.
  let d = '';
  v.forEach((value, i) => {
    if (value === null) return;
    d += `${i > 0 && v[i - 1] !== null ? 'L' : 'M'}${r(x(i))} ${r(y(value))}`;
  });
  if (d) parts.push(`<path d="${d}" fill="none" stroke="${colors.line}" stroke-width="1.5" stroke-linejoin="round" stroke-linecap="round"/>`);
  const lastIndex = v.length - 1;
  v.forEach((value, i) => {
    if (value === null) return;
    const isLast = i === lastIndex;
    const before = present.length > 1 ? present[0]! : value;
    const color = isLast ? (value > before ? colors.up : value < before ? colors.down : colors.last) : colors.line;
    parts.push(`<circle cx="${r(x(i))}" cy="${r(y(value))}" r="${isLast ? 2.6 : 1.6}" fill="${color}"/>`);
  });
  return `${open}${parts.join('')}</svg>`;
}

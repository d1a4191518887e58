// The survey figures as the report states them: a target's figure per metric in the quarter and the
// one before with the change in points, the map's figure across all its answers, which figures moved
// most, and the cells and phrases that write them. Pure: used by model.ts.
import type { MapFigure } from '../../journey/voc/onMap';
import { figureKey } from '../../journey/voc/onMap';
import { sampleFlag, SCORE_RANGES, VOC_METRICS, type SampleFlag, type VocMetric } from '../../journey/voc/scores';
import { formatChange, formatFigure } from '../../views/figures';
import { escapeHtml } from './escape';
import { plain, type Line, type Span, type Writing } from './text';

/** current - previous in points of the figure as shown (exact to two decimals), null when either is missing. */
export function pointsOfChange(current: MapFigure | undefined, previous: MapFigure | undefined): number | null {
  if (current?.value == null || previous?.value == null) return null;
  return (Math.round(current.value * 100) - Math.round(previous.value * 100)) / 100;
}

/** Beside a sample size: ⚠ under 30 answers, ⚠⚠ under 10 (an anecdote, not a score). */
const SAMPLE_MARK: Record<SampleFlag, string> = { ok: '', small: ' ⚠', tiny: ' ⚠⚠' };
export const sampleMark = (f: MapFigure | undefined): Span[] => {
  const flag = f ? sampleFlag(f.n) : 'ok';
  return flag === 'ok' ? [] : [plain(SAMPLE_MARK[flag], { cls: `warn ${flag}` })];
};

export interface FigureRow {
  metric: VocMetric;
  current: MapFigure | undefined;
  previous: MapFigure | undefined;
  change: number | null;
}

/** A target's figures in the quarter and the one before, for every metric with answers in either. */
export function figureRows(figures: ReadonlyMap<string, MapFigure>, target: string, quarter: string, previous: string): FigureRow[] {
  const rows: FigureRow[] = [];
  for (const metric of VOC_METRICS) {
    const current = figures.get(figureKey(target, metric, quarter));
    const before = figures.get(figureKey(target, metric, previous));
    if (!current && !before) continue;
    rows.push({ metric, current, previous: before, change: pointsOfChange(current, before) });
  }
  return rows;
}

export const trendClass = (change: number | null) => (change === null || change === 0 ? 'flat' : change > 0 ? 'up' : 'down');

/**
 * One metric across several targets (the stages, which together hold every answer with a known
 * stage): the answers' mean, as each target's figure is a mean of its answers (NPS of +100, 0 and
 * -100; CSAT of 100 and 0; CES of the scores), weighted by their n. Exact to the targets' rounding.
 */
export function combined(figures: ReadonlyMap<string, MapFigure>, targets: readonly string[], metric: VocMetric, quarter: string): MapFigure | undefined {
  let n = 0;
  let sum = 0;
  for (const target of targets) {
    const f = figures.get(figureKey(target, metric, quarter));
    if (f?.value == null || f.n <= 0) continue;
    n += f.n;
    sum += f.value * f.n;
  }
  if (!n) return undefined;
  const mean = sum / n;
  return { value: metric === 'CES' ? Math.round(mean * 100) / 100 : Math.round(mean), n };
}

/** A change as a share of its metric's whole range, so moves of different metrics can be ranked together. */
export function relativeChange(metric: VocMetric, change: number): number {
  const { min, max } = SCORE_RANGES[metric];
  const span = metric === 'NPS' ? 200 : metric === 'CSAT' ? 100 : max - min;
  return change / span;
}

/** The cells of a figure row: metric, value, n, the quarter before (with its n), the change. */
export function figureCells(r: FigureRow, w: Writing): Line[] {
  return [
    [plain(r.metric, { strong: true })],
    [plain(formatFigure(r.metric, r.current?.value ?? null, w.locale), { strong: true })],
    [plain(w.count(r.current?.n ?? 0)), ...sampleMark(r.current)],
    r.previous ? [plain(formatFigure(r.metric, r.previous.value, w.locale)), plain(` (n = ${w.count(r.previous.n)})`, { cls: 'sub' })] : [plain('—')],
    [plain(formatChange(r.change, w.locale), { cls: `trend ${trendClass(r.change)}` })],
  ];
}

/**
 * A figure in one cell: "+20 (n = 45 ⚠, ▲ 5)"; in the HTML the value, and under it the sample size
 * and the change.
 */
export function figureCell(r: FigureRow, w: Writing): Span[] {
  const n = `n = ${w.count(r.current?.n ?? 0)}`;
  const mark = sampleMark(r.current)[0]?.text ?? '';
  const change = formatChange(r.change, w.locale);
  return [
    plain(formatFigure(r.metric, r.current?.value ?? null, w.locale), { strong: true }),
    plain(` (${n}${mark}, ${change})`, {
      html: `<span class="sub">${n}${mark ? `<span class="warn">${mark}</span>` : ''} · <span class="trend ${trendClass(r.change)}">${escapeHtml(change)}</span></span>`,
    }),
  ];
}

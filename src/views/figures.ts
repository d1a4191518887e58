// How a survey figure is written wherever it is shown (the badges on the canvas, the quarterly
// report): NPS signed, CSAT as a percentage, CES with its two decimals, each the way of the
// interface language ("5.05" in English, "5,05" in Italian, "78 %" in Romanian).
import type { Locale } from '../i18n/catalogue';
import { formatNumber, formatPercent, formatSigned } from '../i18n/format';
import type { VocMetric } from '../journey/voc/scores';

/** A figure as shown: "+12", "78%", "5.05"; "—" when there is none. */
export function formatFigure(metric: VocMetric, value: number | null, locale: Locale = 'en'): string {
  if (value === null) return '—';
  if (metric === 'NPS') return formatSigned(locale, value);
  if (metric === 'CSAT') return formatPercent(locale, value / 100);
  return formatNumber(locale, value, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** A change in points: "▲ 12", "▼ 0.25", "= 0"; "—" when there is nothing to compare with. */
export function formatChange(change: number | null, locale: Locale = 'en'): string {
  if (change === null) return '—';
  if (change === 0) return '= 0';
  return `${change > 0 ? '▲' : '▼'} ${formatNumber(locale, Math.abs(change))}`;
}

// A touchpoint's or a stage's survey figures in their newest quarter: the metric, the figure, its
// sample size (always), a warning for small samples, and the change since the quarter before; a
// figure whose newest quarter is older than the map's newest names its quarter on the badge too.
import { useMemo } from 'react';
import { latestFigures, quartersOf, type LatestFigure, type MapFigure } from '../journey/voc/onMap';
import { sampleFlag } from '../journey/voc/scores';
import { useEditor } from '../store/context';
import { useStore } from 'zustand';
import { formatNumber, formatSigned, useLocale, type Locale, type Translate } from '../i18n';
import { formatFigure } from './figures';

export function useLatestFigures(target: string): LatestFigure[] {
  const { store } = useEditor();
  const figures = useStore(store, (s) => s.voc.figures);
  return useMemo(() => (figures.size ? latestFigures(figures, target) : []), [figures, target]);
}

const newestCache = new WeakMap<ReadonlyMap<string, MapFigure>, string | undefined>();

/** The map's newest quarter with figures: a badge from an older quarter says which it is. Cached per figures map. */
export function newestQuarter(figures: ReadonlyMap<string, MapFigure>): string | undefined {
  if (!newestCache.has(figures)) newestCache.set(figures, quartersOf(figures)[0]);
  return newestCache.get(figures);
}

/** A screen reader hears each figure as one sentence (the badge is an image with that name); the eye reads the compact badge. */
function spoken(f: LatestFigure, t: Translate, locale: Locale): string {
  const parts = [t('voc.badge', { metric: f.metric, value: formatFigure(f.metric, f.value, locale), n: f.n, quarter: f.quarter })];
  if (sampleFlag(f.n) !== 'ok') parts.push(t('voc.smallSample'));
  if (f.change !== null && f.change !== 0) parts.push(t('voc.change', { change: formatSigned(locale, f.change) }));
  return parts.join(' · ');
}

/**
 * The badges, surest first (most answers). `max` keeps a narrow place (a card's top row, a stage
 * header) to that many, with a "+n" that names the rest in its tooltip.
 */
export function VocBadges({ figures, t, max = Infinity }: { figures: LatestFigure[]; t: Translate; max?: number }) {
  const locale = useLocale((s) => s.locale);
  const { store } = useEditor();
  const newest = useStore(store, (s) => newestQuarter(s.voc.figures));
  if (!figures.length) return null;
  const sorted = [...figures].sort((a, b) => b.n - a.n);
  const shownFigures = sorted.slice(0, max);
  const rest = sorted.slice(max);
  return (
    <div className="voc-badges">
      {shownFigures.map((f) => {
        const flag = sampleFlag(f.n);
        return (
          <span key={f.metric} className={`voc-badge${flag !== 'ok' ? ' is-small' : ''}${f.quarter !== newest ? ' is-older' : ''}`} title={spoken(f, t, locale)} role="img" aria-label={spoken(f, t, locale)}>
            <span aria-hidden className="voc-badge-face">
              <strong>{f.metric}</strong> {formatFigure(f.metric, f.value, locale)} <span className="voc-n">n={formatNumber(locale, f.n)}</span>
              {flag !== 'ok' && ' ⚠'}
              {f.change !== null && f.change !== 0 && (
                <span className={f.change > 0 ? 'voc-up' : 'voc-down'}>
                  {f.change > 0 ? ' ▲' : ' ▼'}
                  {formatNumber(locale, Math.abs(f.change))}
                </span>
              )}
              {/* Not the map's newest quarter: the badge says which, so older figures never pass for today's. */}
              {f.quarter !== newest && <span className="voc-quarter"> · {f.quarter}</span>}
            </span>
          </span>
        );
      })}
      {rest.length > 0 && (
        <span className="voc-badge voc-more" title={rest.map((f) => spoken(f, t, locale)).join('\n')} role="img" aria-label={rest.map((f) => spoken(f, t, locale)).join('; ')}>
          +{rest.length}
        </span>
      )}
    </div>
  );
}

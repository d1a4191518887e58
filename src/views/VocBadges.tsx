// A touchpoint's or a stage's survey figures in their newest quarter: the metric, the figure, its
// sample size (always), a warning for small samples, and the change since the quarter before.
import { useMemo } from 'react';
import { latestFigures, type LatestFigure } from '../journey/voc/onMap';
import { sampleFlag } from '../journey/voc/scores';
import { useEditor } from '../store/context';
import { useStore } from 'zustand';
import type { Translate } from '../i18n';

const shown = (f: LatestFigure) => (f.value === null ? '—' : f.metric === 'NPS' ? (f.value > 0 ? `+${f.value}` : String(f.value)) : f.metric === 'CSAT' ? `${f.value}%` : String(f.value));

export function useLatestFigures(target: string): LatestFigure[] {
  const { store } = useEditor();
  const figures = useStore(store, (s) => s.voc.figures);
  return useMemo(() => (figures.size ? latestFigures(figures, target) : []), [figures, target]);
}

export function VocBadges({ figures, t }: { figures: LatestFigure[]; t: Translate }) {
  if (!figures.length) return null;
  return (
    <div className="voc-badges">
      {figures.map((f) => {
        const flag = sampleFlag(f.n);
        const label = t('voc.badge', { metric: f.metric, value: shown(f), n: f.n, quarter: f.quarter });
        return (
          <span key={f.metric} className={`voc-badge${flag !== 'ok' ? ' is-small' : ''}`} title={`${label}${flag !== 'ok' ? ` · ${t('voc.smallSample')}` : ''}`} aria-label={label}>
            <strong>{f.metric}</strong> {shown(f)} <span className="voc-n">n={f.n}</span>
            {flag !== 'ok' && <span aria-label={t('voc.smallSample')}> ⚠</span>}
            {f.change !== null && f.change !== 0 && (
              <span className={f.change > 0 ? 'voc-up' : 'voc-down'} aria-label={t('voc.change', { change: f.change > 0 ? `+${f.change}` : f.change })}>
                {f.change > 0 ? ' ▲' : ' ▼'}
                {Math.abs(f.change)}
              </span>
            )}
          </span>
        );
      })}
    </div>
  );
}

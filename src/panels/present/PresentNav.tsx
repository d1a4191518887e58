// The presentation's own controls, at the foot of the summary: back, where one is ("3 / 6" and a dot
// per stage, named "Stage 3 of 6" for a screen reader), forward, and the end. The keys do the same
// (usePresentKeys); a live region says each new stage aloud.
import { useT } from '../../i18n';
import { Icon } from '../../views/Icon';

export function PresentNav({ at, total, name, go, stop }: { at: number; total: number; name: string; go(to: number): void; stop(): void }) {
  const t = useT();
  const where = t('present.position', { n: at + 1, total });
  return (
    <nav className="present-nav" aria-label={t('present.controls')}>
      <button type="button" className="btn present-step" disabled={at === 0} onClick={() => go(at - 1)} aria-label={t('present.previous')} title={t('present.previous')}>
        <Icon name="back" />
      </button>
      <div className="present-progress" role="progressbar" aria-label={where} aria-valuemin={1} aria-valuemax={total} aria-valuenow={at + 1} aria-valuetext={where}>
        <span className="present-count" aria-hidden>
          {at + 1} / {total}
        </span>
        <span className="present-dots" aria-hidden>
          {Array.from({ length: total }, (_, i) => (
            <span key={i} className={i === at ? 'is-current' : i < at ? 'is-done' : undefined} />
          ))}
        </span>
      </div>
      <button type="button" className="btn btn-primary present-step" disabled={at === total - 1} onClick={() => go(at + 1)} aria-label={t('present.next')} title={t('present.next')}>
        <Icon name="next" />
      </button>
      <button type="button" className="btn btn-ghost present-end" onClick={stop} title={t('present.keys')}>
        <Icon name="close" /> {t('present.stop')}
      </button>
      <p className="sr-only" aria-live="polite">
        {t('present.announce', { n: at + 1, total, name })}
      </p>
    </nav>
  );
}

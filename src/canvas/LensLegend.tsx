// The department lens's legend, docked as a bar above the canvas (never over a card; EditorPage): each owning
// department with its colour, its name and how many cards it owns (colour is never the only
// signal), "No department" with its count, the moments of truth nobody owns (a click shows one on
// the map), and the hand-offs between departments along the customer's path, with the touchpoints
// whose hand-offs cannot be counted since they have no department. The words are lensSummary's,
// as in pictures and print.
import { useMemo } from 'react';
import { useStore } from 'zustand';
import { lensSummary } from '../journey/loops';
import { useEditor } from '../store/context';
import { shownJourney } from '../store/selectors';
import { useT } from '../i18n';
import { Icon } from '../views/Icon';

/** The bar, while the lens is on (EditorPage loads it then). */
export function LensLegend() {
  const t = useT();
  const { store } = useEditor();
  const journey = useStore(store, shownJourney);
  const { summary, uncounted } = useMemo(() => {
    let touchpoints = 0;
    for (const c of journey.cards.values()) if (c.kind === 'touchpoint' && !c.department.trim()) touchpoints++;
    return { summary: lensSummary(journey), uncounted: touchpoints };
  }, [journey]);
  return (
    <section className="lens-legend" aria-label={t('lens.legend')}>
      <strong className="lens-legend-title">{t('lens.legend')}</strong>
      <ul>
        {summary.departments.map((d) => (
          <li key={d.name}>
            <span className="lens-swatch" style={{ background: d.color }} aria-hidden />
            {d.name} <span className="lens-count">{d.cards}</span>
          </li>
        ))}
        {summary.noDepartment > 0 && (
          <li className="lens-none-item">
            <span className="lens-swatch is-none" aria-hidden />
            {t('layers.noDepartment')} <span className="lens-count">{summary.noDepartment}</span>
          </li>
        )}
      </ul>
      <span className="lens-handoffs">
        <Icon name="repeat" /> {t('lens.handoffs', { n: summary.handoffs })}
        {uncounted > 0 && <span className="lens-uncounted"> ({t('lens.uncounted', { n: uncounted })})</span>}
      </span>
      {summary.unownedMoments.length > 0 && (
        <p className="lens-unowned-list">
          <Icon name="warning" /> <strong>{t('lens.unownedMoments', { n: summary.unownedMoments.length })}</strong>{' '}
          {summary.unownedMoments.map((card, i) => (
            <span key={card.id}>
              {i > 0 && ', '}
              <button type="button" className="link-btn" onClick={() => store.session.revealCard(card.id)}>
                {card.text.trim() || t('card.empty')}
              </button>
            </span>
          ))}
        </p>
      )}
    </section>
  );
}

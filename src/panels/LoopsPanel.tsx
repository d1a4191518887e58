// Closing the loop: every open pain point and opportunity by owning department, oldest first, with
// its status and since when; and what needs an owner (moments of truth and severe gaps nobody
// owns). A click shows the card on the map.
import { openLoops, type LoopCard } from '../journey/loops';
import { isLoopKind } from '../journey/cards';
import type { Card } from '../journey/types';
import { useEditor, useJourney } from '../store/context';
import { useT, type Translate } from '../i18n';
import { CARD_KIND_ICONS, DEPARTMENT_ICON, SEVERITY_ICONS, STATUS_ICONS } from '../views/marks';
import { Icon } from '../views/Icon';

function daysSince(time: number): number {
  return Math.max(0, Math.floor((Date.now() - time) / 86_400_000));
}

function Item({ card, t, onShow }: { card: Card; t: Translate; onShow(id: string): void }) {
  const loop = isLoopKind(card.kind) ? (card as LoopCard) : null;
  return (
    <li>
      <button type="button" className="loop-item" onClick={() => onShow(card.id)}>
        <Icon name={CARD_KIND_ICONS[card.kind]} />
        <span className="loop-text">
          {card.kind === 'gap' && (
            <span className={`badge badge-sev-${card.severity}`}>
              <Icon name={SEVERITY_ICONS[card.severity]} /> {t(`severity.short.${card.severity}`)}
            </span>
          )}{' '}
          {card.text || t('card.empty')}
          {loop && (
            <span className="muted small">
              {' '}
              · <Icon name={STATUS_ICONS[loop.status]} /> {t(`status.${loop.status}`)}
              {loop.statusChangedAt ? ` · ${t('loops.since', { days: daysSince(loop.statusChangedAt) })}` : ''}
              {loop.statusChangedBy ? ` · ${loop.statusChangedBy}` : ''}
            </span>
          )}
        </span>
      </button>
    </li>
  );
}

export function LoopsPanel() {
  const t = useT();
  const { store } = useEditor();
  const cards = useJourney((j) => j.cards);
  const { byDepartment, unowned: allUnowned, needsOwner } = openLoops({ cards });
  // A severe gap without an owner is already at the top, flagged: it is not listed a second time.
  const flagged = new Set(needsOwner.map((c) => c.id));
  const unowned = allUnowned.filter((c) => !flagged.has(c.id));
  const show = (id: string) => store.session.revealCard(id);
  const total = byDepartment.reduce((n, [, list]) => n + list.length, 0) + allUnowned.length;
  return (
    <aside className="side-panel loops-panel" aria-label={t('loops.title')}>
      <div className="side-panel-head">
        <h2>{t('loops.title')}</h2>
        <button type="button" className="icon-btn" aria-label={t('common.close')} onClick={() => store.session.closePanel()}>
          <Icon name="close" />
        </button>
      </div>
      <p className="muted">{t('loops.summary', { n: total })}</p>
      {needsOwner.length > 0 && (
        <section className="loops-alert" aria-label={t('loops.needsOwner')}>
          <h3><Icon name="warning" /> {t('loops.needsOwner')}</h3>
          <ul>
            {needsOwner.map((c) => (
              <Item key={c.id} card={c} t={t} onShow={show} />
            ))}
          </ul>
        </section>
      )}
      {unowned.length > 0 && (
        <section aria-label={t('loops.unowned')}>
          <h3>{t('loops.unowned')}</h3>
          <ul>
            {unowned.map((c) => (
              <Item key={c.id} card={c} t={t} onShow={show} />
            ))}
          </ul>
        </section>
      )}
      {byDepartment.map(([department, list]) => (
        <section key={department} aria-label={department}>
          <h3>
            <Icon name={DEPARTMENT_ICON} /> {department} <span className="muted">({list.length})</span>
          </h3>
          <ul>
            {list.map((c) => (
              <Item key={c.id} card={c} t={t} onShow={show} />
            ))}
          </ul>
        </section>
      ))}
      {total === 0 && needsOwner.length === 0 && <p>{t('loops.none')}</p>}
    </aside>
  );
}

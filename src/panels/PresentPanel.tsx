// Presentation mode: walks the map stage by stage. Beside the zoomed stage, its summary: the
// emotion, touchpoints with their channels, moments of truth, gaps by severity, opportunities.
// Arrow keys move between stages, Escape ends.
import { useEffect } from 'react';
import { FACES, emotionKey } from '../journey/emotions';
import { sortByIndex } from '../journey/order';
import type { Card, GapCard, OpportunityCard, TouchpointCard } from '../journey/types';
import { useEditor, useJourney, useSession } from '../store/context';
import { useT } from '../i18n';
import { CHANNEL_ICONS, MOT_ICON, SEVERITY_ICONS, STATUS_ICONS } from '../views/marks';
import { Icon } from '../views/Icon';

export function PresentPanel() {
  const t = useT();
  const { store } = useEditor();
  const at = useSession((s) => s.presenting)!;
  const stagesMap = useJourney((j) => j.stages);
  const cardsMap = useJourney((j) => j.cards);
  const emotions = useJourney((j) => j.emotions);
  const personasMap = useJourney((j) => j.personas);
  const stages = sortByIndex(stagesMap.values());
  const stage = stages[at];
  const go = (to: number) => store.session.present(to);
  const stop = () => store.session.stopPresenting();

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const el = e.target as HTMLElement | null;
      // Keys typed into a field (editing a card while presenting) are the field's.
      if (el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable)) return;
      if (e.key === 'ArrowRight' || e.key === 'PageDown') go(at + 1);
      else if (e.key === 'ArrowLeft' || e.key === 'PageUp') go(at - 1);
      else if (e.key === 'Escape') stop();
      else return;
      e.preventDefault();
      e.stopPropagation();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  });

  if (!stage) return null;
  const cards = sortByIndex([...cardsMap.values()].filter((c) => c.stageId === stage.id));
  const touchpoints = cards.filter((c): c is TouchpointCard => c.kind === 'touchpoint');
  const moments = touchpoints.filter((c) => c.momentOfTruth);
  const gaps = cards.filter((c): c is GapCard => c.kind === 'gap').sort((a, b) => b.severity - a.severity);
  const opportunities = cards.filter((c): c is OpportunityCard => c.kind === 'opportunity');
  const personas = sortByIndex(personasMap.values());
  const feelings = (personas.length ? personas : [null]).map((p) => ({ p, e: emotions.get(emotionKey(stage.id, p?.id ?? null)) }));
  const section = <C extends Card,>(title: string, items: C[], line: (c: C) => React.ReactNode) =>
    items.length > 0 && (
      <section>
        <h3>{title}</h3>
        <ul>
          {items.map((c) => (
            <li key={c.id}>{line(c)}</li>
          ))}
        </ul>
      </section>
    );
  return (
    <aside className="side-panel present-panel" aria-label={t('present.title')} aria-live="polite">
      <p className="muted small">{t('present.position', { n: at + 1, total: stages.length })}</p>
      <h2>
        <span className="stage-number">{at + 1}</span> {stage.name}
      </h2>
      {stage.goal && <p>{stage.goal}</p>}
      {feelings.some((f) => f.e) && (
        <section>
          <h3>{t('lane.kind.emotions')}</h3>
          <ul>
            {feelings.map(({ p, e }) =>
              e ? (
                <li key={p?.id ?? 'map'}>
                  {FACES[e.score]} {e.score > 0 ? `+${e.score}` : e.score} {t(`emotion.score.${e.score}`)}
                  {p ? ` (${p.name})` : ''}
                  {e.note ? ` — ${e.note}` : ''}
                </li>
              ) : null,
            )}
          </ul>
        </section>
      )}
      {section(t('present.moments'), moments, (c: TouchpointCard) => (
        <>
          <strong><Icon name={MOT_ICON} /> {c.text}</strong> · <Icon name={CHANNEL_ICONS[c.channel]} /> {t(`channel.${c.channel}`)}
        </>
      ))}
      {section(t('lane.kind.touchpoints'), touchpoints, (c: TouchpointCard) => (
        <>
          <Icon name={CHANNEL_ICONS[c.channel]} /> {c.text} <span className="muted">· {t(`channel.${c.channel}`)}{c.department ? ` · ${c.department}` : ''}</span>
        </>
      ))}
      {section(t('lane.kind.painPoints'), gaps, (c: GapCard) => (
        <>
          <span className={`badge badge-sev-${c.severity}`}>
            <Icon name={SEVERITY_ICONS[c.severity]} /> {t(`severity.short.${c.severity}`)}
          </span>{' '}
          {c.text} <span className="muted">· {c.owner || t('card.noOwner')} · <Icon name={STATUS_ICONS[c.status]} /> {t(`status.${c.status}`)}</span>
        </>
      ))}
      {section(t('lane.kind.opportunities'), opportunities, (c: OpportunityCard) => (
        <>
          <Icon name="lightbulb" /> {c.text} <span className="muted">· {t(`priority.${c.priority}`)} · {c.owner || t('card.noOwner')}</span>
        </>
      ))}
      {cards.length === 0 && <p className="muted">{t('present.empty')}</p>}
      <div className="present-nav">
        <button type="button" className="btn" disabled={at === 0} onClick={() => go(at - 1)} aria-label={t('present.previous')}>
          <Icon name="back" /> {t('present.previous')}
        </button>
        <button type="button" className="btn btn-primary" disabled={at === stages.length - 1} onClick={() => go(at + 1)} aria-label={t('present.next')}>
          {t('present.next')} <Icon name="next" />
        </button>
        <button type="button" className="btn btn-ghost" onClick={stop}>
          <Icon name="close" /> {t('present.stop')}
        </button>
      </div>
    </aside>
  );
}

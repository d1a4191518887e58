// The band above the canvas while this tab shows something other than the live map as it is: a
// version opened read-only ("Viewing version “Q3 baseline” of 12 Nov, 14:03 — read-only", and the
// way back to the live map), or a comparison drawn on the live map (its counts, the list, the way
// out). While comparing it compares again as the live map changes, so a card someone adds now is
// marked too. Loaded with the history panel's code, when first needed.
import { useEffect, useRef } from 'react';
import { useStore } from 'zustand';
import { useFormat, useT } from '../i18n';
import { compareJourneys } from '../journey/compare';
import { useEditor, useSession } from '../store/context';
import type { VersionsClient } from '../store/versionsClient';
import { Icon } from '../views/Icon';
import { focusHistoryButton } from './HistoryPanel';
import { forMap, setHistory, useHistory } from './history/historyStore';
import { useHistoryActions } from './history/useHistoryActions';

interface Props {
  mapId: string;
  client: VersionsClient | null;
}

/** Compares the live map again with what it is compared with, a moment after it changes. */
function useLiveComparison(): void {
  const { store } = useEditor();
  const base = useHistory((s) => s.base);
  const live = useStore(store, (s) => s.journey);
  useEffect(() => {
    if (!base) return;
    const timer = setTimeout(() => {
      const { compare } = store.getState().session;
      if (!compare || compare.label !== base.name) return;
      const { show } = compare;
      store.session.compareWith(compare.label, compareJourneys(base.journey, store.getState().journey));
      if (show.length) store.session.showChanges(show);
    }, 300);
    return () => clearTimeout(timer);
  }, [base, live, store]);
}

export function HistoryBanner({ mapId, client }: Props) {
  forMap(mapId);
  const t = useT();
  const format = useFormat();
  const { store } = useEditor();
  const viewing = useSession((s) => s.viewing);
  const compare = useSession((s) => s.compare);
  const canEdit = useSession((s) => s.role === 'edit');
  const busy = useHistory((s) => s.busy);
  const act = useHistoryActions(client);
  const text = useRef<HTMLParagraphElement>(null);
  useLiveComparison();
  // Opening a version says so, and puts the reader where the way back is.
  const viewingId = viewing?.id ?? null;
  useEffect(() => {
    if (viewingId) text.current?.focus();
  }, [viewingId]);

  if (viewing) {
    const date = format.dateTime(viewing.createdAt);
    const ref = { id: viewing.id, name: viewing.label || null, createdAt: viewing.createdAt };
    const back = () => {
      // With the history open, it puts focus on this version in its list; else the History button takes it.
      if (store.getState().session.panel !== 'history') focusHistoryButton();
      store.session.backToLive();
    };
    return (
      <section className="history-banner is-version" aria-label={t('history.bannerLabel')}>
        <Icon name="history" />
        <p ref={text} tabIndex={-1} className="history-banner-text">
          {viewing.label ? t('history.viewingNamed', { name: viewing.label, date }) : t('history.viewingAuto', { date })}
        </p>
        <div className="history-banner-actions">
          <button type="button" className="btn btn-primary" onClick={back}>
            <Icon name="back" /> {t('history.backToLive')}
          </button>
          <button type="button" className="btn" disabled={busy} onClick={() => void act.compareWithNow(ref)}>
            <Icon name="compare" /> {t('history.compareWithNow')}
          </button>
          {canEdit && client && (
            <button
              type="button"
              className="btn"
              disabled={busy}
              onClick={() => {
                // The history panel says how it went (and where Undo is), and takes focus back after.
                store.session.openPanel('history');
                void act.restore(ref);
              }}
            >
              <Icon name="undo" /> {t('history.restore')}
            </button>
          )}
        </div>
      </section>
    );
  }
  if (!compare) return null;
  return (
    <section className="history-banner is-compare" aria-label={t('history.bannerLabel')}>
      <Icon name="compare" />
      <p className="history-banner-text">
        {t('history.comparing', { name: compare.label })} <span className="history-banner-counts">{t('compare.summary', { ...compare.comparison.counts })}</span>
      </p>
      <div className="history-banner-actions">
        <button
          type="button"
          className="btn"
          onClick={() => {
            setHistory({ focusCompare: true });
            store.session.openPanel('history');
          }}
        >
          <Icon name="panel" /> {t('history.showList')}
        </button>
        <button
          type="button"
          className="btn btn-ghost"
          onClick={() => {
            act.stopComparing();
            focusHistoryButton();
          }}
        >
          <Icon name="close" /> {t('history.stopComparing')}
        </button>
      </div>
    </section>
  );
}

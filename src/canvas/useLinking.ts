// How links are made and removed on the canvas, between the gestures and the link commands:
// a link dragged from a card's handle and dropped anywhere on another card (the whole card is the
// target: CardNode's .card-drop), the keyboard's link dialog (L on a card: its state is here, the
// dialog is LinkPickerHost), Delete on a selected link, and what each says to a screen reader (the
// editor's live region, views/announce).
import { useCallback, useEffect, useState } from 'react';
import type { Connection, Edge } from '@xyflow/react';
import type { Actions } from '../doc/actions';
import type { EditorStore } from '../store/store';
import { isReadOnly, shownJourney } from '../store';
import type { Translate } from '../i18n';
import { announce } from '../views/announce';
import { cardWords } from './linkEdges';

const isTyping = (el: Element | null) => !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || (el as HTMLElement).isContentEditable);

export function useLinking(store: EditorStore, actions: Actions, t: Translate) {
  const [from, setFrom] = useState<string | null>(null);
  const close = useCallback(() => setFrom(null), []);

  const words = useCallback(
    (from: string, to: string) => {
      const cards = shownJourney(store.getState()).cards;
      return { from: cardWords(t, cards.get(from)?.text), to: cardWords(t, cards.get(to)?.text) };
    },
    [store, t],
  );

  const onConnect = useCallback(
    (c: Connection) => {
      if (!c.source || !c.target || c.source === c.target) return;
      if (actions.addLink(c.source, c.target)) announce(t('link.made', words(c.source, c.target)));
    },
    [actions, t, words],
  );

  /** A card takes no link from itself. */
  const isValidConnection = useCallback((c: Connection | Edge) => c.source !== c.target, []);

  // Delete (or Backspace) removes the selected link, unless one is typing; focus goes to its card.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      // Enter or Space on a link reached with Tab selects it (React Flow's own keys are off).
      const edge = (e.target as Element | null)?.closest?.('.react-flow__edge-link');
      if ((e.key === 'Enter' || e.key === ' ') && edge?.getAttribute('data-id')) {
        e.preventDefault();
        store.session.selectLink(edge.getAttribute('data-id')!);
        return;
      }
      if (e.key !== 'Delete' && e.key !== 'Backspace') return;
      const { session } = store.getState();
      const id = session.selectedLink;
      const active = document.activeElement;
      if (!id || isReadOnly(session) || isTyping(active) || (active && active !== document.body && !active.closest('.canvas'))) return;
      const link = shownJourney(store.getState()).links.get(id);
      if (!link) return;
      e.preventDefault();
      actions.deleteLinks([id]);
      store.session.unselectLink(id);
      announce(t('link.deleted', words(link.from, link.to)));
      document.querySelector<HTMLElement>(`[data-card-id="${link.from}"]`)?.focus({ preventScroll: true });
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [store, actions, t, words]);

  return { from, open: setFrom, close, onConnect, isValidConnection };
}

// The keyboard map of a focused card: arrows move focus, Alt+arrows move the card, Enter edits,
// Delete removes, Ctrl/Cmd+D duplicates, N adds a card after it, L links it to another card, C
// opens its comments (also for readers: commenting changes no map), Escape clears the selection.
import { useCallback, type KeyboardEvent } from 'react';
import { cellKey, neighbourCard, type Direction } from '../journey/layout';
import { useActions, useEditor } from '../store/context';
import { isReadOnly } from '../store/selectors';
import { useCanvas } from './canvasContext';
import { useT } from '../i18n';
import { announce } from '../views/announce';

const ARROWS: Record<string, Direction> = { ArrowUp: 'up', ArrowDown: 'down', ArrowLeft: 'left', ArrowRight: 'right' };

export function useCardKeys(cardId: string): (e: KeyboardEvent) => void {
  const { store } = useEditor();
  const actions = useActions();
  const canvas = useCanvas();
  const t = useT();

  return useCallback(
    (e: KeyboardEvent) => {
      if (e.target !== e.currentTarget) return;
      const { session } = store.getState();
      const grid = canvas.grid();
      const slot = grid.slots.get(cardId);
      const mod = e.ctrlKey || e.metaKey;
      const direction = ARROWS[e.key];
      const readOnly = isReadOnly(session);
      let handled = true;
      if (!mod && !e.altKey && e.key.toLowerCase() === 'c') {
        store.session.select([cardId]);
        store.session.showComments({ type: 'card', id: cardId });
      } else if (readOnly && !direction && e.key !== 'Escape' && e.key !== ' ') {
        handled = false; // a viewer moves around and selects; nothing changes the map
      } else if (direction && e.altKey && slot) {
        if (readOnly) return;
        const { stageId, laneId } = slot.card;
        const size = (stage: string) => grid.cells.get(cellKey(stage, laneId))?.length ?? 0;
        // Where it went, said out loud (a moved card keeps the focus, so nothing else says it).
        const said = (stage: string, rank: number, total: number) =>
          announce(t('card.movedTo', { stage: grid.columns.find((c) => c.stage.id === stage)?.stage.name ?? '', lane: grid.rows.find((r) => r.lane.id === laneId)?.lane.name ?? '', n: rank + 1, total }));
        if (direction === 'up' || direction === 'down') {
          const rank = slot.rank + (direction === 'down' ? 1 : -1);
          actions.moveCards([cardId], stageId, laneId, rank);
          if (rank >= 0 && rank < size(stageId)) said(stageId, rank, size(stageId));
        } else {
          const at = grid.columns.findIndex((c) => c.stage.id === stageId) + (direction === 'right' ? 1 : -1);
          const target = grid.columns[at];
          if (target) {
            const rank = Math.min(slot.rank, size(target.stage.id));
            actions.moveCards([cardId], target.stage.id, laneId, rank);
            said(target.stage.id, rank, size(target.stage.id) + 1);
          }
        }
        canvas.focusCard(cardId);
      } else if (direction) {
        const next = neighbourCard(grid, cardId, direction);
        if (next) canvas.focusCard(next);
      } else if (e.key === 'Enter' || e.key === 'F2') {
        canvas.focusCard(cardId, { edit: true });
      } else if (e.key === 'Delete' || e.key === 'Backspace') {
        const ids = session.selection.includes(cardId) ? session.selection : [cardId];
        const next = neighbourCard(grid, cardId, 'down') ?? neighbourCard(grid, cardId, 'up');
        actions.deleteCards(ids);
        store.session.clearSelection();
        if (next && !ids.includes(next)) canvas.focusCard(next);
        else if (slot) {
          // The last card gone: the focus goes to its cell's "+", never to the page.
          const stage = grid.columns.find((c) => c.stage.id === slot.card.stageId)?.stage.name || t('stage.untitled');
          const lane = grid.rows.find((r) => r.lane.id === slot.card.laneId)?.lane.name || t('lane.untitled');
          document.querySelector<HTMLElement>(`.cell-add[aria-label="${CSS.escape(t('cell.add', { stage, lane }))}"]`)?.focus();
        }
      } else if (mod && e.key.toLowerCase() === 'd') {
        const ids = session.selection.includes(cardId) ? session.selection : [cardId];
        store.session.select(actions.duplicateCards(ids));
      } else if (!mod && !e.altKey && e.key.toLowerCase() === 'n' && slot) {
        canvas.addCardIn(slot.card.stageId, slot.card.laneId, slot.rank + 1);
      } else if (!mod && !e.altKey && e.key.toLowerCase() === 'l') {
        canvas.linkFrom(cardId); // a dialog lists the other cards (useLinking, LinkPicker)
      } else if (e.key === ' ') {
        if (e.shiftKey) store.session.toggleSelect(cardId);
        else store.session.select([cardId]);
      } else if (e.key === 'Escape') {
        store.session.clearSelection();
      } else {
        handled = false;
      }
      if (handled) {
        e.preventDefault();
        e.stopPropagation();
      }
    },
    [store, actions, canvas, cardId, t],
  );
}

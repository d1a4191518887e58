// Keeps a text field bound to a card's shared text while it is on screen (the binding itself is
// src/doc/textBinding.ts). The field is uncontrolled: the binding, not React, writes its value,
// so a remote change never re-renders it and never moves the caret. Undo and redo typed in the
// field go to the map's undo (this person's own changes), not the browser's field history, which
// knows nothing of the others' edits.
import { useEffect, type KeyboardEvent, type RefObject } from 'react';
import type { Actions } from '../doc/actions';

export function useCardText(ref: RefObject<HTMLTextAreaElement | null>, cardId: string, actions: Actions): void {
  useEffect(() => {
    const field = ref.current;
    if (!field) return;
    const unbind = actions.bindCardText(cardId, field);
    // The browser's own undo (Edit menu, or a key we did not catch) would replay stale values.
    const onBeforeInput = (e: InputEvent) => {
      if (e.inputType !== 'historyUndo' && e.inputType !== 'historyRedo') return;
      e.preventDefault();
      if (e.inputType === 'historyUndo') actions.undo();
      else actions.redo();
    };
    field.addEventListener('beforeinput', onBeforeInput);
    return () => {
      field.removeEventListener('beforeinput', onBeforeInput);
      unbind();
    };
  }, [ref, cardId, actions]);
}

/** Ctrl/⌘+Z, Ctrl/⌘+Shift+Z and Ctrl+Y in a bound field: the map's undo. True if it was one. */
export function undoKey(e: KeyboardEvent, actions: Actions): boolean {
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key.toLowerCase();
  if (!mod || (key !== 'z' && key !== 'y')) return false;
  e.preventDefault();
  if (key === 'y' || e.shiftKey) actions.redo();
  else actions.undo();
  return true;
}

// Binds one text field on screen (a <textarea> or <input>) to one Y.Text, both ways, by deltas.
// Each input becomes the smallest edit at the caret (a named command, passed in); each change that
// did not come from this field (another person, another field of this tab, undo) is drawn by
// rewriting the field's value and putting the caret back where it was *among the characters*: the
// selection is kept as Yjs relative positions taken just before the change is applied (the way the
// y-codemirror binding does it), so text inserted or deleted by someone else before, after or at
// the caret never moves it off the person's own place, and two people's words never interleave.
// While an input method composes (dead keys for ă, ș, à, è), the field is left alone: remote changes
// wait and are drawn when the composition ends, and the composed text is placed by relative
// positions taken when it began.
import * as Y from 'yjs';
import { diffText, type TextEdit } from '../journey/text';

/** What the binding needs of a text field: a <textarea> or <input> has all of it. */
export interface TextSurface {
  value: string;
  selectionStart: number | null;
  selectionEnd: number | null;
  selectionDirection: 'forward' | 'backward' | 'none' | null;
  scrollTop: number;
  setSelectionRange(start: number, end: number, direction?: 'forward' | 'backward' | 'none'): void;
  addEventListener(type: string, listener: (event: Event) => void): void;
  removeEventListener(type: string, listener: (event: Event) => void): void;
}

interface SavedSelection {
  start: Y.RelativePosition;
  end: Y.RelativePosition;
  direction: 'forward' | 'backward' | 'none';
}

/**
 * The caret sticks to the character before it (assoc -1): an insert exactly at the caret lands
 * after it, so my next keystroke follows my own last one, not the other person's. A range keeps
 * its start on the character after it, so remote text typed at either edge stays outside it.
 */
function saveSelection(yText: Y.Text, surface: TextSurface): SavedSelection {
  const start = surface.selectionStart ?? 0;
  const end = surface.selectionEnd ?? start;
  const collapsed = start === end;
  return {
    start: Y.createRelativePositionFromTypeIndex(yText, start, collapsed ? -1 : 0),
    end: Y.createRelativePositionFromTypeIndex(yText, end, -1),
    direction: surface.selectionDirection ?? 'none',
  };
}

function absolute(doc: Y.Doc, position: Y.RelativePosition, fallback: number): number {
  return Y.createAbsolutePositionFromRelativePosition(position, doc)?.index ?? fallback;
}

export interface TextBindingOptions {
  /** Applies a local edit to the Y.Text as one named command (so undo and origins stay right). */
  edit(edit: TextEdit): void;
}

/** Binds `surface` to `yText` until the returned function is called. */
export function bindText(yText: Y.Text, surface: TextSurface, options: TextBindingOptions): () => void {
  const doc = yText.doc;
  if (!doc) throw new Error('bindText: the Y.Text is not in a document');
  let own = false; // true while this field's own edit is being applied
  let saved: SavedSelection | null = null;
  let composition: { base: string; start: Y.RelativePosition; end: Y.RelativePosition; from: number; to: number } | null = null;
  let missed = false; // a change arrived during a composition and is not drawn yet

  /** Draws the Y.Text into the field, the caret at `selection` (or where `saved` says). */
  const draw = (selection?: { start: number; end: number; direction: 'forward' | 'backward' | 'none' }) => {
    const text = yText.toString();
    const scroll = surface.scrollTop;
    const sel =
      selection ??
      (saved && {
        start: absolute(doc, saved.start, text.length),
        end: absolute(doc, saved.end, text.length),
        direction: saved.direction,
      });
    if (surface.value !== text) surface.value = text;
    if (sel) surface.setSelectionRange(Math.min(sel.start, sel.end), Math.max(sel.start, sel.end), sel.direction);
    surface.scrollTop = scroll;
    saved = null;
  };

  const apply = (edit: TextEdit) => {
    own = true;
    try {
      options.edit(edit);
    } finally {
      own = false;
    }
  };

  // Before any transaction this field did not make: note where the caret is among the characters.
  const beforeTransaction = () => {
    if (own || composition) return;
    if (surface.value === yText.toString()) saved = saveSelection(yText, surface);
  };
  const observer = () => {
    if (own) return;
    if (composition) {
      missed = true;
      return;
    }
    draw();
  };
  // After the transaction, whether or not it touched this text, the saved positions are spent.
  const afterTransaction = () => {
    if (!own && !composition) saved = null;
  };

  /** The field's value changed by typing, pasting, cutting or deleting: send the difference. */
  const onInput = (event: Event) => {
    if (composition || (event as InputEvent).isComposing) return;
    const before = yText.toString();
    const after = surface.value;
    const edit = diffText(before, after, surface.selectionEnd ?? undefined);
    if (!edit) return;
    apply(edit);
    // The command may have refused or normalised the text (half an emoji): show what is stored.
    if (yText.toString() !== after) draw({ start: surface.selectionStart ?? 0, end: surface.selectionEnd ?? 0, direction: 'none' });
  };

  const onCompositionStart = () => {
    const text = yText.toString();
    if (surface.value !== text) draw();
    const from = surface.selectionStart ?? 0;
    const to = surface.selectionEnd ?? from;
    composition = {
      base: text,
      start: Y.createRelativePositionFromTypeIndex(yText, from, -1),
      end: Y.createRelativePositionFromTypeIndex(yText, to, 0),
      from,
      to,
    };
    missed = false;
  };

  /** The composed text is final: place it among whatever changed meanwhile, then catch up. */
  const onCompositionEnd = () => {
    const c = composition;
    composition = null;
    if (!c) return;
    const composed = surface.value;
    const local = diffText(c.base, composed, surface.selectionEnd ?? undefined);
    if (!local) {
      if (missed) draw({ start: absolute(doc, c.start, 0), end: absolute(doc, c.start, 0), direction: 'none' });
      missed = false;
      return;
    }
    let edit = local;
    if (missed) {
      // Shift the edit by however much the text before the composition moved.
      const current = yText.toString().length;
      const start = absolute(doc, c.start, c.from);
      const end = Math.max(start, absolute(doc, c.end, c.to));
      const index = Math.min(current, Math.max(0, start + (local.index - c.from)));
      const tail = Math.max(0, c.to - (local.index + local.remove));
      const remove = Math.max(0, Math.min(current - index, end - tail - index));
      edit = { index, remove, insert: local.insert };
    }
    apply(edit);
    const caret = edit.index + edit.insert.length;
    if (missed || yText.toString() !== composed) draw({ start: caret, end: caret, direction: 'none' });
    missed = false;
  };

  doc.on('beforeTransaction', beforeTransaction);
  doc.on('afterTransaction', afterTransaction);
  yText.observe(observer);
  surface.addEventListener('input', onInput);
  surface.addEventListener('compositionstart', onCompositionStart);
  surface.addEventListener('compositionend', onCompositionEnd);
  if (surface.value !== yText.toString()) surface.value = yText.toString();

  return () => {
    doc.off('beforeTransaction', beforeTransaction);
    doc.off('afterTransaction', afterTransaction);
    yText.unobserve(observer);
    surface.removeEventListener('input', onInput);
    surface.removeEventListener('compositionstart', onCompositionStart);
    surface.removeEventListener('compositionend', onCompositionEnd);
  };
}

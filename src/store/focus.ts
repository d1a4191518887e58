// What this tab is focused on: selected cards, the card being edited, a selected link, or an
// inspected emotion point. They exclude each other, and the rules between them live here and only
// here: every session action that moves the focus asks `nextFocus` (src/store/sessionActions.ts).
//
//   - cards, a link and an emotion point are three kinds of selection: choosing one drops the others;
//   - the card being edited is selected (starting to edit selects it alone); a selection without
//     it stops the editing;
//   - a viewer (view-only map, or a version shown from the history) never edits: asking to edit
//     selects the card;
//   - a link or an emotion point has no face on the map to show it: choosing one opens the Details
//     panel (a link leaves another open panel as it is).
import type { Panel, Session } from './store';
import { isReadOnly } from './selectors';

/** The part of the session the focus rules own. */
export type Focus = Pick<Session, 'selection' | 'editing' | 'selectedLink' | 'emotion' | 'panel'>;

/** What a gesture asks for. */
export type FocusWish =
  /** These cards, in this order (none: no card; a link or emotion point stays). */
  | { kind: 'cards'; ids: readonly string[] }
  /** The cards an undo or redo had selected: no card stays in editing. */
  | { kind: 'restore'; ids: readonly string[] }
  /** Edit this card's text in place. */
  | { kind: 'edit'; cardId: string }
  /** Stop editing (only `cardId`, if given: a late blur of a card no longer edited changes nothing). */
  | { kind: 'stopEditing'; cardId?: string }
  | { kind: 'link'; id: string }
  /** React Flow unselected this link (only this one: another may have been selected meanwhile). */
  | { kind: 'unlink'; id: string }
  | { kind: 'emotion'; stageId: string; personaId: string | null }
  /** A click on the empty map: nothing. */
  | { kind: 'nothing' };

const NONE: readonly string[] = [];

const sameIds = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((id, i) => id === b[i]);

/**
 * The focus after `wish`, from `session`. Fields that do not change keep their identity (the
 * canvas's selectors compare the selection by identity), so a wish that changes nothing returns
 * values equal by `===` to the current ones.
 */
export function nextFocus(session: Session, wish: FocusWish): Focus {
  const now: Focus = { selection: session.selection, editing: session.editing, selectedLink: session.selectedLink, emotion: session.emotion, panel: session.panel };
  const ids = (list: readonly string[]) => (sameIds(list, now.selection) ? now.selection : list.length ? [...list] : NONE);
  const inspect = (panel: Panel): Panel => panel ?? 'inspector';
  switch (wish.kind) {
    case 'cards': {
      const selection = ids(wish.ids);
      if (!selection.length) return { ...now, selection, editing: null };
      const editing = now.editing !== null && selection.includes(now.editing) ? now.editing : null;
      return { ...now, selection, editing, selectedLink: null, emotion: null };
    }
    case 'restore': {
      const selection = ids(wish.ids);
      return selection.length ? { ...now, selection, editing: null, selectedLink: null, emotion: null } : { ...now, selection, editing: null };
    }
    case 'edit': {
      const editing = isReadOnly(session) ? null : wish.cardId;
      return { ...now, selection: ids([wish.cardId]), editing, selectedLink: null, emotion: null };
    }
    case 'stopEditing':
      return wish.cardId === undefined || wish.cardId === now.editing ? { ...now, editing: null } : now;
    case 'link':
      return { ...now, selection: ids(NONE), editing: null, selectedLink: wish.id, emotion: null, panel: inspect(now.panel) };
    case 'unlink':
      return now.selectedLink === wish.id ? { ...now, selectedLink: null } : now;
    case 'emotion': {
      const same = now.emotion?.stageId === wish.stageId && now.emotion.personaId === wish.personaId;
      const emotion = same ? now.emotion : { stageId: wish.stageId, personaId: wish.personaId };
      return { ...now, selection: ids(NONE), editing: null, selectedLink: null, emotion, panel: 'inspector' };
    }
    case 'nothing':
      return { ...now, selection: ids(NONE), editing: null, selectedLink: null, emotion: null };
  }
}

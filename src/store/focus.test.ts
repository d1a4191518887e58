import { describe, expect, it } from 'vitest';
import { nextFocus, type Focus, type FocusWish } from './focus';
import { EMPTY_SESSION, type Session } from './store';

const EMOTION = { stageId: 's1', personaId: 'p1' };

/** Where the tab is before the gesture. */
const FROM = {
  nothing: {},
  cards: { selection: ['a', 'b'] },
  editingA: { selection: ['a'], editing: 'a' },
  link: { selectedLink: 'a->b', panel: 'inspector' },
  emotion: { emotion: EMOTION, panel: 'inspector' },
  personasOpen: { panel: 'personas' },
  viewer: { role: 'view' },
} satisfies Record<string, Partial<Session>>;

type From = keyof typeof FROM;

// [before, wish, what the focus is after]; fields left out are as in EMPTY_SESSION (nothing, no panel).
const TABLE: [From, FocusWish, Partial<Focus>][] = [
  // Cards
  ['nothing', { kind: 'cards', ids: ['a'] }, { selection: ['a'] }],
  ['cards', { kind: 'cards', ids: ['c'] }, { selection: ['c'] }],
  ['link', { kind: 'cards', ids: ['a'] }, { selection: ['a'], panel: 'inspector' }],
  ['emotion', { kind: 'cards', ids: ['a'] }, { selection: ['a'], panel: 'inspector' }],
  ['editingA', { kind: 'cards', ids: ['a', 'b'] }, { selection: ['a', 'b'], editing: 'a' }],
  ['editingA', { kind: 'cards', ids: ['b'] }, { selection: ['b'] }],
  ['editingA', { kind: 'cards', ids: [] }, {}],
  // No card: a link or an emotion point stays (a deletion cleared a selection that was empty).
  ['link', { kind: 'cards', ids: [] }, { selectedLink: 'a->b', panel: 'inspector' }],
  ['emotion', { kind: 'cards', ids: [] }, { emotion: EMOTION, panel: 'inspector' }],
  // Undo puts back the selection of its step, and ends any editing.
  ['editingA', { kind: 'restore', ids: ['a'] }, { selection: ['a'] }],
  ['link', { kind: 'restore', ids: ['a'] }, { selection: ['a'], panel: 'inspector' }],
  ['emotion', { kind: 'restore', ids: [] }, { emotion: EMOTION, panel: 'inspector' }],
  // Editing
  ['cards', { kind: 'edit', cardId: 'b' }, { selection: ['b'], editing: 'b' }],
  ['link', { kind: 'edit', cardId: 'a' }, { selection: ['a'], editing: 'a', panel: 'inspector' }],
  ['emotion', { kind: 'edit', cardId: 'a' }, { selection: ['a'], editing: 'a', panel: 'inspector' }],
  ['viewer', { kind: 'edit', cardId: 'a' }, { selection: ['a'] }],
  ['editingA', { kind: 'stopEditing' }, { selection: ['a'] }],
  ['editingA', { kind: 'stopEditing', cardId: 'a' }, { selection: ['a'] }],
  ['editingA', { kind: 'stopEditing', cardId: 'b' }, { selection: ['a'], editing: 'a' }],
  // Links: shown in Details (another open panel stays)
  ['cards', { kind: 'link', id: 'a->b' }, { selectedLink: 'a->b', panel: 'inspector' }],
  ['editingA', { kind: 'link', id: 'a->b' }, { selectedLink: 'a->b', panel: 'inspector' }],
  ['emotion', { kind: 'link', id: 'a->b' }, { selectedLink: 'a->b', panel: 'inspector' }],
  ['personasOpen', { kind: 'link', id: 'a->b' }, { selectedLink: 'a->b', panel: 'personas' }],
  ['link', { kind: 'unlink', id: 'a->b' }, { panel: 'inspector' }],
  ['link', { kind: 'unlink', id: 'b->c' }, { selectedLink: 'a->b', panel: 'inspector' }],
  // Emotion points: always in Details
  ['cards', { kind: 'emotion', ...EMOTION }, { emotion: EMOTION, panel: 'inspector' }],
  ['editingA', { kind: 'emotion', ...EMOTION }, { emotion: EMOTION, panel: 'inspector' }],
  ['link', { kind: 'emotion', stageId: 's2', personaId: null }, { emotion: { stageId: 's2', personaId: null }, panel: 'inspector' }],
  ['personasOpen', { kind: 'emotion', ...EMOTION }, { emotion: EMOTION, panel: 'inspector' }],
  // A click on the empty map: nothing, and the open panel stays open.
  ['cards', { kind: 'nothing' }, {}],
  ['editingA', { kind: 'nothing' }, {}],
  ['link', { kind: 'nothing' }, { panel: 'inspector' }],
  ['emotion', { kind: 'nothing' }, { panel: 'inspector' }],
];

const focusOf = (s: Partial<Session>): Focus => {
  const { selection, editing, selectedLink, emotion, panel } = { ...EMPTY_SESSION, ...s };
  return { selection, editing, selectedLink, emotion, panel };
};

describe('the focus rules', () => {
  it.each(TABLE.map(([from, wish, to]) => [from, JSON.stringify(wish), wish, to] as const))('from %s, %s', (from, _label, wish, to) => {
    expect(nextFocus({ ...EMPTY_SESSION, ...FROM[from] }, wish)).toEqual(focusOf(to));
  });

  it('never leaves two kinds of focus at once, nor an edited card that is not selected (every wish from every state)', () => {
    const wishes = TABLE.map(([, wish]) => wish);
    for (const from of Object.keys(FROM) as From[]) {
      for (const wish of wishes) {
        const f = nextFocus({ ...EMPTY_SESSION, ...FROM[from] }, wish);
        const kinds = [f.selection.length > 0, f.selectedLink !== null, f.emotion !== null].filter(Boolean);
        expect(kinds.length, `${from} ${JSON.stringify(wish)}`).toBeLessThanOrEqual(1);
        if (f.editing !== null) expect(f.selection, `${from} ${JSON.stringify(wish)}`).toContain(f.editing);
      }
    }
  });

  it('keeps the selection’s identity when it does not change (the canvas re-renders nothing)', () => {
    const session = { ...EMPTY_SESSION, selection: ['a', 'b'] };
    expect(nextFocus(session, { kind: 'cards', ids: ['a', 'b'] }).selection).toBe(session.selection);
    expect(nextFocus(session, { kind: 'stopEditing' }).selection).toBe(session.selection);
    const emotion = { ...EMPTY_SESSION, emotion: EMOTION };
    expect(nextFocus(emotion, { kind: 'emotion', ...EMOTION }).emotion).toBe(emotion.emotion);
  });
});

import { describe, expect, it, vi } from 'vitest';
import { NO_FILTER } from '../journey/filter';
import { sortByIndex } from '../journey/order';
import { instantiateTemplate } from '../journey/templates';
import { NO_WORKSHOP } from '../journey/workshop';
import { createEditorStore } from './store';
import { isReadOnly } from './selectors';

/** A store holding a sample map (6 stages), as an open editor has it. */
function open() {
  const store = createEditorStore();
  const journey = instantiateTemplate('currentJourney', (k) => k, 'en', 0);
  store.getState().setJourney(journey);
  const stages = sortByIndex(journey.stages.values());
  const cardIn = (position: number) => [...journey.cards.values()].find((c) => c.stageId === stages[position]!.id)!.id;
  return { store, session: () => store.getState().session, stages, cardIn };
}

describe('session actions', () => {
  it('select, toggle and clear cards; a link or an emotion point gives way to them', () => {
    const { store, session } = open();
    store.session.inspectEmotion('s1', null);
    store.session.select(['a', 'b']);
    expect(session()).toMatchObject({ selection: ['a', 'b'], emotion: null, panel: 'inspector' });
    store.session.toggleSelect('c');
    store.session.toggleSelect('a');
    expect(session().selection).toEqual(['b', 'c']);
    store.session.selectLink('b->c');
    expect(session()).toMatchObject({ selection: [], selectedLink: 'b->c' });
    store.session.clearSelection();
    expect(session().selectedLink).toBe('b->c');
    store.session.clearFocus();
    expect(session()).toMatchObject({ selection: [], selectedLink: null, emotion: null, editing: null });
  });

  it('editing selects the card; a viewer’s double-click only selects it; undo ends the editing', () => {
    const { store, session } = open();
    store.session.startEditing('a');
    expect(session()).toMatchObject({ selection: ['a'], editing: 'a' });
    store.session.stopEditing('b'); // a late blur of another card
    expect(session().editing).toBe('a');
    store.session.restoreSelection(['a']);
    expect(session()).toMatchObject({ selection: ['a'], editing: null });
    store.reports.setRole('view');
    store.session.startEditing('b');
    expect(session()).toMatchObject({ selection: ['b'], editing: null });
  });

  it('opens, toggles and closes panels', () => {
    const { store, session } = open();
    store.session.togglePanel('loops');
    expect(session().panel).toBe('loops');
    store.session.togglePanel('personas');
    expect(session().panel).toBe('personas');
    store.session.togglePanel('personas');
    expect(session().panel).toBeNull();
    store.session.openPanel('workshop');
    store.session.openPanel('workshop');
    expect(session().panel).toBe('workshop');
    store.session.closePanel();
    expect(session().panel).toBeNull();
  });

  it('changes the filter field by field, and clears it', () => {
    const { store, session } = open();
    store.session.setFilter({ department: 'Sales' });
    store.session.setFilter({ openGapsOnly: true });
    expect(session().filter).toEqual({ ...NO_FILTER, department: 'Sales', openGapsOnly: true });
    store.session.setFilter(NO_FILTER);
    expect(session().filter).toEqual(NO_FILTER);
  });

  it('presents from the selected card’s stage, keeps within the stages, and stops', () => {
    const { store, session, stages, cardIn } = open();
    store.session.startPresenting();
    expect(session().presenting).toBe(0);
    store.session.select([cardIn(3)]);
    store.session.startPresenting();
    expect(session().presenting).toBe(3);
    store.session.present(99);
    expect(session().presenting).toBe(stages.length - 1);
    store.session.present(-1);
    expect(session().presenting).toBe(0);
    store.session.stopPresenting();
    expect(session().presenting).toBeNull();
  });

  it('presenting shows no selection, changes nothing, and ends where it started: the selection and the panel come back', () => {
    const { store, session, cardIn } = open();
    const chosen = [cardIn(2), cardIn(4)];
    store.session.select(chosen);
    store.session.openPanel('comments');
    store.session.toggleFollow(7);
    store.session.present(2);
    expect(session()).toMatchObject({ presenting: 2, selection: [], following: null, panel: 'comments' });
    expect(isReadOnly(session())).toBe(true);
    // Within the presentation, a selection (a click) and another stage change nothing that comes back.
    store.session.select([cardIn(1)]);
    store.session.present(4);
    store.session.startPresenting();
    expect(session().presenting).toBe(1);
    store.session.stopPresenting();
    expect(session()).toMatchObject({ presenting: null, presentedFrom: null, selection: chosen, panel: 'comments', following: null });
    expect(isReadOnly(session())).toBe(false);
    // A card someone deleted meanwhile is not selected again.
    store.session.present(0);
    const journey = store.getState().journey;
    const cards = new Map(journey.cards);
    cards.delete(chosen[0]!);
    store.getState().setJourney({ ...journey, cards });
    store.session.stopPresenting();
    expect(session().selection).toEqual([chosen[1]]);
  });

  it('a map without stages is not presented', () => {
    const store = createEditorStore();
    store.session.startPresenting();
    store.session.present(0);
    expect(store.getState().session.presenting).toBeNull();
  });

  it('follows a person, and stops when asked again', () => {
    const { store, session } = open();
    store.session.toggleFollow(7);
    expect(session().following).toBe(7);
    store.session.toggleFollow(7);
    expect(session().following).toBeNull();
  });

  it('reveals a card as an event: every ask reaches the canvas once, nothing stays in the session', () => {
    const { store } = open();
    const shown: string[] = [];
    const before = store.getState().session;
    const off = store.events.on('reveal', ({ cardId }) => shown.push(cardId));
    store.session.revealCard('a');
    store.session.revealCard('a'); // the same card twice: shown twice (a field set to 'a' twice changed nothing)
    off();
    store.session.revealCard('b');
    expect(shown).toEqual(['a', 'a']);
    expect(store.getState().session).toBe(before);
  });

  it('asks the canvas to spotlight this tab’s view as an event', () => {
    const { store } = open();
    const listener = vi.fn();
    store.events.on('bringToMyView', listener);
    store.session.bringEveryoneToMyView({ by: 'p1', name: 'Ana', at: 5 });
    expect(listener).toHaveBeenCalledExactlyOnceWith({ by: 'p1', name: 'Ana', at: 5 });
  });

  it('steps away from someone else’s spotlight, never from one’s own', () => {
    const { store, session } = open();
    store.reports.setParticipant('me');
    store.session.stepAwayFromSpotlight();
    expect(session().steppedAway).toBeNull(); // no spotlight
    store.getState().setWorkshop({ ...NO_WORKSHOP, spotlight: { stageId: null, viewport: null, by: 'me', name: 'Me', at: 10 } });
    store.session.stepAwayFromSpotlight();
    expect(session().steppedAway).toBeNull();
    store.getState().setWorkshop({ ...NO_WORKSHOP, spotlight: { stageId: null, viewport: null, by: 'ana', name: 'Ana', at: 11 } });
    store.session.stepAwayFromSpotlight();
    expect(session().steppedAway).toBe(11);
    store.session.backToSpotlight();
    expect(session().steppedAway).toBeNull();
  });

  it('changes nothing, and wakes no subscriber, when an action leaves the session as it is', () => {
    const { store } = open();
    store.session.select(['a']);
    const listener = vi.fn();
    store.subscribe(listener);
    store.session.select(['a']);
    store.session.stopEditing();
    store.session.closePanel();
    store.session.unselectLink('x->y');
    store.session.endDrag();
    expect(listener).not.toHaveBeenCalled();
  });

  it('offers no free write of the session to its users', () => {
    const store = createEditorStore();
    // @ts-expect-error the store has no setState: the session changes through its named actions
    expect(store.setState).toBeUndefined();
    // @ts-expect-error nor the old patch bag
    expect(store.getState().setSession).toBeUndefined();
  });
});

describe('session reports', () => {
  it('keeps a refused tab refused whatever the socket says next, and says why', () => {
    const { store, session } = open();
    store.reports.setConnection('connecting');
    store.reports.closedWithReason(4508);
    expect(session()).toMatchObject({ connection: 'connecting', deniedCode: 4508 });
    store.reports.synced();
    expect(session()).toMatchObject({ deniedCode: null, unsent: false });
    store.reports.refused(4403);
    store.reports.setConnection('connected');
    store.reports.closedWithReason(4503);
    store.reports.synced();
    expect(session()).toMatchObject({ connection: 'denied', deniedCode: 4403 });
  });

  it('records edits made offline until the next sync', () => {
    const { store, session } = open();
    store.reports.changedOffline();
    expect(session().unsent).toBe(true);
    store.reports.synced();
    expect(session().unsent).toBe(false);
  });

  it('knows the server’s clock, or that it could not be measured', () => {
    const { store, session } = open();
    store.reports.setClock(null);
    expect(session()).toMatchObject({ clockKnown: true, clockOffset: 0 });
    store.reports.setClock(1500);
    expect(session()).toMatchObject({ clockKnown: true, clockOffset: 1500 });
  });

  it('opens the comments on a card, a stage or all of them; a comment link reads the map as a view link does', () => {
    const { store, session } = open();
    store.session.showComments({ type: 'card', id: 'a' });
    expect(session()).toMatchObject({ panel: 'comments', commentsOn: { type: 'card', id: 'a' } });
    store.session.showComments(null);
    expect(session()).toMatchObject({ panel: 'comments', commentsOn: null });
    store.reports.setRole('comment');
    store.session.startEditing('a');
    expect(session()).toMatchObject({ selection: ['a'], editing: null });
  });
});

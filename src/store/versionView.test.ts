// A version opened from the history: the read model shows it instead of the live map, nothing on it
// can be edited, the live map keeps following the document underneath, and the way back shows the
// live map as it is by then. A comparison is drawn on the live map, so the two exclude each other.
import { describe, expect, it } from 'vitest';
import { compareJourneys } from '../journey/compare';
import { instantiateTemplate } from '../journey/templates';
import type { Journey } from '../journey/types';
import { isReadOnly, shownJourney } from './selectors';
import { createEditorStore } from './store';

function open() {
  const store = createEditorStore();
  const live = instantiateTemplate('currentJourney', (k) => k, 'en', 0);
  store.getState().setJourney(live);
  const [first, second] = [...live.cards.values()];
  // The version: the same map, one card fewer and one card's text as it was.
  const cards = new Map(live.cards);
  cards.delete(second!.id);
  cards.set(first!.id, { ...first!, text: 'As it was in Q3' });
  const version: Journey = { ...live, cards };
  return { store, live, version, first: first!, second: second! };
}

describe('viewing a version', () => {
  it('shows the version instead of the live map, read-only, and lets go of the focus on the live map', () => {
    const { store, live, version, first } = open();
    store.session.select([first.id]);
    store.session.viewVersion({ id: 'v1', label: 'Q3 baseline', createdAt: 1, journey: version });
    const state = store.getState();
    expect(shownJourney(state)).toBe(version);
    expect(state.journey).toBe(live);
    expect(isReadOnly(state.session)).toBe(true);
    expect(state.session.selection).toEqual([]);
    // Asking to edit a card of the version only selects it.
    store.session.startEditing(first.id);
    expect(store.getState().session).toMatchObject({ selection: [first.id], editing: null });
  });

  it('live edits of others change the live map underneath, not what is shown; back to live shows them', () => {
    const { store, live, version, first } = open();
    store.session.viewVersion({ id: 'v1', label: '', createdAt: 1, journey: version });
    const edited: Journey = { ...live, cards: new Map(live.cards).set(first.id, { ...first, text: 'Typed by Marco meanwhile' }) };
    store.getState().setJourney(edited);
    expect(shownJourney(store.getState()).cards.get(first.id)!.text).toBe('As it was in Q3');
    store.session.backToLive();
    expect(shownJourney(store.getState()).cards.get(first.id)!.text).toBe('Typed by Marco meanwhile');
    expect(isReadOnly(store.getState().session)).toBe(false);
  });

  it('a view link stays read-only on the live map too', () => {
    const { store } = open();
    store.reports.setRole('view');
    expect(isReadOnly(store.getState().session)).toBe(true);
  });

  it('comparing shows the live map again; opening a version ends a comparison', () => {
    const { store, live, version } = open();
    store.session.viewVersion({ id: 'v1', label: 'Q3 baseline', createdAt: 1, journey: version });
    store.session.compareWith('Q3 baseline', compareJourneys(version, live));
    expect(store.getState().session.viewing).toBeNull();
    expect(store.getState().session.compare?.comparison.counts).toMatchObject({ added: 1, changed: 1 });
    store.session.viewVersion({ id: 'v1', label: 'Q3 baseline', createdAt: 1, journey: version });
    expect(store.getState().session.compare).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { instantiateTemplate } from './templates';
import { templateText } from './testing';
import { NO_FILTER, departments, filterJourney, isFiltering } from './filter';

const journey = instantiateTemplate('currentJourney', templateText, 'en', 0);
const cards = () => [...journey.cards.values()];

describe('filterJourney', () => {
  it('returns the journey itself when nothing is filtered', () => {
    expect(isFiltering(NO_FILTER)).toBe(false);
    expect(filterJourney(journey, NO_FILTER)).toBe(journey);
  });

  it('keeps only the chosen lane kinds, and their cards', () => {
    const only = filterJourney(journey, { ...NO_FILTER, laneKinds: ['touchpoints', 'painPoints'] });
    expect([...only.lanes.values()].map((l) => l.kind).sort()).toEqual(['painPoints', 'touchpoints']);
    expect([...only.cards.values()].every((c) => c.kind === 'touchpoint' || c.kind === 'gap')).toBe(true);
    expect(only.cards.size).toBe(cards().filter((c) => c.kind === 'touchpoint' || c.kind === 'gap').length);
  });

  it('keeps the cards one department owns, whatever their kind, and the same card objects', () => {
    const sales = filterJourney(journey, { ...NO_FILTER, department: 'sales' });
    expect(sales.cards.size).toBeGreaterThan(1);
    for (const card of sales.cards.values()) expect(card).toBe(journey.cards.get(card.id));
    expect(departments(journey)).toContain('Sales');
  });

  it('shows moments of truth only, or open gaps only (in progress counts as open)', () => {
    const mot = filterJourney(journey, { ...NO_FILTER, momentsOfTruthOnly: true });
    expect([...mot.cards.values()].every((c) => c.kind === 'touchpoint' && c.momentOfTruth)).toBe(true);
    expect(mot.cards.size).toBe(2);
    const gaps = filterJourney(journey, { ...NO_FILTER, openGapsOnly: true });
    expect([...gaps.cards.values()].every((c) => c.kind === 'gap' && c.status !== 'done')).toBe(true);
    expect(gaps.cards.size).toBe(cards().filter((c) => c.kind === 'gap').length);
  });
});

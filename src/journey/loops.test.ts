import { describe, expect, it } from 'vitest';
import { instantiateTemplate } from './templates';
import { templateText } from './testing';
import { departmentColors, handoffs, openLoops } from './loops';
import type { Card, Journey } from './types';

const base = instantiateTemplate('currentJourney', templateText, 'en', 1000);

function withCards(journey: Journey, change: (cards: Map<string, Card>) => void): Journey {
  const cards = new Map(journey.cards);
  change(cards);
  return { ...journey, cards };
}

describe('openLoops', () => {
  it('lists open gaps and opportunities by owner, oldest change first, leaving out done ones', () => {
    const gaps = [...base.cards.values()].filter((c) => c.kind === 'gap');
    const journey = withCards(base, (cards) => {
      const [a, b] = gaps.filter((g) => g.kind === 'gap' && g.owner === 'Customer Service');
      if (a) cards.set(a.id, { ...a, statusChangedAt: 50 } as Card);
      if (b) cards.set(b.id, { ...b, statusChangedAt: 10 } as Card);
      const sales = gaps.find((g) => g.kind === 'gap' && g.owner === 'Sales')!;
      cards.set(sales.id, { ...sales, status: 'done' } as Card);
    });
    const loops = openLoops(journey);
    const departments = loops.byDepartment.map(([d]) => d);
    expect(departments).toEqual([...departments].sort((x, y) => x.localeCompare(y)));
    expect(departments).toContain('Customer Service');
    const cs = loops.byDepartment.find(([d]) => d === 'Customer Service')![1];
    expect(cs.map((c) => c.statusChangedAt)).toEqual([...cs.map((c) => c.statusChangedAt)].sort((x, y) => x - y));
    for (const [, list] of loops.byDepartment) expect(list.every((c) => c.status !== 'done')).toBe(true);
  });

  it('flags a severe gap nobody owns and a moment of truth with no department', () => {
    const mot = [...base.cards.values()].find((c) => c.kind === 'touchpoint' && c.momentOfTruth)!;
    const journey = withCards(base, (cards) => cards.set(mot.id, { ...mot, department: ' ' } as Card));
    const loops = openLoops(journey);
    expect(loops.needsOwner.map((c) => c.id)).toContain(mot.id);
    // The template's "No news for 3 days" gap is severe and has no owner.
    expect(loops.needsOwner.some((c) => c.kind === 'gap' && c.severity === 3 && !c.owner)).toBe(true);
    expect(loops.unowned.every((c) => !c.owner.trim())).toBe(true);
  });
});

describe('handoffs', () => {
  it('marks where consecutive touchpoints along the path change department', () => {
    const list = handoffs(base);
    // Marketing → Marketing (no hand-off), then Marketing → Sales, Sales → Operations, Operations → IT, IT → Customer Service.
    expect(list.map((h) => `${h.from.department}→${h.to.department}`)).toEqual(['Marketing→Sales', 'Sales→Operations', 'Operations→IT', 'IT→Customer Service']);
  });

  it('gives each department of the map its own colour, the same for the same cards', () => {
    const colors = departmentColors(base.cards);
    expect([...colors.keys()]).toEqual(['customer service', 'it', 'marketing', 'operations', 'product', 'sales']);
    expect(new Set(colors.values()).size).toBe(colors.size);
    for (const c of colors.values()) expect(c).toMatch(/^#[0-9a-f]{6}$/);
    expect(departmentColors(base.cards)).toBe(colors);
  });
});

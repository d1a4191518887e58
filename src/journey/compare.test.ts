import { describe, expect, it } from 'vitest';
import { compareJourneys, hasChanges } from './compare';
import { instantiateTemplate } from './templates';
import { templateText } from './testing';
import type { Card, Journey } from './types';

const base = (): Journey => instantiateTemplate('currentJourney', templateText, 'en', 0);
const withCards = (j: Journey, cards: Map<string, Card>): Journey => ({ ...j, cards });

describe('compareJourneys', () => {
  it('finds nothing between a map and itself', () => {
    const j = base();
    const c = compareJourneys(j, j);
    expect(hasChanges(c)).toBe(false);
    expect(c.counts).toEqual({ added: 0, removed: 0, changed: 0, moved: 0 });
  });

  it('counts cards added, removed, changed (naming the fields) and moved, overall and by stage', () => {
    const before = base();
    const cards = new Map(before.cards);
    const [a, b, c, d] = [...cards.values()].filter((x) => x.kind === 'note' || x.kind === 'gap');
    const stages = [...before.stages.values()];
    cards.delete(a!.id);
    cards.set(b!.id, { ...b!, text: 'New words', evidence: 'survey' });
    const otherStage = stages.find((s) => s.id !== c!.stageId)!;
    cards.set(c!.id, { ...c!, stageId: otherStage.id });
    cards.set('new', { ...d!, id: 'new', text: 'Brand new' });
    const after = withCards(before, cards);
    const result = compareJourneys(before, after);
    expect(result.counts).toEqual({ added: 1, removed: 1, changed: 1, moved: 1 });
    expect(result.byCard.get(b!.id)).toMatchObject({ status: 'changed', fields: ['text', 'evidence'], moved: false });
    expect(result.byCard.get(c!.id)).toMatchObject({ status: 'unchanged', moved: true });
    expect(result.byCard.get(a!.id)).toMatchObject({ status: 'removed' });
    expect(result.byCard.get('new')).toMatchObject({ status: 'added' });
    expect(result.byStage.get(otherStage.id)!.moved).toBe(1);
    const total = [...result.byStage.values()].reduce((n, s) => n + s.added + s.removed + s.changed, 0);
    expect(total).toBe(3);
  });

  it('reports stages and lanes added, removed and renamed', () => {
    const before = base();
    const [first, second] = [...before.stages.values()];
    const stages = new Map(before.stages);
    stages.delete(second!.id);
    stages.set(first!.id, { ...first!, name: 'Discovery' });
    stages.set('s-new', { id: 's-new', name: 'Renewal', goal: '', index: 'z0' });
    const result = compareJourneys(before, { ...before, stages });
    expect(result.stages).toEqual(
      expect.arrayContaining([
        { id: first!.id, status: 'renamed', before: first!.name, after: 'Discovery' },
        { id: 's-new', status: 'added', after: 'Renewal' },
        { id: second!.id, status: 'removed', before: second!.name },
      ]),
    );
  });

  it('treats a field that is absent and one that is empty as the same', () => {
    const before = base();
    const card = [...before.cards.values()][0]!;
    const after = withCards(before, new Map([...before.cards, [card.id, { ...card, evidenceLink: '' }]]));
    expect(compareJourneys(before, after).cards).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { CLIPBOARD_TYPE, copyCards, parseClipboard } from './clipboard';
import { sortByIndex } from './order';
import { instantiateTemplate } from './templates';
import type { Journey, Link } from './types';

const NOW = 1_700_000_000_000;

function sample(): Journey {
  const j = instantiateTemplate('currentJourney', (k) => k, 'en', NOW);
  const stages = sortByIndex(j.stages.values());
  const lanes = sortByIndex(j.lanes.values());
  const at = (s: number, l: number) => [...j.cards.values()].find((c) => c.stageId === stages[s]!.id && c.laneId === lanes[l]!.id)!;
  const a = at(0, 0); // an action
  const b = at(0, 1); // a touchpoint
  const c = at(1, 4); // a gap
  const link = (from: string, to: string, label: string): [string, Link] => [`${from}->${to}`, { id: `${from}->${to}`, from, to, label }];
  return {
    ...j,
    links: new Map([link(a.id, b.id, 'leads to'), link(b.id, c.id, 'fails'), link(c.id, a.id, '')]),
  };
}

describe('copyCards', () => {
  const j = sample();
  const stages = sortByIndex(j.stages.values());
  const [a, b, c] = [...j.links.values()].map((l) => j.cards.get(l.from)!);

  it('copies the chosen cards with their stage position and lane kind', () => {
    const payload = copyCards(j, [c!.id, a!.id])!;
    expect(payload.type).toBe(CLIPBOARD_TYPE);
    expect(payload.version).toBe(1);
    const byId = new Map(payload.cards.map((item) => [item.card.id, item]));
    expect(byId.get(a!.id)).toEqual({ card: a, stagePosition: 0, laneKind: 'actions' });
    expect(byId.get(c!.id)).toEqual({ card: c, stagePosition: stages.findIndex((s) => s.id === c!.stageId), laneKind: 'painPoints' });
    expect(payload.cards.map((item) => item.card.id)).toEqual(sortByIndex([a!, c!]).map((card) => card.id));
  });

  it('brings only the links among the copied cards', () => {
    const payload = copyCards(j, [a!.id, b!.id])!;
    expect(payload.links).toEqual([{ from: a!.id, to: b!.id, label: 'leads to' }]);
    expect(copyCards(j, [a!.id, b!.id, c!.id])!.links).toHaveLength(3);
  });

  it('copies nothing when no chosen card exists', () => {
    expect(copyCards(j, [])).toBeNull();
    expect(copyCards(j, ['gone', 'also-gone'])).toBeNull();
    expect(copyCards(j, ['gone', a!.id])!.cards).toHaveLength(1);
  });

  it('copies an unplaced card with a sensible default context', () => {
    const stray = { ...a!, id: 'stray', stageId: 'deleted', laneId: 'deleted' };
    const payload = copyCards({ ...j, cards: new Map([...j.cards, ['stray', stray]]) }, ['stray'])!;
    expect(payload.cards[0]).toEqual({ card: stray, stagePosition: 0, laneKind: 'actions' });
  });

  it('survives the trip through the system clipboard as text', () => {
    const payload = copyCards(j, [a!.id, b!.id, c!.id])!;
    expect(parseClipboard(JSON.stringify(payload))).toEqual(payload);
  });
});

describe('parseClipboard', () => {
  it('ignores anything that is not our payload', () => {
    const garbage = [
      '',
      'hello',
      '{',
      'null',
      '42',
      '"touchpoint/cards"',
      '[]',
      '{}',
      JSON.stringify({ type: 'other/thing', version: 1, cards: [], links: [] }),
      JSON.stringify({ type: CLIPBOARD_TYPE, cards: 'x', links: [] }),
      JSON.stringify({ type: CLIPBOARD_TYPE, cards: [] }),
      '<b>pasted html</b>',
    ];
    for (const text of garbage) expect(parseClipboard(text), text).toBeNull();
  });

  it('keeps the well-formed cards and links and drops the rest', () => {
    const good = { card: { id: 'c1', kind: 'note', text: 'Plată', stageId: 's', laneId: 'l', index: 'a0' }, stagePosition: 0, laneKind: 'actions' };
    const text = JSON.stringify({
      type: CLIPBOARD_TYPE,
      version: 1,
      cards: [good, null, 5, 'x', {}, { card: null }, { card: { id: 1, kind: 'note', text: '' } }, { card: { id: 'c2', kind: 'note' } }],
      links: [{ from: 'c1', to: 'c2', label: 'x' }, null, { from: 'c1' }, { from: 3, to: 'c1' }, 'c1->c2'],
    });
    const payload = parseClipboard(text)!;
    expect(payload.cards).toEqual([good]);
    expect(payload.links).toEqual([{ from: 'c1', to: 'c2', label: 'x' }]);
  });
});

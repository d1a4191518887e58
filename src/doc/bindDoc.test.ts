import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Journey } from '../journey/types';
import { bindDoc, type JourneySink } from './bindDoc';
import { addCard, addLink, deleteCards, deleteStage, moveCards, setCardText, setEmotion, updateCard, updateLane, updateMeta, updateStage } from './commands';
import { REMOTE, cellIds, laneOfKind, normalized, peerOf, readJourney, seededDoc, stageAt } from './testing';

/** The smallest store: holds the journey and counts how often the binder wrote it. */
interface Sink extends JourneySink {
  journey: Journey | null;
  writes: number;
}
function sink(): Sink {
  return {
    journey: null,
    writes: 0,
    getJourney() {
      return this.journey!;
    },
    setJourney(journey) {
      this.journey = journey;
      this.writes++;
    },
  };
}

function bound(doc: Y.Doc = seededDoc()) {
  const s = sink();
  const unbind = bindDoc(doc, s);
  const j = s.journey!;
  return { doc, s, unbind, j, s0: stageAt(j, 0), s1: stageAt(j, 1), lane: laneOfKind(j, 'actions') };
}

/** Every entry of `after` that is not in `changed` is the very same object as in `before`. */
function expectSameIdentity<T>(before: ReadonlyMap<string, T>, after: ReadonlyMap<string, T>, changed: string[] = []) {
  for (const [key, value] of before) {
    if (changed.includes(key)) continue;
    expect(after.get(key), key).toBe(value);
  }
}

describe('bindDoc', () => {
  it('writes the whole document into the store once when it binds', () => {
    const { doc, s } = bound();
    expect(s.writes).toBe(1);
    expect(s.journey).toEqual(readJourney(doc));
  });

  it('after one card is edited, every other card, stage and lane keeps its identity', () => {
    const { doc, s, j, s0, lane } = bound();
    const id = cellIds(j, s0.id, lane.id)[0]!;
    setCardText(doc, id, 'Clientul caută pe Google — ușor');
    const next = s.journey!;
    expect(next).not.toBe(j);
    expect(next.cards).not.toBe(j.cards);
    expect(next.cards.get(id)).not.toBe(j.cards.get(id));
    expect(next.cards.get(id)?.text).toBe('Clientul caută pe Google — ușor');
    expectSameIdentity(j.cards, next.cards, [id]);
    // Roots the edit did not touch are the very same maps.
    for (const root of ['stages', 'lanes', 'personas', 'links', 'emotions'] as const) expect(next[root], root).toBe(j[root]);
    expect(next.meta).toBe(j.meta);
  });

  it('keeps identity for field edits, moves and renames the same way', () => {
    const { doc, s, j, s0, s1, lane } = bound();
    const [first] = cellIds(j, s0.id, lane.id);
    moveCards(doc, [first!], s1.id, lane.id, 0);
    let next = s.journey!;
    expect(next.cards.get(first!)?.stageId).toBe(s1.id);
    expectSameIdentity(j.cards, next.cards, [first!]);

    const prev = next;
    updateStage(doc, s1.id, { name: 'Etapa a doua' });
    updateLane(doc, lane.id, { collapsed: true });
    next = s.journey!;
    expect(next.cards).toBe(prev.cards);
    expect(next.stages.get(s1.id)?.name).toBe('Etapa a doua');
    expectSameIdentity(prev.stages, next.stages, [s1.id]);
    expectSameIdentity(prev.lanes, next.lanes, [lane.id]);
    expect(next.lanes.get(lane.id)?.collapsed).toBe(true);

    const gap = [...next.cards.values()].find((c) => c.kind === 'gap')!;
    updateCard(doc, gap.id, { severity: 1 });
    expectSameIdentity(next.cards, s.journey!.cards, [gap.id]);
    expect(s.journey!.cards.get(gap.id)).toMatchObject({ severity: 1 });
  });

  it('reflects added and deleted entities', () => {
    const { doc, s, j, s0, lane } = bound();
    const id = addCard(doc, s0.id, lane.id, { text: 'nou' })!;
    expect(s.journey!.cards.get(id)?.text).toBe('nou');
    expectSameIdentity(j.cards, s.journey!.cards);
    deleteCards(doc, [id]);
    expect(s.journey!.cards.has(id)).toBe(false);
    expectSameIdentity(j.cards, s.journey!.cards);
    const beforeMeta = s.journey!;
    updateMeta(doc, { title: 'Alt titlu' });
    expect(s.journey!.meta.title).toBe('Alt titlu');
    expect(s.journey!.cards).toBe(beforeMeta.cards);
    expect(s.journey!.stages).toBe(beforeMeta.stages);
  });

  it('brings remote updates into the store the same way as local ones', () => {
    const { doc, s, j, s0, lane } = bound();
    const other = peerOf(doc);
    const id = cellIds(j, s0.id, lane.id)[0]!;
    setCardText(other, id, 'Editat de Ana');
    setEmotion(other, s0.id, null, -1, 'departe');
    const writes = s.writes;
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc)), REMOTE);
    expect(s.writes).toBe(writes + 1);
    const next = s.journey!;
    expect(next.cards.get(id)?.text).toBe('Editat de Ana');
    expect(next.emotions.get(s0.id)).toMatchObject({ score: -1, note: 'departe' });
    expectSameIdentity(j.cards, next.cards, [id]);
    expectSameIdentity(j.emotions, next.emotions);
    expect(next.stages).toBe(j.stages);
    expect(next).toEqual(readJourney(doc));
  });

  it('writes the store once for a transaction that touches several roots', () => {
    const { doc, s, j, s0, s1, lane } = bound();
    const [a] = cellIds(j, s0.id, lane.id);
    const b = cellIds(j, s1.id, lane.id)[0]!;
    addLink(doc, a!, b);
    const writes = s.writes;
    deleteStage(doc, s0.id); // stages, cards, links and emotions in one command
    expect(s.writes).toBe(writes + 1);
    expect(s.journey).toEqual(readJourney(doc));
    expect(s.journey!.links.size).toBe(0);
  });

  it('does not write the store for a transaction that changed nothing', () => {
    const { doc, s, j, s0, lane } = bound();
    const id = cellIds(j, s0.id, lane.id)[0]!;
    const writes = s.writes;
    setCardText(doc, id, j.cards.get(id)!.text);
    moveCards(doc, [id], 'gone', lane.id, 0);
    expect(s.writes).toBe(writes);
    expect(s.journey).toBe(j);
  });

  it('shows data that becomes unreadable, and clears it once it is repaired', () => {
    const { doc, s, j, s0 } = bound();
    const other = peerOf(doc);
    other.transact(() => {
      other.getMap('stages').set('bad', 'not a stage');
      (other.getMap('stages').get(s0.id) as Y.Map<unknown>).set('index', '');
    }, 'another program');
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc)), REMOTE);
    let next = s.journey!;
    expect(next.stages.has(s0.id)).toBe(false);
    expect(next.unreadable).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ root: 'stages', key: 'bad', reason: 'not a map' }),
        expect.objectContaining({ root: 'stages', key: s0.id, reason: '"index" is not an order key' }),
      ]),
    );
    expect(normalized(next)).toEqual(normalized(readJourney(doc)));
    expectSameIdentity(j.stages, next.stages, [s0.id]);

    updateStage(doc, s0.id, { name: 'x' }); // still unreadable: listed once, not twice
    expect(s.journey!.unreadable.filter((u) => u.key === s0.id)).toHaveLength(1);
    doc.transact(() => {
      (doc.getMap('stages').get(s0.id) as Y.Map<unknown>).set('index', s0.index);
      doc.getMap('stages').delete('bad');
    });
    next = s.journey!;
    expect(next.unreadable).toEqual([]);
    expect(next.stages.get(s0.id)).toMatchObject({ name: 'x', index: s0.index });
  });

  it('stops writing the store once unbound', () => {
    const { doc, s, unbind, s0, lane } = bound();
    unbind();
    const writes = s.writes;
    addCard(doc, s0.id, lane.id);
    expect(s.writes).toBe(writes);
  });

  it('stays equal to a fresh read of the document through many edits', () => {
    const { doc, s, j, s0, s1, lane } = bound();
    const ids = [...j.cards.keys()];
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      if (i % 4 === 0) setCardText(doc, id, `card ${i} ăîșț`);
      if (i % 4 === 1) moveCards(doc, [id], i % 8 === 1 ? s0.id : s1.id, lane.id, 0);
      if (i % 4 === 2) deleteCards(doc, [id]);
      if (i % 4 === 3) addLink(doc, id, ids[0]!);
    }
    expect(s.journey).toEqual(readJourney(doc));
  });
});

import { describe, expect, it } from 'vitest';
import { EXPORT_TYPE, EXPORT_VERSION, readMapFile } from './exchange';
import { isValidKey, sortByIndex } from './order';
import { readPlainJourney, repairJourney, type Repair } from './repair';
import { describeIssue } from './records/valid';
import { instantiateTemplate } from './templates';
import type { Card, Journey } from './types';

type Item = Record<string, unknown>;
interface PlainFile {
  meta?: Item;
  personas?: Item[];
  stages?: Item[];
  lanes?: Item[];
  cards?: Item[];
  links?: Item[];
  emotions?: Item[];
}

/** A small, healthy map as a file's journey part: two stages, three lanes, four cards. */
function plain(): PlainFile {
  return {
    meta: { title: 'Map', scenario: '', variant: 'current', locale: 'en', createdAt: 0 },
    personas: [
      { id: 'p1', name: 'Ana', index: 'a0' },
      { id: 'p2', name: 'Bo', index: 'a1' },
    ],
    stages: [
      { id: 's1', name: 'One', index: 'a0' },
      { id: 's2', name: 'Two', index: 'a1' },
    ],
    lanes: [
      { id: 'lE', name: 'Curve', kind: 'emotions', index: 'a0' },
      { id: 'lA', name: 'Actions', kind: 'actions', index: 'a1' },
      { id: 'lT', name: 'Touchpoints', kind: 'touchpoints', index: 'a2' },
    ],
    cards: [
      { id: 'c1', kind: 'note', stageId: 's1', laneId: 'lA', index: 'a0', text: 'one' },
      { id: 'c2', kind: 'note', stageId: 's1', laneId: 'lA', index: 'a1', text: 'two' },
      { id: 'c3', kind: 'touchpoint', stageId: 's2', laneId: 'lT', index: 'a0', text: 'three', channel: 'web' },
      { id: 'c4', kind: 'note', stageId: 's2', laneId: 'lA', index: 'a0', text: 'four' },
    ],
    links: [{ from: 'c1', to: 'c3', label: '' }],
    emotions: [
      { stageId: 's1', personaId: 'p1', score: 1 },
      { stageId: 's2', personaId: 'p2', score: -1 },
    ],
  };
}

function read(journey: PlainFile) {
  const result = readMapFile({ type: EXPORT_TYPE, version: EXPORT_VERSION, exportedAt: '', journey });
  if (!result.ok) throw new Error(result.error.message);
  return result;
}

/** Ids of one cell's cards in order. */
const cellIds = (j: Journey, stageId: string, laneId: string) => sortByIndex([...j.cards.values()].filter((c) => c.stageId === stageId && c.laneId === laneId)).map((c) => c.id);
const codes = (repairs: Repair[]) => repairs.map((r) => r.code);

describe('a healthy file', () => {
  it('needs no repair, and its missing optional fields take their defaults silently', () => {
    const { journey, repairs } = read(plain());
    expect(repairs).toEqual([]);
    expect(journey.personas.get('p1')).toEqual({ id: 'p1', name: 'Ana', picture: '', goals: '', needs: '', frustrations: '', index: 'a0' });
    expect(journey.stages.get('s1')).toEqual({ id: 's1', name: 'One', goal: '', index: 'a0' });
    expect(journey.lanes.get('lA')).toEqual({ id: 'lA', name: 'Actions', kind: 'actions', index: 'a1', collapsed: false });
    expect(journey.cards.get('c3')).toEqual({ id: 'c3', kind: 'touchpoint', stageId: 's2', laneId: 'lT', index: 'a0', text: 'three', channel: 'web', department: '', momentOfTruth: false });
    expect(journey.emotions.get('s1:p1')).toEqual({ key: 's1:p1', stageId: 's1', personaId: 'p1', score: 1, note: '' });
    expect(journey.links.get('c1->c3')).toEqual({ id: 'c1->c3', from: 'c1', to: 'c3', label: '' });
  });

  it('gives every kind of card the document reader’s defaults', () => {
    const p = plain();
    p.cards = [
      { id: 'g', kind: 'gap', stageId: 's1', laneId: 'lA', index: 'a0', text: '' },
      { id: 'o', kind: 'opportunity', stageId: 's1', laneId: 'lA', index: 'a1', text: '' },
      { id: 'm', kind: 'metric', stageId: 's1', laneId: 'lA', index: 'a2', text: '' },
      { id: 't', kind: 'touchpoint', stageId: 's1', laneId: 'lA', index: 'a3', text: '' },
    ];
    const { journey } = read(p);
    expect(journey.cards.get('g')).toMatchObject({ severity: 2, expectation: '', owner: '', status: 'open', statusChangedAt: 0 });
    expect(journey.cards.get('o')).toMatchObject({ owner: '', priority: 'medium', status: 'open' });
    expect(journey.cards.get('m')).toMatchObject({ metric: 'other', value: null, sampleSize: null });
    expect(journey.cards.get('t')).toMatchObject({ channel: 'other', department: '', momentOfTruth: false });
  });

  it('keeps a card in a lane that makes another kind (or none), as the map allows it', () => {
    const p = plain();
    p.cards!.push({ id: 'c5', kind: 'gap', stageId: 's1', laneId: 'lE', index: 'a0', text: 'in the curve' });
    const { journey, repairs } = read(p);
    expect(repairs).toEqual([]);
    expect(journey.cards.get('c5')).toMatchObject({ stageId: 's1', laneId: 'lE' });
  });

  it('replaces lone surrogates (half an emoji) that peers would decode differently', () => {
    const p = plain();
    p.cards![0]!.text = 'cut \uD83D';
    expect(read(p).journey.cards.get('c1')!.text).toBe('cut \uFFFD');
  });
});

describe('broken references are repaired and listed', () => {
  it('cardMoved: a card of a deleted stage goes to the first stage, same lane, at the end of the cell', () => {
    const p = plain();
    p.cards!.push({ id: 'c5', kind: 'note', stageId: 'deleted', laneId: 'lA', index: 'a0', text: 'lost' });
    const { journey, repairs } = read(p);
    expect(repairs).toEqual([{ code: 'cardMoved', count: 1, params: { count: 1, stage: 'One', lane: 'Actions' } }]);
    expect(cellIds(journey, 's1', 'lA')).toEqual(['c1', 'c2', 'c5']);
    expect(isValidKey(journey.cards.get('c5')!.index)).toBe(true);
  });

  it('cardMoved: a card of a deleted lane goes to the first lane that makes its kind, else the first that holds cards', () => {
    const p = plain();
    p.cards!.push(
      { id: 'c5', kind: 'touchpoint', stageId: 's1', laneId: 'deleted', index: 'a0', text: 'tp' },
      { id: 'c6', kind: 'metric', stageId: 's2', laneId: 'deleted', index: 'a0', text: 'nps' },
      { id: 'c7', kind: 'touchpoint', stageId: 'gone', laneId: 'gone', index: 'a1', text: 'tp 2' },
      { id: 'c8', kind: 'note', stageId: 's2', text: 'no placement at all' },
    );
    const { journey, repairs } = read(p);
    expect(repairs).toEqual([
      { code: 'cardMoved', count: 2, params: { count: 2, stage: 'One', lane: 'Touchpoints' } },
      { code: 'cardMoved', count: 2, params: { count: 2, stage: 'Two', lane: 'Actions' } },
    ]);
    expect(cellIds(journey, 's1', 'lT')).toEqual(['c5', 'c7']);
    expect(cellIds(journey, 's2', 'lA')).toEqual(['c4', 'c6', 'c8']); // not the emotions lane, which shows no cards
  });

  it('stageCreated / laneCreated: a map without stages or lanes gets an "Imported" one for its cards', () => {
    const { journey, repairs } = read({ cards: [{ id: 'c1', kind: 'gap', text: 'alone' }, { id: 'c2', kind: 'note', text: 'too' }] });
    expect(codes(repairs)).toEqual(['stageCreated', 'laneCreated', 'cardMoved']);
    expect(repairs[0]!.params).toEqual({ count: 1, name: 'Imported' });
    expect(repairs[2]!.params).toEqual({ count: 2, stage: 'Imported', lane: 'Imported' });
    expect([...journey.stages.values()]).toEqual([{ id: 'imported', name: 'Imported', goal: '', index: 'a0' }]);
    expect([...journey.lanes.values()]).toEqual([{ id: 'imported', name: 'Imported', kind: 'painPoints', index: 'a0', collapsed: false }]);
    expect(cellIds(journey, 'imported', 'imported')).toEqual(['c1', 'c2']);
  });

  it('linkRemoved / selfLinkRemoved: links to nothing and from a card to itself', () => {
    const p = plain();
    p.links!.push({ from: 'c1', to: 'nothing', label: '' }, { from: 'ghost', to: 'c2' }, { from: 'c2', to: 'c2', label: 'loop' }, { to: 'c1' });
    const { journey, repairs } = read(p);
    expect(repairs).toEqual([
      { code: 'linkRemoved', count: 3, params: { count: 3 } },
      { code: 'selfLinkRemoved', count: 1, params: { count: 1 } },
    ]);
    expect([...journey.links.keys()]).toEqual(['c1->c3']);
  });

  it('a link to a card that was moved stays', () => {
    const p = plain();
    p.cards![2]!.stageId = 'deleted';
    const { journey, repairs } = read(p);
    expect(codes(repairs)).toEqual(['cardMoved']);
    expect(journey.links.has('c1->c3')).toBe(true);
  });

  it('emotionRemoved: points of a missing stage or persona; a map-wide point stays', () => {
    const p = plain();
    p.emotions!.push({ stageId: 'gone', personaId: 'p1', score: 0 }, { stageId: 's1', personaId: 'gone', score: 0 }, { stageId: 'gone', score: 2 }, { stageId: 's2', score: 2 });
    const { journey, repairs } = read(p);
    expect(repairs).toEqual([{ code: 'emotionRemoved', count: 3, params: { count: 3 } }]);
    expect([...journey.emotions.keys()]).toEqual(['s1:p1', 's2:p2', 's2']);
  });
});

describe('order keys', () => {
  it('the same key twice in one list or cell: re-keyed in file order, silently', () => {
    const p = plain();
    p.stages = [
      { id: 'sB', name: 'B', index: 'a0' },
      { id: 'sA', name: 'A', index: 'a0' },
      { id: 'sC', name: 'C', index: 'a1' },
    ];
    p.cards = [
      { id: 'z', kind: 'note', stageId: 'sA', laneId: 'lA', index: 'a0', text: '' },
      { id: 'y', kind: 'note', stageId: 'sA', laneId: 'lA', index: 'a0', text: '' },
      { id: 'x', kind: 'note', stageId: 'sA', laneId: 'lA', index: 'a0', text: '' },
      { id: 'w', kind: 'note', stageId: 'sB', laneId: 'lA', index: 'a0', text: '' }, // another cell: not a clash
    ];
    p.links = [];
    p.emotions = [];
    const { journey, repairs } = read(p);
    expect(repairs).toEqual([]);
    expect(sortByIndex(journey.stages.values()).map((s) => s.id)).toEqual(['sB', 'sA', 'sC']);
    expect(journey.stages.get('sB')!.index).toBe('a0'); // the first keeps its key
    expect(journey.stages.get('sC')!.index).toBe('a1');
    expect(cellIds(journey, 'sA', 'lA')).toEqual(['z', 'y', 'x']);
    expect(new Set([...journey.cards.values()].filter((c) => c.stageId === 'sA').map((c) => c.index)).size).toBe(3);
    expect(journey.cards.get('w')!.index).toBe('a0');
  });

  it('orderKeyReplaced: keys that are not valid are replaced where the file had them; missing ones silently', () => {
    const p = plain();
    p.lanes = [
      { id: 'l0', kind: 'actions', index: 'not a key!' }, // first in the file: stays first
      { id: 'l1', kind: 'actions', index: 'a0' },
      { id: 'l2', kind: 'actions', index: 'a00' }, // not valid (trailing zero): after l1
      { id: 'l3', kind: 'actions' }, // missing: after l2
      { id: 'l4', kind: 'actions', index: 5 }, // not text: after l3
      { id: 'l5', kind: 'actions', index: 'a1' },
    ];
    p.cards = [];
    p.links = [];
    const { journey, repairs } = read(p);
    expect(repairs).toEqual([{ code: 'orderKeyReplaced', count: 3, params: { count: 3 } }]);
    const lanes = sortByIndex(journey.lanes.values());
    expect(lanes.map((l) => l.id)).toEqual(['l0', 'l1', 'l2', 'l3', 'l4', 'l5']);
    expect(lanes.every((l) => isValidKey(l.index))).toBe(true);
    expect(journey.lanes.get('l1')!.index).toBe('a0');
    expect(journey.lanes.get('l5')!.index).toBe('a1');
  });

  it('keeps valid keys that the file lists out of order', () => {
    const p = plain();
    p.stages = [...p.stages!].reverse();
    const { journey, repairs } = read(p);
    expect(repairs).toEqual([]);
    expect(journey.stages.get('s1')!.index).toBe('a0');
    expect(journey.stages.get('s2')!.index).toBe('a1');
  });
});

describe('repairJourney', () => {
  it('is pure, and a repaired journey needs no second repair', () => {
    const p = plain();
    p.cards!.push({ id: 'c5', kind: 'note', stageId: 'gone', laneId: 'lA', index: 'zz!', text: '' });
    p.links!.push({ from: 'c1', to: 'gone' });
    const raw = readPlainJourney(p);
    if (!raw.ok) throw new Error('unreadable');
    const before = structuredClone(raw.journey);
    const once = repairJourney(raw.journey);
    expect(raw.journey).toEqual(before);
    expect(codes(once.repairs)).toEqual(['cardMoved', 'linkRemoved']);
    expect(repairJourney(once.journey)).toEqual({ journey: once.journey, repairs: [] });
  });

  it('leaves a template alone', () => {
    const journey = instantiateTemplate('currentJourney', (k) => k, 'en', 0);
    expect(repairJourney(journey)).toEqual({ journey, repairs: [] });
  });

  it('does not reuse an id for the "Imported" stage', () => {
    const journey = instantiateTemplate('blank', (k) => k, 'en', 0);
    const card: Card = { id: 'imported', kind: 'note', stageId: 'x', laneId: 'y', index: 'a0', text: '' };
    const { journey: out } = repairJourney({ ...journey, stages: new Map(), cards: new Map([[card.id, card]]) });
    expect([...out.stages.keys()]).toEqual(['imported']);
    expect(out.cards.get('imported')!.stageId).toBe('imported');
  });
});

describe('describeIssue', () => {
  it('reads as path: reason value', () => {
    expect(describeIssue({ path: 'journey.cards[3].kind', reason: 'unknownValue', value: 'sticker' })).toBe("journey.cards[3].kind: unknown value 'sticker'");
    expect(describeIssue({ path: 'journey.cards[0].text', reason: 'missing', value: '' })).toBe('journey.cards[0].text: missing');
    expect(describeIssue({ path: 'journey.stages[2].id', reason: 'duplicate', value: 'journey.stages[0]' })).toBe('journey.stages[2].id: the same as journey.stages[0]');
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { copyCards, parseClipboard } from '../journey/clipboard';
import { layoutJourney } from '../journey/layout';
import {
  addCard,
  addLane,
  addLink,
  addPersona,
  addStage,
  clearEmotion,
  deleteCards,
  deleteLane,
  deleteLinks,
  deletePersona,
  deleteStage,
  duplicateCards,
  moveCards,
  moveLane,
  moveStage,
  pasteCards,
  setCardText,
  setEmotion,
  setLinkLabel,
  updateCard,
  updateLane,
  updateMeta,
  updatePersona,
  updateStage,
} from './commands';
import { LOCAL } from './origins';
import { card, cellIds, laneOfKind, lanesOf, peerOf, readJourney, seededDoc, stageAt, stagesOf, sync } from './testing';

afterEach(() => {
  vi.restoreAllMocks();
});

/** A seeded map (the "current journey" template: 6 stages, 7 lanes, one persona) and its first read. */
function setup() {
  const doc = seededDoc('currentJourney');
  const j = readJourney(doc);
  const s0 = stageAt(j, 0);
  const s1 = stageAt(j, 1);
  const actions = laneOfKind(j, 'actions');
  const touchpoints = laneOfKind(j, 'touchpoints');
  const persona = [...j.personas.values()][0]!;
  return { doc, j, s0, s1, actions, touchpoints, persona };
}

/** Adds three cards a, b, c (in that order) to a cell; returns their ids. */
function threeCards(doc: Y.Doc, stageId: string, laneId: string): [string, string, string] {
  const [a, b, c] = ['A', 'B', 'C'].map((text) => addCard(doc, stageId, laneId, { text }));
  return [a!, b!, c!];
}

describe('every command is one local transaction', () => {
  it('runs each command in exactly one transaction with the LOCAL origin', () => {
    const { doc, s0, actions } = setup();
    const origins: unknown[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
    const id = addCard(doc, s0.id, actions.id, { text: 'x' })!;
    moveCards(doc, [id], s0.id, actions.id, 0);
    deleteStage(doc, s0.id);
    expect(origins).toEqual([LOCAL, LOCAL, LOCAL]);
  });
});

describe('meta', () => {
  it('updateMeta changes the title, scenario, variant and locale', () => {
    const { doc } = setup();
    updateMeta(doc, { title: 'Călătoria lui Ion', scenario: 'Deschide un cont', variant: 'future', locale: 'ro' });
    expect(readJourney(doc).meta).toMatchObject({ title: 'Călătoria lui Ion', scenario: 'Deschide un cont', variant: 'future', locale: 'ro' });
    updateMeta(doc, { title: 'Nuovo titolo' });
    expect(readJourney(doc).meta).toMatchObject({ title: 'Nuovo titolo', variant: 'future' });
  });
});

describe('stages', () => {
  it('addStage appends by default or inserts at a position', () => {
    const { doc, j } = setup();
    const last = addStage(doc, 'Fidelizare');
    const first = addStage(doc, 'Descoperire', 0);
    const third = addStage(doc, 'Între', 2);
    const order = stagesOf(readJourney(doc)).map((s) => s.id);
    expect(order).toHaveLength(j.stages.size + 3);
    expect(order[0]).toBe(first);
    expect(order[2]).toBe(third);
    expect(order.at(-1)).toBe(last);
    expect(readJourney(doc).stages.get(first)).toMatchObject({ name: 'Descoperire', goal: '' });
  });

  it('updateStage renames and sets the goal of one stage only', () => {
    const { doc, j, s0, s1 } = setup();
    updateStage(doc, s0.id, { name: 'Conștientizare', goal: 'Să afle de noi' });
    updateStage(doc, 'missing', { name: 'x' });
    const after = readJourney(doc);
    expect(after.stages.get(s0.id)).toMatchObject({ name: 'Conștientizare', goal: 'Să afle de noi', index: s0.index });
    expect(after.stages.get(s1.id)).toEqual(j.stages.get(s1.id));
    updateStage(doc, s0.id, { goal: 'Altul' });
    expect(readJourney(doc).stages.get(s0.id)).toMatchObject({ name: 'Conștientizare', goal: 'Altul' });
  });

  // Regression guard (was a bug in commands.ts updateStage/updateLane): a patch field that is present but undefined is
  // written into the document and erases the stage's name (updatePersona and updateCard skip them).
  it('updateStage and updateLane leave fields that are undefined in the patch as they were', () => {
    const { doc, s0, actions } = setup();
    updateStage(doc, s0.id, { name: 'Kept', goal: 'Kept goal' });
    updateStage(doc, s0.id, { name: undefined, goal: 'New goal' });
    updateLane(doc, actions.id, { name: 'Acțiuni', collapsed: true });
    updateLane(doc, actions.id, { name: 'Azioni', collapsed: undefined });
    const after = readJourney(doc);
    expect(after.stages.get(s0.id)).toMatchObject({ name: 'Kept', goal: 'New goal' });
    expect(after.lanes.get(actions.id)).toMatchObject({ name: 'Azioni', collapsed: true });
  });

  it('moveStage moves a stage to a position counted among the other stages', () => {
    const { doc, j } = setup();
    const ids = stagesOf(j).map((s) => s.id);
    moveStage(doc, ids[0]!, 2);
    expect(stagesOf(readJourney(doc)).map((s) => s.id)).toEqual([ids[1], ids[2], ids[0], ...ids.slice(3)]);
    moveStage(doc, ids[5]!, 0);
    expect(stagesOf(readJourney(doc)).map((s) => s.id)).toEqual([ids[5], ids[1], ids[2], ids[0], ids[3], ids[4]]);
    moveStage(doc, ids[5]!, 99);
    expect(stagesOf(readJourney(doc)).map((s) => s.id).at(-1)).toBe(ids[5]);
  });

  it('deleteStage deletes its cards, their links and its emotional points, and nothing else', () => {
    const { doc, j, s0, s1, actions, touchpoints, persona } = setup();
    const [a] = threeCards(doc, s0.id, actions.id);
    const elsewhere = addCard(doc, s1.id, actions.id, { text: 'stays' })!;
    const other = addCard(doc, s1.id, touchpoints.id, { text: 'stays too' })!;
    addLink(doc, a, elsewhere, 'in');
    addLink(doc, elsewhere, a, 'out');
    addLink(doc, elsewhere, other, 'kept');
    setEmotion(doc, s0.id, null, 1, 'without persona');
    const before = readJourney(doc);
    expect(before.emotions.has(`${s0.id}:${persona.id}`)).toBe(true);

    deleteStage(doc, s0.id);
    const after = readJourney(doc);
    expect(after.stages.has(s0.id)).toBe(false);
    expect([...after.cards.values()].filter((c) => c.stageId === s0.id)).toEqual([]);
    expect(after.cards.size).toBe(before.cards.size - [...before.cards.values()].filter((c) => c.stageId === s0.id).length);
    expect([...after.links.keys()]).toEqual([`${elsewhere}->${other}`]);
    expect([...after.emotions.keys()].filter((k) => k.startsWith(s0.id))).toEqual([]);
    expect(after.emotions.size).toBe(j.emotions.size - 1);
    expect(after.emotions.has(`${s1.id}:${persona.id}`)).toBe(true);
    expect(layoutJourney(after).unplaced).toEqual([]);
  });
});

describe('lanes', () => {
  it('addLane adds a lane of a kind, at a position within its blueprint zone or at the end of it', () => {
    const { doc, j } = setup();
    const support = addLane(doc, 'support', 'Suport');
    const top = addLane(doc, 'metrics', 'Cifre', 0);
    // Asked for the top, a back-stage lane goes below the customer's lanes, above support.
    const back = addLane(doc, 'backStage', 'În culise', 0);
    // Without a position, a customer's lane goes at the end of the customer's lanes, not under support.
    const end = addLane(doc, 'thoughts', 'Citate');
    const after = readJourney(doc);
    expect(after.lanes.get(support)).toMatchObject({ kind: 'support', name: 'Suport', collapsed: false });
    expect(lanesOf(after).map((l) => l.id)).toEqual([top, ...lanesOf(j).map((l) => l.id), end, back, support]);
  });

  it('updateLane renames and collapses a lane', () => {
    const { doc, actions } = setup();
    updateLane(doc, actions.id, { name: 'Ce face clientul' });
    updateLane(doc, actions.id, { collapsed: true });
    expect(readJourney(doc).lanes.get(actions.id)).toMatchObject({ name: 'Ce face clientul', collapsed: true, kind: 'actions' });
    updateLane(doc, actions.id, { collapsed: false });
    expect(readJourney(doc).lanes.get(actions.id)?.collapsed).toBe(false);
  });

  it('moveLane moves a lane among the others', () => {
    const { doc, j } = setup();
    const ids = lanesOf(j).map((l) => l.id);
    expect(moveLane(doc, ids[6]!, 1)).toEqual({ position: 1, kept: null });
    expect(lanesOf(readJourney(doc)).map((l) => l.id)).toEqual([ids[0], ids[6], ...ids.slice(1, 6)]);
  });

  it('moveLane keeps a blueprint lane in its zone: a move across a line stops at it, and writes nothing when it cannot move', () => {
    const doc = seededDoc('serviceBlueprint');
    const [actions, touchpoints, front, back, support] = lanesOf(readJourney(doc)).map((l) => l.id);
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    // Front stage up (past the touchpoints) would cross the line of interaction: refused.
    expect(moveLane(doc, front!, 1)).toEqual({ position: 2, kept: 'interaction' });
    expect(moveLane(doc, back!, 4)).toEqual({ position: 3, kept: 'internalInteraction' });
    expect(updates).toEqual([]);
    // Support to the top stops below the back stage (clamped): the order stays whole.
    expect(moveLane(doc, support!, 0)).toEqual({ position: 4, kept: 'internalInteraction' });
    expect(lanesOf(readJourney(doc)).map((l) => l.id)).toEqual([actions, touchpoints, front, back, support]);
    // Within the customer's zone, lanes move as before.
    expect(moveLane(doc, touchpoints!, 0)).toEqual({ position: 0, kept: null });
    expect(lanesOf(readJourney(doc)).map((l) => l.id)).toEqual([touchpoints, actions, front, back, support]);
    expect(moveLane(doc, 'gone', 0)).toBeNull();
  });

  it('deleteLane deletes its cards and their links, keeping the emotional curve', () => {
    const { doc, j, s0, actions, touchpoints } = setup();
    const [a] = threeCards(doc, s0.id, actions.id);
    const t = addCard(doc, s0.id, touchpoints.id)!;
    addLink(doc, t, a);
    deleteLane(doc, actions.id);
    const after = readJourney(doc);
    expect(after.lanes.has(actions.id)).toBe(false);
    expect([...after.cards.values()].some((c) => c.laneId === actions.id)).toBe(false);
    expect(after.cards.has(t)).toBe(true);
    expect(after.links.size).toBe(0);
    expect(after.emotions).toEqual(j.emotions);
  });
});

describe('cards', () => {
  it('addCard makes the kind of card the lane holds, with default fields', () => {
    const { doc, j, s0 } = setup();
    vi.spyOn(Date, 'now').mockReturnValue(1_800_000_000_000);
    const made = new Map(lanesOf(j).map((lane) => [lane.kind, addCard(doc, s0.id, lane.id, { text: 'nou' })]));
    const after = readJourney(doc);
    const kindOf = (laneKind: string) => after.cards.get(made.get(laneKind as 'actions')!)!;
    expect(kindOf('actions')).toMatchObject({ kind: 'note', text: 'nou' });
    expect(kindOf('thoughts')).toMatchObject({ kind: 'note' });
    expect(kindOf('touchpoints')).toMatchObject({ kind: 'touchpoint', channel: 'web', department: '', momentOfTruth: false });
    expect(kindOf('painPoints')).toMatchObject({ kind: 'gap', severity: 2, status: 'open', statusChangedAt: 1_800_000_000_000 });
    expect(kindOf('opportunities')).toMatchObject({ kind: 'opportunity', priority: 'medium', status: 'open' });
    expect(kindOf('metrics')).toMatchObject({ kind: 'metric', metric: 'NPS', value: null, sampleSize: null });
    // The emotional curve lane takes no cards.
    expect(made.get('emotions')).toBeNull();
    expect(after.cards.size).toBe(j.cards.size + 6);
  });

  it('addCard appends to its cell, or inserts at a position', () => {
    const { doc, s1, touchpoints } = setup();
    const existing = cellIds(readJourney(doc), s1.id, touchpoints.id);
    const last = addCard(doc, s1.id, touchpoints.id)!;
    const first = addCard(doc, s1.id, touchpoints.id, { position: 0 })!;
    expect(cellIds(readJourney(doc), s1.id, touchpoints.id)).toEqual([first, ...existing, last]);
  });

  it('addCard refuses a stage or lane that does not exist', () => {
    const { doc, j, s0, actions } = setup();
    expect(addCard(doc, 'nope', actions.id)).toBeNull();
    expect(addCard(doc, s0.id, 'nope')).toBeNull();
    expect(readJourney(doc).cards.size).toBe(j.cards.size);
  });

  it('setCardText writes diacritics and emoji intact, keystroke by keystroke', () => {
    const { doc, s0, actions } = setup();
    const id = addCard(doc, s0.id, actions.id)!;
    const final = 'Plată în rate: așteptare și țipete 😫 — perché è così?';
    for (let i = 1; i <= final.length; i++) setCardText(doc, id, final.slice(0, i));
    expect(card(readJourney(doc), id).text).toBe(final);
    setCardText(doc, id, final.replace('😫', '🙂'));
    setCardText(doc, id, final.replace('😫', '🙂').replace('Plată', 'Plata'));
    expect(card(readJourney(doc), id).text).toBe('Plata în rate: așteptare și țipete 🙂 — perché è così?');
    setCardText(doc, 'missing', 'x');
  });

  it('setCardText from two people typing in one card merges both edits', () => {
    const { doc, s0, actions } = setup();
    const id = addCard(doc, s0.id, actions.id, { text: 'Clientul sună' })!;
    const peer = peerOf(doc);
    setCardText(doc, id, 'Clientul sună la bancă');
    setCardText(peer, id, 'Ieri clientul sună');
    sync(doc, peer);
    expect(card(readJourney(doc), id).text).toBe('Ieri clientul sună la bancă');
    expect(card(readJourney(peer), id).text).toBe('Ieri clientul sună la bancă');
  });

  it('updateCard sets kind fields; changing a gap status stamps when it changed and who changed it', () => {
    const { doc, s0 } = setup();
    const j = readJourney(doc);
    const painPoints = laneOfKind(j, 'painPoints');
    const now = vi.spyOn(Date, 'now').mockReturnValue(1_000);
    const gap = addCard(doc, s0.id, painPoints.id)!;
    expect(card(readJourney(doc), gap)).toMatchObject({ status: 'open', statusChangedAt: 1_000 });

    now.mockReturnValue(2_000);
    updateCard(doc, gap, { severity: 3, expectation: 'Răspuns rapid' });
    expect(card(readJourney(doc), gap)).toMatchObject({ severity: 3, expectation: 'Răspuns rapid', statusChangedAt: 1_000 });
    // Handing the gap to a department is a change of the loop: stamped with who did it.
    now.mockReturnValue(2_500);
    updateCard(doc, gap, { owner: 'Vânzări' }, 'Marco');
    expect(card(readJourney(doc), gap)).toMatchObject({ owner: 'Vânzări', statusChangedAt: 2_500, statusChangedBy: 'Marco' });

    now.mockReturnValue(3_000);
    updateCard(doc, gap, { status: 'inProgress' }, 'Ioana');
    expect(card(readJourney(doc), gap)).toMatchObject({ status: 'inProgress', statusChangedAt: 3_000, statusChangedBy: 'Ioana' });
    // Setting the same status again is no change: the stamp stays.
    now.mockReturnValue(3_500);
    updateCard(doc, gap, { status: 'inProgress' }, 'Marco');
    expect(card(readJourney(doc), gap)).toMatchObject({ statusChangedAt: 3_000, statusChangedBy: 'Ioana' });

    const metric = addCard(doc, s0.id, laneOfKind(j, 'metrics').id)!;
    updateCard(doc, metric, { metric: 'CES', value: 4.2, sampleSize: 90 });
    expect(card(readJourney(doc), metric)).toMatchObject({ metric: 'CES', value: 4.2, sampleSize: 90 });
    updateCard(doc, metric, { value: null });
    expect(card(readJourney(doc), metric)).toMatchObject({ value: null, sampleSize: 90 });

    const opportunity = addCard(doc, s0.id, laneOfKind(j, 'opportunities').id)!;
    updateCard(doc, opportunity, { status: 'done', priority: 'high' });
    expect(card(readJourney(doc), opportunity)).toMatchObject({ status: 'done', priority: 'high' });
    updateCard(doc, 'missing', { owner: 'x' });
    expect(readJourney(doc).unreadable).toEqual([]);
  });

  describe('moveCards', () => {
    it('moves a card to another cell at a position', () => {
      const { doc, s0, s1, actions } = setup();
      const [a, b, c] = threeCards(doc, s0.id, actions.id);
      const before = cellIds(readJourney(doc), s1.id, actions.id);
      moveCards(doc, [b], s1.id, actions.id, 0);
      const j = readJourney(doc);
      expect(cellIds(j, s0.id, actions.id).filter((id) => [a, b, c].includes(id))).toEqual([a, c]);
      expect(cellIds(j, s1.id, actions.id)).toEqual([b, ...before]);
      expect(card(j, b)).toMatchObject({ stageId: s1.id, laneId: actions.id, text: 'B' });
    });

    it('moves a card across lanes, keeping its kind and text', () => {
      const { doc, s0, actions, touchpoints } = setup();
      const [a] = threeCards(doc, s0.id, actions.id);
      moveCards(doc, [a], s0.id, touchpoints.id, 99);
      const j = readJourney(doc);
      expect(cellIds(j, s0.id, touchpoints.id).at(-1)).toBe(a);
      expect(card(j, a)).toMatchObject({ kind: 'note', text: 'A', laneId: touchpoints.id });
    });

    it('reorders inside a cell (position counted without the moved card)', () => {
      const { doc, s1, actions } = setup();
      const existing = cellIds(readJourney(doc), s1.id, actions.id);
      const [a, b, c] = threeCards(doc, s1.id, actions.id);
      const all = [...existing, a, b, c];
      moveCards(doc, [a], s1.id, actions.id, all.length - 1);
      expect(cellIds(readJourney(doc), s1.id, actions.id)).toEqual([...existing, b, c, a]);
      moveCards(doc, [c], s1.id, actions.id, 0);
      expect(cellIds(readJourney(doc), s1.id, actions.id)).toEqual([c, ...existing, b, a]);
    });

    it('moves several cards at once, in the given order, next to each other', () => {
      const { doc, s0, s1, actions } = setup();
      const [a, b, c] = threeCards(doc, s0.id, actions.id);
      const target = cellIds(readJourney(doc), s1.id, actions.id);
      const [x, y] = threeCards(doc, s1.id, actions.id);
      moveCards(doc, [c, a], s1.id, actions.id, target.length + 1);
      expect(cellIds(readJourney(doc), s1.id, actions.id)).toEqual([...target, x, c, a, y, expect.any(String)]);
      expect(cellIds(readJourney(doc), s0.id, actions.id)).not.toContain(a);
      expect(card(readJourney(doc), b).stageId).toBe(s0.id);
    });

    it('does nothing when the target cell is gone, and ignores cards that are gone', () => {
      const { doc, s0, s1, actions } = setup();
      const [a] = threeCards(doc, s0.id, actions.id);
      const before = readJourney(doc);
      moveCards(doc, [a], 'deleted', actions.id, 0);
      moveCards(doc, [a], s0.id, 'deleted', 0);
      expect(readJourney(doc).cards).toEqual(before.cards);
      moveCards(doc, ['gone', a], s1.id, actions.id, 0);
      expect(cellIds(readJourney(doc), s1.id, actions.id)[0]).toBe(a);
    });

    // Regression guard (was a bug in commands.ts moveCards): nothing stops a card from being moved into a lane that holds
    // no cards (the emotional curve). layoutJourney neither draws it nor puts it in the unplaced tray,
    // so the card vanishes from the map. addCard and pasteCards refuse such lanes; moveCards should too.
    it('never moves a card into the emotional curve lane, where it would vanish', () => {
      const { doc, j, s0, actions } = setup();
      const [a] = threeCards(doc, s0.id, actions.id);
      moveCards(doc, [a], s0.id, laneOfKind(j, 'emotions').id, 0);
      const after = readJourney(doc);
      const grid = layoutJourney(after);
      expect(grid.slots.has(a) || grid.unplaced.some((c) => c.id === a)).toBe(true);
    });
  });

  it('duplicateCards copies each card right after its original and returns the copies in order', () => {
    const { doc, s0, touchpoints } = setup();
    const t = addCard(doc, s0.id, touchpoints.id, { text: 'Apel la call center' })!;
    updateCard(doc, t, { channel: 'phone', department: 'Relații clienți', momentOfTruth: true });
    const [a, , c] = threeCards(doc, s0.id, touchpoints.id);
    const copies = duplicateCards(doc, [t, c, 'missing']);
    expect(copies).toHaveLength(2);
    const j = readJourney(doc);
    const order = cellIds(j, s0.id, touchpoints.id);
    expect(order.indexOf(copies[0]!)).toBe(order.indexOf(t) + 1);
    expect(order.indexOf(copies[1]!)).toBe(order.indexOf(c) + 1);
    expect(order.indexOf(a)).toBe(order.indexOf(copies[0]!) + 1);
    const { id: _1, index: _2, ...original } = card(j, t);
    const { id: _3, index: _4, ...copy } = card(j, copies[0]!);
    expect(copy).toEqual(original);
    expect(new Set(order).size).toBe(order.length);
  });

  it('deleteCards deletes the cards and every link from or to them', () => {
    const { doc, j, s0, actions } = setup();
    const [a, b, c] = threeCards(doc, s0.id, actions.id);
    addLink(doc, a, b);
    addLink(doc, c, a);
    addLink(doc, b, c, 'stays');
    deleteCards(doc, [a, 'missing']);
    const after = readJourney(doc);
    expect(after.cards.has(a)).toBe(false);
    expect(after.cards.size).toBe(j.cards.size + 2);
    expect([...after.links.values()]).toEqual([{ id: `${b}->${c}`, from: b, to: c, label: 'stays' }]);
  });
});

describe('pasteCards', () => {
  function copied(doc: Y.Doc, ids: string[]) {
    // Through the system clipboard, as text.
    return parseClipboard(JSON.stringify(copyCards(readJourney(doc), ids)))!;
  }

  it('pastes into the same map: copies land at the end of their original cells, with their links', () => {
    const { doc, s0, s1, actions, touchpoints } = setup();
    const [a, b] = threeCards(doc, s0.id, actions.id);
    const t = addCard(doc, s1.id, touchpoints.id, { text: 'Site' })!;
    updateCard(doc, t, { channel: 'web', department: 'Marketing' });
    addLink(doc, a, t, 'vizitează');
    const pasted = pasteCards(doc, copied(doc, [a, t, b]), null);
    expect(pasted).toHaveLength(3);
    const j = readJourney(doc);
    const newA = pasted.find((id) => card(j, id).text === 'A')!;
    const newT = pasted.find((id) => card(j, id).text === 'Site')!;
    expect(cellIds(j, s0.id, actions.id).slice(-2).map((id) => card(j, id).text)).toEqual(['A', 'B']);
    expect(cellIds(j, s1.id, touchpoints.id).at(-1)).toBe(newT);
    expect(card(j, newT)).toMatchObject({ kind: 'touchpoint', channel: 'web', department: 'Marketing' });
    expect(j.links.get(`${newA}->${newT}`)).toMatchObject({ label: 'vizitează' });
    expect(j.links.size).toBe(2);
    expect(j.unreadable).toEqual([]);
  });

  it('pastes into another map: same stage position, a lane of the same kind', () => {
    const source = setup();
    const target = setup(); // another map: other ids
    const [a] = threeCards(source.doc, source.s1.id, source.actions.id);
    const t = addCard(source.doc, source.s0.id, source.touchpoints.id, { text: 'Reclamă' })!;
    updateCard(source.doc, t, { channel: 'social', momentOfTruth: true });
    addLink(source.doc, t, a);
    const pasted = pasteCards(target.doc, copied(source.doc, [a, t]), null);
    const j = readJourney(target.doc);
    expect(pasted).toHaveLength(2);
    const newA = card(j, pasted.find((id) => card(j, id).text === 'A')!);
    const newT = card(j, pasted.find((id) => card(j, id).text === 'Reclamă')!);
    expect(newA).toMatchObject({ stageId: target.s1.id, laneId: target.actions.id, kind: 'note' });
    expect(newT).toMatchObject({ stageId: target.s0.id, laneId: target.touchpoints.id, kind: 'touchpoint', channel: 'social', momentOfTruth: true });
    expect(j.links.has(`${newT.id}->${newA.id}`)).toBe(true);
    expect(readJourney(source.doc).cards.size).toBe(source.j.cards.size + 4);
  });

  it('lets the target lane decide the kind: fields of another kind are dropped', () => {
    const source = setup();
    const gapLane = laneOfKind(source.j, 'painPoints');
    const gap = addCard(source.doc, source.s0.id, gapLane.id, { text: 'Coadă lungă' })!;
    updateCard(source.doc, gap, { severity: 3, owner: 'Ops' });
    // Pasted at a card of a blueprint's front-stage lane, the gap becomes a note there.
    const target = seededDoc('serviceBlueprint');
    const tj = readJourney(target);
    const at = { stageId: stageAt(tj, 0).id, laneId: laneOfKind(tj, 'frontStage').id, position: 0 };
    const [id] = pasteCards(target, copied(source.doc, [gap]), at);
    const pasted = card(readJourney(target), id!);
    expect(pasted).toEqual({ id, kind: 'note', stageId: at.stageId, laneId: at.laneId, index: pasted.index, text: 'Coadă lungă' });
    expect(cellIds(readJourney(target), at.stageId, at.laneId)[0]).toBe(id);
    // With no target and no pain-point lane, it goes to the same stage position in the first lane that holds cards.
    const [other] = pasteCards(target, copied(source.doc, [gap]), null);
    const placed = card(readJourney(target), other!);
    expect(placed).toMatchObject({ kind: 'note', stageId: stageAt(tj, 0).id, laneId: lanesOf(tj)[0]!.id });
  });

  it('pastes at the selected card: right after it when its lane fits, else in a fitting lane of its stage', () => {
    const { doc, s0, s1, actions, touchpoints } = setup();
    const [a, b] = threeCards(doc, s1.id, actions.id);
    const note = addCard(doc, s0.id, actions.id, { text: 'Citește recenziile' })!;
    const tp = addCard(doc, s0.id, touchpoints.id, { text: 'Magazin' })!;
    updateCard(doc, tp, { channel: 'store' });
    const afterA = cellIds(readJourney(doc), s1.id, actions.id).indexOf(a) + 1;
    const [pastedNote] = pasteCards(doc, copied(doc, [note]), { stageId: s1.id, laneId: actions.id, position: afterA });
    expect(cellIds(readJourney(doc), s1.id, actions.id).slice(afterA - 1, afterA + 2)).toEqual([a, pastedNote, b]);
    // A touchpoint pasted at a customer action keeps its kind: it goes to that stage's touchpoint lane.
    const [pastedTp] = pasteCards(doc, copied(doc, [tp]), { stageId: s1.id, laneId: actions.id, position: 1 });
    expect(card(readJourney(doc), pastedTp!)).toMatchObject({ kind: 'touchpoint', channel: 'store', stageId: s1.id, laneId: touchpoints.id });
  });

  it('repairs a pasted card whose fields are broken rather than writing an unreadable card', () => {
    const { doc, s0, touchpoints } = setup();
    const t = addCard(doc, s0.id, touchpoints.id, { text: 'Chat' })!;
    const payload = copied(doc, [t]);
    const item = payload.cards[0]!;
    const broken = { ...payload, cards: [{ ...item, card: { ...item.card, channel: 'pigeon', momentOfTruth: 'yes' } as never }] };
    const [id] = pasteCards(doc, broken, null);
    const j = readJourney(doc);
    expect(j.unreadable).toEqual([]);
    expect(card(j, id!)).toMatchObject({ kind: 'touchpoint', text: 'Chat', channel: 'web', momentOfTruth: false, stageId: s0.id, laneId: touchpoints.id });
  });
});

describe('links', () => {
  it('addLink links two cards once; setLinkLabel and deleteLinks edit them', () => {
    const { doc, s0, actions } = setup();
    const [a, b, c] = threeCards(doc, s0.id, actions.id);
    expect(addLink(doc, a, b, 'apoi')).toBe(`${a}->${b}`);
    expect(addLink(doc, a, b, 'again')).toBe(`${a}->${b}`);
    expect(addLink(doc, b, a)).toBe(`${b}->${a}`);
    expect(addLink(doc, a, a)).toBeNull();
    expect(addLink(doc, a, 'missing')).toBeNull();
    let j = readJourney(doc);
    expect(j.links.get(`${a}->${b}`)).toEqual({ id: `${a}->${b}`, from: a, to: b, label: 'apoi' });
    expect(j.links.size).toBe(2);

    setLinkLabel(doc, `${a}->${b}`, 'după plată');
    setLinkLabel(doc, `${a}->${c}`, 'no such link');
    j = readJourney(doc);
    expect(j.links.get(`${a}->${b}`)?.label).toBe('după plată');
    expect(j.links.size).toBe(2);

    deleteLinks(doc, [`${a}->${b}`, 'nope']);
    expect([...readJourney(doc).links.keys()]).toEqual([`${b}->${a}`]);
  });
});

describe('emotions', () => {
  it('setEmotion scores a stage (per persona or not), keeping the note when only the score changes', () => {
    const { doc, s0, persona } = setup();
    setEmotion(doc, s0.id, null, -2, 'Nervos');
    setEmotion(doc, s0.id, persona.id, 2, 'Fericită');
    setEmotion(doc, s0.id, persona.id, 1);
    const j = readJourney(doc);
    expect(j.emotions.get(s0.id)).toEqual({ key: s0.id, stageId: s0.id, personaId: null, score: -2, note: 'Nervos' });
    expect(j.emotions.get(`${s0.id}:${persona.id}`)).toEqual({ key: `${s0.id}:${persona.id}`, stageId: s0.id, personaId: persona.id, score: 1, note: 'Fericită' });
    setEmotion(doc, s0.id, persona.id, 1, '');
    expect(readJourney(doc).emotions.get(`${s0.id}:${persona.id}`)?.note).toBe('');
  });

  it('clearEmotion removes one point only', () => {
    const { doc, j, s0, s1, persona } = setup();
    clearEmotion(doc, s0.id, persona.id);
    const after = readJourney(doc);
    expect(after.emotions.has(`${s0.id}:${persona.id}`)).toBe(false);
    expect(after.emotions.has(`${s1.id}:${persona.id}`)).toBe(true);
    expect(after.emotions.size).toBe(j.emotions.size - 1);
  });
});

describe('personas', () => {
  it('addPersona, updatePersona and deletePersona (which removes only its own curve)', () => {
    const { doc, j, s0, persona } = setup();
    const ion = addPersona(doc, 'Ion', '👨‍🌾');
    updatePersona(doc, ion, { goals: 'Să economisească', frustrations: 'Cozi', name: undefined });
    setEmotion(doc, s0.id, ion, -1);
    setEmotion(doc, s0.id, null, 0);
    let after = readJourney(doc);
    expect(after.personas.get(ion)).toMatchObject({ name: 'Ion', picture: '👨‍🌾', goals: 'Să economisească', needs: '', frustrations: 'Cozi' });
    expect(after.personas.get(ion)!.index > persona.index).toBe(true);

    deletePersona(doc, ion);
    after = readJourney(doc);
    expect(after.personas.has(ion)).toBe(false);
    expect(after.emotions.has(`${s0.id}:${ion}`)).toBe(false);
    expect(after.emotions.has(s0.id)).toBe(true);
    expect(after.emotions.size).toBe(j.emotions.size + 1);

    deletePersona(doc, persona.id);
    expect([...readJourney(doc).emotions.keys()]).toEqual([s0.id]);
  });
});

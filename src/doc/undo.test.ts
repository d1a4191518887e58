import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { copyCards } from '../journey/clipboard';
import { layoutJourney } from '../journey/layout';
import type { Journey } from '../journey/types';
import { createActions, type Actions } from './actions';
import { createUndo } from './undo';
import { REMOTE, card, cellIds, laneOfKind, peerOf, readJourney, seededDoc, stageAt } from './testing';

/** A seeded map with undo, actions and a selection the hooks read and write, as the editor has. */
function editor(doc: Y.Doc = seededDoc()) {
  const state = { selection: [] as string[], restored: [] as string[][] };
  const undoManager = createUndo(doc, {
    getSelection: () => state.selection,
    setSelection: (ids) => {
      state.selection = ids;
      state.restored.push(ids);
    },
  });
  const actions = createActions(doc, undoManager);
  const j = readJourney(doc);
  return { doc, state, undoManager, actions, j, s0: stageAt(j, 0), s1: stageAt(j, 1), lane: laneOfKind(j, 'actions') };
}

/** A journey with every value that a user can see, for before/after comparisons. */
const view = (j: Journey) => ({ ...j, unreadable: [...j.unreadable] });

describe('undo / redo', () => {
  it('starts with nothing to undo: seeding the map is not the user’s own change', () => {
    const { actions } = editor();
    expect(actions.canUndo()).toBe(false);
    expect(actions.canRedo()).toBe(false);
  });

  it('undoes and redoes each command as exactly one step', () => {
    const { doc, actions, s0, s1, lane, j } = editor();
    const steps: [string, () => void][] = [];
    let a = '';
    let b = '';
    steps.push(['addCard', () => (a = actions.addCard(s0.id, lane.id, { text: 'A' })!)]);
    steps.push(['addCard', () => (b = actions.addCard(s0.id, lane.id, { text: 'B' })!)]);
    steps.push([
      'typing',
      () => {
        actions.beginTyping();
        actions.setCardText(a, 'A și B');
      },
    ]);
    steps.push(['updateLane', () => actions.updateLane(lane.id, { collapsed: true })]);
    steps.push(['moveCards', () => actions.moveCards([a, b], s1.id, lane.id, 0)]);
    steps.push(['addLink', () => actions.addLink(a, b, 'apoi')]);
    steps.push(['duplicateCards', () => actions.duplicateCards([a])]);
    steps.push(['pasteCards', () => actions.pasteCards(copyCards(readJourney(doc), [a, b])!, null)]);
    steps.push(['setEmotion', () => actions.setEmotion(s0.id, null, -2, 'rău')]);
    steps.push(['addStage', () => actions.addStage('Nouă', 0)]);
    steps.push(['updateMeta', () => actions.updateMeta({ title: 'Titlu' })]);
    steps.push(['deleteCards', () => actions.deleteCards([b])]);
    steps.push(['deleteStage', () => actions.deleteStage(s1.id)]);
    steps.push(['deleteLane', () => actions.deleteLane(laneOfKind(j, 'touchpoints').id)]);
    steps.push(['addPersona', () => actions.addPersona('Ion', '👨')]);

    const states = [view(readJourney(doc))];
    for (const [, run] of steps) {
      run();
      states.push(view(readJourney(doc)));
    }
    // Back, one command per undo...
    for (let i = steps.length - 1; i >= 0; i--) {
      expect(actions.canUndo(), steps[i]![0]).toBe(true);
      actions.undo();
      expect(view(readJourney(doc)), `undo ${steps[i]![0]}`).toEqual(states[i]);
    }
    expect(actions.canUndo()).toBe(false);
    // ...and forward again, one command per redo.
    for (let i = 0; i < steps.length; i++) {
      actions.redo();
      expect(view(readJourney(doc)), `redo ${steps[i]![0]}`).toEqual(states[i + 1]);
    }
    expect(actions.canRedo()).toBe(false);
  });

  it('forgets the redo steps once the user does something new', () => {
    const { actions, s0, lane } = editor();
    actions.addCard(s0.id, lane.id, { text: 'A' });
    actions.undo();
    expect(actions.canRedo()).toBe(true);
    actions.addCard(s0.id, lane.id, { text: 'B' });
    expect(actions.canRedo()).toBe(false);
  });

  it('never undoes someone else’s change', () => {
    const { doc, actions, s0, s1, lane } = editor();
    const other = peerOf(doc);
    const send = (from: Y.Doc, to: Y.Doc) => Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)), REMOTE);

    const mine = actions.addCard(s0.id, lane.id, { text: 'al meu' })!;
    send(doc, other);
    // Someone else renames a stage, adds a card and edits the text of mine.
    const { addCard, updateStage, setCardText } = createActions(other, createUndo(other, { getSelection: () => [], setSelection: () => {} }));
    updateStage(s1.id, { name: 'Redenumită de Ana' });
    const theirs = addCard(s1.id, lane.id, { text: 'al Anei' })!;
    setCardText(mine, 'al meu, corectat de Ana');
    send(other, doc);

    let j = readJourney(doc);
    expect(card(j, mine).text).toBe('al meu, corectat de Ana');
    actions.undo(); // removes my card (with the text Ana typed in it), nothing of hers elsewhere
    j = readJourney(doc);
    expect(j.cards.has(mine)).toBe(false);
    expect(j.cards.has(theirs)).toBe(true);
    expect(j.stages.get(s1.id)?.name).toBe('Redenumită de Ana');
    expect(actions.canUndo()).toBe(false);
    actions.undo(); // nothing left of mine: still nothing of hers is undone
    expect(readJourney(doc).stages.get(s1.id)?.name).toBe('Redenumită de Ana');
    expect(readJourney(doc).cards.has(theirs)).toBe(true);
  });

  it('undoes my command after a remote change without touching the remote change', () => {
    const { doc, actions, s0, lane } = editor();
    const other = peerOf(doc);
    actions.updateStage(s0.id, { goal: 'scopul meu' });
    // A remote update arrives between my command and my undo.
    other.transact(() => other.getMap('meta').set('title', 'Titlul Anei'), 'ana');
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other), REMOTE);
    const id = actions.addCard(s0.id, lane.id, { text: 'x' })!;
    actions.undo();
    actions.undo();
    const j = readJourney(doc);
    expect(j.cards.has(id)).toBe(false);
    expect(j.stages.get(s0.id)?.goal).toBe('');
    expect(j.meta.title).toBe('Titlul Anei');
  });

  it('restores the selection from before the command on undo', () => {
    const { doc, state, actions, s0, lane } = editor();
    const [a, b] = [actions.addCard(s0.id, lane.id, { text: 'A' })!, actions.addCard(s0.id, lane.id, { text: 'B' })!];
    state.selection = [a, b];
    actions.deleteCards([a, b]);
    state.selection = [];
    const c = actions.addCard(s0.id, lane.id, { text: 'C' })!;
    state.selection = [c];

    actions.undo(); // the new card goes, the selection goes back to what it was (nothing)
    expect(state.selection).toEqual([]);
    actions.undo(); // the deleted cards come back selected
    expect(state.selection).toEqual([a, b]);
    expect(cellIds(readJourney(doc), s0.id, lane.id)).toEqual(expect.arrayContaining([a, b]));
  });

  it('restores only the selected cards that still exist', () => {
    const { doc, state, actions, s0, lane } = editor();
    const a = actions.addCard(s0.id, lane.id, { text: 'A' })!;
    const b = actions.addCard(s0.id, lane.id, { text: 'B' })!;
    state.selection = [a, b];
    actions.updateMeta({ title: 'x' });
    // Someone else deletes b meanwhile.
    const other = peerOf(doc);
    other.transact(() => other.getMap('cards').delete(b), 'ana');
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other), REMOTE);
    state.selection = [];
    actions.undo();
    expect(state.selection).toEqual([a]);
  });

  // Regression guard (was a bug in undo.ts): the selection of a stack item made by redo is whatever was captured before
  // the last *local command*, not the selection at the time of the redo, so undo after redo restores
  // a stale selection.
  it('restores the right selection when undoing a command again after redoing it', () => {
    const { state, actions, s0, lane } = editor();
    const a = actions.addCard(s0.id, lane.id, { text: 'A' })!;
    const b = actions.addCard(s0.id, lane.id, { text: 'B' })!;
    state.selection = [a];
    actions.setEmotion(s0.id, null, 1); // selected before: [a]
    state.selection = [b];
    actions.setEmotion(s0.id, null, 2); // selected before: [b]
    actions.undo();
    expect(state.selection).toEqual([b]);
    actions.undo();
    expect(state.selection).toEqual([a]);
    actions.redo();
    actions.undo();
    expect(state.selection).toEqual([a]);
  });

  // Regression guard (was a bug in undo.ts with Yjs 13.6, yjs/yjs#514): when two people change the same field at once
  // (here: both move one card to different stages) and the one whose change won presses undo, the
  // UndoManager deletes their value but refuses to restore the previous one, so the field is left
  // empty: the card turns into an "unreadable item" and vanishes from the map for everyone.
  it('undoing a move that won against a concurrent move never makes the card vanish', () => {
    const seed = seededDoc();
    const local = new Y.Doc();
    local.clientID = 2; // the higher client id wins a concurrent write to the same key
    const remote = new Y.Doc();
    remote.clientID = 1;
    for (const d of [local, remote]) Y.applyUpdate(d, Y.encodeStateAsUpdate(seed), REMOTE);
    const { doc, actions, s0, lane, j } = editor(local);
    const [x] = cellIds(j, s0.id, lane.id);
    const s2 = stageAt(j, 2);

    actions.moveCards([x!], stageAt(j, 1).id, lane.id, 0);
    const other = createActions(remote, createUndo(remote, { getSelection: () => [], setSelection: () => {} }));
    other.moveCards([x!], s2.id, lane.id, 0);
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(remote)), REMOTE);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote, Y.encodeStateVector(doc)), REMOTE);
    expect(card(readJourney(doc), x!).stageId).toBe(stageAt(j, 1).id);

    actions.undo();
    const after = readJourney(doc);
    expect(after.unreadable).toEqual([]);
    // Back where it was, where the other person put it, or at least in the unplaced tray: not gone.
    const grid = layoutJourney(after);
    expect(grid.slots.has(x!) || grid.unplaced.some((c) => c.id === x)).toBe(true);
  });

  it('groups typing after beginTyping into one step, separate from the commands around it', () => {
    const { doc, actions, s0, lane } = editor();
    const id = actions.addCard(s0.id, lane.id, { text: 'Plată' })!;
    actions.beginTyping();
    const typed = 'Plată cu cardul în magazin — perché?';
    for (let i = 'Plată'.length + 1; i <= typed.length; i++) actions.setCardText(id, typed.slice(0, i));
    actions.updateCard(id, {});
    actions.updateStage(s0.id, { name: 'Etapa 1' });
    expect(card(readJourney(doc), id).text).toBe(typed);

    actions.undo(); // the rename
    expect(card(readJourney(doc), id).text).toBe(typed);
    expect(readJourney(doc).stages.get(s0.id)?.name).not.toBe('Etapa 1');
    actions.undo(); // all of the typing at once
    expect(card(readJourney(doc), id).text).toBe('Plată');
    actions.undo(); // the card itself
    expect(readJourney(doc).cards.has(id)).toBe(false);
    expect(actions.canUndo()).toBe(false);
    actions.redo();
    actions.redo();
    expect(card(readJourney(doc), id).text).toBe(typed);
  });

  it('makes two typing sessions two steps', () => {
    const { doc, actions, s0, lane } = editor();
    const id = actions.addCard(s0.id, lane.id)!;
    actions.beginTyping();
    actions.setCardText(id, 'a');
    actions.setCardText(id, 'ab');
    actions.beginTyping();
    actions.setCardText(id, 'abă');
    actions.setCardText(id, 'abăț');
    actions.undo();
    expect(card(readJourney(doc), id).text).toBe('ab');
    actions.undo();
    expect(card(readJourney(doc), id).text).toBe('');
  });
});

describe('actions', () => {
  it('bind every command to the document and return what the command returns', () => {
    const { doc, actions, s0, lane } = editor();
    const bound: Actions = actions;
    const id = bound.addCard(s0.id, lane.id, { text: 'x' });
    expect(typeof id).toBe('string');
    expect(readJourney(doc).cards.has(id!)).toBe(true);
    expect('writeJourney' in bound).toBe(false);
  });
});

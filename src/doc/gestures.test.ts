import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { createActions } from './actions';
import { createUndo } from './undo';
import { cell, laneOfKind, lanesOf, readJourney, seededDoc, stageAt } from './testing';
import type { TemplateId } from '../journey/templateIds';

/** A map as the editor opens it: undo, and the commands as the UI calls them. */
function editor(template: TemplateId) {
  const doc: Y.Doc = seededDoc(template);
  const undo = createUndo(doc, { getSelection: () => [], setSelection: () => undefined });
  return { doc, actions: createActions(doc, undo), j: readJourney(doc) };
}

const texts = (doc: Y.Doc) => [...readJourney(doc).cards.values()].map((c) => c.text);

describe('promoting a verbatim to a quote', () => {
  it('adds the quote to the stage’s thoughts & quotes lane, and one Ctrl+Z removes it', () => {
    const { doc, actions, j } = editor('currentJourney');
    const stage = stageAt(j, 2);
    const lane = laneOfKind(j, 'thoughts');
    const id = actions.promoteVerbatim(stage.id, 'Waited 40 minutes for three signatures', 'Thoughts & quotes')!;
    const after = readJourney(doc);
    expect(after.cards.get(id)).toMatchObject({ kind: 'note', stageId: stage.id, laneId: lane.id, text: '“Waited 40 minutes for three signatures”' });
    expect(cell(after, stage.id, lane.id).at(-1)?.id).toBe(id);
    expect(after.lanes.size).toBe(j.lanes.size);
    actions.undo();
    expect(readJourney(doc).cards.has(id)).toBe(false);
    expect(actions.canUndo()).toBe(false);
  });

  it('on a map without a quotes lane, adds the lane and the quote as one step: one Ctrl+Z removes both', () => {
    const { doc, actions, j } = editor('serviceBlueprint');
    expect(lanesOf(j).some((l) => l.kind === 'thoughts')).toBe(false);
    const stage = stageAt(j, 0);
    const id = actions.promoteVerbatim(stage.id, 'Nu am înțeles factura 👍', 'Gânduri și citate')!;
    const after = readJourney(doc);
    const lane = laneOfKind(after, 'thoughts');
    expect(lane.name).toBe('Gânduri și citate');
    expect(after.cards.get(id)).toMatchObject({ laneId: lane.id, stageId: stage.id, text: '“Nu am înțeles factura 👍”' });

    actions.undo();
    const undone = readJourney(doc);
    expect(undone.lanes.size).toBe(j.lanes.size);
    expect(lanesOf(undone).some((l) => l.kind === 'thoughts')).toBe(false);
    expect(undone.cards.size).toBe(j.cards.size);
    expect(actions.canUndo()).toBe(false);

    actions.redo();
    expect(texts(doc)).toContain('“Nu am înțeles factura 👍”');
    expect(lanesOf(readJourney(doc)).filter((l) => l.kind === 'thoughts')).toHaveLength(1);
  });

  it('makes two promotions two undo steps, and the second one reuses the lane the first made', () => {
    const { doc, actions, j } = editor('serviceBlueprint');
    const stage = stageAt(j, 1);
    actions.promoteVerbatim(stage.id, 'First', 'Quotes');
    actions.promoteVerbatim(stage.id, 'Second', 'Quotes');
    expect(lanesOf(readJourney(doc)).filter((l) => l.kind === 'thoughts')).toHaveLength(1);
    actions.undo();
    expect(texts(doc)).toContain('“First”');
    expect(texts(doc)).not.toContain('“Second”');
    actions.undo();
    expect(texts(doc)).not.toContain('“First”');
    expect(lanesOf(readJourney(doc)).some((l) => l.kind === 'thoughts')).toBe(false);
  });

  it('writes nothing when the stage was deleted meanwhile (no empty lane left behind)', () => {
    const { doc, actions, j } = editor('serviceBlueprint');
    expect(actions.promoteVerbatim('gone', 'Lost', 'Quotes')).toBeNull();
    expect(readJourney(doc).lanes.size).toBe(j.lanes.size);
    expect(actions.canUndo()).toBe(false);
  });
});

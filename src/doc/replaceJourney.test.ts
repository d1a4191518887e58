import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { parseMapFile, toExportFile, toPlain } from '../journey/exchange';
import { generateJourney } from '../journey/generate';
import { instantiateTemplate } from '../journey/templates';
import type { Journey } from '../journey/types';
import { addLink, addPersona, setCardText, setEmotion } from './commands';
import { LOCAL } from './origins';
import { replaceJourney } from './replaceJourney';
import { NOW, laneOfKind, peerOf, readJourney, seededDoc, stageAt, sync } from './testing';
import { createUndo } from './undo';
import { bindVoc } from './bindVoc';
import { figureKey, touchpointTarget } from '../journey/voc/onMap';
import type { Voc } from '../store/store';

/** A map being edited: seeded, then changed by its user, with the editor's undo manager. */
function editedMap() {
  const doc = seededDoc('currentJourney');
  const undo = createUndo(doc, { getSelection: () => [], setSelection: () => {} });
  const j = readJourney(doc);
  const [first, second] = [...j.cards.keys()];
  setCardText(doc, first!, 'edited by hand');
  addLink(doc, first!, second!, 'then');
  setEmotion(doc, stageAt(j, 0).id, [...j.personas.keys()][0]!, -2, 'ouch');
  addPersona(doc, 'Bo', '🧔');
  undo.stopCapturing();
  return { doc, undo };
}

/** An imported journey, as parseMapFile gives it from a file. */
function imported(journey: Journey): Journey {
  const read = parseMapFile(JSON.stringify(toExportFile(journey, new Date(NOW))));
  if (!read.ok) throw new Error(read.error.message);
  return read.journey;
}

const content = (j: Journey) => {
  const { meta: _, ...rest } = toPlain(j);
  return rest;
};

describe('replaceJourney', () => {
  it('replaces every entity and the title, scenario and variant; keeps the map’s own locale and date', () => {
    const { doc } = editedMap();
    const before = readJourney(doc);
    const file = imported({ ...instantiateTemplate('futureJourney', (k) => `it:${k}`, 'it', 5), meta: { schemaVersion: 1, title: 'From file', scenario: 'Imported scenario', variant: 'future', locale: 'it', createdAt: 5 } });
    replaceJourney(doc, file);
    const after = readJourney(doc);
    expect(after.unreadable).toEqual([]);
    expect(content(after)).toEqual(content(file));
    expect(after.meta).toEqual({ ...before.meta, title: 'From file', scenario: 'Imported scenario', variant: 'future' });
    for (const id of before.cards.keys()) expect(after.cards.has(id)).toBe(false);
  });

  it('is one LOCAL transaction, and one undo step', () => {
    const { doc, undo } = editedMap();
    const origins: unknown[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
    const steps = undo.undoStack.length;
    replaceJourney(doc, imported(generateJourney(4, 5, 3)));
    expect(origins).toEqual([LOCAL]);
    expect(undo.undoStack.length).toBe(steps + 1);
  });

  it('undo brings back the previous map exactly; redo the imported one', () => {
    const { doc, undo } = editedMap();
    const before = readJourney(doc);
    const file = imported(generateJourney(5, 6, 4));
    replaceJourney(doc, file);
    const after = readJourney(doc);

    undo.undo();
    expect(readJourney(doc)).toEqual(before);
    expect(toExportFile(readJourney(doc), new Date(NOW))).toEqual(toExportFile(before, new Date(NOW)));

    undo.redo();
    expect(readJourney(doc)).toEqual(after);
    expect(content(after)).toEqual(content(file));

    undo.undo();
    expect(readJourney(doc)).toEqual(before);
    // Card text is live shared text again, editable as before.
    const someCard = [...before.cards.keys()][0]!;
    setCardText(doc, someCard, 'after undo');
    expect(readJourney(doc).cards.get(someCard)!.text).toBe('after undo');
  });

  it('an import of the map’s own export (same ids) round-trips, and undoes', () => {
    const { doc, undo } = editedMap();
    const before = readJourney(doc);
    replaceJourney(doc, imported(before));
    expect(readJourney(doc)).toEqual(before);
    undo.undo();
    expect(readJourney(doc)).toEqual(before);
  });

  it('reaches other peers as one update, and their read agrees', () => {
    const { doc } = editedMap();
    const peer = peerOf(doc);
    replaceJourney(doc, imported(instantiateTemplate('serviceBlueprint', (k) => k, 'en', NOW)));
    sync(doc, peer);
    expect(readJourney(peer)).toEqual(readJourney(doc));
    // The imported map is editable as any other: its lanes and stages are where the cards say.
    const j = readJourney(peer);
    expect(j.cards.size).toBeGreaterThan(0);
    for (const card of j.cards.values()) expect(j.stages.has(card.stageId) && j.lanes.has(card.laneId)).toBe(true);
    expect(laneOfKind(j, 'actions')).toBeDefined();
  });
});

describe('replaceJourney with a map file’s survey figures', () => {
  it('shows the file’s figures and comments, marked as a file’s, and one undo takes them back with the map', () => {
    const { doc, undo } = editedMap();
    const before = readJourney(doc);
    const other = generateJourney(2, 3, 1);
    const tp = [...other.cards.values()].find((c) => c.kind === 'touchpoint')!;
    const key = figureKey(touchpointTarget(tp.id), 'NPS', '2026-Q2');
    const survey = { figures: new Map([[key, { value: 12, n: 40 }]]), verbatims: new Map([['file:q', { id: 'file:q', touchpointId: tp.id, stageId: tp.stageId, metric: 'NPS' as const, score: 3, date: '2026-05-02', text: 'Too slow', segment: '' }]]) };
    const voc: Voc[] = [];
    bindVoc(doc, (v) => voc.push(v));
    replaceJourney(doc, other, survey);
    expect(voc.at(-1)!.figures.get(key)).toEqual({ value: 12, n: 40 });
    expect(doc.getMap('voc').get(key)).toEqual({ value: 12, n: 40, file: true });
    expect([...voc.at(-1)!.verbatims.values()].map((q) => q.text)).toEqual(['Too slow']);
    undo.undo();
    expect(doc.getMap('voc').has(key)).toBe(false);
    expect(doc.getMap('verbatims').size).toBe(0);
    expect(readJourney(doc).cards.size).toBe(before.cards.size);
  });
});

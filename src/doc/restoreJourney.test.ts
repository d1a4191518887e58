// Restoring a version in place while others type: only what differs changes, their later edits land
// on top, and one undo takes the restore back.
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { readJourney } from './bindDoc';
import { addCard, deleteCards, setCardText, updateCard, updateMeta } from './commands';
import { restoreJourney } from './restoreJourney';
import { laneOfKind, normalized, peerOf, seededDoc, stageAt, sync } from './testing';
import { createUndo } from './undo';

describe('restoreJourney', () => {
  it('brings the map back to the version and nothing more', () => {
    const doc = seededDoc();
    const version = readJourney(doc);
    const cards = [...version.cards.values()];
    setCardText(doc, cards[0]!.id, 'Rewritten after the workshop');
    deleteCards(doc, [cards[1]!.id]);
    const j = readJourney(doc);
    addCard(doc, stageAt(j, 0).id, laneOfKind(j, 'actions').id, { text: 'Added later' });
    updateMeta(doc, { title: 'Renamed' });
    restoreJourney(doc, version);
    expect(normalized(readJourney(doc))).toEqual(normalized(version));
  });

  it('keeps what someone else types meanwhile, on a card the restore leaves alone and on one it changes', () => {
    const mine = seededDoc();
    const theirs = peerOf(mine);
    const version = readJourney(mine);
    const [a, b] = [...version.cards.values()].filter((c) => c.kind === 'note');
    setCardText(mine, a!.id, 'A draft nobody liked');
    updateCard(mine, b!.id, { evidence: 'assumption' });
    sync(mine, theirs);
    // Concurrently: they type at the end of two cards while I restore the version.
    setCardText(theirs, b!.id, `${b!.text} (checked with sales)`);
    setCardText(theirs, a!.id, 'A draft nobody liked!');
    restoreJourney(mine, version);
    sync(mine, theirs);
    const merged = readJourney(mine);
    expect(normalized(readJourney(theirs))).toEqual(normalized(merged));
    expect(merged.cards.get(b!.id)!.text).toBe(`${b!.text} (checked with sales)`);
    expect(merged.cards.get(b!.id)!.evidence).toBeUndefined();
    // The restored text, with their "!" (typed into the text the restore replaced) kept beside it.
    expect([`${a!.text}!`, `!${a!.text}`]).toContain(merged.cards.get(a!.id)!.text);
  });

  it('is one undo step, and touches nothing when the map already is the version', () => {
    const doc = seededDoc();
    const undo = createUndo(doc, { getSelection: () => [], setSelection: () => {} });
    const version = readJourney(doc);
    const before = Y.encodeStateVector(doc);
    restoreJourney(doc, version);
    expect(Y.encodeStateVector(doc)).toEqual(before);
    const card = [...version.cards.values()][0]!;
    setCardText(doc, card.id, 'Changed');
    undo.stopCapturing();
    const edited = normalized(readJourney(doc));
    restoreJourney(doc, version);
    expect(readJourney(doc).cards.get(card.id)!.text).toBe(card.text);
    undo.undo();
    expect(normalized(readJourney(doc))).toEqual(edited);
  });
});

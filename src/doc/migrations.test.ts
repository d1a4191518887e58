import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SCHEMA_VERSION } from '../journey/types';
import { createActions } from './actions';
import { MIGRATIONS, checkMigrations, docVersion, latestVersion, migrateDoc, migrateRecords, touchedRecords, watchLateRecords, type Migration } from './migrations';
import { LOCAL, MIGRATION } from './origins';
import { entity, roots } from './schema';
import { NEXT_MIGRATIONS, STAGE_RENAMED } from './testMigrations';
import { createUndo } from './undo';
import { REMOTE, laneOfKind, readJourney, seededDoc, stageAt, sync } from './testing';

/** A seeded map as a client of version 1 left it: no schemaVersion at all. */
function versionOneDoc(): Y.Doc {
  const doc = seededDoc();
  doc.transact(() => doc.getMap('meta').delete('schemaVersion'), REMOTE);
  return doc;
}

/** The origins of the updates a document emits from now on. */
function origins(doc: Y.Doc): unknown[] {
  const seen: unknown[] = [];
  doc.on('update', (_: Uint8Array, origin: unknown) => seen.push(origin));
  return seen;
}

const content = (doc: Y.Doc) => JSON.stringify(Object.fromEntries(['meta', 'stages', 'lanes', 'cards', 'links', 'emotions', 'personas'].map((n) => [n, doc.getMap(n).toJSON()])));

/** Card fields as plain data (texts as strings), by card id. */
const cardFields = (doc: Y.Doc) => doc.getMap('cards').toJSON() as Record<string, Record<string, unknown>>;

describe('the list of migrations', () => {
  it('ends at SCHEMA_VERSION, the one version this code reads and writes, with versions 2, 3, … in order', () => {
    expect(latestVersion(MIGRATIONS)).toBe(SCHEMA_VERSION);
    expect(SCHEMA_VERSION).toBe(2);
    expect(() => checkMigrations(MIGRATIONS)).not.toThrow();
    expect(() => checkMigrations(NEXT_MIGRATIONS)).not.toThrow();
    expect(() => checkMigrations([STAGE_RENAMED])).toThrow(/expected 2/);
  });

  it('reads a map without a version as version 1, and a new map as the current version', () => {
    expect(docVersion(versionOneDoc())).toBe(1);
    expect(docVersion(new Y.Doc())).toBe(1);
    expect(docVersion(seededDoc())).toBe(SCHEMA_VERSION);
    expect(readJourney(versionOneDoc()).meta.schemaVersion).toBe(1);
  });
});

describe('migrateDoc', () => {
  it('brings a version 1 map to version 2 with its content as it was (evidence needs no data change), once', () => {
    const doc = versionOneDoc();
    const before = readJourney(doc);
    expect(migrateDoc(doc)).toEqual({ from: 1, to: 2, ran: ['2: cards carry evidence'], newer: false });
    expect(doc.getMap('meta').get('schemaVersion')).toBe(2);
    const after = readJourney(doc);
    expect({ ...after, meta: { ...after.meta, schemaVersion: 1 }, unreadable: [] }).toEqual({ ...before, unreadable: [] });
    const seen = origins(doc);
    expect(migrateDoc(doc)).toEqual({ from: 2, to: 2, ran: [], newer: false });
    expect(seen).toEqual([]);
  });

  it('runs each migration newer than the map once, in order, in one transaction under MIGRATION', () => {
    const calls: string[] = [];
    const spy = (version: number): Migration => ({ version, name: `m${version}`, up: (r) => (calls.push(`m${version}`), r.meta.set(`m${version}`, true)) });
    const list = [spy(2), spy(3), spy(4)];
    const doc = seededDoc(); // version 2: only 3 and 4 are due
    const seen = origins(doc);
    expect(migrateDoc(doc, list)).toMatchObject({ from: 2, to: 4, ran: ['3: m3', '4: m4'] });
    expect(calls).toEqual(['m3', 'm4']);
    expect(seen).toEqual([MIGRATION]);
    migrateDoc(doc, list);
    expect(calls).toEqual(['m3', 'm4']);
    expect(docVersion(doc)).toBe(4);
  });

  it('converts the old shape, and running it twice or on a copy already converted changes nothing', () => {
    const doc = seededDoc();
    expect(Object.values(cardFields(doc)).every((c) => 'stageId' in c)).toBe(true);
    migrateDoc(doc, NEXT_MIGRATIONS);
    const cards = Object.values(cardFields(doc));
    expect(cards.length).toBeGreaterThan(0);
    expect(cards.every((c) => typeof c.stage === 'string' && !('stageId' in c))).toBe(true);
    const once = content(doc);
    STAGE_RENAMED.up(roots(doc));
    doc.getMap('meta').delete('schemaVersion'); // as if it ran again from the start
    migrateDoc(doc, NEXT_MIGRATIONS);
    expect(content(doc)).toBe(once);
  });

  it('leaves a map newer than any migration known here exactly as it is', () => {
    const doc = seededDoc();
    doc.getMap('meta').set('schemaVersion', SCHEMA_VERSION + 5);
    const before = content(doc);
    const seen = origins(doc);
    expect(migrateDoc(doc)).toEqual({ from: SCHEMA_VERSION + 5, to: SCHEMA_VERSION + 5, ran: [], newer: true });
    expect(seen).toEqual([]);
    expect(content(doc)).toBe(before);
  });

  it('is not undoable: a client’s undo takes back its own edit and never the migration', () => {
    const doc = seededDoc();
    const undo = createUndo(doc, { getSelection: () => [], setSelection: () => undefined });
    const actions = createActions(doc, undo);
    const j = readJourney(doc);
    const id = actions.addCard(stageAt(j, 0).id, laneOfKind(j, 'actions').id, { text: 'mine' })!;
    migrateDoc(doc, NEXT_MIGRATIONS);
    expect(undo.undoStack).toHaveLength(1);
    actions.undo();
    expect(doc.getMap('cards').has(id)).toBe(false);
    expect(actions.canUndo()).toBe(false);
    expect(docVersion(doc)).toBe(SCHEMA_VERSION + 1);
    expect(Object.values(cardFields(doc)).every((c) => !('stageId' in c))).toBe(true);
    undo.destroy();
  });
});

describe('records that arrive after the migration', () => {
  it('finds the records a transaction touched: entries set or deleted at the root, and edits inside one', () => {
    const doc = seededDoc();
    const [a, b] = [...doc.getMap('cards').keys()];
    let touched: unknown = null;
    doc.on('afterTransaction', (tr: Y.Transaction) => (touched = touchedRecords(tr)));
    doc.transact(() => {
      (entity(roots(doc).cards, a!)!.get('text') as Y.Text).insert(0, 'x');
      entity(roots(doc).cards, a!)!.set('laneId', 'elsewhere');
      roots(doc).cards.delete(b!);
      roots(doc).emotions.set('s1', { score: 1, note: '' });
    }, LOCAL);
    expect(touched).toEqual(
      expect.arrayContaining([
        { root: 'cards', key: a },
        { root: 'cards', key: b },
        { root: 'emotions', key: 's1' },
      ]),
    );
    expect(touched).toHaveLength(3);
  });

  it('converts an old client’s card that comes in after the map was migrated, under MIGRATION, and nothing else', () => {
    const server = seededDoc();
    const oldClient = new Y.Doc();
    sync(server, oldClient);
    const j = readJourney(oldClient);
    // Offline, the old client adds a card and moves another (both write `stageId`).
    const oldActions = createActions(oldClient, createUndo(oldClient, { getSelection: () => [], setSelection: () => undefined }));
    const added = oldActions.addCard(stageAt(j, 1).id, laneOfKind(j, 'actions').id, { text: 'offline' })!;
    const moved = [...j.cards.values()].find((c) => c.stageId === stageAt(j, 0).id)!.id;
    oldActions.moveCards([moved], stageAt(j, 2).id, laneOfKind(j, 'actions').id, 0);
    // Meanwhile the server migrates, and watches what clients send.
    migrateDoc(server, NEXT_MIGRATIONS);
    const stop = watchLateRecords(server, (origin) => origin === REMOTE, NEXT_MIGRATIONS);
    const seen = origins(server);
    sync(oldClient, server);
    expect(seen).toEqual([REMOTE, MIGRATION]);
    const cards = cardFields(server);
    expect(cards[added]).toMatchObject({ stage: stageAt(j, 1).id, text: 'offline' });
    expect(cards[moved]).toMatchObject({ stage: stageAt(j, 2).id });
    expect(Object.values(cards).every((c) => !('stageId' in c))).toBe(true);
    // Its own transaction, and a document's own (not a client's) edits, are not looked at again.
    const now = seen.length;
    roots(server).meta.set('title', 'server edit');
    expect(seen.length).toBe(now + 1);
    stop();
  });

  it('runs no hook on a map whose version is below the hook’s migration', () => {
    const doc = seededDoc();
    const r = roots(doc);
    const [id] = [...r.cards.keys()];
    expect(migrateRecords(doc, [{ root: 'cards', key: id! }], NEXT_MIGRATIONS)).toBe(0);
    expect(entity(r.cards, id!)!.has('stageId')).toBe(true);
    migrateDoc(doc, NEXT_MIGRATIONS);
    entity(r.cards, id!)!.set('stageId', 'late');
    expect(migrateRecords(doc, [{ root: 'cards', key: id! }, { root: 'cards', key: 'gone' }], NEXT_MIGRATIONS)).toBe(1);
    expect(entity(r.cards, id!)!.toJSON()).toMatchObject({ stage: 'late' });
    expect(entity(r.cards, id!)!.has('stageId')).toBe(false);
  });
});

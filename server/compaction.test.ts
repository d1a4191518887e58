// Compaction runs in a worker thread with its own connection, while the event loop goes on appending:
// whatever is appended while a large map is being compacted is never lost. The worker folds the
// snapshot and the log up to the last update it read, deletes only those, and writes only over the
// snapshot it read (its generation): a compaction that finds another's snapshot there writes nothing.
import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, setCardText } from '../src/doc/commands';
import { readJourney } from '../src/doc/bindDoc';
import { sortByIndex } from '../src/journey/order';
import { generateJourney } from '../src/journey/generate';
import { hashKey, newKey, newMapId } from './keys';
import { journeyState } from './seed';
import type { DocStore } from './store/DocStore';
import { closeDatabases, compactMap } from './store/sqliteTasks';
import { openSqliteStore } from './store/sqlite';
import { stateOfSize } from './testing/bigMaps';
import {
  contentOf,
  openClient,
  readStored,
  removeTempDirs,
  sqliteFile,
  stateVectorOf,
  tempDir,
  testResources,
  waitFor,
} from './testing/harness';

const { track, serve, cleanUp } = testResources();
const stores: DocStore[] = [];
afterEach(async () => {
  await cleanUp();
  for (const s of stores.splice(0)) await s.close();
  closeDatabases();
});
afterAll(removeTempDirs);

/** One card's text (cardTexts would read them all at every keystroke). */
const textOf = (doc: Y.Doc, card: string) => String((doc.getMap<Y.Map<unknown>>('cards').get(card)?.get('text') as Y.Text | undefined) ?? '');

const nextTurn = () => new Promise<void>((done) => setImmediate(done));
const record = (id: string) => ({ id, editKeyHash: hashKey(newKey()), viewKeyHash: hashKey(newKey()), viewKey: '', createdAt: 0 });

/** A store in a fresh folder, with one map holding `state`, and a document of the same map whose
 * every change is one update to append (as a client's keystrokes arrive). */
async function storeWithMap(state: Uint8Array) {
  const dir = tempDir('touchpoint-compaction-');
  const store = openSqliteStore(sqliteFile(dir));
  stores.push(store);
  const id = newMapId();
  await store.createMap(record(id), state);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const pending: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => pending.push(u));
  const cards = [...readJourney(doc).cards.keys()];
  let typed = 0;
  /** Types one character into a card, and appends the update (not waiting for it to be durable). */
  const type = (): Promise<number> => {
    const card = cards[typed % cards.length]!;
    setCardText(doc, card, `${textOf(doc, card)}${String.fromCharCode(97 + (typed++ % 26))}`);
    return store.append(id, pending.shift()!);
  };
  /** The map as stored, rebuilt from the snapshot and the log, as a room loads it. */
  const stored = async () => {
    const { snapshot, updates } = await store.loadDoc(id);
    const copy = new Y.Doc();
    if (snapshot) Y.applyUpdate(copy, snapshot);
    for (const u of updates) Y.applyUpdate(copy, u.update);
    return { doc: copy, log: updates.length };
  };
  return { dir, store, id, doc, type, stored };
}

function snapshotGen(dir: string, id: string): number {
  const db = new Database(sqliteFile(dir), { readonly: true });
  try {
    return db.prepare<[string], { gen: number }>('SELECT gen FROM snapshots WHERE map_id = ?').get(id)!.gen;
  } finally {
    db.close();
  }
}

describe('compaction of a large map while updates keep coming', () => {
  it('loses none of the updates appended while it ran: they stay in the log, and the next compaction folds them', async () => {
    const map = await storeWithMap(stateOfSize(4 * 1024 * 1024));
    const writes: Promise<number>[] = [];
    for (let i = 0; i < 200; i++) writes.push(map.type());

    let done = false;
    const compaction = map.store.compact(map.id).finally(() => (done = true));
    let during = 0;
    while (!done) {
      writes.push(map.type());
      during++;
      await nextTurn();
    }
    const snapshotBytes = await compaction;
    for (let i = 0; i < 50; i++) writes.push(map.type());
    await Promise.all(writes);

    expect(snapshotBytes).toBeGreaterThan(3 * 1024 * 1024);
    expect(during).toBeGreaterThan(20);
    const first = await map.stored();
    // The 50 appended after it, and some appended while it ran, are still in the log; the rest is folded.
    expect(first.log).toBeGreaterThanOrEqual(50);
    expect(first.log).toBeLessThan(writes.length);
    expect(stateVectorOf(first.doc)).toEqual(stateVectorOf(map.doc));
    expect(contentOf(first.doc)).toEqual(contentOf(map.doc));

    expect(await map.store.compact(map.id)).toBeGreaterThan(0);
    const second = await map.stored();
    expect(second.log).toBe(0);
    expect(contentOf(second.doc)).toEqual(contentOf(map.doc));
    expect(snapshotGen(map.dir, map.id)).toBe(2);
  }, 60_000);

  it('keeps what was appended between its read and its write, and writes nothing over a snapshot written meanwhile', async () => {
    const map = await storeWithMap(journeyState(generateJourney(4, 4, 2)));
    const file = sqliteFile(map.dir);
    for (let i = 0; i < 10; i++) await map.type();

    // Appended after the worker read the log, before it writes: kept in the log.
    let appended = 0;
    const kept = await compactMap(file, map.id, async () => {
      for (let i = 0; i < 5; i++, appended++) await map.type();
      return () => {};
    });
    expect(kept?.snapshotBytes).toBeGreaterThan(0);
    expect(appended).toBe(5);
    let stored = await map.stored();
    expect(stored.log).toBe(5);
    expect(contentOf(stored.doc)).toEqual(contentOf(map.doc));

    // Another compaction (the store's) replaces the snapshot, with more in it, before this one writes:
    // this one's older snapshot must not replace it (nor its log be deleted twice).
    for (let i = 0; i < 5; i++) await map.type();
    const fenced = await compactMap(file, map.id, async () => {
      for (let i = 0; i < 5; i++) await map.type();
      await map.store.compact(map.id);
      return () => {};
    });
    expect(fenced).toBeNull();
    stored = await map.stored();
    expect(stored.log).toBe(0);
    expect(contentOf(stored.doc)).toEqual(contentOf(map.doc));
    expect(stateVectorOf(stored.doc)).toEqual(stateVectorOf(map.doc));
  });
});

describe('compaction in a running server', () => {
  it('while three clients type into a 2 MiB map, folds the log again and again; after a restart the map has every keystroke', async () => {
    let store!: DocStore;
    const server = await serve({ limits: { compactAfterUpdates: 50 }, wrapStore: (s) => (store = s) });
    const id = newMapId();
    const editKey = newKey();
    await store.createMap({ ...record(id), editKeyHash: hashKey(editKey) }, stateOfSize(2 * 1024 * 1024, [20, 10, 5]));

    const writers = await Promise.all(Array.from({ length: 3 }, () => openClient(server.ws, id, editKey)));
    writers.forEach(track);
    const j = readJourney(writers[0]!.doc);
    const stageId = sortByIndex(j.stages.values())[0]!.id;
    const laneId = sortByIndex(j.lanes.values())[0]!.id;
    const own = writers.map((w, i) => addCard(w.doc, stageId, laneId, { text: `writer ${i}: ` })!);
    const typed = writers.map(() => 0);
    const timers = writers.map((w, i) =>
      setInterval(() => {
        setCardText(w.doc, own[i]!, `${textOf(w.doc, own[i]!)}${String.fromCharCode(97 + (typed[i]! % 26))}`);
        typed[i]!++;
      }, 5),
    );
    const total = () => typed.reduce((a, b) => a + b);
    await waitFor(() => total() >= 300 && snapshotGen(server.dataDir, id) >= 3, '300 keystrokes and three compactions', 60_000);
    timers.forEach(clearInterval);

    // Every keystroke reached the store; then, restarted, the server serves them all.
    const expected = writers.map((w, i) => textOf(w.doc, own[i]!));
    await waitFor(
      () => {
        const stored = readStored(server.dataDir, id).doc;
        return own.every((card, i) => textOf(stored, card) === expected[i]);
      },
      'every keystroke to be stored',
      30_000,
    );
    await cleanUp(); // the writers, then the server
    const restarted = await serve({ dataDir: server.dataDir });
    const reader = track(await openClient(restarted.ws, id, editKey));
    own.forEach((card, i) => expect(textOf(reader.doc, card)).toBe(`writer ${i}: ${'abcdefghijklmnopqrstuvwxyz'.repeat(1000).slice(0, typed[i])}`));
    expect(total()).toBeGreaterThanOrEqual(300);
  }, 120_000);
});

// Versions of the live document, end to end: a real server on port 0 with a real SQLite file, stock
// y-websocket clients in Node. The server migrates a map once, as it loads, before it answers anyone
// (the migration's update stored like any other); a client that speaks an older version is closed
// with 4426 before anything it sent is applied, and stops; one that speaks a newer version than the
// server with 4428; a map newer than the server is served to no one (4427) and left as it is. The
// "next" version is a test migration with a real change of shape (cards' `stageId` renamed `stage`,
// src/doc/testMigrations.ts), so that an old client's shape can be seen refused and converted.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, moveCards } from '../src/doc/commands';
import { NEXT_MIGRATIONS } from '../src/doc/testMigrations';
import { SCHEMA_VERSION } from '../src/journey/types';
import { hashKey, newKey, newMapId } from './keys';
import { templateState } from './seed';
import { openSqliteStore } from './store/sqlite';
import {
  api,
  cardTexts,
  connectClient,
  createMap,
  firstCell,
  holdsFor,
  openClient,
  rawSocket,
  readStored,
  removeTempDirs,
  schemaParams,
  sqliteFile,
  synced,
  tempDir,
  testResources,
  updateMessage,
  waitFor,
  type Client,
} from './testing/harness';

const { track, serve, cleanUp } = testResources();
afterEach(cleanUp);
afterAll(removeTempDirs);

const NEXT = SCHEMA_VERSION + 1;

/** Every card's fields as plain data, by id. */
const cardsOf = (doc: Y.Doc) => doc.getMap('cards').toJSON() as Record<string, Record<string, unknown>>;
const versionOf = (doc: Y.Doc) => doc.getMap('meta').get('schemaVersion');
/** Whether every card is in the next version's shape (a `stage`, no `stageId`). */
const allNextShape = (doc: Y.Doc) => Object.values(cardsOf(doc)).every((c) => typeof c.stage === 'string' && !('stageId' in c));

/** The stages of a map, in order (for moving a card to another one). */
function stageIds(doc: Y.Doc): string[] {
  return Object.entries(doc.getMap('stages').toJSON() as Record<string, { index: string }>)
    .sort(([, a], [, b]) => (a.index < b.index ? -1 : 1))
    .map(([id]) => id);
}

/** Waits until the client has been closed with this code. */
const closedWith = (client: Client, code: number) => waitFor(() => client.closes.includes(code), `a close with ${code} (closes so far: ${client.closes.join(', ')})`);

/** Waits until the stored map holds this text (the group commit makes it durable within a window). */
const storedHas = (dataDir: string, id: string, text: string) => waitFor(() => [...cardTexts(readStored(dataDir, id).doc).values()].includes(text), `"${text}" on disk`);

describe('a map stored in an older version', () => {
  it('is migrated once as it loads, before anyone is answered; a client that says no version (today’s deployed app) is told 4426 and nothing it sent is applied', async () => {
    // A map as today's server stored it: version 1.
    const dataDir = tempDir('touchpoint-data-');
    const store = openSqliteStore(sqliteFile(dataDir));
    const seeded = new Y.Doc();
    Y.applyUpdate(seeded, templateState('currentJourney', 'en', 0));
    seeded.getMap('meta').set('schemaVersion', 1);
    const [id, editKey, viewKey] = [newMapId(), newKey(), newKey()];
    await store.createMap({ id, editKeyHash: hashKey(editKey), viewKeyHash: hashKey(viewKey), viewKey, createdAt: 0 }, Y.encodeStateAsUpdate(seeded));
    await store.close();
    const before = readStored(dataDir, id).updates;

    const server = await serve({ dataDir });
    // A modified old client that sends its edit the moment it is open, before its map has loaded.
    const edit = new Y.Doc();
    Y.applyUpdate(edit, Y.encodeStateAsUpdate(seeded));
    const sv = Y.encodeStateVector(edit);
    edit.getMap('meta').set('title', 'written by an old client');
    const old = await rawSocket(server.ws, id, [`key.${editKey}`], null);
    old.send(updateMessage(Y.encodeStateAsUpdate(edit, sv)));
    expect((await old.closed).code).toBe(4426);

    const current = track(await openClient(server.ws, id, editKey));
    expect(versionOf(current.doc)).toBe(2);
    expect(current.doc.getMap('meta').get('title')).not.toBe('written by an old client');
    await waitFor(() => versionOf(readStored(dataDir, id).doc) === 2, 'the migration on disk');
    expect(readStored(dataDir, id).updates).toBe(before + 1);
    expect(readStored(dataDir, id).doc.getMap('meta').get('title')).not.toBe('written by an old client');

    // A stock client that says no version is one of today's: told to reload, and it stops.
    const stock = track(connectClient(server.ws, id, editKey, { params: {} }));
    await closedWith(stock, 4426);
    expect(stock.provider.shouldConnect).toBe(false);
  });
});

describe('an old client connected while the document is migrated', () => {
  it('reconnects on its own to the migrated map, is told 4426 and stops; its edits made meanwhile are not on the server; a current client sees the new shape; a restart migrates nothing again', async () => {
    const first = await serve();
    const { dataDir } = first;
    const map = await createMap(first.http, { template: 'currentJourney' });
    const old = track(await openClient(first.ws, map.id, map.editKey));
    const { stageId, laneId } = firstCell(old.doc, { cardLane: true });
    addCard(old.doc, stageId, laneId, { text: 'before the upgrade' });
    await storedHas(dataDir, map.id, 'before the upgrade');

    // The server stops (1012: the client retries); the old client goes on editing.
    await first.shutdown();
    addCard(old.doc, stageId, laneId, { text: 'while the server was down' });

    // The next version of the server starts on the same file and port; the old client comes back on its own.
    const next = await serve({ dataDir, port: first.port, migrations: NEXT_MIGRATIONS });
    await closedWith(old, 4426);
    expect(old.provider.shouldConnect).toBe(false);
    const attempts = old.attempts();
    expect(await holdsFor(() => old.attempts() === attempts, 1500)).toBe(true);

    // A current client of the next version sees the migrated shape, and not the old client's edit.
    const current = track(await openClient(next.ws, map.id, map.editKey, { params: schemaParams(NEXT) }));
    expect(versionOf(current.doc)).toBe(NEXT);
    expect(allNextShape(current.doc)).toBe(true);
    expect([...cardTexts(current.doc).values()]).toContain('before the upgrade');
    expect([...cardTexts(current.doc).values()]).not.toContain('while the server was down');

    // So does the store, once; a restart on it migrates nothing again.
    await waitFor(() => versionOf(readStored(dataDir, map.id).doc) === NEXT, 'the migration on disk');
    await next.shutdown();
    const stored = readStored(dataDir, map.id);
    expect(allNextShape(stored.doc)).toBe(true);
    expect([...cardTexts(stored.doc).values()]).not.toContain('while the server was down');
    const again = await serve({ dataDir, migrations: NEXT_MIGRATIONS });
    track(await openClient(again.ws, map.id, map.editKey, { params: schemaParams(NEXT) }));
    await again.shutdown();
    expect(readStored(dataDir, map.id).updates).toBe(stored.updates);
    expect(readStored(dataDir, map.id).bytes).toBe(stored.bytes);
  });
});

describe('an offline old client coming back after the migration', () => {
  it('is told 4426 and writes nothing; reloaded as the new version with the same browser copy, its edits arrive and the server converts its old-shape records', async () => {
    const first = await serve();
    const { dataDir } = first;
    const map = await createMap(first.http, { template: 'currentJourney' });
    const old = track(await openClient(first.ws, map.id, map.editKey));
    const stages = stageIds(old.doc);
    const { laneId } = firstCell(old.doc, { cardLane: true });
    const moved = Object.entries(cardsOf(old.doc)).find(([, c]) => c.stageId === stages[0])![0];

    // Offline, it adds a card and moves another to the next stage (both write `stageId`).
    old.provider.disconnect();
    const added = addCard(old.doc, stages[1]!, laneId, { text: 'written offline' })!;
    moveCards(old.doc, [moved], stages[2]!, laneId, 0);

    // Meanwhile the server is upgraded and the map migrated (a current client opens it).
    await first.shutdown();
    const next = await serve({ dataDir, port: first.port, migrations: NEXT_MIGRATIONS });
    const current = track(await openClient(next.ws, map.id, map.editKey, { params: schemaParams(NEXT) }));
    expect(allNextShape(current.doc)).toBe(true);

    // It comes back: 4426, and nothing of it is written.
    old.provider.connect();
    await closedWith(old, 4426);
    expect(await holdsFor(() => !cardTexts(current.doc).has(added), 500)).toBe(true);
    expect(cardsOf(current.doc)[moved]!.stage).toBe(stages[0]);

    // After a reload the tab runs the new version, with the same copy (as IndexedDB gives it back).
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(old.doc));
    const reloaded = track(connectClient(next.ws, map.id, map.editKey, { doc: copy, params: schemaParams(NEXT) }));
    await synced(reloaded.provider);
    await waitFor(() => cardTexts(current.doc).get(added) === 'written offline', 'the offline card on the server');
    // Converted by the server as they arrived: the new card and the moved one, in the new shape.
    await waitFor(() => allNextShape(current.doc), 'the old-shape records converted');
    expect(cardsOf(current.doc)[added]!.stage).toBe(stages[1]);
    expect(cardsOf(current.doc)[moved]!.stage).toBe(stages[2]);
    await waitFor(() => allNextShape(copy), 'the conversion back in the reloaded tab');

    await next.shutdown();
    const stored = readStored(dataDir, map.id);
    expect(cardTexts(stored.doc).get(added)).toBe('written offline');
    expect(allNextShape(stored.doc)).toBe(true);
    expect(cardsOf(stored.doc)[moved]!.stage).toBe(stages[2]);
  });
});

describe('versions the server does not know', () => {
  it('a client newer than the server is told 4428 (reload: the server’s own app) and nothing it sent is applied', async () => {
    const server = await serve();
    const map = await createMap(server.http);
    const newer = track(connectClient(server.ws, map.id, map.editKey, { params: schemaParams(NEXT) }));
    await closedWith(newer, 4428);
    expect(newer.provider.shouldConnect).toBe(false);

    const doc = new Y.Doc();
    const current = track(await openClient(server.ws, map.id, map.editKey));
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(current.doc));
    const sv = Y.encodeStateVector(doc);
    doc.getMap('meta').set('title', 'from the future');
    const raw = await rawSocket(server.ws, map.id, [`key.${map.editKey}`], NEXT);
    raw.send(updateMessage(Y.encodeStateAsUpdate(doc, sv)));
    expect((await raw.closed).code).toBe(4428);
    expect(await holdsFor(() => current.doc.getMap('meta').get('title') !== 'from the future', 300)).toBe(true);
  });

  it('a map newer than the server is served to no one (4427) and left exactly as it is', async () => {
    const next = await serve({ migrations: NEXT_MIGRATIONS });
    const { dataDir } = next;
    const map = await createMap(next.http, { template: 'currentJourney' });
    track(await openClient(next.ws, map.id, map.editKey, { params: schemaParams(NEXT) }));
    await waitFor(() => versionOf(readStored(dataDir, map.id).doc) === NEXT, 'the migration on disk');
    await next.shutdown();
    const stored = readStored(dataDir, map.id);

    // The server is rolled back to this version.
    const older = await serve({ dataDir });
    for (const params of [schemaParams(), schemaParams(NEXT), {}]) {
      const client = track(connectClient(older.ws, map.id, map.editKey, { params }));
      await closedWith(client, 4427);
      expect(client.provider.shouldConnect).toBe(false);
    }
    const view = track(connectClient(older.ws, map.id, map.viewKey));
    await closedWith(view, 4427);
    // Nor does the server write into it through the API (it would write an older shape).
    const answer = { date: '2026-08-14', stageId: stageIds(stored.doc)[0], metric: 'NPS', score: 9 };
    const res = await api(older.http, `/api/maps/${map.id}/responses`, { key: map.editKey, json: { responses: [answer] } });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatch(/newer version of Touchpoint/);
    await older.shutdown();
    expect(readStored(dataDir, map.id).updates).toBe(stored.updates);
    expect(readStored(dataDir, map.id).bytes).toBe(stored.bytes);
  });
});

// Damaged data is refused, never served: bytes changed in the SQLite file behind the server's back
// (a snapshot zeroed, a byte of an update flipped) fail their checksum, or a zeroed snapshot from
// before checksums decodes to far less than its size; the map does not open (4503), the server says
// which map and why, and the bytes stay as they are, compaction included. Healthy maps still open.
import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { addCard } from '../src/doc/commands';
import { LocalBus } from './bus/bus';
import { DEFAULT_LIMITS } from './limits';
import { Room } from './rooms/room';
import { checksum } from './store/integrity';
import { openSqliteStore } from './store/sqlite';
import {
  api,
  cardTexts,
  connectClient,
  contentOf,
  createMap,
  firstCell,
  nextClose,
  openClient,
  readStored,
  readyz,
  removeTempDirs,
  sqliteFile,
  tempDir,
  testResources,
  waitFor,
} from './testing/harness';
import { journeyState } from './seed';
import { generateJourney } from '../src/journey/generate';

const { track, serve, cleanUp } = testResources();
afterEach(async () => {
  vi.restoreAllMocks();
  await cleanUp();
});
afterAll(removeTempDirs);

type Row = { data: Buffer; crc: number | null };

/** A read-write connection to the server's SQLite file, as a disk fault or another tool would change it. */
function openFile(dataDir: string) {
  const db = new Database(sqliteFile(dataDir));
  return {
    snapshot: (id: string) => db.prepare<[string], Row>('SELECT data, crc FROM snapshots WHERE map_id = ?').get(id)!,
    updates: (id: string) => db.prepare<[string], Row & { seq: number }>('SELECT seq, data, crc FROM updates WHERE map_id = ? ORDER BY seq').all(id),
    setSnapshot: (id: string, data: Uint8Array, crc?: number) =>
      crc === undefined
        ? db.prepare('UPDATE snapshots SET data = ? WHERE map_id = ?').run(data, id)
        : db.prepare('UPDATE snapshots SET data = ?, crc = ? WHERE map_id = ?').run(data, crc, id),
    setUpdate: (seq: number, data: Uint8Array) => db.prepare('UPDATE updates SET data = ? WHERE seq = ?').run(data, seq),
    close: () => db.close(),
  };
}

/** Everything stored for a map, byte for byte. */
function storedBytes(dataDir: string, id: string) {
  const file = openFile(dataDir);
  try {
    return { snapshot: file.snapshot(id), updates: file.updates(id) };
  } finally {
    file.close();
  }
}

/** What the server printed on console.error, as one text. */
function errorsLogged(spy: { mock: { calls: unknown[][] } }): string {
  return spy.mock.calls.map((args) => args.map((a) => (a instanceof Error ? `${a.name}: ${a.message}` : String(a))).join(' ')).join('\n');
}

/** A client of the map's edit key: the close it gets (it is then stopped, not left retrying). */
async function refusal(ws: string, id: string, key: string) {
  const client = track(connectClient(ws, id, key));
  const close = await nextClose(client.provider);
  client.provider.disconnect();
  return close;
}

describe('a damaged snapshot', () => {
  it('zeroed in the file: the map is refused with 4503, the server names it, its bytes stay; a healthy map opens', async () => {
    const server = await serve();
    const damaged = await createMap(server.http, { template: 'currentJourney' });
    const healthy = await createMap(server.http, { template: 'currentJourney' });
    const file = openFile(server.dataDir);
    const original = file.snapshot(damaged.id);
    expect(original.data.byteLength).toBeGreaterThan(1024);
    file.setSnapshot(damaged.id, new Uint8Array(original.data.byteLength)); // its checksum as it was
    file.close();
    const before = storedBytes(server.dataDir, damaged.id);
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});

    const close = await refusal(server.ws, damaged.id, damaged.editKey);
    expect(close.code).toBe(4503);
    expect(close.reason).toBe('the map could not be loaded');
    const logged = errorsLogged(errors);
    expect(logged).toContain(`map ${damaged.id}`);
    expect(logged).toMatch(/the snapshot of \d+ bytes fails its checksum/);
    expect(storedBytes(server.dataDir, damaged.id)).toEqual(before);
    expect((await readyz(server.http)).rooms).toBe(0);
    // Through the API too: refused, never an export of an empty map.
    const exported = await api(server.http, `/api/maps/${damaged.id}/export.json`, { key: damaged.editKey });
    expect(exported.status).toBe(503);
    expect(exported.body.error).toMatch(/stored data is damaged/);
    expect(storedBytes(server.dataDir, damaged.id)).toEqual(before);

    const reader = track(await openClient(server.ws, healthy.id, healthy.editKey));
    expect(cardTexts(reader.doc).size).toBeGreaterThan(10);
  });

  it('zeroed with a matching checksum (as a file from before checksums gets one): refused, as it decodes to far less than its size', async () => {
    const server = await serve();
    const damaged = await createMap(server.http, { template: 'currentJourney' });
    const file = openFile(server.dataDir);
    const zeroes = new Uint8Array(file.snapshot(damaged.id).data.byteLength);
    file.setSnapshot(damaged.id, zeroes, checksum(zeroes));
    file.close();
    const before = storedBytes(server.dataDir, damaged.id);
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});

    expect((await refusal(server.ws, damaged.id, damaged.editKey)).code).toBe(4503);
    expect(errorsLogged(errors)).toMatch(new RegExp(`map ${damaged.id}: .*the snapshot of ${zeroes.byteLength} bytes decodes as 2 bytes`));
    expect(storedBytes(server.dataDir, damaged.id)).toEqual(before);
  });
});

describe('a damaged update', () => {
  it('with one byte flipped: the map is refused with 4503 and every byte stays; the other maps open', async () => {
    const server = await serve({ limits: { idleUnloadMs: 50 } });
    const damaged = await createMap(server.http, { template: 'blank' });
    const healthy = await createMap(server.http, { template: 'blank' });
    const writer = track(await openClient(server.ws, damaged.id, damaged.editKey));
    const { stageId, laneId } = firstCell(writer.doc);
    const cards = Array.from({ length: 5 }, (_, i) => addCard(writer.doc, stageId, laneId, { text: `card ${i}` })!);
    await waitFor(() => cardTexts(readStored(server.dataDir, damaged.id).doc).has(cards[4]!), 'the cards to be stored');
    writer.destroy();
    await waitFor(async () => (await readyz(server.http)).rooms === 0, 'the room to be unloaded');

    const file = openFile(server.dataDir);
    const update = file.updates(damaged.id).at(-1)!;
    const flipped = Buffer.from(update.data);
    flipped[Math.floor(flipped.length / 2)]! ^= 0x10;
    file.setUpdate(update.seq, flipped);
    file.close();
    const before = storedBytes(server.dataDir, damaged.id);
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});

    expect((await refusal(server.ws, damaged.id, damaged.editKey)).code).toBe(4503);
    expect(errorsLogged(errors)).toMatch(new RegExp(`map ${damaged.id}: .*update ${update.seq} of ${flipped.length} bytes fails its checksum`));
    expect(storedBytes(server.dataDir, damaged.id)).toEqual(before);
    // Asked again (the client comes back after a 4503): the same answer, and still nothing written.
    expect((await refusal(server.ws, damaged.id, damaged.editKey)).code).toBe(4503);
    expect(storedBytes(server.dataDir, damaged.id)).toEqual(before);

    const reader = track(await openClient(server.ws, healthy.id, healthy.editKey));
    expect(contentOf(reader.doc)).toEqual(contentOf(readStored(server.dataDir, healthy.id).doc));
  });

  it('is never compacted: compaction of the damaged log fails and writes nothing, and succeeds once the log is whole again', async () => {
    const dataDir = tempDir('touchpoint-integrity-');
    const store = openSqliteStore(sqliteFile(dataDir));
    const doc = new Y.Doc();
    Y.applyUpdate(doc, journeyState(generateJourney(3, 3, 2)));
    const id = 'map-with-a-damaged-log';
    await store.createMap({ id, editKeyHash: 'e', viewKeyHash: 'v', viewKey: '', createdAt: 0 }, Y.encodeStateAsUpdate(doc));
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    const { stageId, laneId } = firstCell(doc);
    for (let i = 0; i < 10; i++) addCard(doc, stageId, laneId, { text: `logged ${i}` });
    await Promise.all(updates.map((u) => store.append(id, u)));

    const file = openFile(dataDir);
    const victim = file.updates(id)[3]!;
    const flipped = Buffer.from(victim.data);
    flipped[flipped.length - 1]! ^= 0x01;
    file.setUpdate(victim.seq, flipped);
    const before = storedBytes(dataDir, id);
    await expect(store.compact(id)).rejects.toThrow(new RegExp(`map ${id}: .*update ${victim.seq} .*fails its checksum`));
    await expect(store.loadDoc(id)).rejects.toThrow(/fails its checksum/);
    expect(storedBytes(dataDir, id)).toEqual(before);

    // Repaired: compaction folds the log, and the map is as it was.
    file.setUpdate(victim.seq, victim.data);
    file.close();
    expect(await store.compact(id)).toBeGreaterThan(0);
    const stored = await store.loadDoc(id);
    expect(stored.updates).toHaveLength(0);
    const reloaded = new Y.Doc();
    Y.applyUpdate(reloaded, stored.snapshot!);
    expect(contentOf(reloaded)).toEqual(contentOf(doc));
    await store.close();
  });
});

describe('a file from before checksums', () => {
  it('gets them at its first start, for every row as it is: healthy maps open, a zeroed snapshot is still refused', async () => {
    const dataDir = tempDir('touchpoint-old-');
    // The tables as they were, with one healthy map (snapshot and log) and one zeroed snapshot.
    const old = new Database(sqliteFile(dataDir));
    old.pragma('journal_mode = WAL');
    old.exec(`
      CREATE TABLE maps (id TEXT PRIMARY KEY, edit_key_hash TEXT NOT NULL, view_key_hash TEXT NOT NULL, view_key TEXT NOT NULL DEFAULT '', created_at INTEGER NOT NULL);
      CREATE TABLE snapshots (map_id TEXT PRIMARY KEY REFERENCES maps(id) ON DELETE CASCADE, data BLOB NOT NULL);
      CREATE TABLE updates (seq INTEGER PRIMARY KEY AUTOINCREMENT, map_id TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE, data BLOB NOT NULL);
    `);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, journeyState(generateJourney(3, 3, 2)));
    const state = Y.encodeStateAsUpdate(doc);
    const logged: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => logged.push(u));
    const { stageId, laneId } = firstCell(doc);
    addCard(doc, stageId, laneId, { text: 'in the old log' });
    for (const id of ['healthy', 'zeroed']) old.prepare('INSERT INTO maps (id, edit_key_hash, view_key_hash, created_at) VALUES (?, ?, ?, 0)').run(id, 'e', 'v');
    old.prepare('INSERT INTO snapshots (map_id, data) VALUES (?, ?)').run('healthy', state);
    old.prepare('INSERT INTO updates (map_id, data) VALUES (?, ?)').run('healthy', logged[0]!);
    old.prepare('INSERT INTO snapshots (map_id, data) VALUES (?, ?)').run('zeroed', new Uint8Array(state.byteLength));
    old.close();

    const store = openSqliteStore(sqliteFile(dataDir));
    try {
      const file = openFile(dataDir);
      expect(file.snapshot('healthy').crc).toBe(checksum(state));
      expect(file.updates('healthy')[0]!.crc).toBe(checksum(logged[0]!));
      file.close();
      const room = await Room.load('healthy', store, DEFAULT_LIMITS, new LocalBus());
      expect(contentOf(room.doc)).toEqual(contentOf(doc));
      room.destroy();
      await expect(Room.load('zeroed', store, DEFAULT_LIMITS, new LocalBus())).rejects.toThrow(/map zeroed: .*decodes as 2 bytes/);
    } finally {
      await store.close();
    }
  });
});

// Versions of a map (issue 13) against a real server, a real SQLite file and stock y-websocket
// clients: the room keeps one when a burst of edits goes quiet (with who edited), one every N while
// the edits go on, none when nothing changed; editors name, rename, delete, open and copy them;
// automatic ones are thinned with age; they survive compaction and restarts, go with their map's
// duplicate, and are refused to anyone without a key to the map. A copy remembers its source.
import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { readJourney } from '../src/doc/bindDoc';
import { addCard, setCardText } from '../src/doc/commands';
import { parseMapFile, toPlain, type PlainJourney } from '../src/journey/exchange';
import { limitsFromEnv } from './limits';
import type { DocStore, VersionInfo } from './store/DocStore';
import { DAY_MS, HOUR_MS } from './store/thinning';
import { mapFileBodyOfSize } from './testing/bigMaps';
import {
  api,
  createMap,
  firstCell,
  holdsFor,
  openClient,
  readStored,
  removeTempDirs,
  sqliteFile,
  testResources,
  waitFor,
  type Client,
  type CreatedMap,
  type TestServer,
} from './testing/harness';

const { track, serve, cleanUp } = testResources();
afterEach(cleanUp);
afterAll(removeTempDirs);

/** Edits come quickly in these tests: a version 50 ms after they pause, none on the clock. */
const QUIET = { versionQuietMs: 50, versionEveryMs: 0 };
/** Versions only when asked for (and when a room unloads or the server stops). */
const ASKED = { versionQuietMs: 0, versionEveryMs: 0 };

const list = async (server: TestServer, map: CreatedMap, key = map.editKey): Promise<VersionInfo[]> => {
  const res = await api(server.http, `/api/maps/${map.id}/versions`, { key });
  expect(res.status).toBe(200);
  return res.body.versions as VersionInfo[];
};

/** Waits until the map has `n` versions; resolves with them, newest first. */
async function versionsOf(server: TestServer, map: CreatedMap, n: number): Promise<VersionInfo[]> {
  let versions: VersionInfo[] = [];
  await waitFor(async () => (versions = await list(server, map)).length >= n, `${n} versions`);
  return versions;
}

/** A client of the map that says its name in its presence, as the app does. */
async function person(server: TestServer, map: CreatedMap, name: string | null, key = map.editKey): Promise<Client> {
  const client = track(await openClient(server.ws, map.id, key));
  if (name) client.awareness.setLocalState({ name, color: '#336699' });
  return client;
}

/** Adds a card with this text; resolves once the server has it (another client sees it). */
async function addCardSeen(writer: Client, reader: Client, text: string): Promise<string> {
  const { stageId, laneId } = firstCell(writer.doc, { cardLane: true });
  const id = addCard(writer.doc, stageId, laneId, { text })!;
  await waitFor(() => reader.doc.getMap('cards').has(id), 'the card to reach the other client');
  return id;
}

/** The map file of a version, read back as the browser's import reads it. */
async function versionFile(server: TestServer, map: CreatedMap, id: string, key = map.editKey) {
  const res = await api(server.http, `/api/maps/${map.id}/versions/${id}`, { key });
  expect(res.status).toBe(200);
  return { journey: journeyOfFile(res.body), name: res.headers.get('x-version-name') };
}

const plainOf = (doc: Y.Doc): PlainJourney => toPlain(readJourney(doc));

/** A map file's journey as the browser's import reads it. */
function journeyOfFile(file: unknown): PlainJourney {
  const read = parseMapFile(JSON.stringify(file));
  if (!read.ok) throw new Error(read.error.message);
  return toPlain(read.journey);
}

const ask = (server: TestServer, map: CreatedMap, json: unknown) => api(server.http, `/api/maps/${map.id}/versions`, { key: map.editKey, json });

describe('automatic versions', () => {
  it('one when a burst of edits goes quiet, naming who edited (not who only watched), with the card count', async () => {
    // Time enough for a name said just after an edit to arrive before the version.
    const server = await serve({ limits: { ...QUIET, versionQuietMs: 300 } });
    const map = await createMap(server.http, { template: 'currentJourney' });
    const ana = await person(server, map, 'Ana');
    const bogdan = await person(server, map, null);
    const carla = await person(server, map, 'Carla'); // watches, never edits
    await addCardSeen(ana, carla, 'Customer compares plans');
    // Bogdan edits before the server knows his name; he says it a moment later.
    const card = await addCardSeen(bogdan, carla, 'Calls the hotline');
    bogdan.awareness.setLocalState({ name: 'Bogdan', color: '#993366' });
    const [version] = await versionsOf(server, map, 1);
    expect(version).toMatchObject({ kind: 'auto', reason: 'quiet', name: null, cards: ana.doc.getMap('cards').size });
    expect(version!.editors.sort()).toEqual(['Ana', 'Bogdan']);
    expect(version!.bytes).toBeGreaterThan(1000);
    // The version is the map as it was: read back as a file, the same journey.
    expect((await versionFile(server, map, version!.id)).journey).toEqual(plainOf(carla.doc));

    // The next burst is someone else's: only its editors are named.
    setCardText(carla.doc, card, 'Calls the hotline twice');
    carla.awareness.setLocalState({ name: 'Carla', color: '#339966' }); // a presence change, not an edit
    const [next, first] = await versionsOf(server, map, 2);
    expect(first!.id).toBe(version!.id);
    expect(next!.editors).toEqual(['Carla']);
  });

  it('none when nothing changed since the last one: people joining, moving about, or leaving', async () => {
    const server = await serve({ limits: QUIET });
    const map = await createMap(server.http);
    const ana = await person(server, map, 'Ana');
    const dan = await person(server, map, 'Dan');
    await addCardSeen(ana, dan, 'One card');
    await versionsOf(server, map, 1);
    // A new client syncs (its empty state changes nothing), presence comes and goes.
    const eve = await person(server, map, 'Eve');
    eve.awareness.setLocalState({ name: 'Eve', color: '#111111', cursor: { x: 1, y: 2 } });
    eve.destroy();
    expect(await holdsFor(async () => (await list(server, map)).length === 1, 400)).toBe(true);
  });

  it('while the edits go on without a pause: one every N, never closer together, and one for the last of them', async () => {
    const every = 250;
    const server = await serve({ limits: { versionQuietMs: 500, versionEveryMs: every } });
    const map = await createMap(server.http);
    const ana = await person(server, map, 'Ana');
    const { stageId, laneId } = firstCell(ana.doc, { cardLane: true });
    const card = addCard(ana.doc, stageId, laneId, { text: '' })!;
    // Typing, a character every 20 ms, for 1.1 s: never a pause of 500 ms.
    const start = Date.now();
    for (let i = 0; Date.now() - start < 1100; i++) {
      setCardText(ana.doc, card, 'x'.repeat(i + 1));
      await new Promise((done) => setTimeout(done, 20));
    }
    const during = (await list(server, map)).reverse();
    expect(during.length).toBeGreaterThanOrEqual(2);
    expect(during.length).toBeLessThanOrEqual(4);
    expect(during.every((v) => v.reason === 'interval' && v.editors.join() === 'Ana')).toBe(true);
    for (let i = 1; i < during.length; i++) expect(during[i]!.createdAt - during[i - 1]!.createdAt).toBeGreaterThanOrEqual(every);
    // The last edits get one more (when its N is up, before the pause would), and then nothing changes.
    const after = await versionsOf(server, map, during.length + 1);
    expect(after[0]!.createdAt - during.at(-1)!.createdAt).toBeGreaterThanOrEqual(every);
    expect(await holdsFor(async () => (await list(server, map)).length === during.length + 1, 400)).toBe(true);
  });

  it('one when the room unloads with changes not yet in a version (the last person left before the pause)', async () => {
    const server = await serve({ limits: { versionQuietMs: 60_000, versionEveryMs: 0, idleUnloadMs: 50 } });
    const map = await createMap(server.http);
    const ana = await person(server, map, 'Ana');
    const dan = await person(server, map, null);
    await addCardSeen(ana, dan, 'Written just before leaving');
    ana.destroy();
    dan.destroy();
    const [version] = await versionsOf(server, map, 1);
    expect(version).toMatchObject({ kind: 'auto', reason: 'quiet', editors: ['Ana'] });
  });
});

describe('the settings', () => {
  it('come from VERSION_QUIET_MS and VERSION_EVERY_MS (0 turns either off)', () => {
    expect(limitsFromEnv({ VERSION_QUIET_MS: '60000', VERSION_EVERY_MS: '0' })).toEqual({ versionQuietMs: 60_000, versionEveryMs: 0 });
    expect(() => limitsFromEnv({ VERSION_EVERY_MS: 'hourly' })).toThrow(/VERSION_EVERY_MS must be a whole number/);
  });
});

describe('named versions and the API', () => {
  it('are made, listed, opened, renamed, copied and deleted by editors; read with any key', async () => {
    const server = await serve({ limits: ASKED });
    const map = await createMap(server.http, { template: 'currentJourney' });
    const ana = await person(server, map, 'Ana');
    const dan = await person(server, map, null);
    await addCardSeen(ana, dan, 'Before the workshop');
    const auto = (await ask(server, map, { reason: 'beforeReplace' })).body as VersionInfo;
    expect(auto).toMatchObject({ kind: 'auto', reason: 'beforeReplace', name: null, editors: ['Ana'] });
    const name = 'Q3 baseline — “Ana’s” ✓';
    const made = await ask(server, map, { name });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ kind: 'named', reason: 'named', name, editors: [], cards: ana.doc.getMap('cards').size });
    const baseline = plainOf(ana.doc);
    await addCardSeen(ana, dan, 'After the workshop');
    const before = await ask(server, map, { reason: 'beforeRestore' });
    expect(before.body).toMatchObject({ kind: 'auto', reason: 'beforeRestore', editors: ['Ana'] });

    // Newest first, the same for the view key.
    const versions = await list(server, map, map.viewKey);
    expect(versions.map((v) => v.id)).toEqual([before.body.id, made.body.id, auto.id]);
    const opened = await versionFile(server, map, made.body.id, map.viewKey);
    expect(opened.journey).toEqual(baseline);
    expect(decodeURIComponent(opened.name!)).toBe(name);
    expect((await versionFile(server, map, auto.id)).name).toBeNull();

    // Rename; name an automatic one (then it is named, its reason kept).
    const renamed = await api(server.http, `/api/maps/${map.id}/versions/${made.body.id}`, { method: 'PATCH', key: map.editKey, json: { name: '  Q3  ' } });
    expect(renamed.body).toMatchObject({ id: made.body.id, name: 'Q3', kind: 'named' });
    const kept = await api(server.http, `/api/maps/${map.id}/versions/${auto.id}`, { method: 'PATCH', key: map.editKey, json: { name: 'Before the workshop' } });
    expect(kept.body).toMatchObject({ kind: 'named', reason: 'beforeReplace', name: 'Before the workshop' });

    // A new map from a version: like POST /api/maps, remembering where it came from.
    const copied = await api(server.http, `/api/maps/${map.id}/versions/${made.body.id}/copy`, { key: map.editKey, method: 'POST' });
    expect(copied.status).toBe(201);
    expect(copied.body).toMatchObject({ id: expect.any(String), editKey: expect.any(String), viewKey: expect.any(String) });
    const copy = copied.body as CreatedMap;
    const exported = await api(server.http, `/api/maps/${copy.id}/export.json`, { key: copy.viewKey });
    expect(journeyOfFile(exported.body)).toEqual(baseline);
    const source = await api(server.http, `/api/maps/${copy.id}/source`, { key: copy.viewKey });
    expect(source.status).toBe(200);
    expect(source.body.journey.cards.map((c: { text: string }) => c.text)).toContain('After the workshop');

    // Delete: gone, and a second delete (or a read) finds nothing.
    expect((await api(server.http, `/api/maps/${map.id}/versions/${made.body.id}`, { method: 'DELETE', key: map.editKey })).status).toBe(204);
    for (const method of ['DELETE', 'GET']) {
      const gone = await api(server.http, `/api/maps/${map.id}/versions/${made.body.id}`, { method, key: map.editKey });
      expect([gone.status, gone.body.code]).toEqual([404, 'unknownVersion']);
    }
    expect((await list(server, map)).map((v) => v.id)).toEqual([before.body.id, auto.id]);
  });

  it('refuses bodies it does not take, and versions past the map’s limit', async () => {
    const server = await serve({ limits: { ...QUIET, maxVersionsPerMap: 2 } });
    const map = await createMap(server.http);
    const post = (json: unknown) => api(server.http, `/api/maps/${map.id}/versions`, { key: map.editKey, json });
    expect((await post({})).body).toMatchObject({ code: 'badField', params: { field: 'name' } });
    expect((await post({ name: '   ' })).body).toMatchObject({ code: 'badField', params: { field: 'name' } });
    expect((await post({ name: 'x'.repeat(201) })).body).toMatchObject({ code: 'badField', params: { field: 'name' } });
    expect((await post({ reason: 'quiet' })).body).toMatchObject({ code: 'badField', params: { field: 'reason' } });
    expect((await post({ name: 'A', colour: 'red' })).body).toMatchObject({ code: 'unknownFields' });
    expect((await post({ name: 'A' })).status).toBe(201);
    expect((await post({ reason: 'beforeReplace' })).status).toBe(201);
    const third = await post({ name: 'C' });
    expect([third.status, third.body.code, third.body.params]).toEqual([429, 'tooManyVersions', { max: 2 }]);
    expect((await api(server.http, `/api/maps/${map.id}/versions/nope`, { method: 'PATCH', key: map.editKey, json: { name: 'x' } })).body.code).toBe('unknownVersion');
    expect((await api(server.http, `/api/maps/${map.id}/versions`, { method: 'PUT', key: map.editKey })).status).toBe(405);
  });

  it('are refused to anyone without a key to the map; changing them needs the edit key', async () => {
    const server = await serve({ limits: QUIET });
    const map = await createMap(server.http);
    const other = await createMap(server.http);
    const id = (await ask(server, map, { name: 'Mine' })).body.id as string;
    const routes: [string, string, unknown?][] = [
      ['GET', `/versions`],
      ['POST', `/versions`, { name: 'x' }],
      ['GET', `/versions/${id}`],
      ['PATCH', `/versions/${id}`, { name: 'x' }],
      ['DELETE', `/versions/${id}`],
      ['POST', `/versions/${id}/copy`],
      ['GET', `/source`],
    ];
    for (const [method, path, json] of routes) {
      for (const key of [undefined, 'wrong-key-wrong-key', other.editKey]) {
        const res = await api(server.http, `/api/maps/${map.id}${path}`, { method, key, json });
        expect([method, path, res.status, res.body.code]).toEqual([method, path, 401, 'unknownMapOrKey']);
      }
      const viewer = await api(server.http, `/api/maps/${map.id}${path}`, { method, key: map.viewKey, json });
      const reads = method === 'GET';
      expect([method, path, viewer.status]).toEqual([method, path, reads ? (path === '/source' ? 404 : 200) : 403]);
    }
    // Nothing was changed by any of them.
    expect((await list(server, map)).map((v) => [v.id, v.name])).toEqual([[id, 'Mine']]);
  });
});

describe('thinning', () => {
  it('a new automatic version thins the older automatic ones by age; named ones stay', async () => {
    let store!: DocStore;
    const server = await serve({ limits: QUIET, wrapStore: (s) => (store = s) });
    const map = await createMap(server.http);
    const ana = await person(server, map, 'Ana');
    const dan = await person(server, map, null);
    const state = Y.encodeStateAsUpdate(ana.doc);
    const now = Date.now();
    const old = async (id: string, ago: number, name: string | null = null) =>
      store.addVersion(map.id, { id, createdAt: now - ago, name, kind: name ? 'named' : 'auto', reason: name ? 'named' : 'quiet', editors: [], cards: 0, state }, { thin: false });
    // Stamped in the middle of their hour and day, so that the test does not depend on when it runs.
    const hourAgo = (h: number, minute: number) => Math.floor((now - h * HOUR_MS) / HOUR_MS) * HOUR_MS + minute * 60_000;
    const dayAgo = (d: number, hour: number) => Math.floor((now - d * DAY_MS) / DAY_MS) * DAY_MS + hour * HOUR_MS;
    await old('recent', 2 * HOUR_MS);
    for (const [id, minute] of [['h-10', 10], ['h-20', 20], ['h-40', 40]] as const) await old(id, now - hourAgo(50, minute));
    for (const [id, hour] of [['d-3', 3], ['d-9', 9], ['d-15', 15]] as const) await old(id, now - dayAgo(20, hour));
    await old('ancient', 100 * DAY_MS);
    await old('named', 200 * DAY_MS, 'Launch');
    expect(await list(server, map)).toHaveLength(9);

    // Today's edit: its version thins the others in the transaction that keeps it.
    await addCardSeen(ana, dan, 'Today');
    let versions: VersionInfo[] = [];
    await waitFor(async () => (versions = await list(server, map)).some((v) => v.editors.includes('Ana')), 'today’s version');
    expect(versions.map((v) => v.id).slice(1)).toEqual(['recent', 'h-40', 'd-15', 'named']);
    expect(versions[0]).toMatchObject({ kind: 'auto', reason: 'quiet', editors: ['Ana'] });
  });
});

describe('versions are kept', () => {
  it('through compaction and a restart: the same list, each as it was', async () => {
    const server = await serve({ limits: { ...QUIET, compactAfterUpdates: 20 } });
    const map = await createMap(server.http);
    const ana = await person(server, map, 'Ana');
    const dan = await person(server, map, null);
    await addCardSeen(ana, dan, 'First');
    await versionsOf(server, map, 1);
    const firstState = plainOf(ana.doc);
    // Enough updates to fold the log into a snapshot.
    const { stageId, laneId } = firstCell(ana.doc, { cardLane: true });
    const card = addCard(ana.doc, stageId, laneId, { text: '' })!;
    for (let i = 1; i <= 40; i++) setCardText(ana.doc, card, `typed ${i}`);
    await waitFor(() => dan.doc.getMap('cards').get(card) !== undefined && String((dan.doc.getMap('cards').get(card) as Y.Map<unknown>).get('text')) === 'typed 40', 'the typing to arrive');
    await waitFor(() => readStored(server.dataDir, map.id).updates < 20, 'the compaction');
    const versions = await versionsOf(server, map, 2);
    const files = await Promise.all(versions.map((v) => versionFile(server, map, v.id)));
    expect(files[1]!.journey).toEqual(firstState);
    expect(files[0]!.journey).toEqual(plainOf(ana.doc));

    ana.destroy();
    dan.destroy();
    await server.shutdown();
    const again = await serve({ dataDir: server.dataDir, limits: QUIET });
    expect(await list(again, map)).toEqual(versions);
    for (const [i, v] of versions.entries()) expect(await versionFile(again, map, v.id)).toEqual(files[i]);
  });

  it('of a large map, written, read and copied in worker threads, read back the same', { timeout: 60_000 }, async () => {
    const server = await serve({ limits: ASKED });
    const made = await api(server.http, '/api/maps', { raw: mapFileBodyOfSize(1024 * 1024).toString(), headers: { 'content-type': 'application/json' } });
    expect(made.status).toBe(201);
    const map = made.body as CreatedMap;
    const live = journeyOfFile((await api(server.http, `/api/maps/${map.id}/export.json`, { key: map.editKey })).body);
    const version = (await ask(server, map, { name: 'Large' })).body as VersionInfo;
    expect(version.bytes).toBeGreaterThan(1024 * 1024);
    expect(version.cards).toBe(10_000);
    expect((await versionFile(server, map, version.id)).journey).toEqual(live);
    const duplicate = (await api(server.http, `/api/maps/${map.id}/duplicate`, { key: map.editKey, json: {} })).body as CreatedMap;
    expect((await versionFile(server, duplicate, version.id)).journey).toEqual(live);
    const copy = (await api(server.http, `/api/maps/${map.id}/versions/${version.id}/copy`, { key: map.editKey, method: 'POST' })).body as CreatedMap;
    expect(journeyOfFile((await api(server.http, `/api/maps/${copy.id}/export.json`, { key: copy.editKey })).body)).toEqual(live);
    // Over 16 MiB of versions: deleted by the worker, a few at a time, before their map.
    for (let i = 0; i < 16; i++) expect((await ask(server, map, { reason: 'beforeReplace' })).status).toBe(201);
    expect((await api(server.http, `/api/maps/${map.id}`, { method: 'DELETE', key: map.editKey })).status).toBe(204);
    const db = new Database(sqliteFile(server.dataDir), { readonly: true });
    try {
      const left = (id: string) => db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM versions WHERE map_id = ?').get(id)!.n;
      expect([left(map.id), left(duplicate.id)]).toEqual([0, 1]);
    } finally {
      db.close();
    }
  });

  it('checked: a version whose stored state was damaged is refused, never served', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const server = await serve({ limits: QUIET });
    const map = await createMap(server.http);
    const id = (await ask(server, map, { name: 'Q3' })).body.id as string;
    const db = new Database(sqliteFile(server.dataDir));
    try {
      const { state } = db.prepare<[string], { state: Buffer }>('SELECT state FROM versions WHERE id = ?').get(id)!;
      const at = Math.floor(state.length / 2);
      state[at] = state[at]! ^ 0xff;
      db.prepare('UPDATE versions SET state = ? WHERE id = ?').run(state, id);
    } finally {
      db.close();
    }
    const res = await api(server.http, `/api/maps/${map.id}/versions/${id}`, { key: map.editKey });
    expect([res.status, res.body.code]).toEqual([503, 'damagedMap']);
    expect(String(errors.mock.calls[0]?.[1])).toMatch(/version .* fails its checksum/);
    errors.mockRestore();
  });
});

describe('duplicates', () => {
  it('copy the versions and remember their source, which their keys can read until it is deleted', async () => {
    const server = await serve({ limits: ASKED });
    const map = await createMap(server.http, { template: 'currentJourney' });
    const ana = await person(server, map, 'Ana');
    const dan = await person(server, map, null);
    await addCardSeen(ana, dan, 'Before the copy');
    await ask(server, map, { reason: 'beforeReplace' });
    await ask(server, map, { name: 'Q3 baseline' });
    const versions = await list(server, map);
    expect(versions).toHaveLength(2);

    const res = await api(server.http, `/api/maps/${map.id}/duplicate`, { key: map.editKey, json: { title: 'Future state', variant: 'future' } });
    expect(res.status).toBe(201);
    const copy = res.body as CreatedMap;
    expect(await list(server, copy, copy.viewKey)).toEqual(versions);
    expect((await versionFile(server, copy, versions[0]!.id)).journey).toEqual((await versionFile(server, map, versions[0]!.id)).journey);
    // The source as it is now, not as it was copied.
    await addCardSeen(ana, dan, 'After the copy');
    const source = await api(server.http, `/api/maps/${copy.id}/source`, { key: copy.viewKey });
    expect(source.status).toBe(200);
    expect(journeyOfFile(source.body)).toEqual(plainOf(ana.doc));
    // A map made from a template has no source.
    expect((await api(server.http, `/api/maps/${map.id}/source`, { key: map.editKey })).body.code).toBe('noSource');

    // The copy's versions are its own: deleting one, or the copy, leaves the source's.
    await api(server.http, `/api/maps/${copy.id}/versions/${versions[1]!.id}`, { method: 'DELETE', key: copy.editKey });
    expect(await list(server, map)).toEqual(versions);
    expect((await api(server.http, `/api/maps/${copy.id}`, { method: 'DELETE', key: copy.editKey })).status).toBe(204);
    expect(await list(server, map)).toEqual(versions);
    const db = new Database(sqliteFile(server.dataDir), { readonly: true });
    try {
      expect(db.prepare('SELECT count(*) AS n FROM versions WHERE map_id = ?').get(copy.id)).toEqual({ n: 0 });
    } finally {
      db.close();
    }

    // Deleting the source: a copy of it answers that its source is gone; the map's versions go with it.
    const second = (await api(server.http, `/api/maps/${map.id}/duplicate`, { key: map.editKey, json: {} })).body as CreatedMap;
    ana.destroy();
    dan.destroy();
    expect((await api(server.http, `/api/maps/${map.id}`, { method: 'DELETE', key: map.editKey })).status).toBe(204);
    const gone = await api(server.http, `/api/maps/${second.id}/source`, { key: second.editKey });
    expect([gone.status, gone.body.code]).toEqual([404, 'noSource']);
    expect(await list(server, second)).toEqual(versions);
  });
});

// Issue 16, "Faults it must survive": PostgreSQL down for a while. The issue says 60 s; this test
// keeps it down for 15 s, which shows the same behaviour: a room's save retries back off to their
// cap (limits.saveRetryMaxMs, 2 s) within 4 s of the outage, and nothing else in the server counts
// time while the store is down. Meanwhile two clients on each of three instances go on editing and
// see one another's edits across instances (the bus carries them); writes are held in memory up to
// `maxUnsavedBytes`, and a client that writes past it is closed with 4507; a client that opens a map
// no instance has loaded is refused (4503), and nothing of that map is overwritten, while a client of
// a loaded map whose connection drops rejoins (its keys are known there). Within seconds of
// the database's return everything is stored (the store read directly, and a cold instance), every
// map's stored bytes are what they were plus appended updates, and no instance has exited. Beside
// the outage, a load that fails while the database answers (its snapshots table renamed away for a
// moment): the client is refused, and the map's stored bytes are untouched.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type Cluster, type ClusterInstance } from '../cluster/cluster';
import type { DocStore, StoredDoc } from '../store/DocStore';
import { openPostgresStore } from '../store/postgres/store';
import { CLOSE } from '../sync/messages';
import { connectClient, createMap, nextClose, waitFor, type Client } from '../testing/harness';
import { converged, holdsOwnEdits, isRunning, openAt, signature, storedDoc, syncBase } from './checks';
import { drive, startEditor, type Editor } from './editor';

const OUTAGE_MS = 15_000;
const MAX_UNSAVED_BYTES = 24_000;

let cluster: Cluster;
let cold: ClusterInstance;
let store: DocStore;

beforeAll(async () => {
  cluster = await startCluster({ heartbeatMs: 250, limits: { mapsPerMinutePerAddress: 1_000_000, maxUnsavedBytes: MAX_UNSAVED_BYTES } });
  cold = await cluster.addInstance();
  store = await openPostgresStore(cluster.postgresUrl, { size: 2 });
}, 60_000);

afterAll(async () => {
  await store?.close();
  await cluster?.stop();
}, 30_000);

/** A map's stored log as bytes by seq (the snapshot as seq 0). */
function storedBytes(doc: StoredDoc): Map<number, string> {
  const out = new Map<number, string>();
  if (doc.snapshot) out.set(0, Buffer.from(doc.snapshot).toString('base64'));
  for (const u of doc.updates) out.set(u.seq, Buffer.from(u.update).toString('base64'));
  return out;
}

/** Every entry stored before is still stored, byte for byte (later updates may be appended). */
function keptAsItWas(before: Map<number, string>, after: Map<number, string>): string[] {
  return [...before].filter(([seq, bytes]) => after.get(seq) !== bytes).map(([seq]) => (seq === 0 ? 'the snapshot' : `update ${seq}`));
}

function allRunning(): void {
  for (const instance of cluster.instances) expect(isRunning(instance), `instance ${instance.name} is running:\n${instance.output.slice(-1200)}`).toBe(true);
}

describe('PostgreSQL down for a while', () => {
  it('editing goes on, writes are held then refused (4507), a load is refused, and everything is stored after its return', async () => {
    const map = await createMap(cluster.proxyUrl, { template: 'currentJourney' });
    const untouched = await createMap(cluster.proxyUrl, { template: 'serviceBlueprint' });
    const editors: Editor[] = cluster.instances.flatMap((instance, i) => [0, 1].map((k) => startEditor(syncBase(instance.url), map, `${instance.name}-${k}`, 40 + i * 2 + k)));
    const opened: { destroy(): void }[] = [];
    try {
      await waitFor(() => editors.every((e) => e.live), 'six clients to sync', 10_000);
      await drive(editors, { ms: 500, everyMs: 10, seed: 4 });
      await converged(editors, 'the six clients to converge before the outage', 5_000);
      await waitFor(async () => signature(await storedDoc(store, map.id)) === signature(editors[0]!.doc), 'the map to be stored before the outage', 5_000);
      const before = storedBytes(await store.loadDoc(map.id));
      const untouchedBefore = storedBytes(await store.loadDoc(untouched.id));

      await cluster.postgres!.stopServer('immediate');
      const down = Date.now();
      let late: Client | null = null;
      try {
        // Editing and sync across instances go on.
        await drive(editors, { ms: 1_500, everyMs: 10, seed: 5 });
        await converged(editors, 'the six clients to converge while the database is down', 3_000);
        allRunning();

        // One client pastes more than the instance may hold unsaved: refused, and closed with 4507.
        const [paster, ...others] = editors as [Editor, ...Editor[]];
        const refused = nextClose(paster.client.provider, 5_000);
        paster.paste('x'.repeat(MAX_UNSAVED_BYTES + 1_000));
        expect((await refused).code).toBe(CLOSE.cannotSave);

        // A map that no instance has loaded cannot be read: the client is refused.
        late = connectClient(syncBase(cluster.instances[1]!.url), untouched.id, untouched.editKey);
        opened.push(late);
        expect((await nextClose(late.provider, 10_000)).code).toBe(CLOSE.unavailable);
        expect(late.provider.synced).toBe(false);

        // A client of a loaded map whose connection drops rejoins its instance: the instance knows
        // that map's keys without the database (rooms.ts `record`).
        const rejoining = others[0]!;
        rejoining.client.provider.disconnect();
        await waitFor(() => !rejoining.live, 'the client to drop', 5_000);
        rejoining.client.provider.connect();
        await waitFor(() => rejoining.live, 'a client of a loaded map to rejoin during the outage', 5_000);

        // The rest of the outage: the others go on editing, slowly (each instance holds its own unsaved
        // updates, well within the limit).
        await drive(others, { ms: Math.max(0, OUTAGE_MS - (Date.now() - down)), everyMs: 60, seed: 6 });
        allRunning();
      } finally {
        await cluster.postgres!.startServer();
      }
      const back = Date.now();

      // Within seconds: every client agrees (the paster's text goes in once the instance saves again),
      // the store holds all of it, a cold instance reads it.
      await converged(editors, 'the six clients to converge after the database returned', 10_000);
      await waitFor(async () => signature(await storedDoc(store, map.id)) === signature(editors[0]!.doc), 'the store to hold everything', 10_000);
      expect(Date.now() - back, 'stored within seconds of the database’s return').toBeLessThan(10_000);
      const stored = await storedDoc(store, map.id);
      opened.push(stored);
      for (const e of editors) expect(holdsOwnEdits(stored, e.doc), `the store holds everything ${e.name} typed`).toBe(true);
      const coldClient = await openAt(cold, map);
      opened.push(coldClient);
      expect(signature(coldClient.doc)).toBe(signature(editors[0]!.doc));

      // Nothing stored before was overwritten; the map nobody could load is exactly as it was, and
      // the refused client now reads it.
      expect(keptAsItWas(before, storedBytes(await store.loadDoc(map.id))), 'entries of the log changed').toEqual([]);
      expect(storedBytes(await store.loadDoc(untouched.id))).toEqual(untouchedBefore);
      const refusedClient = late!;
      await waitFor(() => refusedClient.provider.synced, 'the refused client to load the map once the database is back', 10_000);
      const untouchedDoc = await storedDoc(store, untouched.id);
      opened.push(untouchedDoc);
      expect(signature(refusedClient.doc)).toBe(signature(untouchedDoc));
      allRunning();
    } finally {
      for (const x of [...editors, ...opened]) x.destroy();
    }
  }, 60_000);

  it('a map whose load fails while the database answers is refused, and its stored bytes stay as they were', async () => {
    const map = await createMap(cluster.proxyUrl, { template: 'currentJourney' });
    const [a, b] = cluster.instances as [ClusterInstance, ClusterInstance];
    const editor = startEditor(syncBase(a.url), map, 'editor', 50);
    const opened: { destroy(): void }[] = [editor];
    try {
      await waitFor(() => editor.live, 'the editor to sync', 10_000);
      for (let i = 0; i < 10; i++) editor.type();
      await waitFor(async () => holdsOwnEdits(await storedDoc(store, map.id), editor.doc), 'the typing to be stored', 5_000);
      const before = storedBytes(await store.loadDoc(map.id));

      // Instance b has not loaded the map; its load reads the snapshots table, which is away for now
      // (its key check, which reads only the maps table, passes).
      const admin = new pg.Client({ connectionString: cluster.postgresUrl });
      await admin.connect();
      let late: Client;
      try {
        await admin.query('ALTER TABLE snapshots RENAME TO snapshots_away');
        late = connectClient(syncBase(b.url), map.id, map.editKey);
        opened.push(late);
        expect((await nextClose(late.provider, 5_000)).code).toBe(CLOSE.unavailable);
        expect(late.provider.synced).toBe(false);
        expect(b.output).toContain(`map ${map.id}: could not be loaded`);
      } finally {
        await admin.query('ALTER TABLE snapshots_away RENAME TO snapshots').catch(() => {});
        await admin.end();
      }
      await waitFor(() => late.provider.synced, 'the refused client to load the map once it can be read', 10_000);
      expect(signature(late.doc)).toBe(signature(editor.doc));
      expect(storedBytes(await store.loadDoc(map.id))).toEqual(before);
    } finally {
      for (const x of opened) x.destroy();
    }
  }, 30_000);
});

// Issue 16, "Faults it must survive": kill -9 of an instance. Its clients reconnect elsewhere through
// the proxy within 5 s and nothing any client typed is missing from a cold load (a fresh instance,
// and the store read directly). With the two defects as regression tests:
// - compaction on one instance must never delete an update another instance committed that the
//   first had not applied (two instances writing one map, compaction every few updates);
// - publish before commit: an instance killed inside its commit window. Its update is published
//   only once committed, so no other instance has it: the client resends it to the instance it
//   reconnects to, which stores it. And when the store refused the write (the update then goes out
//   at once, without a seq), the instance its client reconnects to already holds it from the bus and
//   the client resends nothing: that instance must store it itself (it adopts the dead instance's
//   owed updates, rooms/sharedLog.ts).
// The commit is held open deterministically: the test holds the map's row lock in PostgreSQL (every
// append takes it), so the killed instance is inside its commit when it dies; a refused write is
// made by cutting that instance's waiting database connection (pg_terminate_backend).
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type Cluster, type ClusterInstance } from '../cluster/cluster';
import type { DocStore } from '../store/DocStore';
import { openPostgresStore } from '../store/postgres/store';
import { createMap, delay, holdsFor, waitFor } from '../testing/harness';
import { connectionCounts, converged, holdsOwnEdits, isRunning, landOnProxy, openAt, signature, storedDoc, syncBase } from './checks';
import { startEditor, type Editor } from './editor';

let cluster: Cluster;
let cold: ClusterInstance;
let store: DocStore;
const opened: { destroy(): void }[] = [];
const track = <T extends { destroy(): void }>(x: T): T => (opened.push(x), x);

beforeAll(async () => {
  // Compaction every few updates, so that it runs many times while two instances write.
  cluster = await startCluster({ heartbeatMs: 250, limits: { mapsPerMinutePerAddress: 1_000_000, compactAfterUpdates: 8 } });
  cold = await cluster.addInstance();
  store = await openPostgresStore(cluster.postgresUrl, { size: 2 });
}, 60_000);

// A test that failed may leave an instance down: the next one starts with all three.
afterEach(async () => {
  for (const instance of cluster.instances) if (!isRunning(instance)) await instance.start();
}, 30_000);

afterAll(async () => {
  for (const x of opened.splice(0)) x.destroy();
  await store?.close();
  await cluster?.stop();
}, 30_000);

/** Everything the editors typed is in the store and on a cold instance, equal to what they show. */
async function nothingLost(editors: readonly Editor[], map: { id: string; editKey: string }) {
  const stored = track(await storedDoc(store, map.id));
  for (const e of editors) expect(holdsOwnEdits(stored, e.doc), `the store holds everything ${e.name} typed`).toBe(true);
  const coldClient = track(await openAt(cold, map));
  expect(signature(coldClient.doc)).toBe(signature(editors[0]!.doc));
  expect(signature(stored)).toBe(signature(editors[0]!.doc));
}

/** A writer that landed on some instance through the proxy (the victim), with its card stored, and a
 * watcher on every other instance: wherever the writer reconnects, the map is loaded there. */
async function writerAndWatchers(seed: number) {
  const map = await createMap(cluster.proxyUrl, { template: 'currentJourney' });
  const { opened: writer, at } = await landOnProxy(cluster, () => track(startEditor(syncBase(cluster.proxyUrl), map, 'writer', seed)), (e) => e.live);
  const victim = cluster.instances[at]!;
  const watchers = cluster.instances.filter((i) => i !== victim).map((i) => track(startEditor(syncBase(i.url), map, `watcher-${i.name}`, seed + 1)));
  await waitFor(() => watchers.every((w) => w.live), 'the watchers to sync', 10_000);
  writer.type();
  await waitFor(async () => holdsOwnEdits(await storedDoc(store, map.id), writer.doc), 'the writer’s card to be stored', 5_000);
  return { map, writer, victim, watchers };
}

/** Holds the map's row lock in PostgreSQL: every append to the map waits for it, inside its commit. */
async function lockMapRow(mapId: string) {
  const client = new pg.Client({ connectionString: cluster.postgresUrl });
  await client.connect();
  await client.query('BEGIN');
  await client.query('SELECT 1 FROM maps WHERE id = $1 FOR UPDATE', [mapId]);
  return {
    query: (text: string, values: unknown[] = []) => client.query(text, values),
    release: async () => {
      await client.query('ROLLBACK').catch(() => {});
      await client.end();
    },
  };
}

/** Resolves with the server process id of an append waiting for the lock (an instance inside its
 * commit: log.ts locks the batch's maps first), other than `not`. */
async function waitForAppendOnLock(locker: Awaited<ReturnType<typeof lockMapRow>>, not = 0): Promise<number> {
  let pid = 0;
  await waitFor(
    async () => {
      // Within a transaction the activity view is read once and kept: read it afresh each time.
      await locker.query('SELECT pg_stat_clear_snapshot()');
      const { rows } = await locker.query(
        "SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'SELECT id FROM maps WHERE id = ANY%' AND pid <> $1",
        [not],
      );
      pid = (rows[0] as { pid?: number } | undefined)?.pid ?? 0;
      return pid > 0;
    },
    'an append to wait for the map’s row lock',
    5_000,
  );
  return pid;
}

describe.sequential('kill -9 of an instance', () => {
  it('compaction on one instance keeps the updates another committed meanwhile', async () => {
    const map = await createMap(cluster.proxyUrl, { template: 'currentJourney' });
    const [a, b] = cluster.instances as [ClusterInstance, ClusterInstance];
    const editors = [track(startEditor(syncBase(a.url), map, 'on-a', 1)), track(startEditor(syncBase(b.url), map, 'on-b', 2))];
    await waitFor(() => editors.every((e) => e.live), 'two clients on two instances to sync', 10_000);
    const end = Date.now() + 2_000;
    while (Date.now() < end) {
      for (const e of editors) e.type();
      await delay(4);
    }
    await converged(
      editors,
      'the two clients to converge',
      5_000,
    );
    // Everything committed is stored by now; the log was folded, and is whole (loadDoc checks it).
    await waitFor(async () => signature(await storedDoc(store, map.id)) === signature(editors[0]!.doc), 'the store to hold both clients’ typing', 5_000);
    expect((await store.loadDoc(map.id)).snapshotSeq, 'compaction ran').toBeGreaterThan(0);
    await nothingLost(editors, map);
  }, 30_000);

  it('an instance killed inside its commit: nobody heard the update, its client resends it elsewhere, and it is stored', async () => {
    const { map, writer, victim, watchers } = await writerAndWatchers(3);
    const locker = await lockMapRow(map.id);
    try {
      for (let i = 0; i < 5; i++) writer.type();
      await waitForAppendOnLock(locker);
      // Published only once committed: the others do not have it while the commit waits.
      expect(await holdsFor(() => watchers.every((w) => !holdsOwnEdits(w.doc, writer.doc)), 300), 'no instance has the uncommitted update').toBe(true);
      await victim.kill('SIGKILL');
    } finally {
      await locker.release();
    }
    try {
      await waitFor(() => writer.live, 'the writer to reconnect to another instance', 5_000);
      await waitFor(async () => holdsOwnEdits(await storedDoc(store, map.id), writer.doc), 'the store to hold what the writer typed before its instance died', 5_000);
      await nothingLost([writer, ...watchers], map);
    } finally {
      await victim.start();
    }
  }, 40_000);

  it('an instance killed after publishing an update its store refused: the instance its client reconnects to, which holds it from the bus, stores it', async () => {
    const { map, writer, victim, watchers } = await writerAndWatchers(5);
    const locker = await lockMapRow(map.id);
    try {
      for (let i = 0; i < 5; i++) writer.type();
      // The victim's commit fails (its connection is cut): it publishes the update at once, without a
      // seq, and its retry waits on the lock again, inside its next commit, when it is killed.
      const cut = await waitForAppendOnLock(locker);
      await locker.query('SELECT pg_terminate_backend($1)', [cut]);
      await waitFor(() => !isRunning(victim) || watchers.every((w) => holdsOwnEdits(w.doc, writer.doc)), 'the refused update to reach the watchers', 2_000).catch(() => {});
      expect(isRunning(victim), `instance ${victim.name} survives a database connection cut in the middle of its commit:\n${victim.output.slice(-1200)}`).toBe(true);
      await converged(
        [writer, ...watchers],
        'the watchers to hear the refused update over the bus',
        2_000,
      );
      await waitForAppendOnLock(locker, cut);
      await victim.kill('SIGKILL');
    } finally {
      await locker.release();
    }
    try {
      await waitFor(() => writer.live, 'the writer to reconnect to another instance', 5_000);
      // It resends nothing (that instance has it all): only adoption stores it.
      await waitFor(async () => holdsOwnEdits(await storedDoc(store, map.id), writer.doc), 'the store to hold the update the dead instance had published', 5_000);
      await nothingLost([writer, ...watchers], map);
    } finally {
      await victim.start();
    }
  }, 40_000);

  it('during steady writing: its clients reconnect elsewhere within 5 s, and nothing typed is lost', async () => {
    const map = await createMap(cluster.proxyUrl, { template: 'currentJourney' });
    const placed: { editor: Editor; at: number }[] = [];
    for (let i = 0; i < 6; i++) {
      const { opened: editor, at } = await landOnProxy(cluster, () => track(startEditor(syncBase(cluster.proxyUrl), map, `client-${i}`, 10 + i)), (e) => e.live);
      placed.push({ editor, at });
    }
    const editors = placed.map((p) => p.editor);
    let victim: ClusterInstance | null = null;

    let writing = true;
    const typing = (async () => {
      while (writing) {
        for (const e of editors) e.type();
        await delay(20);
      }
    })();
    try {
      await delay(1_000);
      // The instance with the most connections now (this map's clients are the only ones left).
      const counts = await connectionCounts(cluster.instances);
      victim = cluster.instances[counts.indexOf(Math.max(...counts))]!;
      // Its clients are those whose connection closes (counted per client, not sampled, and not
      // taken from where they were counted to land: another test's clients leaving at that moment
      // can blur that count).
      const closedBefore = editors.map((e) => e.client.closes.length);
      const closed = () => editors.filter((e, i) => e.client.closes.length > closedBefore[i]!);
      await victim.kill('SIGKILL');
      const killedAt = Date.now();
      await waitFor(() => closed().length > 0, 'its clients to notice', 2_000);
      await waitFor(() => editors.every((e) => e.live), 'its clients to reconnect elsewhere, and everyone to be live', 5_000);
      expect(Date.now() - killedAt).toBeLessThanOrEqual(5_000);
      expect(closed().length).toBeGreaterThan(0);
      await delay(1_000);
    } finally {
      writing = false;
      await typing;
    }
    try {
      await converged(
        editors,
        'the six clients to converge',
        5_000,
      );
      await waitFor(async () => signature(await storedDoc(store, map.id)) === signature(editors[0]!.doc), 'the store to hold everything', 5_000);
      await nothingLost(editors, map);
    } finally {
      await victim?.start();
    }
  }, 40_000);
});

// Issue 16, "Faults it must survive": convergence. Nine clients spread over three instances by the
// round-robin proxy make seeded random card and text edits while dropping and regaining their
// connections (so they come back on other instances); within 5 s of the last edit every client,
// every instance (a fresh client on its own address), a cold fourth instance and the store itself
// hold the same map, and every client sees the other eight's presence within 2 s of their connecting.
// One cluster for the file, a new map per seed; a failing seed's number is in the test's name.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type Cluster, type ClusterInstance } from '../cluster/cluster';
import type { DocStore } from '../store/DocStore';
import { openPostgresStore } from '../store/postgres/store';
import { createMap, waitFor } from '../testing/harness';
import { converged, everyoneSeen, openAt, storedDoc, syncBase } from './checks';
import { drive, startEditor, type Editor } from './editor';

const SEEDS = Array.from({ length: 20 }, (_, i) => 1601 + i);
const CLIENTS = 9;

let cluster: Cluster;
let cold: ClusterInstance;
let store: DocStore;

beforeAll(async () => {
  cluster = await startCluster({ heartbeatMs: 250, limits: { mapsPerMinutePerAddress: 1_000_000 } });
  cold = await cluster.addInstance();
  store = await openPostgresStore(cluster.postgresUrl, { size: 2 });
}, 60_000);

afterAll(async () => {
  await store?.close();
  await cluster?.stop();
}, 30_000);

describe.sequential('nine clients over three instances, random edits and reconnects', () => {
  it.each(SEEDS)('every client, every instance, a cold instance and the store end equal (seed %i)', async (seed) => {
    const map = await createMap(cluster.proxyUrl, { template: 'currentJourney' });
    const editors: Editor[] = [];
    const others: { destroy(): void }[] = [];
    try {
      for (let i = 0; i < CLIENTS; i++) editors.push(startEditor(syncBase(cluster.proxyUrl), map, `client-${i}`, seed * 100 + i, { reconnects: true }));
      await waitFor(() => editors.every((e) => e.live), `seed ${seed}: nine clients to sync`, 10_000);
      // Within 2 s of their connecting, each sees the eight others, wherever they are connected.
      await everyoneSeen(editors, `seed ${seed}: every client to see the presence of the eight others`, 2_000);

      const edits = await drive(editors, { ms: 1_200, everyMs: 8, seed });
      expect(edits, `seed ${seed}`).toBeGreaterThan(100);
      expect(editors.reduce((n, e) => n + e.drops, 0), `seed ${seed}: reconnects`).toBeGreaterThan(0);

      // Quiet: everyone back online; from here on nothing is edited.
      for (const e of editors) e.client.provider.connect();
      const quiet = Date.now();
      await waitFor(() => editors.every((e) => e.live), `seed ${seed}: every client to reconnect`, 5_000);
      const remaining = () => Math.max(0, 5_000 - (Date.now() - quiet));
      await converged(
        editors.map((e) => ({ name: e.name, doc: e.doc })),
        `seed ${seed}: the nine clients to converge`,
        remaining(),
      );
      const fresh = await Promise.all([...cluster.instances, cold].map((instance) => openAt(instance, map)));
      others.push(...fresh);
      await converged(
        [{ name: 'client-0', doc: editors[0]!.doc }, ...fresh.map((c, i) => ({ name: `instance ${[...cluster.instances, cold][i]!.name}`, doc: c.doc }))],
        `seed ${seed}: every instance and the cold one to hold the clients' map`,
        remaining(),
      );
      const stored = await storedDoc(store, map.id);
      others.push(stored);
      await converged(
        [
          { name: 'client-0', doc: editors[0]!.doc },
          { name: 'the store', doc: stored },
        ],
        `seed ${seed}: the store to hold the clients' map`,
        0,
      );
      expect(Date.now() - quiet, `seed ${seed}: converged within 5 s of quiet`).toBeLessThanOrEqual(5_000);
    } finally {
      for (const e of editors) e.destroy();
      for (const o of others) o.destroy();
    }
  }, 30_000);
});

describe('presence after a reconnect', () => {
  it('a client that drops and regains its connection sees the others, and is seen by them, within 2 s', async () => {
    const map = await createMap(cluster.proxyUrl, { template: 'blank' });
    const editors = cluster.instances.map((instance, i) => startEditor(syncBase(instance.url), map, `client-${i}`, i));
    try {
      await waitFor(() => editors.every((e) => e.live), 'three clients on three instances to sync', 10_000);
      await everyoneSeen(editors, 'each to see the two others', 2_000);
      const [leaving, ...staying] = editors as [Editor, ...Editor[]];
      leaving.client.provider.disconnect();
      await waitFor(() => staying.every((e) => !e.seenNames().has(leaving.name)), 'the others to see it leave', 5_000);
      leaving.client.provider.connect();
      await waitFor(() => leaving.live, 'it to reconnect', 5_000);
      await everyoneSeen(editors, 'everyone to see everyone again after the reconnect', 2_000);
    } finally {
      for (const e of editors) e.destroy();
    }
  }, 30_000);
});

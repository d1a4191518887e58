// Issue 16, "Faults it must survive": Redis restarted mid-edit. Two clients on each of three
// instances edit at random throughout. No instance exits; while Redis is away, editing on each
// instance goes on (the two clients there keep seeing each other); within a few seconds of Redis's
// return every client, every instance, a cold instance and the store hold the same map, and every
// client sees the others' presence again. Two cases: a restart (down for as long as a restart takes)
// and an outage longer than three heartbeats, after which the instances have declared each other
// gone (bus/redis.ts) and must take each other back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type Cluster, type ClusterInstance } from '../cluster/cluster';
import type { DocStore } from '../store/DocStore';
import { openPostgresStore } from '../store/postgres/store';
import { createMap, delay, waitFor } from '../testing/harness';
import { converged, everyoneSeen, isRunning, openAt, signature, storedDoc, syncBase } from './checks';
import { drive, startEditor, type Editor } from './editor';

const HEARTBEAT_MS = 250;
let cluster: Cluster;
let cold: ClusterInstance;
let store: DocStore;

beforeAll(async () => {
  cluster = await startCluster({ heartbeatMs: HEARTBEAT_MS, limits: { mapsPerMinutePerAddress: 1_000_000 } });
  cold = await cluster.addInstance();
  store = await openPostgresStore(cluster.postgresUrl, { size: 2 });
}, 60_000);

afterAll(async () => {
  await store?.close();
  await cluster?.stop();
}, 30_000);

/** Two editors on each instance (on its own address: they stay there). */
async function twoPerInstance(seed: number) {
  const map = await createMap(cluster.proxyUrl, { template: 'currentJourney' });
  const editors = cluster.instances.flatMap((instance, i) => [0, 1].map((k) => startEditor(syncBase(instance.url), map, `${instance.name}-${k}`, seed * 10 + i * 2 + k)));
  await waitFor(() => editors.every((e) => e.live), 'six clients to sync', 10_000);
  return { map, editors };
}

/** No instance process exited or was restarted. */
function allRunning(): void {
  for (const instance of cluster.instances) {
    expect(isRunning(instance), `instance ${instance.name} is running:\n${instance.output.slice(-1000)}`).toBe(true);
    expect(instance.output, `instance ${instance.name} never exited`).not.toMatch(/exited|started again/);
  }
}

/** Every client, every instance, the cold one and the store: one map, within `ms`. */
async function everythingEqual(editors: Editor[], map: { id: string; editKey: string }, ms: number, opened: { destroy(): void }[]): Promise<void> {
  const since = Date.now();
  await converged(editors, 'the six clients to converge', ms);
  const fresh = await Promise.all([...cluster.instances, cold].map((instance) => openAt(instance, map)));
  opened.push(...fresh);
  await converged(
    [editors[0]!, ...fresh.map((c, i) => ({ name: `instance ${[...cluster.instances, cold][i]!.name}`, doc: c.doc }))],
    'every instance and a cold one to hold the clients’ map',
    Math.max(0, ms - (Date.now() - since)),
  );
  await waitFor(async () => signature(await storedDoc(store, map.id)) === signature(editors[0]!.doc), 'the store to hold the clients’ map', Math.max(0, ms - (Date.now() - since)));
}

describe.sequential('Redis restarted mid-edit', () => {
  it('a restart: no instance exits, and everything converges within seconds of its return', async () => {
    const { map, editors } = await twoPerInstance(1);
    const opened: { destroy(): void }[] = [];
    try {
      const editing = drive(editors, { ms: 2_500, everyMs: 8, seed: 1 });
      await delay(800);
      await cluster.redis!.restart();
      const back = Date.now();
      expect(await editing).toBeGreaterThan(100);
      allRunning();
      await everythingEqual(editors, map, Math.max(0, 5_000 - (Date.now() - back)), opened);
    } finally {
      for (const x of [...editors, ...opened]) x.destroy();
    }
  }, 30_000);

  it('down for longer than three heartbeats: each instance edits on alone, then all converge, and presence comes back', async () => {
    const { map, editors } = await twoPerInstance(2);
    const opened: { destroy(): void }[] = [];
    try {
      await everyoneSeen(editors, 'each client to see the five others', 2_000);
      await cluster.redis!.stop();
      await drive(editors, { ms: 6 * HEARTBEAT_MS, everyMs: 8, seed: 2 });
      // Editing on each instance goes on: its two clients agree with each other.
      for (const instance of cluster.instances) {
        const pair = editors.filter((e) => e.name.startsWith(`${instance.name}-`));
        await converged(pair, `the two clients of instance ${instance.name} to agree while Redis is down`, 2_000);
      }
      await cluster.redis!.start();
      const back = Date.now();
      await drive(editors, { ms: 500, everyMs: 8, seed: 3 });
      allRunning();
      await everythingEqual(editors, map, Math.max(0, 5_000 - (Date.now() - back)), opened);
      await everyoneSeen(editors, 'each client to see the five others again after Redis returned', Math.max(2_000, 5_000 - (Date.now() - back)));
    } finally {
      for (const x of [...editors, ...opened]) x.destroy();
    }
  }, 30_000);
});

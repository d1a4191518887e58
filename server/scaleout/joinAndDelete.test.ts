// Issue 16, "Faults it must survive": joining a map while another instance writes to it at 50
// updates a second, and deleting a map. A client that joins on an instance that had not loaded the
// map (it subscribes, then loads, while the writes go on) holds, within a second of its sync, every
// update the writer had made when it synced, and within a second of the last write the same map as
// the writer. A map deleted through one instance closes its clients on every instance (4404).
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type Cluster } from '../cluster/cluster';
import { CLOSE } from '../sync/messages';
import { api, createMap, delay, nextClose, waitFor } from '../testing/harness';
import { converged, syncBase } from './checks';
import { startEditor, type Editor } from './editor';

let cluster: Cluster;

beforeAll(async () => {
  cluster = await startCluster({ heartbeatMs: 250, limits: { mapsPerMinutePerAddress: 1_000_000 } });
}, 60_000);

afterAll(async () => {
  await cluster?.stop();
}, 30_000);

const clockOf = (doc: Y.Doc, client: number) => Y.getState(doc.store, client);

describe('joining while another instance writes at 50 updates a second', () => {
  it('the newcomers on the other instances are converged within a second', async () => {
    const map = await createMap(cluster.proxyUrl, { template: 'currentJourney' });
    const [a, b, c] = cluster.instances;
    const writer = startEditor(syncBase(a!.url), map, 'writer', 1);
    const joiners: Editor[] = [];
    let writing = true;
    try {
      await waitFor(() => writer.live, 'the writer to sync', 10_000);
      let writes = 0;
      const typing = (async () => {
        const start = Date.now();
        // 50 a second, on schedule (a late tick catches up rather than drifting).
        while (writing) {
          writer.type();
          writes++;
          await delay(Math.max(0, start + writes * 20 - Date.now()));
        }
      })();
      try {
        await delay(1_000);
        joiners.push(startEditor(syncBase(b!.url), map, 'joiner-b', 2), startEditor(syncBase(c!.url), map, 'joiner-c', 3));
        await Promise.all(
          joiners.map(async (joiner) => {
            await waitFor(() => joiner.live, `${joiner.name} to sync`, 5_000);
            const target = clockOf(writer.doc, writer.doc.clientID);
            await waitFor(() => clockOf(joiner.doc, writer.doc.clientID) >= target, `${joiner.name} to hold every write made when it synced`, 1_000);
          }),
        );
        await delay(1_000);
      } finally {
        writing = false;
        await typing;
      }
      expect(writes, 'about 50 writes a second').toBeGreaterThan(75);
      await converged([writer, ...joiners], 'the newcomers to hold the writer’s map', 1_000);
    } finally {
      for (const e of [writer, ...joiners]) e.destroy();
    }
  }, 30_000);
});

describe('a map deleted through one instance', () => {
  it('closes its clients on every instance', async () => {
    const map = await createMap(cluster.proxyUrl, { template: 'currentJourney' });
    const editors = cluster.instances.map((instance, i) => startEditor(syncBase(instance.url), map, `client-${instance.name}`, 10 + i));
    try {
      await waitFor(() => editors.every((e) => e.live), 'a client on each instance to sync', 10_000);
      const closes = editors.map((e) => nextClose(e.client.provider, 3_000));
      const deleted = await api(cluster.instances[1]!.url, `/api/maps/${map.id}`, { method: 'DELETE', key: map.editKey });
      expect(deleted.status).toBe(204);
      expect((await Promise.all(closes)).map((c) => c.code)).toEqual(editors.map(() => CLOSE.notFound));
    } finally {
      for (const e of editors) e.destroy();
    }
  }, 30_000);
});

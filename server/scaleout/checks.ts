// What the scale-out fault tests compare and wait for: documents that agree (content and state
// vector), what an instance holds (a fresh client on its own address), what the store holds (read
// back through any DocStore: the tests open the PostgreSQL one), where a client landed behind the
// round-robin proxy, and whether an instance process is still alive.
import * as Y from 'yjs';
import type { Cluster, ClusterInstance } from '../cluster/cluster';
import type { DocStore } from '../store/DocStore';
import { contentOf, openClient, readyz, stateVectorOf, waitFor, type Client } from '../testing/harness';

/** The sync URL of an instance or of the proxy (both are http://host:port). */
export const syncBase = (httpUrl: string) => `${httpUrl.replace(/^http/, 'ws')}/sync`;

/** A document as the tests compare it: everything in it, and which updates it holds. */
export const signature = (doc: Y.Doc) => JSON.stringify([contentOf(doc), stateVectorOf(doc)]);

/** Waits until every document has the same signature; the failure says who differs. */
export async function converged(docs: readonly { name: string; doc: Y.Doc }[], what: string, timeoutMs: number): Promise<void> {
  try {
    await waitFor(() => docs.every((d) => signature(d.doc) === signature(docs[0]!.doc)), what, timeoutMs);
  } catch (error) {
    const first = signature(docs[0]!.doc);
    const differ = docs.filter((d) => signature(d.doc) !== first).map((d) => `${d.name} ${JSON.stringify(stateVectorOf(d.doc))}`);
    throw new Error(`${(error as Error).message}; differing from ${docs[0]!.name} ${JSON.stringify(stateVectorOf(docs[0]!.doc))}: ${differ.join(', ')}`);
  }
}

/** Waits until every editor sees the presence (name) of every other; the failure says who sees how many. */
export async function everyoneSeen(editors: readonly { name: string; seenNames(): Set<string> }[], what: string, timeoutMs: number): Promise<void> {
  try {
    await waitFor(() => editors.every((e) => e.seenNames().size === editors.length - 1), what, timeoutMs);
  } catch (error) {
    throw new Error(`${(error as Error).message}; others seen: ${editors.map((e) => `${e.name} ${e.seenNames().size}`).join(', ')}`);
  }
}

/** The map as the store holds it now: its snapshot and log, applied as a loading room applies them. */
export async function storedDoc(store: DocStore, mapId: string): Promise<Y.Doc> {
  const stored = await store.loadDoc(mapId);
  const doc = new Y.Doc();
  doc.transact(() => {
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
    for (const { update } of stored.updates) Y.applyUpdate(doc, update);
  });
  return doc;
}

/** Whether the store's copy has every update `doc` holds from its own client (nothing it typed is lost). */
export function holdsOwnEdits(stored: Y.Doc, doc: Y.Doc): boolean {
  return Y.getState(stored.store, doc.clientID) >= Y.getState(doc.store, doc.clientID);
}

/** A fresh client on one instance's own address: what that instance holds of the map. */
export function openAt(instance: ClusterInstance, map: { id: string; editKey: string }): Promise<Client> {
  return openClient(syncBase(instance.url), map.id, map.editKey);
}

/** Sync connections per instance, by their /readyz. */
export const connectionCounts = (instances: readonly ClusterInstance[]) => Promise.all(instances.map(async (i) => (await readyz(i.url)).connections));

/** Opens a client through the proxy and says on which instance it landed (one at a time: it is told
 * by which instance's connection count went up). */
export async function landOnProxy<T>(cluster: Cluster, open: () => T, isLive: (opened: T) => boolean): Promise<{ opened: T; at: number }> {
  const before = await connectionCounts(cluster.instances);
  const opened = open();
  let at = -1;
  await waitFor(
    async () => {
      if (!isLive(opened)) return false;
      const now = await connectionCounts(cluster.instances);
      at = now.findIndex((n, i) => n > before[i]!);
      return at >= 0;
    },
    'a client to land behind the proxy',
    5_000,
  );
  return { opened, at };
}

/** Whether an instance's process is running (signal 0 only checks). */
export function isRunning(instance: ClusterInstance): boolean {
  if (instance.pid === null) return false;
  try {
    process.kill(instance.pid, 0);
    return true;
  } catch {
    return false;
  }
}

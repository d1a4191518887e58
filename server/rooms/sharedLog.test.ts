// Two instances' rooms of one map, side by side in one process: one SQLite store between them (as
// PostgreSQL would be) and a bus whose messages the test can lose (testing/memoryBus.ts). What each
// room must do so that no edit is lost and both end equal: count seqs once stored, read what it
// missed from the store, store what a dead instance owed, subscribe before it loads, and never lose
// another instance's committed update to a compaction.
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { cardText } from '../../src/doc/commands';
import { readJourney } from '../../src/doc/bindDoc';
import { generateJourney } from '../../src/journey/generate';
import { hashKey, newKey, newMapId } from '../keys';
import { DEFAULT_LIMITS, type Limits } from '../limits';
import { journeyState } from '../seed';
import type { DocStore } from '../store/DocStore';
import { openSqliteStore } from '../store/sqlite';
import { holdsFor, removeTempDirs, tempDir, waitFor } from '../testing/harness';
import { MemoryHub } from '../testing/memoryBus';
import { Room, type Peer } from './room';

const open: { rooms: Room[]; stores: DocStore[] } = { rooms: [], stores: [] };
afterEach(async () => {
  for (const room of open.rooms.splice(0)) room.destroy();
  for (const store of open.stores.splice(0)) await store.close();
  removeTempDirs();
});

const LIMITS: Limits = { ...DEFAULT_LIMITS, headCheckMs: 60_000, gapWaitMs: 20 };

async function mapInStore() {
  const store = openSqliteStore(`${tempDir()}/touchpoint.sqlite`, 2);
  open.stores.push(store);
  const id = newMapId();
  await store.createMap({ id, editKeyHash: hashKey(newKey()), viewKeyHash: hashKey(newKey()), viewKey: '', createdAt: Date.now() }, journeyState(generateJourney(2, 2, 1)));
  return { store, id };
}

async function load(id: string, store: DocStore, bus: ReturnType<MemoryHub['bus']>, limits = LIMITS): Promise<Room> {
  const room = await Room.load(id, store, limits, bus);
  open.rooms.push(room);
  // As Rooms does for every loaded room.
  bus.onInstance((instance, alive) => room.instanceChanged(instance, alive));
  return room;
}

/** A client of a room: it types into the first card, and the room takes its update as from a connection. */
function clientOf(room: Room) {
  const doc = new Y.Doc();
  const peer: Peer = { send: () => {}, presenceId: doc.clientID };
  room.peers.add(peer);
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(room.doc));
  const card = [...readJourney(doc).cards.keys()].sort()[0]!;
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== 'room') Y.applyUpdate(room.doc, update, peer);
  });
  return {
    type: (text: string) => cardText(doc, card)!.insert(cardText(doc, card)!.length, text),
    card,
    clientID: doc.clientID,
    /** Its connection moves to another room: sync step 2 sends what that room lacks. */
    reconnectTo(other: Room) {
      const there: Peer = { send: () => {} };
      other.peers.add(there);
      Y.applyUpdate(other.doc, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(other.doc)), there);
    },
  };
}

const textIn = (doc: Y.Doc, card: string) => cardText(doc, card)?.toString() ?? '';

/** The map as a cold instance would load it from the store. */
async function stored(store: DocStore, id: string): Promise<Y.Doc> {
  const { snapshot, updates } = await store.loadDoc(id);
  const doc = new Y.Doc();
  if (snapshot) Y.applyUpdate(doc, snapshot);
  for (const u of updates) Y.applyUpdate(doc, u.update);
  return doc;
}

/** A store whose appends, for one instance, never finish: that instance dies inside its commit window. */
function neverCommits(inner: DocStore): DocStore & { appended: Uint8Array[] } {
  const appended: Uint8Array[] = [];
  return { ...inner, appended, append: (_, update) => (appended.push(update), new Promise<number>(() => {})) };
}
/** A store that refuses every append of one instance (its database connection is down). */
const refusesWrites = (inner: DocStore): DocStore => ({ ...inner, append: () => Promise.reject(new Error('connection refused')) });

describe('rooms of one map on two instances', () => {
  it('see each other’s typing over the bus at once, and count the seqs once they are stored', async () => {
    const { store, id } = await mapInStore();
    const hub = new MemoryHub();
    const [a, b] = [await load(id, store, hub.bus('a')), await load(id, store, hub.bus('b'))];
    const ana = clientOf(a);
    ana.type('Hello');
    await waitFor(() => textIn(b.doc, ana.card).endsWith('Hello'), 'B sees A’s typing');
    await a.flush();
    const head = await store.head(id);
    await waitFor(() => a.appliedSeq === head && b.appliedSeq === head, `both rooms at seq ${head}`);
    // Every update went out once stored, with its seq: B read nothing back.
    const sent = hub.published.map((p) => p.message).filter((m) => m.type === 'update');
    expect(sent.map((m) => m.seq)).toEqual(Array.from({ length: head! }, (_, i) => i + 1));
  });

  it('read back from the store what the bus lost: a hole is repaired when the next message shows it, a lost tail by the head check', async () => {
    const { store, id } = await mapInStore();
    const hub = new MemoryHub();
    const limits = { ...LIMITS, headCheckMs: 100 };
    const [a, b] = [await load(id, store, hub.bus('a'), limits), await load(id, store, hub.bus('b'), limits)];
    const ana = clientOf(a);
    // Everything A says about its first edit is lost.
    hub.drop = () => true;
    ana.type('lost ');
    await a.flush();
    hub.drop = () => false;
    ana.type('then heard');
    await waitFor(() => textIn(b.doc, ana.card).endsWith('lost then heard'), 'B has both edits, the first read from the store');
    // A tail lost with the bus (a Redis restart): only the head check can know.
    hub.drop = () => true;
    ana.type('!');
    await a.flush();
    await waitFor(() => textIn(b.doc, ana.card).endsWith('lost then heard!'), 'B caught up by its head check');
    expect(b.appliedSeq).toBe(await store.head(id));
  });

  it('hear of an update only once it is stored: inside its commit window nothing goes out, so a client of an instance killed then resends it', async () => {
    const { store, id } = await mapInStore();
    const hub = new MemoryHub();
    const hanging = neverCommits(store);
    const a = await load(id, hanging, hub.bus('a'));
    const b = await load(id, store, hub.bus('b'));
    const ana = clientOf(a);
    ana.type('typed inside the commit window');
    await waitFor(() => hanging.appended.length === 1, 'A handed it to the store');
    await new Promise<void>((done) => queueMicrotask(done));
    expect(hub.published.filter((p) => p.message.type === 'update')).toHaveLength(0);
    expect(textIn(b.doc, ana.card)).not.toContain('commit window');
    // A is killed; Ana's client reconnects to B, which lacks her edit: she sends it, B stores it.
    ana.reconnectTo(b);
    await b.flush();
    expect(textIn(await stored(store, id), ana.card)).toContain('typed inside the commit window');
  });

  it('store what an instance sent while its store refused writes, when that instance dies: its client, reconnecting here, resends nothing', async () => {
    const { store, id } = await mapInStore();
    const hub = new MemoryHub();
    const a = await load(id, refusesWrites(store), hub.bus('a'));
    const b = await load(id, store, hub.bus('b'));
    const ana = clientOf(a);
    ana.type('typed while the database was down');
    // A's store refuses: A sends its edit at once, without a seq; B shows it and holds it as owed.
    await waitFor(() => textIn(b.doc, ana.card).endsWith('typed while the database was down'), 'B heard it');
    expect(hub.published.some((p) => p.message.type === 'update' && p.message.seq === undefined)).toBe(true);
    expect(textIn(await stored(store, id), ana.card)).not.toContain('database was down');
    // A is killed: its heartbeat stops. Ana's client reconnects to B, which has her edit: her sync
    // sends nothing new. B alone can store it.
    hub.gone('a');
    await b.flush();
    expect(textIn(await stored(store, id), ana.card)).toContain('typed while the database was down');
  });

  it('subscribe before they load: an edit stored and published while B loads is in B when it opens', async () => {
    const { store, id } = await mapInStore();
    const hub = new MemoryHub();
    const a = await load(id, store, hub.bus('a'));
    const ana = clientOf(a);
    let release!: () => void;
    const gate = new Promise<void>((go) => (release = go));
    // B has read the map, and is still loading when A's edit is committed and announced.
    let readOnce: Awaited<ReturnType<DocStore['loadDoc']>> | null = null;
    const slowLoad: DocStore = {
      ...store,
      async loadDoc(mapId) {
        readOnce = await store.loadDoc(mapId);
        await gate;
        return readOnce;
      },
    };
    const loadingB = load(id, slowLoad, hub.bus('b'));
    await waitFor(() => readOnce !== null, 'B read the store');
    ana.type('during the load');
    await a.flush();
    release();
    const b = await loadingB;
    // At once, from what it heard while loading: no head check (every 60 s here) was needed.
    expect(textIn(b.doc, ana.card)).toContain('during the load');
    await waitFor(() => b.appliedSeq === a.appliedSeq, 'B at A’s seq');
  });

  it('never lose another instance’s stored update to a compaction of their own', async () => {
    const { store, id } = await mapInStore();
    const hub = new MemoryHub();
    const [a, b] = [await load(id, store, hub.bus('a')), await load(id, store, hub.bus('b'))];
    const ana = clientOf(a);
    const ben = clientOf(b);
    // A hears nothing of B's edit, which B stores.
    hub.drop = (_, message) => message.from === 'b';
    ben.type('Ben’s edit');
    await b.flush();
    ana.type('Ana’s edit');
    await a.flush();
    expect(textIn(a.doc, ben.card)).not.toContain('Ben’s edit');
    await a.compact();
    const cold = await stored(store, id);
    expect(textIn(cold, ben.card)).toContain('Ben’s edit');
    expect(textIn(cold, ana.card)).toContain('Ana’s edit');
    expect((await store.loadDoc(id)).updates).toHaveLength(0); // folded, not dropped
  });
});

describe('automatic versions of a map edited on two instances', () => {
  it('are kept once, by one instance, naming the editors of both', async () => {
    const { store, id } = await mapInStore();
    const hub = new MemoryHub();
    const limits = { ...LIMITS, versionQuietMs: 150, versionEveryMs: 0 };
    const [a, b] = [await load(id, store, hub.bus('a'), limits), await load(id, store, hub.bus('b'), limits)];
    const ana = clientOf(a);
    const ben = clientOf(b);
    // Their presence, as their clients announce it to their own instance (it crosses to the other).
    const announce = (room: Room, client: ReturnType<typeof clientOf>, name: string) =>
      room.presenceClocks.apply([{ clientID: client.clientID, clock: 1, state: JSON.stringify({ name }) }], null);
    announce(a, ana, 'Ana');
    announce(b, ben, 'Ben');
    await waitFor(() => a.awareness.getStates().size === 2 && b.awareness.getStates().size === 2, 'both rooms to know both names');
    ana.type('Ana was here. ');
    ben.type('Ben too. ');
    await waitFor(async () => (await store.countVersions(id)) > 0, 'a version after the quiet');
    // The other instance heard of it and keeps none of its own for the same edits.
    expect(await holdsFor(async () => (await store.countVersions(id)) === 1, 600)).toBe(true);
    const [version] = await store.versions(id);
    expect(version!.kind).toBe('auto');
    expect([...version!.editors].sort()).toEqual(['Ana', 'Ben']);
  });
});

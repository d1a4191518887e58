// A room is one map loaded in memory: its Y.Doc and awareness, the connections editing or watching
// it, and the persistence of every update it accepts. Updates are broadcast at once and appended to
// the store, whose group commit makes them durable within one commit window.
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { Bus } from '../bus';
import type { Limits } from '../limits';
import type { DocStore, StoredDoc } from '../store/DocStore';
import { awarenessMessage, syncStep2, updateMessage } from '../sync/messages';

/** What a room needs of a connection: a way to send it a message. */
export interface Peer {
  send(message: Uint8Array): void;
}

const LOADED = Symbol('loaded');
/** Updates that came from another server process through the bus: already saved over there. */
const FROM_BUS = Symbol('bus');

/** Applies a map's stored state in one transaction. Outside the constructor, so that no listener
 * closure made there keeps the stored bytes alive for as long as the room. */
function applyStored(doc: Y.Doc, stored: StoredDoc): void {
  doc.transact(() => {
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot, LOADED);
    for (const update of stored.updates) Y.applyUpdate(doc, update, LOADED);
  }, LOADED);
}

export class Room {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly peers = new Set<Peer>();
  /** Which connection speaks for each awareness client id, so that no other can take it over. */
  readonly presenceOwners = new Map<number, { isOpen(): boolean }>();
  private readonly pending = new Set<Promise<void>>();
  /** Sync step 2 for an empty state vector, while the document has not changed since. */
  private fullSync: Uint8Array | null = null;
  private appended = 0;
  private bytes = 0;
  /** Set when the store refused a write (a full disk): reported, and kept in memory meanwhile. */
  storeError: unknown = null;

  private readonly unsubscribe: () => void;

  private constructor(
    readonly id: string,
    private readonly store: DocStore,
    private readonly limits: Limits,
    private readonly bus: Bus,
    stored: StoredDoc,
  ) {
    // The server has no presence of its own.
    this.awareness.setLocalState(null);
    // The stored state goes in before any 'update' listener exists: Yjs encodes a transaction's
    // update only for its listeners, and for a loaded map that would be the whole map once more.
    applyStored(this.doc, stored);
    this.bytes = stored.bytes;
    this.appended = stored.updates.length;
    this.unsubscribe = bus.subscribe(id, (update) => Y.applyUpdate(this.doc, update, FROM_BUS));
    // Any transaction may change what the document encodes to (even one whose update waits for a
    // missing dependency, which emits no 'update'): the cached full state is dropped after each.
    this.doc.on('afterTransaction', () => {
      this.fullSync = null;
    });
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === LOADED) return;
      // Broadcast first: the peers wait on it, while the store only queues the update for its next
      // group commit.
      const message = updateMessage(update);
      for (const peer of this.peers) if (peer !== origin) peer.send(message);
      if (origin !== FROM_BUS) {
        this.persist(update);
        this.bus.publish(this.id, update);
      }
    });
    this.awareness.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
      const message = awarenessMessage(this.awareness, [...added, ...updated, ...removed]);
      // Echoed to the sender too: a lone viewer must hear something, or its client reconnects.
      for (const peer of this.peers) peer.send(message);
    });
  }

  /** Loads a stored map. Rejects (never an empty map) if its data cannot be read. */
  static async load(id: string, store: DocStore, limits: Limits, bus: Bus): Promise<Room> {
    return new Room(id, store, limits, bus, await store.loadDoc(id));
  }

  /** Sync step 2 for a client's state vector. A client that has nothing yet (a new tab) gets the
   * whole map, encoded once until the next change however many join at once. */
  syncStep2(stateVector: Uint8Array): Uint8Array {
    const empty = stateVector.byteLength === 1 && stateVector[0] === 0;
    if (!empty) return syncStep2(this.doc, stateVector);
    this.fullSync ??= syncStep2(this.doc, stateVector);
    return this.fullSync;
  }

  /** Whether accepting an update of this size would take the map past its size limit. */
  wouldExceed(updateBytes: number): boolean {
    return this.bytes + updateBytes > this.limits.maxDocBytes;
  }

  /** Updates the store refused (a full disk): kept here and written again on the next flush. */
  private unsaved: Uint8Array[] = [];

  private persist(update: Uint8Array): void {
    this.bytes += update.byteLength;
    const write = this.store.append(this.id, update).then(
      () => {
        if (!this.unsaved.length) this.storeError = null;
      },
      (error: unknown) => {
        this.storeError = error;
        this.unsaved.push(update);
        console.error(`map ${this.id}: could not save an update (kept in memory, will retry):`, error);
      },
    );
    this.pending.add(write);
    void write.finally(() => this.pending.delete(write));
    if (++this.appended >= this.limits.compactAfterUpdates) void this.compact();
  }

  /** Folds the log into one snapshot. The state is taken with no await before the store call, so it
   * includes exactly the updates the store has been given. */
  async compact(): Promise<void> {
    this.appended = 0;
    const state = Y.encodeStateAsUpdate(this.doc);
    try {
      await this.store.compact(this.id, state);
      this.bytes = state.byteLength;
    } catch (error) {
      console.error(`map ${this.id}: compaction failed:`, error);
    }
  }

  /** Resolves once every update accepted so far is durable. */
  async flush(): Promise<void> {
    await this.store.flush();
    await Promise.allSettled([...this.pending]);
    // Retry what the store refused before; a room is unloaded only once this succeeds.
    if (this.unsaved.length) {
      const retry = Y.mergeUpdates(this.unsaved);
      const writing = this.store.append(this.id, retry);
      await this.store.flush();
      await writing;
      this.unsaved = [];
      this.storeError = null;
    }
    if (this.storeError) throw this.storeError;
  }

  destroy(): void {
    this.fullSync = null;
    this.unsubscribe();
    this.awareness.destroy();
    this.doc.destroy();
  }
}

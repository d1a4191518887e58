// A room is one map loaded in memory: its Y.Doc and awareness, the connections editing or watching
// it, and the persistence of every update it accepts. Updates are broadcast at once and appended to
// the store, whose group commit makes them durable within one commit window.
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { Bus } from '../bus';
import type { Limits } from '../limits';
import type { DocStore } from '../store/DocStore';
import { awarenessMessage, updateMessage } from '../sync/messages';

/** What a room needs of a connection: a way to send it a message. */
export interface Peer {
  send(message: Uint8Array): void;
}

const LOADED = Symbol('loaded');
/** Updates that came from another server process through the bus: already saved over there. */
const FROM_BUS = Symbol('bus');

export class Room {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly peers = new Set<Peer>();
  /** Which connection speaks for each awareness client id, so that no other can take it over. */
  readonly presenceOwners = new Map<number, { isOpen(): boolean }>();
  private readonly pending = new Set<Promise<void>>();
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
  ) {
    // The server has no presence of its own.
    this.awareness.setLocalState(null);
    this.unsubscribe = bus.subscribe(id, (update) => Y.applyUpdate(this.doc, update, FROM_BUS));
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === LOADED) return;
      if (origin !== FROM_BUS) {
        this.persist(update);
        this.bus.publish(this.id, update);
      }
      const message = updateMessage(update);
      for (const peer of this.peers) if (peer !== origin) peer.send(message);
    });
    this.awareness.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
      const message = awarenessMessage(this.awareness, [...added, ...updated, ...removed]);
      // Echoed to the sender too: a lone viewer must hear something, or its client reconnects.
      for (const peer of this.peers) peer.send(message);
    });
  }

  /** Loads a stored map. Rejects (never an empty map) if its data cannot be read. */
  static async load(id: string, store: DocStore, limits: Limits, bus: Bus): Promise<Room> {
    const stored = await store.loadDoc(id);
    const room = new Room(id, store, limits, bus);
    room.doc.transact(() => {
      if (stored.snapshot) Y.applyUpdate(room.doc, stored.snapshot, LOADED);
      for (const update of stored.updates) Y.applyUpdate(room.doc, update, LOADED);
    }, LOADED);
    room.bytes = stored.bytes;
    room.appended = stored.updates.length;
    return room;
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
    this.unsubscribe();
    this.awareness.destroy();
    this.doc.destroy();
  }
}

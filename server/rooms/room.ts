// A room is one map loaded in memory: its Y.Doc and awareness, the connections editing or watching
// it, and the persistence of every update it accepts. Updates are broadcast at once and appended to
// the store, whose group commit makes them durable within one commit window. With several server
// instances, a room also follows the map's shared log (sharedLog.ts: what the other instances
// publish on the bus and store) and shares presence (remotePresence.ts); it subscribes to the map's
// channel before it loads, so that nothing stored after its load passes unseen. A map stored in an
// older version is migrated as it loads, before any client is answered (src/doc/migrations.ts), and
// the records each client's update touches are brought to the document's version.
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { MIGRATIONS, docVersion, latestVersion, migrateDoc, watchLateRecords, type Migration, type MigrationResult } from '../../src/doc/migrations';
import { MIGRATION } from '../../src/doc/origins';
import { LocalBus, type Bus, type BusMessage } from '../bus/bus';
import type { Limits } from '../limits';
import type { DocStore, StoredDoc } from '../store/DocStore';
import { applySnapshot } from '../store/integrity';
import { syncStep2, updateMessage } from '../sync/messages';
import { Presence } from './presence';
import { PresenceClocks } from './presenceClocks';
import { RemotePresence } from './remotePresence';
import { SharedLog } from './sharedLog';
import { RoomVersions } from './versions';

/** What a room needs of a connection: a way to send it a message, and to hear about saving. */
export interface Peer {
  send(message: Uint8Array): void;
  /** The awareness client id it speaks for: its own presence is not sent back to it. */
  readonly presenceId?: number | null;
  /** More of the room's updates are durable (`room.durableSeq` went up). */
  durable?(): void;
  /** The store started or stopped refusing this map's writes (`room.failing`). */
  saving?(failing: boolean): void;
  /** The document's version changed while connected (`room.schemaVersion`). */
  versionChanged?(): void;
}

/** Bytes of accepted updates not yet durable, summed over every room of one process: while a room
 * cannot save, writes that would take this past `limits.maxUnsavedBytes` are refused (4507). */
export interface UnsavedBudget {
  bytes: number;
}

const LOADED = Symbol('loaded');
/** Updates of other instances, over the bus or read back from the store: stored by them. */
const REMOTE = Symbol('remote');

/** Applies a map's stored state in one transaction. Outside the constructor, so that no listener
 * closure made there keeps the stored bytes alive for as long as the room. */
function applyStored(doc: Y.Doc, id: string, stored: StoredDoc): void {
  doc.transact(() => {
    // A snapshot that decodes to far less than its size is damaged: refused (integrity.ts).
    if (stored.snapshot) applySnapshot(doc, id, stored.snapshot, LOADED);
    for (const { update } of stored.updates) Y.applyUpdate(doc, update, LOADED);
  }, LOADED);
}

/** Migrates a loaded document, and returns what was done with the update that did it (to be
 * stored once the room's listeners exist). If a migration throws, the room is not made: nothing of
 * a half-done migration is stored or served. */
function migrateLoaded(doc: Y.Doc, migrations: readonly Migration[]): { result: MigrationResult; update: Uint8Array | null } {
  let update: Uint8Array | null = null;
  const capture = (u: Uint8Array, origin: unknown) => {
    if (origin === MIGRATION) update = u;
  };
  doc.on('update', capture);
  try {
    return { result: migrateDoc(doc, migrations), update };
  } finally {
    doc.off('update', capture);
  }
}

export class Room {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly peers = new Set<Peer>();
  readonly presence: Presence;
  /** Presence applied in the room's own clocks, so that a client that comes back is heard (presenceClocks.ts). */
  readonly presenceClocks = new PresenceClocks(this.awareness);
  /** The map's automatic versions, and who edited since the last (versions.ts). */
  readonly versions: RoomVersions;
  /** Which connection speaks for each awareness client id, so that no other can take it over. */
  readonly presenceOwners = new Map<number, { isOpen(): boolean }>();
  private readonly pending = new Set<Promise<void>>();
  /** Sync step 2 for an empty state vector, while the document has not changed since. */
  private fullSync: Uint8Array | null = null;
  private appended = 0;
  private bytes = 0;
  /** Set when the store refused a write (a full disk): reported, and kept in memory meanwhile. */
  storeError: unknown = null;
  /** Updates handed to the store so far, numbered 1, 2, …: durability is told in these numbers. */
  appendSeq = 0;
  /** Every update not yet durable: its number → its bytes, in order. */
  private readonly notDurable = new Map<number, number>();
  /** Updates the store refused (a full disk, a read-only or locked database): kept here, and
   * written again, merged, by the retry. While there are any, new updates wait with them. */
  private unsaved: { seq: number; update: Uint8Array }[] = [];
  /** Whether the store is refusing this map's writes (the peers that asked are told at once). */
  failing = false;
  /** Whether a write has been refused (4507) since the store began failing. */
  refusing = false;
  private retryDelay: number;
  private retryTimer: NodeJS.Timeout | null = null;
  private retrying: Promise<void> | null = null;
  private durableQueued = false;
  private stopped = false;

  private readonly unwatchRecords: () => void;
  /** The map's log as the instances share it, and presence across them. */
  private readonly log: SharedLog;
  private readonly remotePresence: RemotePresence;
  /** What the map's `deleted` and `comments` bus messages do (set by Rooms). */
  onControl: ((message: Extract<BusMessage, { type: 'deleted' | 'comments' }>) => void) | null = null;
  /** The last version this server's migrations know. */
  readonly latestVersion: number;
  /** What loading did to the document's version (logged). */
  readonly migration: MigrationResult;

  private constructor(
    readonly id: string,
    private readonly store: DocStore,
    private readonly limits: Limits,
    private readonly bus: Bus,
    stored: StoredDoc,
    private readonly budget: UnsavedBudget,
    migrations: readonly Migration[],
    private readonly unsubscribe: () => void,
  ) {
    this.retryDelay = limits.saveRetryMinMs;
    // The server has no presence of its own.
    this.awareness.setLocalState(null);
    // The stored state goes in before any 'update' listener exists: Yjs encodes a transaction's
    // update only for its listeners, and for a loaded map that would be the whole map once more.
    // Then the migration, before anyone is answered: its update is stored below, like any other.
    let migrated: ReturnType<typeof migrateLoaded>;
    try {
      applyStored(this.doc, id, stored);
      migrated = migrateLoaded(this.doc, migrations);
    } catch (error) {
      this.awareness.destroy(); // its timer would outlive the room that never was
      this.doc.destroy();
      throw error;
    }
    this.migration = migrated.result;
    this.latestVersion = latestVersion(migrations);
    this.bytes = stored.bytes;
    this.appended = stored.updates.length;
    this.versions = new RoomVersions(id, this.doc, this.awareness, store, limits, bus);
    this.log = new SharedLog(
      {
        id,
        store,
        bus,
        apply: (update) => Y.applyUpdate(this.doc, update, REMOTE),
        // Another instance's client edited: a change for the next version here too (versions.ts).
        edited: (update) => this.versions.changedElsewhere(update),
        // What the store holds, plus what this room has not stored yet.
        sized: (change) => (this.bytes = 'grew' in change ? this.bytes + change.grew : Math.max(this.bytes, change.read)),
        adopt: (updates) => this.persist(Y.mergeUpdates(updates)),
      },
      stored.head,
      // One instance alone has no one else's updates to look for.
      { headCheckMs: bus instanceof LocalBus ? 0 : limits.headCheckMs, gapWaitMs: limits.gapWaitMs },
    );
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
      if (origin !== REMOTE) {
        // Stored, then published to the other instances with its seq (persist).
        this.persist(update);
        // A change for the next version (another server process keeps the versions of its own).
        this.versions.changed(this.peers.has(origin as Peer) ? (origin as Peer) : null);
      }
    });
    // Presence changes go out gathered, within the map's budget, never back to their sender.
    this.presence = new Presence(this.awareness, this.peers, limits, this.presenceClocks);
    this.remotePresence = new RemotePresence(id, this.awareness, this.presenceClocks, bus);
    const { from, to, ran, newer } = this.migration;
    if (migrated.update) {
      this.persist(migrated.update);
      console.log(`map ${id}: migrated from version ${from} to ${to} (${ran.join('; ')})`);
    }
    if (newer) console.warn(`map ${id}: its document is of version ${from}, newer than this server knows (${this.latestVersion}): not served until the server is updated`);
    // An old client's records that arrive late (through a newer client) are converted as they come.
    this.unwatchRecords = watchLateRecords(this.doc, (origin) => this.peers.has(origin as Peer), migrations);
    // The version can change while clients are connected (another server instance migrated the
    // map): each connection checks whether it may stay.
    this.doc.getMap('meta').observe((event) => {
      if (event.keysChanged.has('schemaVersion')) for (const peer of [...this.peers]) peer.versionChanged?.();
    });
  }

  /** The document's version (its `meta.schemaVersion`; missing: 1). */
  get schemaVersion(): number {
    return docVersion(this.doc);
  }

  /** Loads a stored map and migrates it to the last of `migrations`. Rejects (never an empty map)
   * if its data cannot be read, or a migration fails. */
  static async load(id: string, store: DocStore, limits: Limits, bus: Bus, budget: UnsavedBudget = { bytes: 0 }, migrations: readonly Migration[] = MIGRATIONS): Promise<Room> {
    // Subscribed first: what arrives while the map loads waits, and is taken once the room exists
    // (updates already in what was loaded change nothing when applied again).
    const early: BusMessage[] = [];
    let hear = (message: BusMessage): void => {
      early.push(message);
    };
    const unsubscribe = await bus.subscribe(id, (message) => hear(message));
    let room: Room;
    try {
      room = new Room(id, store, limits, bus, await store.loadDoc(id), budget, migrations, unsubscribe);
    } catch (error) {
      unsubscribe();
      throw error;
    }
    hear = (message) => room.heard(message);
    for (const message of early) room.heard(message);
    return room;
  }

  /** A message of this map from another instance. */
  heard(message: BusMessage): void {
    if (message.type === 'awareness') this.remotePresence.heard(message);
    else if (message.type === 'update' || message.type === 'stored') this.log.heard(message);
    else if (message.type === 'version') this.versions.keptElsewhere(message.at);
    else this.onControl?.(message);
  }

  /** Another instance appeared, or is gone (its presence goes, and what it owed is stored here). */
  instanceChanged(instanceId: string, alive: boolean): void {
    this.remotePresence.instance(instanceId, alive);
    if (!alive) this.log.instanceGone(instanceId);
  }

  /** Every seq of the map's log up to this one is in the document. */
  get appliedSeq(): number {
    return this.log.applied;
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

  /** Whether a write of this size must be refused: the store cannot save, and the process already
   * holds as many unsaved bytes as it may. */
  refusesWrites(updateBytes: number): boolean {
    return this.failing && this.budget.bytes + updateBytes > this.limits.maxUnsavedBytes;
  }

  /** Whether a decoded update holds anything this map lacks: a struct past what it has, or the
   * deletion of an item it has not deleted. */
  wouldChange({ structs, ds }: ReturnType<typeof Y.decodeUpdate>): boolean {
    const { store } = this.doc;
    for (const s of structs) if (!(s instanceof Y.Skip) && s.id.clock + s.length > Y.getState(store, s.id.client)) return true;
    for (const [client, ranges] of ds.clients) {
      const known = store.clients.get(client);
      for (const { clock, len } of ranges) {
        if (!known || clock + len > Y.getState(store, client)) return true;
        for (let i = Y.findIndexSS(known, clock); i < known.length && known[i]!.id.clock < clock + len; i++) if (!known[i]!.deleted) return true;
      }
    }
    return false;
  }

  /** Whether the document holds parts of updates that wait for what it lacks (never stored until in). */
  hasPending(): boolean {
    return this.doc.store.pendingStructs !== null || this.doc.store.pendingDs !== null;
  }

  /** Every update numbered up to this one is durable (and so is everything loaded). */
  get durableSeq(): number {
    for (const seq of this.notDurable.keys()) return seq - 1;
    return this.appendSeq;
  }

  /** Stores an update of this instance's (its local number: `appendSeq`). The other instances hear
   * of it once it is stored; while the store refuses writes, at once (without a seq), so that they
   * keep seeing this instance's edits during an outage. */
  private persist(update: Uint8Array): void {
    this.bytes += update.byteLength;
    const seq = ++this.appendSeq;
    this.notDurable.set(seq, update.byteLength);
    this.budget.bytes += update.byteLength;
    // While the store refuses writes, a new one waits for the next retry with the others.
    if (this.failing) {
      this.unsaved.push({ seq, update });
      this.log.ownUnsaved(seq, update);
    } else this.write(seq, update);
    if (++this.appended >= this.limits.compactAfterUpdates) void this.compact();
  }

  private write(seq: number, update: Uint8Array): void {
    const write = this.store.append(this.id, update, { instance: this.bus.instanceId, local: seq }).then(
      (logSeq) => {
        this.saved([seq]);
        this.log.ownStored(seq, logSeq, update);
      },
      (error: unknown) => this.refused(error, [{ seq, update }]),
    );
    this.pending.add(write);
    void write.finally(() => this.pending.delete(write));
  }

  private saved(seqs: number[]): void {
    for (const seq of seqs) {
      const bytes = this.notDurable.get(seq);
      if (bytes === undefined) continue;
      this.notDurable.delete(seq);
      this.budget.bytes -= bytes;
    }
    // Once per commit, however many updates it held.
    if (this.durableQueued) return;
    this.durableQueued = true;
    queueMicrotask(() => {
      this.durableQueued = false;
      for (const peer of this.peers) peer.durable?.();
    });
  }

  private refused(error: unknown, items: { seq: number; update: Uint8Array }[]): void {
    if (this.stopped) return;
    this.unsaved.push(...items);
    for (const item of items) this.log.ownUnsaved(item.seq, item.update);
    this.storeError = error;
    if (!this.failing) {
      this.failing = true;
      console.error(`map ${this.id}: the store cannot save (updates kept in memory, clients told, retrying):`, error);
      for (const peer of this.peers) peer.saving?.(true);
    }
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (this.retryTimer || this.retrying || this.stopped || !this.unsaved.length) return;
    this.retryTimer = setTimeout(() => void this.retry(), this.retryDelay);
  }

  /** Writes every refused update again, merged into one. On success the peers hear that the map
   * saves again; on failure the next try waits twice as long (up to `saveRetryMaxMs`). */
  private retry(): Promise<void> {
    this.retrying ??= (async () => {
      if (this.retryTimer) clearTimeout(this.retryTimer);
      this.retryTimer = null;
      const items = this.unsaved.splice(0);
      if (!items.length) return;
      try {
        // One append for all of them: numbered by the last (the others' stored message names them all).
        const writing = this.store.append(this.id, Y.mergeUpdates(items.map((i) => i.update)), { instance: this.bus.instanceId, local: items[items.length - 1]!.seq });
        void this.store.flush(); // now, not at the end of the commit window
        this.log.ownRetried(items[0]!.seq, items[items.length - 1]!.seq, await writing);
      } catch (error) {
        this.unsaved.unshift(...items);
        this.storeError = error;
        this.retryDelay = Math.min(this.retryDelay * 2, this.limits.saveRetryMaxMs);
        return;
      }
      this.saved(items.map((i) => i.seq));
      this.retryDelay = this.limits.saveRetryMinMs;
      this.storeError = null;
      this.failing = false;
      this.refusing = false;
      // What arrived during the retry goes the usual way.
      for (const item of this.unsaved.splice(0)) this.write(item.seq, item.update);
      console.log(`map ${this.id}: the store saves again; every update it had kept is written`);
      for (const peer of this.peers) peer.saving?.(false);
    })().finally(() => {
      this.retrying = null;
      this.scheduleRetry();
    });
    return this.retrying;
  }

  private compacting = false;

  /** Folds the stored log into a new snapshot: the store does it off the event loop, from what it
   * has stored (never from this document), one compaction at a time per map; updates accepted
   * meanwhile stay in the log for the next. */
  async compact(): Promise<void> {
    if (this.compacting) return;
    this.compacting = true;
    this.appended = 0;
    const before = this.bytes;
    try {
      const snapshotBytes = await this.store.compact(this.id);
      // Stored now: the new snapshot, and whatever was appended since the compaction began.
      if (snapshotBytes !== null) this.bytes = snapshotBytes + (this.bytes - before);
    } catch (error) {
      console.error(`map ${this.id}: compaction failed (the stored data is kept as it was):`, error);
    } finally {
      this.compacting = false;
    }
  }

  /** Resolves once every update accepted so far is durable; rejects if the store still refuses. */
  async flush(): Promise<void> {
    await this.store.flush();
    await Promise.allSettled([...this.pending]);
    // Retry what the store refused, now; a room is unloaded only once this succeeds.
    if (this.unsaved.length) {
      await this.retry();
      await this.store.flush();
      await Promise.allSettled([...this.pending]);
    }
    if (this.unsaved.length) throw this.storeError ?? new Error('updates not saved');
    // Once the map is saved: changes not yet in a version get one before the room's memory of them
    // (who made them) goes. Not tried while the store refuses writes (the room stays, and tries later).
    await this.versions.settle().catch((error: unknown) => console.error(`map ${this.id}: the last version could not be kept:`, error));
  }

  /** No more retries (the server is stopping). */
  stopSaving(): void {
    this.versions.stop();
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  destroy(): void {
    this.stopSaving();
    for (const bytes of this.notDurable.values()) this.budget.bytes -= bytes;
    this.notDurable.clear();
    this.unsaved = [];
    this.fullSync = null;
    this.unsubscribe();
    this.log.destroy();
    this.remotePresence.destroy();
    this.unwatchRecords();
    this.presence.destroy();
    this.awareness.destroy();
    this.doc.destroy();
  }
}

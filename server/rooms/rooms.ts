// The rooms of this process: loads a map when its first client arrives (one load, however many
// arrive at once, each migrated to this server's version as it loads), and unloads it when the last
// has left for a while, only after its data is on disk. It tells every room when another instance
// appears or is gone, and hands the maps' control messages (deleted, comments) to the server.
import { MIGRATIONS, type Migration } from '../../src/doc/migrations';
import type { Bus, BusMessage } from '../bus/bus';
import type { Limits } from '../limits';
import type { DocStore, MapRecord } from '../store/DocStore';
import { Room, type UnsavedBudget } from './room';

export class Rooms {
  private readonly loaded = new Map<string, Promise<Room>>();
  private readonly idleTimers = new Map<string, NodeJS.Timeout>();
  /** The records (keys) of loaded maps, as checked when a client joined: keys never change, and a
   * deleted map's room is evicted with its record. */
  private readonly records = new Map<string, MapRecord>();
  /** Unsaved bytes of every room, against `limits.maxUnsavedBytes`. */
  readonly unsaved: UnsavedBudget = { bytes: 0 };
  private readonly stopInstances: () => void;

  constructor(
    private readonly store: DocStore,
    private readonly limits: Limits,
    private readonly bus: Bus,
    /** The migrations every map is brought through as it loads (tests inject one beyond the current version). */
    private readonly migrations: readonly Migration[] = MIGRATIONS,
    /** What another instance's `deleted` or `comments` message about a loaded map does here. */
    private readonly onControl: (mapId: string, message: Extract<BusMessage, { type: 'deleted' | 'comments' }>) => void = () => {},
  ) {
    this.stopInstances = bus.onInstance((instanceId, alive) => {
      void this.all().then((rooms) => rooms.forEach((room) => room.instanceChanged(instanceId, alive)));
    });
  }

  get size(): number {
    return this.loaded.size;
  }

  /** The loaded room of a map, loading it if needed. A failed load is forgotten, so a retry reloads. */
  open(id: string): Promise<Room> {
    this.cancelIdle(id);
    let room = this.loaded.get(id);
    if (!room) {
      room = Room.load(id, this.store, this.limits, this.bus, this.unsaved, this.migrations).then((loaded) => {
        loaded.onControl = (message) => this.onControl(id, message);
        return loaded;
      });
      this.loaded.set(id, room);
      room.catch(() => this.loaded.delete(id));
    }
    return room;
  }

  /** A loaded map's record, so that a client may rejoin it while the store cannot be read. */
  record(id: string): MapRecord | undefined {
    return this.loaded.has(id) ? this.records.get(id) : undefined;
  }

  remember(id: string, record: MapRecord): void {
    if (this.loaded.has(id)) this.records.set(id, record);
  }

  /** Called when a connection leaves: a room nobody is in unloads after the idle delay. */
  left(room: Room): void {
    if (room.peers.size > 0) return;
    this.cancelIdle(room.id);
    this.idleTimers.set(
      room.id,
      setTimeout(() => void this.unload(room), this.limits.idleUnloadMs),
    );
  }

  private cancelIdle(id: string): void {
    const timer = this.idleTimers.get(id);
    if (timer) clearTimeout(timer);
    this.idleTimers.delete(id);
  }

  private async unload(room: Room): Promise<void> {
    this.idleTimers.delete(room.id);
    try {
      await room.flush();
    } catch {
      // Keep it in memory, its updates are not on disk yet: it goes on retrying, and the next
      // unload is tried after another idle delay.
      this.left(room);
      return;
    }
    if (room.peers.size > 0 || (await this.loaded.get(room.id)) !== room) return;
    this.loaded.delete(room.id);
    this.records.delete(room.id);
    room.destroy();
  }

  /** Drops a deleted map's room, closing whoever is in it. */
  async evict(id: string, closeAll: (room: Room) => void): Promise<void> {
    const pending = this.loaded.get(id);
    this.loaded.delete(id);
    this.records.delete(id);
    this.cancelIdle(id);
    const room = await pending?.catch(() => null);
    if (room) {
      closeAll(room);
      room.destroy();
    }
  }

  /** No more save retries in any room (the server is stopping: the last flush has been tried). */
  async stopSaving(): Promise<void> {
    this.stopInstances();
    for (const room of await this.all()) room.stopSaving();
  }

  /** Every loaded room, for shutdown. */
  async all(): Promise<Room[]> {
    const settled = await Promise.allSettled(this.loaded.values());
    return settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  }
}

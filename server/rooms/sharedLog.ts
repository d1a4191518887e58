// A room's place in its map's log, when several server instances write to it (bus.ts, DocStore):
// which seqs its document holds, which updates other instances sent while their store could not save
// (owed), and the repair of anything it missed, read back from the store. Room.ts feeds it: its own
// appends (stored, or refused by the store), and every bus message of the map.
//
// - `applied`: every seq up to it is in the document; `had`: seqs beyond it that are too (their
//   update came over the bus, or was this instance's own). A hole that stays for `gapWaitMs` (bus
//   messages of two instances can arrive out of seq order) is read back with `readSince`.
// - `owed`: updates another instance published before storing them (its store was down), until its
//   `stored` message covers them; if that instance is gone first, this one stores them itself
//   (`adopt`): a client of the dead instance reconnects here and resends nothing this room already
//   has, so only this room can store it.
// - the head check: every `headCheckMs`, the store's head against `applied` catches a tail lost
//   with the bus (Redis restarted, a message dropped).
import type { Bus, BusMessage } from '../bus/bus';
import type { DocStore, StoredDoc } from '../store/DocStore';

export interface LogHost {
  readonly id: string;
  readonly store: DocStore;
  readonly bus: Bus;
  /** Applies an update read from the store or heard on the bus: into the document and to the
   * room's clients, never stored again nor published. */
  apply(update: Uint8Array): void;
  /** An update another instance's client made (heard on the bus, not read back from the store). */
  edited(update: Uint8Array): void;
  /** The map's stored size grew by this much (another instance's update), or is this much as read
   * from the store (`read`): for the map's size limit. */
  sized(change: { grew: number } | { read: number }): void;
  /** Stores updates another instance owed as this instance's own (that instance is gone). */
  adopt(updates: Uint8Array[]): void;
}

export interface SharedLogTiming {
  headCheckMs: number;
  gapWaitMs: number;
}

export class SharedLog {
  /** Every seq up to this one is in the document. */
  applied: number;
  private readonly had = new Set<number>();
  /** Other instances' updates not yet stored: instance → its local number → the update. */
  private readonly owed = new Map<string, Map<number, Uint8Array>>();
  private repairing: Promise<void> | null = null;
  private repairAgain = false;
  private gapTimer: NodeJS.Timeout | null = null;
  private readonly headTimer: NodeJS.Timeout | null;
  private stopped = false;

  constructor(
    private readonly host: LogHost,
    head: number,
    private readonly timing: SharedLogTiming,
  ) {
    this.applied = head;
    this.headTimer = timing.headCheckMs > 0 ? setInterval(() => void this.checkHead(), timing.headCheckMs) : null;
    this.headTimer?.unref();
  }

  /** This instance's update numbered `local` is stored as `seq`: the others hear it now. */
  ownStored(local: number, seq: number, update: Uint8Array): void {
    this.had.add(seq);
    this.advance();
    this.host.bus.publish(this.host.id, { type: 'update', from: this.host.bus.instanceId, local, seq, update });
  }

  /** The store cannot save this instance's update numbered `local` now: the others hear it at once,
   * without a seq, and hold it as owed. */
  ownUnsaved(local: number, update: Uint8Array): void {
    this.host.bus.publish(this.host.id, { type: 'update', from: this.host.bus.instanceId, local, update });
  }

  /** The updates numbered `firstLocal`…`lastLocal`, which the others heard without a seq, are stored
   * as `seq` (the retry's one append). */
  ownRetried(firstLocal: number, lastLocal: number, seq: number): void {
    this.had.add(seq);
    this.advance();
    this.host.bus.publish(this.host.id, { type: 'stored', from: this.host.bus.instanceId, firstLocal, lastLocal, first: seq, last: seq });
  }

  /** A message of this map from another instance. */
  heard(message: BusMessage): void {
    if (this.stopped) return;
    if (message.type === 'update' && message.seq) {
      this.host.apply(message.update);
      if (message.seq > this.applied && !this.had.has(message.seq)) {
        this.had.add(message.seq);
        this.host.sized({ grew: message.update.byteLength });
        this.host.edited(message.update);
      }
      this.settle(message.from, message.local);
      this.advance();
    } else if (message.type === 'update') {
      let owed = this.owed.get(message.from);
      if (!owed) this.owed.set(message.from, (owed = new Map()));
      owed.set(message.local, message.update);
      this.host.sized({ grew: message.update.byteLength });
      this.host.apply(message.update);
      this.host.edited(message.update);
    } else if (message.type === 'stored') {
      const owed = this.owed.get(message.from);
      let all = true;
      for (let local = message.firstLocal; local <= message.lastLocal; local++) if (!owed?.has(local)) all = false;
      this.settle(message.from, message.lastLocal);
      if (all) {
        for (let seq = message.first; seq <= message.last; seq++) if (seq > this.applied) this.had.add(seq);
        this.advance();
      } else if (message.last > this.applied) void this.repair();
    }
  }

  /** An instance is gone: what it owed is stored here. */
  instanceGone(instance: string): void {
    const owed = this.owed.get(instance);
    this.owed.delete(instance);
    if (owed?.size && !this.stopped) this.host.adopt([...owed.entries()].sort(([a], [b]) => a - b).map(([, update]) => update));
  }

  /** Reads what this room lacks from the store, one read at a time (a request meanwhile runs once more after). */
  repair(): Promise<void> {
    if (this.repairing) {
      this.repairAgain = true;
      return this.repairing;
    }
    this.repairing = (async () => {
      do {
        this.repairAgain = false;
        if (this.stopped) return;
        let read: StoredDoc;
        try {
          read = await this.host.store.readSince(this.host.id, this.applied);
        } catch (error) {
          // The store is down: the head check tries again.
          console.warn(`map ${this.host.id}: could not read the log after seq ${this.applied}:`, (error as Error).message);
          return;
        }
        if (this.stopped) return;
        this.take(read);
      } while (this.repairAgain);
    })().finally(() => {
      this.repairing = null;
    });
    return this.repairing;
  }

  /** Compares the store's head with what the document holds. */
  async checkHead(): Promise<void> {
    if (this.stopped || this.repairing) return;
    const head = await this.host.store.head(this.host.id).catch(() => undefined);
    if (head !== undefined && head > this.applied) await this.repair();
  }

  destroy(): void {
    this.stopped = true;
    if (this.headTimer) clearInterval(this.headTimer);
    if (this.gapTimer) clearTimeout(this.gapTimer);
    this.owed.clear();
  }

  private take(read: StoredDoc): void {
    if (read.snapshot) this.host.apply(read.snapshot);
    for (const u of read.updates) {
      this.host.apply(u.update);
      if (u.origin) this.settle(u.origin.instance, u.origin.local);
    }
    this.host.sized({ read: read.bytes });
    if (read.snapshot) this.applied = Math.max(this.applied, read.snapshotSeq);
    for (const u of read.updates) if (u.seq > this.applied) this.had.add(u.seq);
    this.advance();
  }

  /** Another instance's updates up to `local` are stored: not owed any more. */
  private settle(instance: string, local: number): void {
    const owed = this.owed.get(instance);
    if (!owed) return;
    for (const n of owed.keys()) if (n <= local) owed.delete(n);
  }

  private advance(): void {
    while (this.had.delete(this.applied + 1)) this.applied++;
    for (const seq of this.had) if (seq <= this.applied) this.had.delete(seq);
    if (!this.had.size) {
      if (this.gapTimer) clearTimeout(this.gapTimer);
      this.gapTimer = null;
      return;
    }
    // A hole: the message of another instance's commit may only be late; if it stays, read it.
    this.gapTimer ??= setTimeout(() => {
      this.gapTimer = null;
      if (this.had.size) void this.repair();
    }, this.timing.gapWaitMs);
  }
}

// Fan-out between server instances (processes behind one load balancer). The store (DocStore) is
// the record: every accepted update is appended there and numbered (its per-map `seq`); the bus only
// tells the other instances sooner. Its messages are hints: one that is lost, late or doubled costs
// nothing but time, since a room repairs any gap in the sequence from the store (room.ts) and a Yjs
// update applied twice changes nothing. One process needs no bus (LocalBus); several share Redis
// (redis.ts).
//
// What an instance says about one map, on that map's channel:
// - `update`: an update it accepted from its clients, with its `seq`, published only once it is
//   stored (its commit). `local` is the sender's own number for it (1, 2, … per map and instance).
//   While the store cannot save, an update goes out at once without a seq, so that editing across
//   instances goes on during the outage; a receiver holds such an update as owed until…
// - `stored`: …the sender's updates numbered `firstLocal`…`lastLocal` are stored, as seqs
//   `first`…`last` (merged into one append by the retry, they are one seq). A receiver that holds
//   every one of those updates counts those seqs as had; one that missed some reads them from the
//   store (rooms/sharedLog.ts). If the sender stops
//   beating (below) while a receiver still holds owed updates of its, the receiver stores them itself:
//   a client whose instance died reconnects elsewhere and resends nothing the new instance has.
// - `awareness`: a presence update of the sender's clients (never stored); with `ask`, the sender
//   also wants everyone's presence (it just loaded the map, or hears the receiver again after an
//   outage, and may have removed what it had).
// - `version`: the sender kept a version of the map at `at` (ms since 1970) holding every edit up to
//   then: the others, which track the same edits, keep no automatic version of their own for them
//   (rooms/versions.ts);
// - `deleted`: the map was deleted (its rooms close their clients); `comments`: its comments (or who
//   may comment: the sharing setting) changed, now at revision `rev` (its clients are told, message
//   102, and fetch them).
// Every instance beats on the bus every `heartbeatMs`; one not heard for `3 x heartbeatMs` is gone:
// its clients' presence is removed and its owed updates are stored by the others.
export type BusMessage =
  | { type: 'update'; from: string; local: number; seq?: number; update: Uint8Array }
  | { type: 'stored'; from: string; firstLocal: number; lastLocal: number; first: number; last: number }
  | { type: 'awareness'; from: string; update: Uint8Array; ask?: boolean }
  | { type: 'version'; from: string; at: number }
  | { type: 'deleted'; from: string }
  | { type: 'comments'; from: string; rev: number };

export interface Bus {
  /** This instance's id on the bus (unique per process start). */
  readonly instanceId: string;
  /** Sends a message to the other instances' rooms of a map; never to this instance (its `from` is
   * replaced by this instance's id). Never queued: while the bus is unreachable a message is dropped
   * (the store and the head check catch up). */
  publish(mapId: string, message: BusMessage): void;
  /** Listens to a map's channel. Resolves once the subscription is in place (a room subscribes
   * before it loads, so that nothing committed after its load can pass unseen); while the bus is
   * unreachable it resolves at once and the subscription is made when it returns. */
  subscribe(mapId: string, listener: (message: BusMessage) => void): Promise<() => void>;
  /** Tells when another instance appears or is gone (not heard for three heartbeats). An instance
   * beats before it publishes anything, on the same connection as its maps' messages, so that its
   * `alive` is heard before its first message. */
  onInstance(listener: (instanceId: string, alive: boolean) => void): () => void;
  close(): Promise<void>;
}

/** The single-process bus: nobody else to tell. */
export class LocalBus implements Bus {
  readonly instanceId = 'local';
  publish(): void {}
  async subscribe(): Promise<() => void> {
    return () => {};
  }
  onInstance(): () => void {
    return () => {};
  }
  async close(): Promise<void> {}
}

// Presence clocks as the room keeps them. y-protocols accepts a client's presence only with a clock
// above the last it saw of that client. A state the server removes (the client's socket closed, its
// instance is gone, it went quiet for 30 s) keeps its clock, and so does everyone told of the
// removal; the client, announcing itself again on reconnect at that same clock, would be ignored by
// the server and by them until it renews its presence (15 s later). So the room counts each client's
// clock from an offset of its own: raised above the removal when a removed client comes back, and
// kept for the room's life, so that everyone downstream (this instance's clients, the other
// instances) sees a higher clock. The client never hears its own presence back, so the offset is
// never seen by it. The same the other way: a client that reconnects removed everyone else's
// presence when its socket closed, and would ignore them at the clocks it saw; so whenever everyone's
// presence is sent to a newcomer, each clock is first raised by one (`raiseAll`).
import * as awarenessProtocol from 'y-protocols/awareness';
import { writeAwarenessUpdate, type AwarenessEntry } from '../sync/messages';

export class PresenceClocks {
  private readonly offsets = new Map<number, number>();

  constructor(private readonly awareness: awarenessProtocol.Awareness) {}

  /** Raises every present client's clock by one (its offset with it): sent to a newcomer, a state
   * is newer than any it may have seen. */
  raiseAll(): void {
    for (const id of this.awareness.getStates().keys()) {
      const meta = this.awareness.meta.get(id);
      if (!meta) continue;
      this.awareness.meta.set(id, { ...meta, clock: meta.clock + 1 });
      this.offsets.set(id, (this.offsets.get(id) ?? 0) + 1);
    }
  }

  /** Applies entries as their sender counts them (a connection, or another instance). */
  apply(entries: readonly AwarenessEntry[], origin: unknown): void {
    if (!entries.length) return;
    const shifted = entries.map((entry) => {
      let offset = this.offsets.get(entry.clientID) ?? 0;
      const known = this.awareness.meta.get(entry.clientID);
      const removed = known !== undefined && !this.awareness.states.has(entry.clientID);
      if (removed && entry.state !== 'null' && entry.clock + offset <= known.clock) {
        offset = known.clock + 1 - entry.clock;
        this.offsets.set(entry.clientID, offset);
      }
      return offset ? { ...entry, clock: entry.clock + offset } : entry;
    });
    awarenessProtocol.applyAwarenessUpdate(this.awareness, writeAwarenessUpdate(shifted), origin);
  }
}

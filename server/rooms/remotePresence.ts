// A room's presence across instances (bus.ts `awareness`): what this instance's clients say goes to
// the other instances' rooms of the map, and what theirs say comes into this room's awareness (from
// where presence.ts sends it to this instance's clients, on its budget). Each remote client id is
// remembered with its instance, so that when an instance is gone its cursors go with it. A room that
// loads, or hears an instance again after it was gone (an outage may have cut either way), sends
// everyone here and asks for everyone there (`ask`); an instance heard on this map for the first
// time is sent everyone too. So a client sees the others at once rather than at their next renewal
// (15 s).
import * as awarenessProtocol from 'y-protocols/awareness';
import type { Bus, BusMessage } from '../bus/bus';
import { readAwarenessUpdate, type AwarenessEntry } from '../sync/messages';
import type { PresenceClocks } from './presenceClocks';

/** The origin of presence applied from the bus. */
export const REMOTE_PRESENCE = Symbol('remote presence');


export class RemotePresence {
  /** Instance → the client ids it spoke for on this map. */
  private readonly remote = new Map<string, Set<number>>();
  private readonly onUpdate = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
    if (origin === REMOTE_PRESENCE) return;
    const changed = [...added, ...updated, ...removed].filter((id) => !this.isRemote(id));
    if (changed.length) this.publish(changed);
  };

  constructor(
    private readonly mapId: string,
    private readonly awareness: awarenessProtocol.Awareness,
    private readonly clocks: PresenceClocks,
    private readonly bus: Bus,
  ) {
    awareness.on('update', this.onUpdate);
    // Just loaded: whoever is on this map elsewhere, tell us.
    this.publish([], true);
  }

  heard(message: Extract<BusMessage, { type: 'awareness' }>): void {
    let entries: AwarenessEntry[];
    try {
      entries = readAwarenessUpdate(message.update);
    } catch {
      return; // Malformed: another instance's bug must not break this room.
    }
    let known = this.remote.get(message.from);
    const firstWord = !known;
    if (!known) this.remote.set(message.from, (known = new Set()));
    for (const { clientID } of entries) known.add(clientID);
    this.clocks.apply(entries, REMOTE_PRESENCE);
    if (firstWord || message.ask) this.sendEveryone();
  }

  /** Another instance appeared (send it everyone here) or is gone (its clients' presence goes). */
  instance(instanceId: string, alive: boolean): void {
    if (alive) return this.sendEveryone(true);
    const ids = this.remote.get(instanceId);
    this.remote.delete(instanceId);
    if (ids?.size) awarenessProtocol.removeAwarenessStates(this.awareness, [...ids].filter((id) => this.awareness.getStates().has(id)), REMOTE_PRESENCE);
  }

  destroy(): void {
    this.awareness.off('update', this.onUpdate);
    this.remote.clear();
  }

  private isRemote(id: number): boolean {
    for (const ids of this.remote.values()) if (ids.has(id)) return true;
    return false;
  }

  private sendEveryone(ask = false): void {
    const here = [...this.awareness.getStates().keys()].filter((id) => !this.isRemote(id));
    if (here.length || ask) this.publish(here, ask);
  }

  private publish(ids: number[], ask = false): void {
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids);
    this.bus.publish(this.mapId, { type: 'awareness', from: this.bus.instanceId, update, ...(ask && { ask }) });
  }
}

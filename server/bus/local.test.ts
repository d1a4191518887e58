// The single-process bus (bus.ts LocalBus), against what the rooms rely on from any bus: a
// subscription in place before a room loads, nothing of its own heard back, no instance events, a
// close that resolves; and a room on it never polls the store for other instances' updates.
import { afterEach, describe, expect, it } from 'vitest';
import { hashKey, newKey, newMapId } from '../keys';
import { DEFAULT_LIMITS } from '../limits';
import { Room } from '../rooms/room';
import { journeyState } from '../seed';
import type { DocStore } from '../store/DocStore';
import { openSqliteStore } from '../store/sqlite';
import { holdsFor, removeTempDirs, tempDir } from '../testing/harness';
import { generateJourney } from '../../src/journey/generate';
import { LocalBus, type Bus, type BusMessage } from './bus';

const stores: DocStore[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  removeTempDirs();
});

describe('LocalBus', () => {
  it('subscribes at once, never hears its own messages, tells of no instance, and closes', async () => {
    const bus: Bus = new LocalBus();
    const heard: BusMessage[] = [];
    const instances: string[] = [];
    const unsubscribe = await bus.subscribe('map', (m) => heard.push(m));
    const stop = bus.onInstance((id) => instances.push(id));
    for (const message of [
      { type: 'update', from: bus.instanceId, local: 1, seq: 1, update: new Uint8Array([1]) },
      { type: 'awareness', from: bus.instanceId, update: new Uint8Array([0]) },
      { type: 'deleted', from: bus.instanceId },
    ] satisfies BusMessage[])
      bus.publish('map', message);
    await Promise.resolve();
    expect(heard).toEqual([]);
    expect(instances).toEqual([]);
    unsubscribe();
    stop();
    await expect(bus.close()).resolves.toBeUndefined();
  });

  it('a room on it never asks the store for another instance’s updates', async () => {
    const store = openSqliteStore(`${tempDir()}/touchpoint.sqlite`, 2);
    stores.push(store);
    const id = newMapId();
    await store.createMap({ id, editKeyHash: hashKey(newKey()), viewKeyHash: hashKey(newKey()), viewKey: '', createdAt: Date.now() }, journeyState(generateJourney(2, 2, 1)));
    let asked = 0;
    const counting: DocStore = { ...store, head: (mapId) => (asked++, store.head(mapId)), readSince: (mapId, seq) => (asked++, store.readSince(mapId, seq)) };
    const room = await Room.load(id, counting, { ...DEFAULT_LIMITS, headCheckMs: 10 }, new LocalBus());
    try {
      expect(await holdsFor(() => asked === 0, 200)).toBe(true);
    } finally {
      room.destroy();
    }
  });
});

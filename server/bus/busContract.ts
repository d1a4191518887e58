// What the rooms rely on from a bus that joins several instances (bus.ts), as one suite that every
// such bus runs: redis.contract.test.ts. (LocalBus has nobody to tell: local.test.ts checks what of
// this applies to one process.)
// `open` starts one more instance on the shared medium; the suite closes every one it opened.
//
// "Did not arrive" is shown without sleeping: a later marker message arrives at the same receiver,
// and a bus delivers to one receiver in the order it accepted the messages (Redis pub/sub does).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { waitFor } from '../testing/harness';
import type { Bus, BusMessage } from './bus';

export interface BusUnderTest {
  /** The heartbeat the instances were opened with: short, so that "gone" is seen quickly. */
  heartbeatMs: number;
  open(): Promise<Bus>;
}

/** What a listener received, in order. */
function inbox() {
  const got: BusMessage[] = [];
  return { got, listener: (message: BusMessage) => void got.push(message) };
}

const DELIVERY_MS = 2_000;
const delivered = (box: ReturnType<typeof inbox>, count: number, what: string) => waitFor(() => box.got.length >= count, what, DELIVERY_MS);

export function busContract(name: string, bus: BusUnderTest): void {
  describe(`${name} bus contract`, () => {
    const opened: Bus[] = [];
    const open = async () => {
      const instance = await bus.open();
      opened.push(instance);
      return instance;
    };
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((instance) => instance.close()));
    });

    it('brings every kind of message to the other instances’ listeners of its map, and to no one else', async () => {
      const [a, b, c] = await Promise.all([open(), open(), open()]);
      const [aOwn, bMap, bOtherMap, cMap] = [inbox(), inbox(), inbox(), inbox()];
      await Promise.all([
        a.subscribe('map-1', aOwn.listener),
        b.subscribe('map-1', bMap.listener),
        b.subscribe('map-2', bOtherMap.listener),
        c.subscribe('map-1', cMap.listener),
      ]);
      const sent: BusMessage[] = [
        { type: 'update', from: a.instanceId, local: 1, update: new Uint8Array([1, 2, 3]) },
        { type: 'update', from: a.instanceId, local: 2, seq: 42, update: new Uint8Array([4]) },
        { type: 'stored', from: a.instanceId, firstLocal: 1, lastLocal: 1, first: 41, last: 41 },
        { type: 'version', from: a.instanceId, at: 1_796_000_000_000 },
        { type: 'awareness', from: a.instanceId, update: new Uint8Array([9, 8]) },
        { type: 'comments', from: a.instanceId, rev: 1 },
        { type: 'deleted', from: a.instanceId },
      ];
      for (const message of sent) a.publish('map-1', message);
      await Promise.all([delivered(bMap, sent.length, 'B to hear A'), delivered(cMap, sent.length, 'C to hear A')]);
      expect(bMap.got).toEqual(sent);
      expect(cMap.got).toEqual(sent);

      const marker: BusMessage = { type: 'comments', from: c.instanceId, rev: 1 };
      c.publish('map-1', marker);
      c.publish('map-2', marker);
      await Promise.all([delivered(aOwn, 1, 'A to hear C'), delivered(bOtherMap, 1, 'B to hear C on map-2')]);
      expect(aOwn.got).toEqual([marker]);
      expect(bOtherMap.got).toEqual([marker]);
    });

    it('subscribes before it resolves: a message sent right after is heard', async () => {
      const [a, b] = await Promise.all([open(), open()]);
      const boxes = Array.from({ length: 10 }, inbox);
      for (const [index, box] of boxes.entries()) {
        await b.subscribe(`fresh-${index}`, box.listener);
        a.publish(`fresh-${index}`, { type: 'update', from: a.instanceId, local: index, update: new Uint8Array([index]) });
      }
      // Two rooms of one process subscribing at once share one subscription: both resolve when it is in place.
      const [first, second] = [inbox(), inbox()];
      await Promise.all([b.subscribe('shared', first.listener), b.subscribe('shared', second.listener)]);
      a.publish('shared', { type: 'deleted', from: a.instanceId });

      await Promise.all([...boxes, first, second].map((box, index) => delivered(box, 1, `message ${index}`)));
      expect(boxes.map((box) => box.got)).toEqual(boxes.map((_, index) => [{ type: 'update', from: a.instanceId, local: index, update: new Uint8Array([index]) }]));
      expect([first.got, second.got]).toEqual([[{ type: 'deleted', from: a.instanceId }], [{ type: 'deleted', from: a.instanceId }]]);
    });

    it('stops delivering to a listener once it unsubscribes, and keeps delivering to the others of its map', async () => {
      const [a, b] = await Promise.all([open(), open()]);
      const [left, stays, marker] = [inbox(), inbox(), inbox()];
      const leave = await b.subscribe('map', left.listener);
      const leaveToo = await b.subscribe('map', stays.listener);
      await b.subscribe('marker', marker.listener);
      leave();
      a.publish('map', { type: 'comments', from: a.instanceId, rev: 1 });
      await delivered(stays, 1, 'the remaining listener to hear');
      expect(left.got).toEqual([]);

      leaveToo();
      a.publish('map', { type: 'deleted', from: a.instanceId });
      a.publish('marker', { type: 'comments', from: a.instanceId, rev: 1 });
      await delivered(marker, 1, 'the marker');
      expect([left.got.length, stays.got.length]).toEqual([0, 1]);

      // The map's channel, left by its last listener, can be listened to again.
      const back = inbox();
      await b.subscribe('map', back.listener);
      a.publish('map', { type: 'comments', from: a.instanceId, rev: 1 });
      await delivered(back, 1, 'the new listener to hear');
    });

    it('keeps delivering to the other listeners when one throws', async () => {
      const [a, b] = await Promise.all([open(), open()]);
      const box = inbox();
      await b.subscribe('map', () => {
        throw new Error('a room’s bug');
      });
      await b.subscribe('map', box.listener);
      const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
      try {
        a.publish('map', { type: 'comments', from: a.instanceId, rev: 1 });
        a.publish('map', { type: 'deleted', from: a.instanceId });
        await delivered(box, 2, 'both messages despite the failing listener');
        expect(logged).toHaveBeenCalledTimes(2);
      } finally {
        logged.mockRestore();
      }
    });

    it('tells when another instance appears, and when it is gone three heartbeats after it stopped', async () => {
      const [a, b] = await Promise.all([open(), open()]);
      const events: [string, boolean][] = [];
      const removed: [string, boolean][] = [];
      b.onInstance((id, alive) => events.push([id, alive]));
      const stopListening = b.onInstance((id, alive) => removed.push([id, alive]));
      const d = await open();
      await waitFor(() => events.some(([id]) => id === d.instanceId), 'D to be seen alive', DELIVERY_MS);
      stopListening();

      const closedAt = Date.now();
      await d.close();
      await waitFor(() => events.some(([id, alive]) => id === d.instanceId && !alive), 'D to be seen gone', 3 * bus.heartbeatMs + DELIVERY_MS);
      expect(Date.now() - closedAt).toBeGreaterThanOrEqual(2 * bus.heartbeatMs);
      expect(events.filter(([id]) => id === d.instanceId)).toEqual([[d.instanceId, true], [d.instanceId, false]]);
      expect(removed.filter(([id]) => id === d.instanceId)).toEqual([[d.instanceId, true]]);
      // A, still beating, was never taken for gone; B never reports itself.
      expect(events.filter(([id, alive]) => id === a.instanceId && !alive)).toEqual([]);
      expect(events.filter(([id]) => id === b.instanceId)).toEqual([]);
    });
  });
}

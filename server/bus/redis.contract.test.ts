// The Redis bus against a private redis-server: the bus contract (busContract.ts), then what only a
// bus over a separate server has to survive: Redis restarted under it, messages it cannot read, and
// one Redis subscription per map however many rooms listen.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createClient } from 'redis';
import { holdsFor, waitFor, within } from '../testing/harness';
import { startTestRedis, type TestRedis } from '../testing/redis';
import type { Bus, BusMessage } from './bus';
import { busContract } from './busContract';
import { BUS_PROTOCOL_VERSION, encodeBusMessage } from './codec';
import { openRedisBus } from './redis';

const HEARTBEAT_MS = 100;
let redis: TestRedis;
beforeAll(async () => {
  redis = await startTestRedis();
});
afterAll(() => redis?.stop());

busContract('Redis', { heartbeatMs: HEARTBEAT_MS, open: () => openRedisBus(redis.url, { heartbeatMs: HEARTBEAT_MS }) });

describe('Redis bus', () => {
  const opened: Bus[] = [];
  const open = async () => {
    const bus = await openRedisBus(redis.url, { heartbeatMs: HEARTBEAT_MS });
    opened.push(bus);
    return bus;
  };
  afterEach(async () => {
    vi.restoreAllMocks();
    await redis.start();
    await Promise.all(opened.splice(0).map((bus) => bus.close()));
  });

  /** Redis's own count of connections subscribed to a map's channel. */
  async function subscribers(mapId: string): Promise<number> {
    const client = createClient({ url: redis.url });
    await client.connect();
    try {
      const reply = (await client.sendCommand(['PUBSUB', 'NUMSUB', `tp:map:${mapId}`])) as [string, number];
      return Number(reply[1]);
    } finally {
      client.destroy();
    }
  }

  it('holds one Redis subscription per map in a process, and leaves it with the last listener', async () => {
    const b = await open();
    const leave = await Promise.all([b.subscribe('map', () => {}), b.subscribe('map', () => {}), b.subscribe('map', () => {})]);
    expect(await subscribers('map')).toBe(1);
    leave[0]();
    leave[1]();
    expect(await subscribers('map')).toBe(1);
    leave[2]();
    await waitFor(async () => (await subscribers('map')) === 0, 'the channel to be left');
  });

  it('survives a Redis restart: nothing thrown, what is sent meanwhile dropped, then delivery resumes and instances are seen again', async () => {
    const outages = vi.spyOn(console, 'error').mockImplementation(() => {});
    const returns = vi.spyOn(console, 'log').mockImplementation(() => {});
    const [a, b] = await Promise.all([open(), open()]);
    const instances: [string, boolean][] = [];
    b.onInstance((id, alive) => instances.push([id, alive]));
    const heard: BusMessage[] = [];
    await b.subscribe('map', (message) => heard.push(message));
    a.publish('map', { type: 'update', from: a.instanceId, local: 1, update: new Uint8Array([1]) });
    await waitFor(() => heard.length === 1 && instances.length === 1, 'A heard before the outage', 2_000);

    await redis.stop();
    // Cut off, B hears nobody: after three heartbeats A is gone for it.
    await waitFor(() => instances.some(([, alive]) => !alive), 'A to be gone for B', 3 * HEARTBEAT_MS + 2_000);
    a.publish('map', { type: 'update', from: a.instanceId, local: 2, update: new Uint8Array([2]) });
    const later: BusMessage[] = [];
    // A room opened during the outage subscribes at once; its subscription is made when Redis returns.
    await within(b.subscribe('opened-meanwhile', (message) => later.push(message)), 1_000, 'a subscription while Redis is down');

    await redis.start();
    const back = Date.now();
    let local = 3;
    await waitFor(() => {
      a.publish('map', { type: 'update', from: a.instanceId, local: local++, update: new Uint8Array([3]) });
      a.publish('opened-meanwhile', { type: 'comments', from: a.instanceId, rev: 1 });
      return heard.length > 1 && later.length > 0;
    }, 'delivery to resume after Redis returned', 3_000);
    expect(Date.now() - back).toBeLessThan(2_500);
    expect(heard.map((message) => message.type === 'update' && message.local)).not.toContain(2);
    await waitFor(() => instances.filter(([id]) => id === a.instanceId).length === 3, 'A to be alive again for B', 2_000);
    expect(instances).toEqual([[a.instanceId, true], [a.instanceId, false], [a.instanceId, true]]);
    // Each bus said once that Redis was gone and once that it was back, however many retries it took.
    const said = (spy: typeof outages, words: string) => spy.mock.calls.filter(([line]) => String(line).includes(words)).length;
    expect(said(outages, 'cannot reach Redis')).toBe(2);
    expect(said(returns, 'reachable again')).toBe(2);
  });

  it('does not take the others for gone after its own process stalled', async () => {
    const [a, b] = await Promise.all([open(), open()]);
    const events: [string, boolean][] = [];
    b.onInstance((id, alive) => events.push([id, alive]));
    await waitFor(() => events.length > 0, 'B to hear A', 2_000);
    // A long synchronous task (a huge map's load): A's beats wait unread in B's socket meanwhile.
    const until = Date.now() + 6 * HEARTBEAT_MS;
    while (Date.now() < until);
    expect(await holdsFor(() => events.length === 1, 4 * HEARTBEAT_MS)).toBe(true);
    expect(events).toEqual([[a.instanceId, true]]);
  });

  it('ignores what it cannot read on a map’s channel: a newer protocol version, garbage', async () => {
    const b = await open();
    const heard: BusMessage[] = [];
    await b.subscribe('map', (message) => heard.push(message));
    const raw = createClient({ url: redis.url });
    await raw.connect();
    try {
      const newer = encodeBusMessage({ type: 'comments', from: 'newer', rev: 1 });
      newer[0] = BUS_PROTOCOL_VERSION + 1;
      await raw.publish('tp:map:map', Buffer.from(newer));
      await raw.publish('tp:map:map', Buffer.from([0xff, 0x00, 0x13]));
      await raw.publish('tp:map:map', Buffer.from(encodeBusMessage({ type: 'deleted', from: 'current' })));
    } finally {
      raw.destroy();
    }
    await waitFor(() => heard.length > 0, 'the readable message', 2_000);
    expect(heard).toEqual([{ type: 'deleted', from: 'current' }]);
  });

  it('starts while Redis is down and joins when it returns', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.spyOn(console, 'log').mockImplementation(() => {});
    const a = await open();
    const seen: string[] = [];
    a.onInstance((id, alive) => alive && seen.push(id));
    await redis.stop();
    const late = await within(open(), 2_000, 'an instance to start without Redis');
    const heard: BusMessage[] = [];
    await within(late.subscribe('map', (message) => heard.push(message)), 1_000, 'a subscription while Redis is down');
    await redis.start();
    await waitFor(() => {
      a.publish('map', { type: 'comments', from: a.instanceId, rev: 1 });
      return heard.length > 0 && seen.includes(late.instanceId);
    }, 'the late instance to join', 3_000);
  });

  it('makes a subscription whose confirmation was lost with the connection when Redis returns', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.spyOn(console, 'log').mockImplementation(() => {});
    const [a, b] = await Promise.all([open(), open()]);
    redis.freeze();
    const heard: BusMessage[] = [];
    const subscribed = b.subscribe('map', (message) => heard.push(message));
    await redis.stop();
    await within(subscribed, 2_000, 'the subscription to resolve once the connection dropped');
    await redis.start();
    await waitFor(() => {
      a.publish('map', { type: 'comments', from: a.instanceId, rev: 1 });
      return heard.length > 0;
    }, 'delivery on that subscription', 3_000);
  });

  it('closes within a bounded time while Redis hangs or is down', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const [hung, down] = await Promise.all([open(), open()]);
    await Promise.all([hung.subscribe('map', () => {}), down.subscribe('map', () => {})]);
    redis.freeze();
    hung.publish('map', { type: 'comments', from: hung.instanceId, rev: 1 });
    await within(hung.close(), 1_500, 'close while Redis hangs');
    await redis.stop();
    down.publish('map', { type: 'comments', from: down.instanceId, rev: 1 });
    await within(down.close(), 500, 'close without Redis');
  });
});

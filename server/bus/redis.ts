// The bus between server instances over Redis pub/sub (bus.ts says what travels and why losing it
// costs only time). Each map has its channel, `tp:map:<id>`, subscribed once per process however many
// rooms and listeners of it there are, and left when the last listener goes; `tp:instances` carries
// the heartbeats: each instance publishes its id every `heartbeatMs`. Messages are codec.ts bytes;
// a beat is just the id (UTF-8), so that any release can tell any other is alive.
//
// Two connections, since one in subscriber mode cannot publish: the publisher never queues (a
// message that cannot be sent now is dropped, not delivered stale after an outage), the subscriber
// does queue its SUBSCRIBEs, so a room that subscribes while Redis is down is subscribed when it
// returns. Both reconnect for ever with a short capped backoff, so the bus is back within a second or
// two of Redis; node-redis then re-subscribes the channels it had confirmed, and on every `ready`
// this bus re-subscribes any it wants that node-redis lost (one whose SUBSCRIBE was in flight when
// the connection dropped). An outage is logged once when it starts and once when it ends, never
// thrown: nothing but the bus depends on Redis.
//
// Heartbeats while this instance is cut off from Redis: it hears nobody, and it cannot tell its own
// outage from the others' deaths, so after 3 missed beats it declares every other instance gone, as
// if they had died. That is the safe side: their presence is removed here (their users' cursors
// vanish for a while), and the updates of theirs this instance still holds as owed are stored by it
// (a duplicate of what they store themselves costs a log entry, never content). On their first beat
// after Redis returns they are declared alive again, and the rooms send them their presence anew.
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import type { Bus, BusMessage } from './bus';
import { decodeBusMessage, encodeBusMessage } from './codec';

export interface RedisBusOptions {
  heartbeatMs?: number;
  /** Defaults to host name, process id and a random part: unique per process start. */
  instanceId?: string;
}

type Client = ReturnType<typeof createClient>;
type Listener = (message: BusMessage) => void;
interface MapChannel {
  listeners: Set<Listener>;
  /** Settles once Redis confirmed the SUBSCRIBE (at once while Redis is down). */
  active: Promise<void>;
  onMessage: (payload: Buffer) => void;
}

const INSTANCES = 'tp:instances';
const mapChannel = (mapId: string) => `tp:map:${mapId}`;
/** Reconnection waits 50 ms, doubling up to this: a restarted Redis is found again within ~1 s. */
const MAX_RECONNECT_WAIT_MS = 1_000;
const CONNECT_TIMEOUT_MS = 2_000;
/** How long close() waits for Redis to acknowledge before cutting the connections. */
const CLOSE_WAIT_MS = 1_000;

const ignore = () => {};

/** Connects to Redis; resolves when both connections are up or the first attempt failed (the bus then
 * works as an outage would, and joins when Redis can be reached). */
export async function openRedisBus(url: string, options: RedisBusOptions = {}): Promise<Bus> {
  const bus = new RedisBus(url, options.heartbeatMs ?? 1_000, options.instanceId ?? `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`);
  await bus.start();
  return bus;
}

class RedisBus implements Bus {
  private readonly publisher: Client;
  private readonly subscriber: Client;
  private readonly channels = new Map<string, MapChannel>();
  /** Other instances heard, and when they were last heard (ms since epoch). */
  private readonly instances = new Map<string, number>();
  private readonly instanceListeners = new Set<(instanceId: string, alive: boolean) => void>();
  private readonly timers: NodeJS.Timeout[] = [];
  private lastSweep = 0;
  /** Connections currently failing, to say so once per outage. */
  private readonly failing = new Set<Client>();
  private closed = false;

  constructor(
    private readonly url: string,
    private readonly heartbeatMs: number,
    readonly instanceId: string,
  ) {
    const socket = { connectTimeout: CONNECT_TIMEOUT_MS, reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, MAX_RECONNECT_WAIT_MS) };
    this.publisher = createClient({ url, disableOfflineQueue: true, socket });
    // The subscriber hears this instance's own beats, so a silence of several beats means its
    // connection is dead even though no socket error said so (a hung Redis or a lost route).
    this.subscriber = this.publisher.duplicate({ disableOfflineQueue: false, socket: { ...socket, socketTimeout: Math.max(5 * heartbeatMs, 5_000) } });
    for (const client of [this.publisher, this.subscriber]) {
      client.on('error', (error: Error) => this.onError(client, error));
      client.on('ready', () => this.onReady(client));
    }
  }

  async start(): Promise<void> {
    const connected = Promise.all([this.publisher.connect(), this.subscriber.connect()]);
    connected.catch(ignore); // rejects only when closed before ever reaching Redis
    const failedOnce = new Promise<void>((done) => {
      this.publisher.once('error', () => done());
      this.subscriber.once('error', () => done());
    });
    await Promise.race([connected, failedOnce]);
    this.beat();
    this.lastSweep = Date.now();
    this.timers.push(
      setInterval(() => this.beat(), this.heartbeatMs),
      setInterval(() => this.sweep(), this.heartbeatMs / 2),
    );
  }

  publish(mapId: string, message: BusMessage): void {
    // Signed with this instance's id whatever the caller put there: receivers drop their own by it.
    this.send(mapChannel(mapId), encodeBusMessage({ ...message, from: this.instanceId }));
  }

  async subscribe(mapId: string, listener: Listener): Promise<() => void> {
    let entry = this.channels.get(mapId);
    if (!entry) {
      const listeners = new Set<Listener>();
      const onMessage = (payload: Buffer) => {
        if (this.channels.get(mapId)?.listeners !== listeners) return; // a subscription left since
        const message = decodeBusMessage(payload);
        if (!message || message.from === this.instanceId) return;
        for (const each of [...listeners]) this.deliver(() => each(message), `map ${mapId}`);
      };
      entry = { listeners, onMessage, active: this.listen(mapChannel(mapId), onMessage) };
      this.channels.set(mapId, entry);
    }
    // Wrapped: one function subscribed twice is two subscriptions, each ended by its own unsubscribe.
    const own = (message: BusMessage) => listener(message);
    entry.listeners.add(own);
    await entry.active;
    const channel = entry;
    return () => {
      if (!channel.listeners.delete(own) || channel.listeners.size > 0 || this.channels.get(mapId) !== channel) return;
      this.channels.delete(mapId);
      if (!this.closed) this.subscriber.unsubscribe(mapChannel(mapId)).catch(ignore);
    };
  }

  onInstance(listener: (instanceId: string, alive: boolean) => void): () => void {
    const own = (instanceId: string, alive: boolean) => listener(instanceId, alive);
    this.instanceListeners.add(own);
    return () => void this.instanceListeners.delete(own);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const timer of this.timers) clearInterval(timer);
    this.channels.clear();
    this.instanceListeners.clear();
    // Closing the subscriber's connection leaves every channel at once.
    await Promise.all([this.publisher, this.subscriber].map(async (client) => {
      if (client.isReady) await Promise.race([client.close(), new Promise((done) => setTimeout(done, CLOSE_WAIT_MS).unref())]);
      client.destroy();
    }));
  }

  /** Subscribes a channel; resolves once Redis confirmed it, or at once while Redis is down (the
   * subscription is then made when it returns). */
  private async listen(channel: string, onMessage: (payload: Buffer) => void): Promise<void> {
    const subscribed = this.subscriber.subscribe(channel, onMessage, true);
    if (!this.subscriber.isReady) {
      subscribed.catch(ignore);
      return;
    }
    // Rejected only if the connection drops before Redis answers: onReady subscribes it again.
    await subscribed.catch(ignore);
  }

  private send(channel: string, payload: Uint8Array | string): void {
    if (this.closed || !this.publisher.isReady) return;
    const bytes = typeof payload === 'string' ? payload : Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
    this.publisher.publish(channel, bytes).catch(ignore);
  }

  private beat(): void {
    this.send(INSTANCES, this.instanceId);
  }

  private readonly onBeat = (payload: Buffer): void => {
    const instanceId = payload.toString('utf8');
    if (instanceId === this.instanceId || this.closed) return;
    const known = this.instances.has(instanceId);
    this.instances.set(instanceId, Date.now());
    if (!known) this.tellInstance(instanceId, true);
  };

  private sweep(): void {
    // A sweep that runs late means this process was stalled (a long load, a GC): the beats that came
    // meanwhile wait unread in the socket, so judge only at the next sweep, once they are read.
    const now = Date.now();
    const stalled = now - this.lastSweep > this.heartbeatMs;
    this.lastSweep = now;
    if (stalled) return;
    const deadline = now - 3 * this.heartbeatMs;
    for (const [instanceId, heard] of this.instances) {
      if (heard >= deadline) continue;
      this.instances.delete(instanceId);
      this.tellInstance(instanceId, false);
    }
  }

  private tellInstance(instanceId: string, alive: boolean): void {
    for (const listener of [...this.instanceListeners]) this.deliver(() => listener(instanceId, alive), `instance ${instanceId}`);
  }

  /** Runs a listener: one that throws must not break the others, nor node-redis, which would drop its
   * connection for an exception thrown while it parses a message. */
  private deliver(call: () => void, what: string): void {
    try {
      call();
    } catch (error) {
      console.error(`Redis bus: a listener failed on a message about ${what}:`, error);
    }
  }

  private onError(client: Client, error: Error): void {
    if (this.closed) return;
    if (client.isReady) {
      console.error('Redis bus:', error);
      return;
    }
    if (this.failing.size === 0) {
      console.error(`Redis bus: cannot reach Redis at ${new URL(this.url).host} (${error.message || ((error as NodeJS.ErrnoException).code ?? error.name)}); messages between instances are dropped until it returns, retrying`);
    }
    this.failing.add(client);
  }

  private onReady(client: Client): void {
    // The heartbeat channel is subscribed here too, on the first connection as on every later one.
    if (client === this.subscriber) {
      const subscribed = this.subscriber.getPubSubListeners('CHANNELS');
      for (const [mapId, channel] of this.channels) {
        if (!subscribed.has(mapChannel(mapId))) this.subscriber.subscribe(mapChannel(mapId), channel.onMessage, true).catch(ignore);
      }
      if (!subscribed.has(INSTANCES)) this.subscriber.subscribe(INSTANCES, this.onBeat, true).catch(ignore);
    }
    if (!this.failing.delete(client) || this.failing.size > 0) return;
    console.log(`Redis bus: Redis at ${new URL(this.url).host} is reachable again`);
    this.beat();
  }
}

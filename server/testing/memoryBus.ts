// Several instances' buses in one process, for tests of rooms that share a store: what one
// publishes reaches the others' listeners of that map (after `delayMs`, in order), unless the test
// drops it; `gone`/`back` play an instance's heartbeat stopping and resuming. Not a stand-in for
// Redis (its own contract tests run on a real one): a way to put two rooms side by side and decide
// exactly which message is lost.
import type { Bus, BusMessage } from '../bus/bus';

type Listener = (message: BusMessage) => void;

export class MemoryHub {
  private readonly buses = new Set<MemoryBus>();
  /** Return true to lose a message on its way (to every receiver). */
  drop: (mapId: string, message: BusMessage) => boolean = () => false;
  /** Everything published, in order (for assertions). */
  readonly published: { mapId: string; message: BusMessage }[] = [];

  constructor(private readonly delayMs = 0) {}

  bus(instanceId: string): MemoryBus {
    const bus = new MemoryBus(instanceId, this);
    this.buses.add(bus);
    return bus;
  }

  /** Tells every other bus that this instance stopped beating (or beats again). */
  gone(instanceId: string): void {
    for (const bus of this.buses) if (bus.instanceId !== instanceId) bus.tell(instanceId, false);
  }
  back(instanceId: string): void {
    for (const bus of this.buses) if (bus.instanceId !== instanceId) bus.tell(instanceId, true);
  }

  send(from: MemoryBus, mapId: string, message: BusMessage): void {
    this.published.push({ mapId, message });
    if (this.drop(mapId, message)) return;
    const deliver = () => {
      for (const bus of this.buses) if (bus !== from) bus.deliver(mapId, message);
    };
    if (this.delayMs) setTimeout(deliver, this.delayMs);
    else queueMicrotask(deliver);
  }

  remove(bus: MemoryBus): void {
    this.buses.delete(bus);
  }
}

export class MemoryBus implements Bus {
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly instanceListeners = new Set<(instanceId: string, alive: boolean) => void>();
  /** While false, nothing is sent nor received (an instance cut off, or killed). */
  connected = true;

  constructor(
    readonly instanceId: string,
    private readonly hub: MemoryHub,
  ) {}

  publish(mapId: string, message: BusMessage): void {
    if (this.connected) this.hub.send(this, mapId, message);
  }

  async subscribe(mapId: string, listener: Listener): Promise<() => void> {
    let set = this.listeners.get(mapId);
    if (!set) this.listeners.set(mapId, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  onInstance(listener: (instanceId: string, alive: boolean) => void): () => void {
    this.instanceListeners.add(listener);
    return () => this.instanceListeners.delete(listener);
  }

  async close(): Promise<void> {
    this.connected = false;
    this.hub.remove(this);
  }

  deliver(mapId: string, message: BusMessage): void {
    if (!this.connected) return;
    for (const listener of this.listeners.get(mapId) ?? []) listener(message);
  }

  tell(instanceId: string, alive: boolean): void {
    for (const listener of this.instanceListeners) listener(instanceId, alive);
  }
}

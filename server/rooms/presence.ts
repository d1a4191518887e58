// A room's presence (Yjs awareness), on a budget:
// - changes are gathered for `presenceFlushMs` and sent as one message per recipient, holding the
//   latest state of each client that changed (however often it changed meanwhile);
// - nobody is sent their own state back. A client that hears nothing for 30 s drops its connection
//   (y-websocket), so a client that speaks and has been sent nothing for `presenceKeepaliveMs` is
//   sent an empty presence message (3 bytes): a lone viewer stays connected without its state
//   echoed (it renews its presence every 15 s, so it hears something at least every 20 s);
// - one presence message may hold at most `maxPresenceBytes` (else 4413);
// - one map sends out at most `mapPresenceBytesPerSecond`, each change counted once per recipient.
//   Past it, presence that arrives waits, oldest first, one message per client (its newest: a
//   presence message replaces the state, so only the last one matters), and is applied and sent
//   as the budget refills. Answers to presence queries wait their turn the same way;
// - what is not read costs nothing: a connection whose presence waits for its turn is not read
//   from until then, nor one that sent more than `presenceBytesPerSecond` until it is back within
//   it (the client's own buffers hold the rest, and a stock client is never disconnected for it).
//   So a flood costs the server what the budget lets through, not what the flooders send.
import * as encoding from 'lib0/encoding';
import type { Awareness } from 'y-protocols/awareness';
import type { Limits } from '../limits';
import type { PresenceClocks } from './presenceClocks';
import { CLOSE, MESSAGE_AWARENESS } from '../sync/messages';

/** A presence message with no entries: a sign of life, which changes nothing. */
export const PRESENCE_KEEPALIVE = new Uint8Array([MESSAGE_AWARENESS, 1, 0]);
/** What one entry costs beyond its state: client id, clock, lengths. */
const ENTRY_OVERHEAD = 16;

/** Who is sent presence: any peer of the room (`presenceId`: the client id it speaks for). */
export interface PresenceAudience {
  readonly presenceId?: number | null;
  send(message: Uint8Array): void;
}

/** A connection that sends presence. */
export interface PresenceSender extends PresenceAudience {
  /** When it was last sent anything (Date.now()). */
  readonly lastSentAt: number;
  /** Applies a presence update it sent; throws if the update is malformed. */
  applyPresence(update: Uint8Array): void;
  close(code: number, reason: string): void;
  /** Stops reading from its socket, and reads again. */
  pause(): void;
  resume(): void;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** A sender's own rate, and why it is not read from (its presence waits its turn, it sent too fast). */
interface SenderState extends Bucket {
  waits: boolean;
  slowedUntil: number;
  timer: NodeJS.Timeout | null;
}

export class Presence {
  /** Client ids whose state changed since the last message went out. */
  private readonly changed = new Set<number>();
  /** Presence that waits for the budget: the newest of each sender, oldest sender first. */
  private readonly waiting = new Map<PresenceSender, Uint8Array>();
  /** Senders that asked for everyone's presence and wait for the budget. */
  private readonly asking = new Set<PresenceSender>();
  private readonly senders = new WeakMap<PresenceSender, SenderState>();
  private readonly budget: Bucket;
  private timer: NodeJS.Timeout | null = null;
  private lastFlush = 0;
  private flushing = false;
  /** Everyone's presence as one message, until it changes. */
  private everyone: Uint8Array | null = null;
  private readonly onUpdate = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
    for (const ids of [added, updated, removed]) for (const id of ids) this.changed.add(id);
    this.everyone = null;
    this.schedule();
  };

  constructor(
    private readonly awareness: Awareness,
    private readonly audience: ReadonlySet<PresenceAudience>,
    private readonly limits: Limits,
    private readonly clocks: PresenceClocks,
  ) {
    this.budget = { tokens: this.budgetCapacity(), at: Date.now() };
    awareness.on('update', this.onUpdate);
  }

  /** An eighth of a second's worth: what may go out in one burst. */
  private budgetCapacity(): number {
    return this.limits.mapPresenceBytesPerSecond / 8;
  }

  private refill(now: number): void {
    const b = this.budget;
    b.tokens = Math.min(this.budgetCapacity(), b.tokens + ((now - b.at) / 1000) * this.limits.mapPresenceBytesPerSecond);
    b.at = now;
  }

  /** Bytes of presence that one message to every other peer of the room would send. */
  private cost(bytes: number): number {
    return (bytes + ENTRY_OVERHEAD) * Math.max(1, this.audience.size - 1);
  }

  /** A presence message's update (the bytes after the message type), from one connection. */
  receive(sender: PresenceSender, update: Uint8Array): void {
    const { limits } = this;
    if (update.byteLength > limits.maxPresenceBytes) return sender.close(CLOSE.tooLarge, 'presence too large');
    const now = Date.now();
    if (now - sender.lastSentAt >= limits.presenceKeepaliveMs) sender.send(PRESENCE_KEEPALIVE);
    // Its own rate: past it, it is not read from until it is back within it.
    const state = this.stateOf(sender, now);
    state.tokens = Math.min(this.senderCapacity(), state.tokens + ((now - state.at) / 1000) * limits.presenceBytesPerSecond);
    state.at = now;
    state.tokens -= update.byteLength;
    if (state.tokens < 0) this.slow(sender, state, now + (-state.tokens / limits.presenceBytesPerSecond) * 1000);
    // At once while the map's budget lasts and nobody waits; else in turn, unread meanwhile.
    if (!this.waiting.size) {
      this.refill(now);
      if (this.budget.tokens > 0) {
        this.budget.tokens -= this.cost(update.byteLength);
        return this.apply(sender, update);
      }
    }
    // A sender already waiting keeps its place, with its newest (a copy: not the socket's chunk).
    this.waiting.set(sender, update.slice());
    if (!state.waits) {
      state.waits = true;
      if (state.slowedUntil <= now) sender.pause();
    }
    this.schedule();
  }

  /** Two seconds' worth, and at least two of the largest messages. */
  private senderCapacity(): number {
    return Math.max(2 * this.limits.presenceBytesPerSecond, 2 * this.limits.maxPresenceBytes);
  }

  private stateOf(sender: PresenceSender, now: number): SenderState {
    let state = this.senders.get(sender);
    if (!state) {
      state = { tokens: this.senderCapacity(), at: now, waits: false, slowedUntil: 0, timer: null };
      this.senders.set(sender, state);
    }
    return state;
  }

  /** Not read from until `until` (nor while its presence waits its turn). */
  private slow(sender: PresenceSender, state: SenderState, until: number): void {
    const paused = state.waits || state.slowedUntil > Date.now();
    state.slowedUntil = Math.max(state.slowedUntil, until);
    if (!paused) sender.pause();
    if (state.timer) clearTimeout(state.timer);
    state.timer = setTimeout(
      () => {
        state.timer = null;
        if (!state.waits) sender.resume();
      },
      Math.max(0, state.slowedUntil - Date.now()),
    );
    state.timer.unref();
  }

  /** Its presence had its turn: read from it again, unless it is slowed. */
  private taken(sender: PresenceSender): void {
    const state = this.senders.get(sender);
    if (!state?.waits) return;
    state.waits = false;
    if (state.slowedUntil <= Date.now()) sender.resume();
  }

  /** A connection asks for everyone's presence (a query-awareness message). */
  query(sender: PresenceSender): void {
    this.asking.add(sender);
    this.schedule();
  }

  /** Sends a newcomer everyone's presence, at once (counted against the budget). */
  welcome(peer: PresenceAudience): void {
    if (this.awareness.getStates().size === 0) return;
    const message = this.everyoneMessage();
    this.budget.tokens -= message.byteLength;
    peer.send(message);
  }

  /** A connection that left: nothing of it waits any more. */
  forget(sender: PresenceSender): void {
    this.waiting.delete(sender);
    this.asking.delete(sender);
    const state = this.senders.get(sender);
    if (state?.timer) clearTimeout(state.timer);
    this.senders.delete(sender);
  }

  destroy(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.waiting.clear();
    this.asking.clear();
    this.changed.clear();
    this.awareness.off('update', this.onUpdate);
  }

  private apply(sender: PresenceSender, update: Uint8Array): void {
    try {
      sender.applyPresence(update);
    } catch (error) {
      if (!(error instanceof Error)) throw error;
      sender.close(CLOSE.badMessage, 'malformed message');
    }
  }

  private schedule(): void {
    if (this.timer || this.flushing) return;
    const wait = Math.max(0, this.lastFlush + this.limits.presenceFlushMs - Date.now());
    this.timer = setTimeout(() => this.flush(), wait);
  }

  private flush(): void {
    this.timer = null;
    this.flushing = true;
    try {
      const now = Date.now();
      this.lastFlush = now;
      this.refill(now);
      for (const [sender, update] of this.waiting) {
        if (this.budget.tokens <= 0) break;
        this.waiting.delete(sender);
        this.budget.tokens -= this.cost(update.byteLength);
        this.apply(sender, update);
        this.taken(sender);
      }
      if (this.changed.size) this.broadcast();
      for (const sender of this.asking) {
        if (this.budget.tokens <= 0) break;
        this.asking.delete(sender);
        const message = this.everyoneMessage();
        this.budget.tokens -= message.byteLength;
        sender.send(message);
      }
    } finally {
      this.flushing = false;
    }
    if (this.waiting.size || this.asking.size || this.changed.size) this.schedule();
  }

  /** One message with every changed state to each peer, without the peer's own. */
  private broadcast(): void {
    const ids = [...this.changed];
    this.changed.clear();
    const entries = ids.map((id) => this.entry(id));
    const index = new Map(ids.map((id, i) => [id, i]));
    const variants = new Map<number, Uint8Array>();
    for (const peer of this.audience) {
      const own = peer.presenceId === null || peer.presenceId === undefined ? -1 : (index.get(peer.presenceId) ?? -1);
      if (own >= 0 && ids.length === 1) continue; // only its own change: nothing to tell it
      let message = variants.get(own);
      if (!message) {
        message = presenceMessage(own < 0 ? entries : entries.filter((_, i) => i !== own));
        variants.set(own, message);
      }
      peer.send(message);
    }
  }

  /** One client's entry as it is now: client id, clock, state (null once it has left). */
  private entry(id: number): Uint8Array {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, id);
    encoding.writeVarUint(e, this.awareness.meta.get(id)?.clock ?? 0);
    encoding.writeVarString(e, JSON.stringify(this.awareness.getStates().get(id) ?? null));
    return encoding.toUint8Array(e);
  }

  /** Everyone's presence for a newcomer (or a query), at clocks above any it may have seen. */
  private everyoneMessage(): Uint8Array {
    if (!this.everyone) {
      this.clocks.raiseAll();
      this.everyone = presenceMessage([...this.awareness.getStates().keys()].map((id) => this.entry(id)));
    }
    return this.everyone;
  }
}

/** A presence message of encoded entries. */
function presenceMessage(entries: Uint8Array[]): Uint8Array {
  const update = encoding.createEncoder();
  encoding.writeVarUint(update, entries.length);
  for (const entry of entries) encoding.writeUint8Array(update, entry);
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(e, encoding.toUint8Array(update));
  return encoding.toUint8Array(e);
}

// One websocket on one map. Speaks the y-websocket protocol, enforces the connection's role (the
// document updates of a view or comment connection are dropped, never applied), accepts presence only for its own
// client id, and applies the per-connection limits. A malformed frame closes this socket only. It
// is made only for a client that speaks the document's version (server/sync/version.ts), and closed
// if the document's version changes under it.
import * as decoding from 'lib0/decoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { WebSocket } from 'ws';
import type { Role } from '../keys';
import type { Limits } from '../limits';
import type { Peer, Room } from '../rooms/room';
import { durableMessage, savingMessage } from '../../src/doc/saveStatus';
import { commentsMessage } from '../../src/doc/commentsNudge';
import {
  CLOSE,
  MESSAGE_AUTH,
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SYNC,
  SYNC_STEP1,
  SYNC_STEP2,
  SYNC_UPDATE,
  readAwarenessUpdate,
  syncStep1,
} from './messages';
import { versionRefusal } from './version';

/** An update that changes nothing: what a client with an empty document answers to sync step 1. */
const isEmptyUpdate = (update: Uint8Array) => update.byteLength <= 2 || (update.byteLength === 3 && update[0] === 0);

export class Connection implements Peer {
  /** The awareness client id this connection speaks for (the first one it announced). */
  private clientId: number | null = null;
  private tokens: number;
  private lastRefill = Date.now();
  private forbidden = 0;
  private closed = false;
  alive = true;
  /** When this connection was last sent anything (Date.now()): see Presence's keepalive. */
  lastSentAt = 0;
  /** Writes (sync step 2 and updates) received on this connection, numbered as the client numbers them. */
  private writes = 0;
  /** For the writes not yet told durable: the last of a run, and the room's update count after it. */
  private readonly marks: { seq: number; upTo: number }[] = [];
  private toldDurable = 0;
  /** While the room refuses writes, an editor's sync step 1 is answered only once its first write
   * shows it has nothing new: a refused client is then never synced, so it backs off. */
  private awaitingWrite: boolean;
  private heldStep1: Uint8Array | null = null;
  /** The last write left something waiting in the document for what the map lacks (Yjs's pending
   * structs or deletions): that part is in memory only, so it is not told durable until it is in. */
  private leftPending = false;

  constructor(
    private readonly ws: WebSocket,
    readonly room: Room,
    readonly role: Role,
    private readonly limits: Limits,
    private readonly onClose: (connection: Connection) => void,
    /** The client offered SAVE_PROTOCOL: it is told which of its writes are durable, and whether the
     * server can save (message types the stock client does not know). */
    private readonly saveStatus = false,
    /** The document version the client speaks (`?schema=`). */
    readonly schema: number = room.schemaVersion,
    /** The client offered a Touchpoint subprotocol (src/doc/commentsNudge.ts): it is told when the
     * map's comments change (message 102, which the stock client does not know). */
    private readonly commentsNudge = false,
  ) {
    this.tokens = limits.messageBurst;
    this.awaitingWrite = role === 'edit' && room.refusing;
    room.peers.add(this);
    ws.on('message', (data: Buffer, isBinary: boolean) => this.receive(data, isBinary));
    ws.on('close', () => this.cleanup());
    ws.on('error', () => this.cleanup());
    ws.on('pong', () => {
      this.alive = true;
    });
    this.send(syncStep1(room.doc));
    room.presence.welcome(this);
    if (saveStatus) this.send(savingMessage(room.failing));
  }

  /** Tells the client the last of its writes that is durable now, if that moved. */
  durable(): void {
    if (!this.saveStatus || this.role !== 'edit') return;
    const upTo = this.room.durableSeq;
    // Writes that left something waiting count from the update that took it in, once it is in.
    if (this.marks[0]?.upTo === Infinity && !this.room.hasPending()) for (const mark of this.marks) if (mark.upTo === Infinity) mark.upTo = this.room.appendSeq;
    let told = this.toldDurable;
    while (this.marks.length && this.marks[0]!.upTo <= upTo) told = this.marks.shift()!.seq;
    if (told === this.toldDurable) return;
    this.toldDurable = told;
    this.send(durableMessage(told));
  }

  saving(failing: boolean): void {
    if (this.saveStatus) this.send(savingMessage(failing));
  }

  /** The map's comments changed: they are at revision `rev` now (whatever this connection's role). */
  commentsChanged(rev: number): void {
    if (this.commentsNudge) this.send(commentsMessage(rev));
  }

  /** The document's version changed: a client that no longer speaks it is closed (4426, 4427, 4428). */
  versionChanged(): void {
    const refusal = versionRefusal(this.room, this.schema);
    if (refusal) this.close(refusal.refuse, refusal.reason);
  }

  /** After a write is handled: it is durable once every update the room holds now is (what the
   * client sent, and what the room had from before, maybe from this very client, unsaved). */
  private wrote(): void {
    if (this.closed) return;
    if (this.awaitingWrite) {
      this.awaitingWrite = false;
      if (this.heldStep1) this.send(this.room.syncStep2(this.heldStep1));
      this.heldStep1 = null;
    }
    if (this.role !== 'edit') return;
    this.writes++;
    const upTo = this.leftPending ? Infinity : this.room.appendSeq;
    this.leftPending = false;
    const last = this.marks[this.marks.length - 1];
    if (last && last.upTo === upTo) last.seq = this.writes;
    else this.marks.push({ seq: this.writes, upTo });
    this.durable();
  }

  send(message: Uint8Array): void {
    if (this.closed) return;
    if (this.ws.bufferedAmount > this.limits.maxBufferedBytes) {
      // A reader this slow would hold the room's memory hostage: it reconnects and resyncs.
      this.close(CLOSE.slowReader, 'too slow to keep up');
      return;
    }
    this.ws.send(message, { binary: true });
    this.lastSentAt = Date.now();
  }

  /** The awareness client id this connection speaks for (none before it announced one). */
  get presenceId(): number | null {
    return this.clientId;
  }

  /** Stops reading from the socket (its presence waits its turn, or it sent too much), and reads again. */
  pause(): void {
    this.ws.pause();
  }

  resume(): void {
    this.ws.resume();
  }

  /** Whether this connection is open (not closed, nor closing: a client that left sends a close first). */
  isOpen(): boolean {
    return !this.closed && this.ws.readyState === this.ws.OPEN;
  }

  /** Asks for a pong; a connection that has not answered the last one is dead. */
  ping(): void {
    this.alive = false;
    this.ws.ping();
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.ws.close(code, reason);
    this.cleanup();
  }

  private takeToken(): boolean {
    const now = Date.now();
    this.tokens = Math.min(this.limits.messageBurst, this.tokens + ((now - this.lastRefill) / 1000) * this.limits.messagesPerSecond);
    this.lastRefill = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  private receive(data: Buffer, isBinary: boolean): void {
    if (this.closed) return;
    if (data.byteLength > this.limits.maxFrameBytes) return this.close(CLOSE.tooLarge, 'message too large');
    if (!this.takeToken()) return this.close(CLOSE.rateLimited, 'too many messages');
    if (!isBinary) return this.close(CLOSE.badMessage, 'expected a binary message');
    try {
      this.handle(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    } catch (error) {
      this.close(CLOSE.badMessage, 'malformed message');
      if (!(error instanceof Error)) throw error;
    }
  }

  private handle(message: Uint8Array): void {
    const d = decoding.createDecoder(message);
    const type = decoding.readVarUint(d);
    switch (type) {
      case MESSAGE_SYNC: {
        const step = decoding.readVarUint(d);
        const payload = decoding.readVarUint8Array(d);
        if (step === SYNC_STEP1) {
          if (this.awaitingWrite) this.heldStep1 = payload;
          else this.send(this.room.syncStep2(payload));
        } else if (step === SYNC_STEP2 || step === SYNC_UPDATE) {
          this.receiveUpdate(payload);
          this.wrote();
        } else throw new Error('unknown sync step');
        break;
      }
      case MESSAGE_AWARENESS:
        this.receiveAwareness(decoding.readVarUint8Array(d));
        break;
      case MESSAGE_QUERY_AWARENESS:
        this.room.presence.query(this); // answered in turn, within the map's presence budget
        break;
      case MESSAGE_AUTH:
        break; // clients never send these to the server; ignore
      default:
        throw new Error('unknown message type');
    }
  }

  private receiveUpdate(update: Uint8Array): void {
    // What every new client answers to sync step 1 (no structs, no deletions): nothing to apply,
    // and applying it would drop the room's cached full state while others are joining.
    if (update.byteLength === 2 && update[0] === 0 && update[1] === 0) return;
    // A view or comment key reads the map and never changes it.
    if (this.role !== 'edit') {
      if (isEmptyUpdate(update)) return;
      // Never applied, saved or broadcast, whatever a modified client sends.
      if (++this.forbidden > this.limits.forbiddenWrites) this.close(CLOSE.forbidden, 'this link cannot change the map');
      return;
    }
    if (this.room.wouldExceed(update.byteLength)) return this.close(CLOSE.tooLarge, 'the map is too large');
    // Decode before applying: a malformed update throws here and touches nothing.
    const decoded = Y.decodeUpdate(update);
    // The store cannot save and the server holds all the unsaved it may: the client keeps its
    // changes and comes back later (what the map has already, such as the deletions every step 2
    // carries, is no new write).
    if (this.room.refusesWrites(update.byteLength) && this.room.wouldChange(decoded)) {
      this.room.refusing = true;
      return this.close(CLOSE.cannotSave, 'the server cannot save: try again later');
    }
    const { store } = this.room.doc;
    const [structsBefore, dsBefore] = [store.pendingStructs?.update, store.pendingDs];
    Y.applyUpdate(this.room.doc, update, this);
    this.leftPending =
      (store.pendingStructs !== null && store.pendingStructs.update !== structsBefore) ||
      (store.pendingDs !== null && !(dsBefore && Buffer.compare(store.pendingDs, dsBefore) === 0));
  }

  private receiveAwareness(update: Uint8Array): void {
    // Checked against the presence limits, then applied (below) at once or in turn.
    this.room.presence.receive(this, update);
  }

  /** Applies presence this connection sent (called by the room's Presence); throws if malformed. */
  applyPresence(update: Uint8Array): void {
    if (this.closed) return;
    const entries = readAwarenessUpdate(update);
    if (this.clientId === null) {
      // The first id a connection announces is its own, unless another open connection speaks for
      // it: else anyone could replace (or, by leaving, remove) someone else's presence.
      const first = entries[0]?.clientID;
      const owner = first === undefined ? undefined : this.room.presenceOwners.get(first);
      if (first === undefined || (owner && owner !== this && owner.isOpen())) return;
      this.clientId = first;
      this.room.presenceOwners.set(first, this);
    }
    const own = entries.filter((e) => e.clientID === this.clientId);
    this.room.presenceClocks.apply(own, this);
  }

  private cleanup(): void {
    if (this.closed) return;
    this.closed = true;
    this.room.peers.delete(this);
    this.room.presence.forget(this);
    if (this.clientId !== null && this.room.presenceOwners.get(this.clientId) === this) {
      this.room.presenceOwners.delete(this.clientId);
      awarenessProtocol.removeAwarenessStates(this.room.awareness, [this.clientId], this);
    }
    this.onClose(this);
  }
}

// What the server says about saving, beyond the y-websocket protocol (docs/api.md, "Saving"): which
// of a connection's writes are on its disk, and whether it can save at all. Shared by the server
// and the app. Only a client that offers SAVE_PROTOCOL among its websocket subprotocols is sent
// these messages: the stock y-websocket client does not know their types (it would log "Unable to
// compute message" for each), so it never gets one and works exactly as before.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** Offered beside `key.<key>` in Sec-WebSocket-Protocol (the server still answers with the key). */
export const SAVE_PROTOCOL = 'tp.save.1';

/** `100, varUint n`: this connection's writes 1..n, and everything the map held before each, are durable. */
export const MESSAGE_DURABLE = 100;
/** `101, varUint state`: whether the server can save this map (sent on connecting and on each change). */
export const MESSAGE_SAVING = 101;
export const SAVING_OK = 0;
export const SAVING_FAILING = 1;

/** One of Touchpoint's own sync messages: its type, then one varUint (100, 101, 102). */
export function uintMessage(type: number, value: number): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, type);
  encoding.writeVarUint(e, value);
  return encoding.toUint8Array(e);
}

export const durableMessage = (seq: number): Uint8Array => uintMessage(MESSAGE_DURABLE, seq);

export const savingMessage = (failing: boolean): Uint8Array => uintMessage(MESSAGE_SAVING, failing ? SAVING_FAILING : SAVING_OK);

/** One of these messages, read (undefined for any other message). */
export function readSaveMessage(message: Uint8Array): { durable: number } | { failing: boolean } | undefined {
  const d = decoding.createDecoder(message);
  const type = decoding.readVarUint(d);
  if (type === MESSAGE_DURABLE) return { durable: decoding.readVarUint(d) };
  if (type === MESSAGE_SAVING) return { failing: decoding.readVarUint(d) === SAVING_FAILING };
  return undefined;
}

/** Whether a Sec-WebSocket-Protocol header offers SAVE_PROTOCOL. */
export function offersSaveProtocol(header: string | undefined): boolean {
  return !!header?.split(',').some((p) => p.trim() === SAVE_PROTOCOL);
}

/** A write in the y-websocket protocol: sync step 2 (`0, 1, …`) or an update (`0, 2, …`). */
export const isWrite = (message: Uint8Array) => message[0] === 0 && (message[1] === 1 || message[1] === 2);

export interface SaveTracker {
  /** A change to the document that did not come from the server (typed, undone, read back from this browser). */
  changed(): void;
  /** A message this tab sends on a socket (call it for every one, in order). */
  sent(socket: object, message: Uint8Array): void;
  /** The server's durable message on a socket: that socket's writes up to `seq` are on its disk. */
  durable(socket: object, seq: number): void;
  /** Whether the server has confirmed it stored every change made here. */
  saved(): boolean;
}

/**
 * Knows whether every change of this tab is on the server's disk. Each change bumps a version. The
 * writes sent on a socket are numbered as the server numbers them; a write covers every change up
 * to the version at which it was sent, once the socket's sync step 2 went out (the step 2 holds
 * everything the server lacked when it connected, and after it each change is sent as it is made;
 * an update sent before it covers nothing more than the step 2 will). The server confirms a number
 * only once every write before it, and everything its copy of the map held then, is durable: what
 * it lost in a crash it no longer has, so the next connection's step 2 sends it again and must be
 * confirmed in its turn. `onChange` hears each change of `saved()`.
 */
export function createSaveTracker(onChange: (saved: boolean) => void = () => {}): SaveTracker {
  let version = 0;
  let savedVersion = 0;
  let last = true;
  const sockets = new WeakMap<object, { writes: number; covering: boolean; marks: { seq: number; version: number | null }[] }>();
  const report = () => {
    const now = savedVersion >= version;
    if (now === last) return;
    last = now;
    onChange(now);
  };
  return {
    changed() {
      version++;
      report();
    },
    sent(socket, message) {
      if (!isWrite(message)) return;
      let s = sockets.get(socket);
      if (!s) sockets.set(socket, (s = { writes: 0, covering: false, marks: [] }));
      s.writes++;
      if (message[1] === 1) s.covering = true;
      const covers = s.covering ? version : null;
      // Consecutive writes waiting for the same confirmation: only the last one's version matters.
      const lastMark = s.marks[s.marks.length - 1];
      if (lastMark && lastMark.version === covers) lastMark.seq = s.writes;
      else s.marks.push({ seq: s.writes, version: covers });
    },
    durable(socket, seq) {
      const s = sockets.get(socket);
      if (!s) return;
      while (s.marks.length && s.marks[0]!.seq <= seq) {
        const mark = s.marks.shift()!;
        if (mark.version !== null && mark.version > savedVersion) savedVersion = mark.version;
      }
      report();
    },
    saved: () => savedVersion >= version,
  };
}

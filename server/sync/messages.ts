// The y-websocket wire protocol (what the stock `y-websocket` client speaks): message types, their
// encoders, and the one decoder that checks an awareness update before it is applied.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;
export const SYNC_STEP1 = 0;
export const SYNC_STEP2 = 1;
export const SYNC_UPDATE = 2;

/** Close codes: 44xx make the client stop retrying, 45xx and 1012 make it come back. */
export const CLOSE = {
  unauthorized: 4401,
  forbidden: 4403,
  notFound: 4404,
  badMessage: 4400,
  tooLarge: 4413,
  unavailable: 4503,
  rateLimited: 4529,
  slowReader: 4508,
  /** The store cannot save (a full disk) and holds as many unsaved updates as it may: writes are refused. */
  cannotSave: 4507,
  /** The map's document is of a newer version than the client speaks: it must reload before it
   * writes (nothing it sent on this connection was applied). */
  outdatedClient: 4426,
  /** The map's document is newer than any migration this server knows: not served (update the server). */
  newerDocument: 4427,
  /** The client speaks a newer version than this server's (a rolled-back server): it reloads and
   * gets this server's app (nothing it sent on this connection was applied). */
  newerClient: 4428,
  restart: 1012,
} as const;

export function syncStep1(doc: Y.Doc): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_SYNC);
  encoding.writeVarUint(e, SYNC_STEP1);
  encoding.writeVarUint8Array(e, Y.encodeStateVector(doc));
  return encoding.toUint8Array(e);
}

export function syncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_SYNC);
  encoding.writeVarUint(e, SYNC_STEP2);
  encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(doc, stateVector));
  return encoding.toUint8Array(e);
}

export function updateMessage(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_SYNC);
  encoding.writeVarUint(e, SYNC_UPDATE);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

export function awarenessMessage(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
  return encoding.toUint8Array(e);
}

export interface AwarenessEntry {
  clientID: number;
  clock: number;
  state: string;
}

/** Reads an awareness update into its entries; throws on anything malformed. */
export function readAwarenessUpdate(update: Uint8Array): AwarenessEntry[] {
  const d = decoding.createDecoder(update);
  const count = decoding.readVarUint(d);
  if (count > 1000) throw new Error('too many awareness entries');
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    const clientID = decoding.readVarUint(d);
    const clock = decoding.readVarUint(d);
    const state = decoding.readVarString(d);
    JSON.parse(state); // must be JSON ("null" removes the client)
    entries.push({ clientID, clock, state });
  }
  if (decoding.hasContent(d)) throw new Error('trailing bytes in awareness update');
  return entries;
}

export function writeAwarenessUpdate(entries: AwarenessEntry[]): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(e, entry.clientID);
    encoding.writeVarUint(e, entry.clock);
    encoding.writeVarString(e, entry.state);
  }
  return encoding.toUint8Array(e);
}

// Clients for the sync benchmarks: stock y-websocket providers (as the web app makes them, in Node
// through `ws`), and a bare socket that does the y-websocket handshake byte for byte without
// building a document (to measure a server's join cost without 150 documents' CPU in this process).
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { synced, within } from '../../server/testing/harness';
import { SCHEMA_VERSION } from '../../src/journey/types';

// Every y-websocket client in Node adds a process 'exit' listener; the benchmarks open hundreds.
process.setMaxListeners(0);

export interface ProviderClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  destroy(): void;
}

/** A stock y-websocket client, connecting at once. */
export function providerClient(wsBase: string, room: string, protocols: string[], name = 'bench'): ProviderClient {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(wsBase, room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    protocols,
    disableBc: true,
    // The document version this code speaks, as the app says it (else the server refuses with 4426).
    params: { schema: String(SCHEMA_VERSION) },
  });
  // A presence like the app's, so that awareness traffic is part of the load.
  provider.awareness.setLocalStateField('user', { name, color: '#3366ff' });
  return {
    doc,
    provider,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Resolves once the provider has synced (at once if it has): the server tests' `synced`, with the
 * longer wait a hundred clients joining together may need. */
export const whenSynced = (provider: WebsocketProvider) => synced(provider, 30_000);

function syncMessage(step: number, payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, step);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
}

const empty = new Y.Doc();
/** What a new client with an empty document sends: sync step 1 (its empty state vector)… */
const STEP1 = syncMessage(0, Y.encodeStateVector(empty));
/** …and sync step 2 in answer to the server's step 1 (its empty state). */
const STEP2 = syncMessage(1, Y.encodeStateAsUpdate(empty));

export interface Handshake {
  /** ms from creating the socket until it was open, and until the server's sync step 2 arrived. */
  openMs: number;
  syncedMs: number;
  /** Bytes of the document state received. */
  stateBytes: number;
  ws: WebSocket;
}

/**
 * Opens a socket to a room and does what a new y-websocket client does (sync step 1 with an empty
 * state vector, step 2 in answer to the server's step 1); resolves when the server's step 2 (the
 * whole document) has arrived and has been framed correctly. The state itself is not applied.
 */
export function handshake(wsBase: string, room: string, protocols: string[], timeoutMs = 30_000): Promise<Handshake> {
  const t0 = performance.now();
  const ws = new WebSocket(`${wsBase}/${room}?schema=${SCHEMA_VERSION}`, protocols);
  let openMs = NaN;
  return within(
    new Promise<Handshake>((done, fail) => {
      ws.on('open', () => {
        openMs = performance.now() - t0;
        ws.send(STEP1);
      });
      ws.on('message', (data: Buffer) => {
        const d = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
        if (decoding.readVarUint(d) !== 0) return; // awareness
        const step = decoding.readVarUint(d);
        if (step === 0) ws.send(STEP2);
        else if (step === 1) {
          const state = decoding.readVarUint8Array(d);
          done({ openMs, syncedMs: performance.now() - t0, stateBytes: state.byteLength, ws });
        }
      });
      ws.on('error', fail);
      ws.on('close', (code) => fail(new Error(`closed with ${code} before syncing`)));
    }),
    timeoutMs,
    `a handshake with ${room}`,
  );
}

/** Closes a socket and resolves once it is closed. */
export function closeSocket(ws: WebSocket): Promise<void> {
  if (ws.readyState === WebSocket.CLOSED) return Promise.resolve();
  return new Promise((done) => {
    ws.once('close', () => done());
    ws.close();
  });
}

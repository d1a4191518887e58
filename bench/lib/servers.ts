// The servers the benchmarks compare: ours (startServer from server/app.ts, on port 0 with a fresh
// data folder, its store instrumented to time every durable ack) and the reference relay
// (`@y/websocket-server`'s setupWSConnection on a plain http + ws server, in memory), both in this
// process and on 127.0.0.1 only.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { docs, getYDoc, setupWSConnection } from '@y/websocket-server/utils';
import { WebSocketServer } from 'ws';
import * as Y from 'yjs';
import { startServer } from '../../server/app';
import { hashKey, newKey, newMapId } from '../../server/keys';
import type { Limits } from '../../server/limits';
import type { DocStore } from '../../server/store/DocStore';
import { openSqliteStore } from '../../server/store/sqlite';
import { within } from './stats';

export const HOST = '127.0.0.1';

export function tempDir(prefix = 'touchpoint-bench-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Counts a store's durable acks and times each one, from the append call to its resolution. */
export class AckMeter {
  acks = 0;
  failures = 0;
  /** ms from append to durable ack, in ack order. */
  latencies: number[] = [];
  firstAppend = NaN;
  lastAppend = NaN;
  lastAck = NaN;
  private waiters: { n: number; done: () => void }[] = [];

  appended(at: number): void {
    if (Number.isNaN(this.firstAppend)) this.firstAppend = at;
    this.lastAppend = at;
  }

  acked(since: number): void {
    const now = performance.now();
    this.acks++;
    this.lastAck = now;
    this.latencies.push(now - since);
    this.waiters = this.waiters.filter((w) => (this.acks >= w.n ? (w.done(), false) : true));
  }

  /** Resolves once `n` acks have been counted since the last reset. */
  untilAcks(n: number, timeoutMs = 60_000): Promise<void> {
    if (this.acks >= n) return Promise.resolve();
    return within(new Promise<void>((done) => this.waiters.push({ n, done })), timeoutMs, `${n} durable acks (have ${this.acks})`);
  }

  reset(): void {
    this.acks = 0;
    this.failures = 0;
    this.latencies = [];
    this.firstAppend = NaN;
    this.lastAppend = NaN;
    this.lastAck = NaN;
  }
}

/** The same store, with every append timed by the meter (from the call to its durable ack). */
export function instrumentStore(store: DocStore, meter: AckMeter): DocStore {
  return {
    ...store,
    append(id, update) {
      const t0 = performance.now();
      meter.appended(t0);
      const write = store.append(id, update);
      write.then(
        () => meter.acked(t0),
        () => meter.failures++,
      );
      return write;
    },
  };
}

export interface CreatedMap {
  id: string;
  editKey: string;
}

/** Creates a map with this state directly in the store, as the API does (hashed keys). */
export async function createMapIn(store: DocStore, state: Uint8Array): Promise<CreatedMap> {
  const id = newMapId();
  const editKey = newKey();
  const viewKey = newKey();
  await store.createMap({ id, editKeyHash: hashKey(editKey), viewKeyHash: hashKey(viewKey), viewKey, createdAt: Date.now() }, state);
  return { id, editKey };
}

export interface OurServer {
  name: 'ours';
  port: number;
  /** The y-websocket base URL: a client's room is the map id. */
  wsBase: string;
  dataDir: string;
  store: DocStore;
  meter: AckMeter;
  createMap(state: Uint8Array): Promise<CreatedMap>;
  /** Protocols a client presents for a map (the edit key). */
  protocols(map: CreatedMap): string[];
  shutdown(): Promise<void>;
}

/** `distDir`: the built app to serve (bench/lib/browser.ts buildApp), for benchmarks that open the
 * map in a browser and also need the store; without it, a placeholder page. */
export async function startOurs(limits?: Partial<Limits>, distDir?: string): Promise<OurServer> {
  const dataDir = tempDir();
  if (!distDir) writeFileSync(join(dataDir, 'index.html'), '<!doctype html><title>Touchpoint</title>');
  const meter = new AckMeter();
  const store = instrumentStore(openSqliteStore(join(dataDir, 'touchpoint.sqlite')), meter);
  const server = await startServer({ port: 0, host: HOST, dataDir, distDir: distDir ? resolve(distDir) : dataDir, store, ...(limits ? { limits } : {}) });
  return {
    name: 'ours',
    port: server.port,
    wsBase: `ws://${HOST}:${server.port}/sync`,
    dataDir,
    store,
    meter,
    createMap: (state) => createMapIn(store, state),
    protocols: (map) => [`key.${map.editKey}`],
    async shutdown() {
      await server.shutdown();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface ReferenceRelay {
  name: 'reference';
  port: number;
  wsBase: string;
  /** Creates the room's document with this state, as if a client had brought it. */
  preload(room: string, state: Uint8Array): void;
  /** The relay's document for a room (undefined before a client or preload made it). */
  doc(room: string): Y.Doc | undefined;
  close(): Promise<void>;
}

/** The reference y-websocket relay on a plain http + ws server: no persistence, no access checks. */
export async function startReference(): Promise<ReferenceRelay> {
  const http = createServer((_req, res) => res.writeHead(404).end());
  const wss = new WebSocketServer({ noServer: true });
  http.on('upgrade', (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => setupWSConnection(ws, req)));
  await new Promise<void>((done) => http.listen(0, HOST, done));
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  // The relay names a room's document after the URL path: /sync/<room> → "sync/<room>".
  const docName = (room: string) => `sync/${room}`;
  return {
    name: 'reference',
    port,
    wsBase: `ws://${HOST}:${port}/sync`,
    preload(room, state) {
      Y.applyUpdate(getYDoc(docName(room)), state);
    },
    doc: (room) => docs.get(docName(room)),
    async close() {
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      http.closeAllConnections();
      await new Promise<void>((done) => http.close(() => done()));
      for (const [name, doc] of docs) {
        doc.destroy();
        docs.delete(name);
      }
    },
  };
}

// Helpers for the server tests (not shipped). Everything is real: a server on port 0 with a fresh
// data folder, maps created through the HTTP API, stock `y-websocket` clients in Node, raw sockets
// speaking the protocol byte by byte, the SQLite file read directly, and the server process itself,
// spawned and killed.
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { readJourney } from '../../src/doc/bindDoc';
import type { Migration } from '../../src/doc/migrations';
import { sortByIndex } from '../../src/journey/order';
import { SCHEMA_VERSION } from '../../src/journey/types';
import { startServer, type RunningServer } from '../app';
import type { Limits } from '../limits';
import type { DocStore } from '../store/DocStore';
import { openSqliteStore } from '../store/sqlite';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const HOST = '127.0.0.1';
// Every y-websocket client in Node adds a process 'exit' listener; the tests open many clients.
process.setMaxListeners(500);

// ---- folders ------------------------------------------------------------------------------------

const temps: string[] = [];
let app: string | undefined;

/** A fresh folder under the system's temp folder, removed by `removeTempDirs`. */
export function tempDir(prefix = 'touchpoint-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
  app = undefined;
}

/** A stand-in for the built web app: a folder holding an index.html. */
export function appDir(): string {
  if (!app) {
    app = tempDir('touchpoint-dist-');
    writeFileSync(join(app, 'index.html'), '<!doctype html><title>Touchpoint</title>');
  }
  return app;
}

/** A folder where a script can import this project's packages (its node_modules linked in). */
export function scriptDir(): string {
  const dir = tempDir('touchpoint-script-');
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

// ---- waiting ------------------------------------------------------------------------------------

export const delay = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/** Polls `check` until it returns true (or a promise of true); fails with `what` after the deadline. */
export async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await delay(10);
  }
}

/** Whether `check` stays true every time it is looked at during `ms`: for "this does not happen". */
export async function holdsFor(check: () => boolean | Promise<boolean>, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!(await check())) return false;
    await delay(20);
  }
  return check();
}

/** Rejects with a readable message if `promise` has not settled within `ms`. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Resolves 'timeout' if `promise` has not settled within `ms`: for asserting that something does NOT happen. */
export function settlesWithin<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<'timeout'>((done) => {
    timer = setTimeout(() => done('timeout'), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// ---- the server, in this process --------------------------------------------------------------

export interface TestServer {
  port: number;
  /** http://127.0.0.1:port */
  http: string;
  /** ws://127.0.0.1:port/sync: the y-websocket server URL (the map id is appended as the room name). */
  ws: string;
  dataDir: string;
  /** Graceful shutdown (flush, fsync, close clients with 1012). Safe to call twice. */
  shutdown(): Promise<void>;
}

export async function startTestServer(
  options: {
    dataDir?: string;
    limits?: Partial<Limits>;
    port?: number;
    distDir?: string;
    /** Wraps the real SQLite store of the data folder (to make it slow, say, or fail). */
    wrapStore?: (store: DocStore) => DocStore;
    /** The migrations maps are brought through as they load (default: the app's, MIGRATIONS). */
    migrations?: readonly Migration[];
  } = {},
): Promise<TestServer> {
  const dataDir = options.dataDir ?? tempDir('touchpoint-data-');
  const running: RunningServer = await startServer({
    port: options.port ?? 0,
    host: HOST,
    dataDir,
    distDir: options.distDir ?? appDir(),
    // Tests create maps far faster than people do: the per-address rate is a test of its own.
    limits: { mapsPerMinutePerAddress: 1_000_000, ...options.limits },
    store: options.wrapStore?.(openSqliteStore(sqliteFile(dataDir))),
    migrations: options.migrations,
  });
  let stopped: Promise<void> | undefined;
  return {
    port: running.port,
    http: `http://${HOST}:${running.port}`,
    ws: `ws://${HOST}:${running.port}/sync`,
    dataDir,
    shutdown: () => (stopped ??= running.shutdown()),
  };
}

/**
 * What a test file opens and must close: `track` each client, `serve` each server (or `keep` one
 * started another way), `spawn` each server process, and `cleanUp` in afterEach (or afterAll, for a
 * file that shares one server) destroys the clients, shuts the servers down, then kills the
 * processes still running (SIGKILL) and waits for them. `finish` is cleanUp, then `removeTempDirs`.
 * The hooks stay in the test files: this module is also run outside Vitest (bench/).
 */
export function testResources() {
  const clients: Client[] = [];
  const servers: TestServer[] = [];
  const processes: ServerProcess[] = [];
  const keep = (server: TestServer) => (servers.push(server), server);
  const cleanUp = async () => {
    for (const c of clients.splice(0)) c.destroy();
    for (const s of servers.splice(0)) await s.shutdown();
    for (const p of processes.splice(0)) {
      if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
      await p.exited;
    }
  };
  return {
    track: <T extends Client>(client: T): T => (clients.push(client), client),
    keep,
    serve: async (options: Parameters<typeof startTestServer>[0] = {}) => keep(await startTestServer(options)),
    spawn: async (options: Parameters<typeof spawnServer>[0]) => {
      const p = await spawnServer(options);
      processes.push(p);
      return p;
    },
    cleanUp,
    finish: async () => {
      await cleanUp();
      removeTempDirs();
    },
  };
}

// ---- the HTTP API -----------------------------------------------------------------------------

export interface ApiResponse {
  status: number;
  headers: Headers;
  /** The parsed JSON body, or undefined when there is none. */
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export async function api(
  base: string,
  path: string,
  options: { method?: string; key?: string; json?: unknown; raw?: string; headers?: Record<string, string> } = {},
): Promise<ApiResponse> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.key !== undefined) headers.authorization = `Bearer ${options.key}`;
  let body: string | undefined = options.raw;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers['content-type'] = 'application/json';
  }
  const res = await fetch(base + path, { method: options.method ?? (body === undefined ? 'GET' : 'POST'), headers, body });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

export interface CreatedMap {
  id: string;
  editKey: string;
  viewKey: string;
  commentKey: string;
  links: { edit: string; view: string; comment: string };
}

export async function createMap(base: string, body: Record<string, unknown> = {}): Promise<CreatedMap> {
  const res = await api(base, '/api/maps', { json: body });
  if (res.status !== 201) throw new Error(`creating a map failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as CreatedMap;
}

export async function readyz(base: string): Promise<{ ready: boolean; rooms: number; connections: number }> {
  return (await api(base, '/readyz')).body;
}

// ---- y-websocket clients ------------------------------------------------------------------------

/** The query a client adds to say which document version it speaks, as the app does (src/app/room.ts). */
export const schemaParams = (schema: number = SCHEMA_VERSION): Record<string, string> => ({ schema: String(schema) });

/** A map's sync URL for a client of this document version (null: one that says none, version 1). */
export const syncUrl = (wsBase: string, mapId: string, schema: number | null = SCHEMA_VERSION): string =>
  `${wsBase}/${mapId}${schema === null ? '' : `?schema=${schema}`}`;

export interface Client {
  doc: Y.Doc;
  provider: WebsocketProvider;
  awareness: awarenessProtocol.Awareness;
  /** Close codes of every connection the server (or the network) closed, in order. */
  closes: number[];
  /** How many connections this client has attempted. */
  attempts(): number;
  destroy(): void;
}

export interface ClientOptions {
  doc?: Y.Doc;
  /** The Sec-WebSocket-Protocol list; by default `key.<key>` (none when key is null). */
  protocols?: string[];
  connect?: boolean;
  maxBackoffTime?: number;
  /** The URL's query; by default the document version this code speaks (`schemaParams()`), as the app sends it. */
  params?: Record<string, string>;
  /** The socket class (a subclass of `ws`'s, say, that watches what the client sends). */
  WebSocketPolyfill?: new (url: string, protocols?: string | string[]) => WebSocket;
}

/** A stock y-websocket client, as the browser app makes one, connecting at once (not awaited). */
export function connectClient(wsBase: string, mapId: string, key: string | null, options: ClientOptions = {}): Client {
  const doc = options.doc ?? new Y.Doc();
  const provider = new WebsocketProvider(wsBase, mapId, doc, {
    WebSocketPolyfill: (options.WebSocketPolyfill ?? WebSocket) as unknown as typeof globalThis.WebSocket,
    protocols: options.protocols ?? (key === null ? [] : [`key.${key}`]),
    disableBc: true,
    params: options.params ?? schemaParams(),
    connect: options.connect ?? true,
    maxBackoffTime: options.maxBackoffTime ?? 500,
  });
  const closes: number[] = [];
  let attempts = provider.ws ? 1 : 0;
  provider.on('connection-close', (event) => {
    if (event) closes.push(event.code);
  });
  provider.on('status', ({ status }) => {
    if (status === 'connecting') attempts++;
  });
  return {
    doc,
    provider,
    awareness: provider.awareness,
    closes,
    attempts: () => attempts,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Resolves once the provider has synced with the server (at once if it already has). */
export function synced(provider: WebsocketProvider, timeoutMs = 10_000): Promise<void> {
  if (provider.synced) return Promise.resolve();
  return within(
    new Promise<void>((done) => {
      const onSync = (state: boolean) => {
        if (!state) return;
        provider.off('sync', onSync);
        done();
      };
      provider.on('sync', onSync);
    }),
    timeoutMs,
    `client of ${provider.roomname} to sync`,
  );
}

/** A client that has synced with the server. */
export async function openClient(wsBase: string, mapId: string, key: string, options: ClientOptions = {}): Promise<Client> {
  const client = connectClient(wsBase, mapId, key, options);
  await synced(client.provider);
  return client;
}

/** The next connection of this provider that the server closes: its close code and reason. */
export function nextClose(provider: WebsocketProvider, timeoutMs = 10_000): Promise<{ code: number; reason: string }> {
  return within(
    new Promise((done) => {
      const onClose = (event: CloseEvent | null) => {
        if (!event) return; // closed locally
        provider.off('connection-close', onClose);
        done({ code: event.code, reason: event.reason });
      };
      provider.on('connection-close', onClose);
    }),
    timeoutMs,
    `a close of ${provider.roomname}`,
  );
}

/** The next time this provider starts a new connection. */
export function nextAttempt(provider: WebsocketProvider): Promise<void> {
  return new Promise((done) => {
    const onStatus = ({ status }: { status: string }) => {
      if (status !== 'connecting') return;
      provider.off('status', onStatus);
      done();
    };
    provider.on('status', onStatus);
  });
}

// ---- comparing documents ------------------------------------------------------------------------

const ROOTS = ['meta', 'personas', 'stages', 'lanes', 'cards', 'links', 'emotions'] as const;

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object' && !(value instanceof Uint8Array)) {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, sortKeys(v)]),
    );
  }
  return value;
}

/** Everything in a map document (every root, card texts included) as plain data with sorted keys. */
export function contentOf(doc: Y.Doc): Record<string, unknown> {
  return Object.fromEntries(ROOTS.map((name) => [name, sortKeys(doc.getMap(name).toJSON())]));
}

/** The state vector of a document (client id → clock): equal vectors mean the same updates. */
export function stateVectorOf(doc: Y.Doc): Record<string, number> {
  const sv = Y.decodeStateVector(Y.encodeStateVector(doc));
  return Object.fromEntries([...sv].sort(([a], [b]) => a - b).map(([k, v]) => [String(k), v]));
}

/** The first stage and the first lane of a map document: where a test puts a card. With `cardLane`,
 * the first lane that holds cards (the emotional curve holds none). */
export function firstCell(doc: Y.Doc, options: { cardLane?: boolean } = {}): { stageId: string; laneId: string } {
  const j = readJourney(doc);
  const lanes = sortByIndex(j.lanes.values()).filter((l) => !options.cardLane || l.kind !== 'emotions');
  return { stageId: sortByIndex(j.stages.values())[0]!.id, laneId: lanes[0]!.id };
}

/** The card texts of a document, by card id. */
export function cardTexts(doc: Y.Doc): Map<string, string> {
  const out = new Map<string, string>();
  doc.getMap<Y.Map<unknown>>('cards').forEach((card, id) => {
    const text = card instanceof Y.Map ? card.get('text') : undefined;
    out.set(id, text instanceof Y.Text ? text.toString() : '');
  });
  return out;
}

// ---- the SQLite file, read directly --------------------------------------------------------------

export interface StoredMap {
  /** The document rebuilt from the snapshot and the update log, as Room.load does. */
  doc: Y.Doc;
  hasSnapshot: boolean;
  snapshotBytes: number;
  updates: number;
  /** Snapshot plus every update, in bytes. */
  bytes: number;
}

export const sqliteFile = (dataDir: string) => join(dataDir, 'touchpoint.sqlite');

/** Reads what is on disk for a map through a separate, read-only connection. */
export function readStored(dataDir: string, mapId: string): StoredMap {
  const db = new Database(sqliteFile(dataDir), { readonly: true, fileMustExist: true });
  try {
    // One read transaction, so the snapshot and the log are seen at one moment.
    return db.transaction(() => {
      const snapshot = db.prepare<[string], { data: Buffer }>('SELECT data FROM snapshots WHERE map_id = ?').get(mapId)?.data;
      const updates = db.prepare<[string], { data: Buffer }>('SELECT data FROM updates WHERE map_id = ? ORDER BY seq').all(mapId).map((r) => r.data);
      const doc = new Y.Doc();
      doc.transact(() => {
        if (snapshot) Y.applyUpdate(doc, snapshot);
        for (const update of updates) Y.applyUpdate(doc, update);
      });
      const snapshotBytes = snapshot?.byteLength ?? 0;
      return {
        doc,
        hasSnapshot: snapshot !== undefined,
        snapshotBytes,
        updates: updates.length,
        bytes: snapshotBytes + updates.reduce((n, u) => n + u.byteLength, 0),
      };
    })();
  } finally {
    db.close();
  }
}

/** How many maps the file holds. */
export function mapCount(dataDir: string): number {
  const db = new Database(sqliteFile(dataDir), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM maps').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** Whether the maps table still has a row for this map. */
export function mapRowExists(dataDir: string, mapId: string): boolean {
  const db = new Database(sqliteFile(dataDir), { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT 1 FROM maps WHERE id = ?').get(mapId) !== undefined;
  } finally {
    db.close();
  }
}

// ---- raw sockets speaking the protocol byte by byte -------------------------------------------------

export interface RawSocket {
  ws: WebSocket;
  /** Every binary message received, in order. */
  received: Uint8Array[];
  /** Settles when the socket closes, with the close code and reason. */
  closed: Promise<{ code: number; reason: string }>;
  send(message: Uint8Array | string): void;
  /** Resolves with the first message (already received or to come) that `match` accepts. */
  message(match: (m: Uint8Array) => boolean, timeoutMs?: number): Promise<Uint8Array>;
  /** Sends sync step 1 and waits for the server's step 2: every earlier message has been handled. */
  roundTrip(): Promise<Uint8Array>;
}

/** Opens a plain `ws` socket to a map's sync endpoint (resolves once open; rejects if it never opens),
 * saying it speaks `schema` (by default this code's document version; null: says none). */
export function rawSocket(wsBase: string, mapId: string, protocols: string[], schema: number | null = SCHEMA_VERSION): Promise<RawSocket> {
  const ws = new WebSocket(syncUrl(wsBase, mapId, schema), protocols);
  const received: Uint8Array[] = [];
  const waiters = new Set<{ match: (m: Uint8Array) => boolean; done: (m: Uint8Array) => void }>();
  const closed = new Promise<{ code: number; reason: string }>((done) => {
    ws.on('close', (code, reason) => done({ code, reason: reason.toString() }));
  });
  ws.on('message', (data: Buffer) => {
    const m = new Uint8Array(data);
    received.push(m);
    for (const w of [...waiters]) {
      if (w.match(m)) {
        waiters.delete(w);
        w.done(m);
      }
    }
  });
  const socket: RawSocket = {
    ws,
    received,
    closed,
    send: (message) => ws.send(message, { binary: typeof message !== 'string' }),
    message(match, timeoutMs = 10_000) {
      const seen = received.find(match);
      if (seen) return Promise.resolve(seen);
      return within(new Promise<Uint8Array>((done) => waiters.add({ match, done })), timeoutMs, 'a message from the server');
    },
    async roundTrip() {
      // Remember how many step-2 answers came before, so an earlier one is not taken for this one.
      const before = received.filter(isSyncStep2).length;
      const answer = socket.message((m) => isSyncStep2(m) && received.filter(isSyncStep2).length > before);
      ws.send(syncStep1Message(new Y.Doc()));
      return answer;
    },
  };
  return new Promise((done, fail) => {
    ws.once('open', () => done(socket));
    ws.once('error', fail);
  });
}

const isSyncStep2 = (m: Uint8Array) => m[0] === 0 && m[1] === 1;

export function syncStep1Message(doc: Y.Doc): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  syncProtocol.writeSyncStep1(e, doc);
  return encoding.toUint8Array(e);
}

export function syncStep2Message(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep2);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

export function updateMessage(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  syncProtocol.writeUpdate(e, update);
  return encoding.toUint8Array(e);
}

export function awarenessMessage(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

/** An awareness update for any client id, clock and state (what a modified client could send). */
export function awarenessUpdate(entries: { clientID: number; clock: number; state: unknown }[]): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(e, entry.clientID);
    encoding.writeVarUint(e, entry.clock);
    encoding.writeVarString(e, JSON.stringify(entry.state));
  }
  return encoding.toUint8Array(e);
}

/** The client ids and states in an awareness message from the server (undefined for other messages). */
export function readAwarenessMessage(message: Uint8Array): Map<number, unknown> | undefined {
  const d = decoding.createDecoder(message);
  if (decoding.readVarUint(d) !== 1) return undefined;
  const u = decoding.createDecoder(decoding.readVarUint8Array(d));
  const out = new Map<number, unknown>();
  const n = decoding.readVarUint(u);
  for (let i = 0; i < n; i++) {
    const id = decoding.readVarUint(u);
    decoding.readVarUint(u);
    out.set(id, JSON.parse(decoding.readVarString(u)));
  }
  return out;
}

// ---- the real server process -----------------------------------------------------------------------

export interface ServerProcess {
  child: ChildProcess;
  port: number;
  http: string;
  ws: string;
  /** Settles when the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Everything it printed so far. */
  output(): string;
}

/**
 * Starts `server/main.ts` as its own process (node with tsx's loader: the server itself, no wrapper
 * process between, so a SIGKILL kills the server) and resolves once it prints its address.
 */
export function spawnServer(options: {
  dataDir: string;
  port?: number;
  /** Another entry point that starts the server (one of server/testing/), and what it reads. */
  entry?: string;
  env?: Record<string, string>;
}): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', options.entry ?? 'server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...options.env, PORT: String(options.port ?? 0), HOST, DATA_DIR: options.dataDir, DIST_DIR: appDir() },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => {
    child.once('exit', (code, signal) => done({ code, signal }));
  });
  const started = new Promise<ServerProcess>((done, fail) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /running at http:\/\/127\.0\.0\.1:(\d+)\//.exec(output);
      if (!match) return;
      const port = Number(match[1]);
      done({ child, port, http: `http://${HOST}:${port}`, ws: `ws://${HOST}:${port}/sync`, exited, output: () => output });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    void exited.then(({ code, signal }) => fail(new Error(`the server exited (${code ?? signal}) before it started:\n${output}`)));
  });
  return within(started, 30_000, 'the server process to start');
}

/**
 * One edit's round trip, writer → server → reader, in ms: a small document update sent by `writer`
 * until `reader` receives it. Measures how long another map's edits wait (hostile and event-loop
 * tests and benches).
 */
export function editRoundTrips(writer: RawSocket, reader: RawSocket, timeoutMs = 30_000) {
  const local = new Y.Doc();
  const updates: Uint8Array[] = [];
  local.on('update', (u: Uint8Array) => updates.push(u));
  let n = 0;
  return {
    async next(): Promise<number> {
      local.getMap('probe').set('n', ++n);
      const update = updates.shift()!;
      const t0 = performance.now();
      reader.received.length = 0; // only what comes next matters
      const arrived = reader.message((m) => m[0] === 0 && m[1] === 2, timeoutMs);
      writer.send(updateMessage(update));
      await arrived;
      return performance.now() - t0;
    },
    destroy: () => local.destroy(),
  };
}

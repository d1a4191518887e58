// The Touchpoint server on one port: the built web app, the HTTP API, and the websocket sync
// endpoint `/sync/<mapId>` (the map's key in the Sec-WebSocket-Protocol header as `key.<key>`).
import { loadAllLocales } from '../src/i18n/catalogue';
import { createServer, type IncomingMessage } from 'node:http';
import { join, resolve } from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { LocalBus, type Bus } from './bus/bus';
import { HttpError, handleApi, newCreations, sendJson } from './http/api';
import { errorBody } from './http/guards';
import { serveStatic } from './http/static';
import { roleOf, type Role } from './keys';
import { DEFAULT_LIMITS, type Limits } from './limits';
import { Rooms } from './rooms/rooms';
import type { DocStore, MapRecord } from './store/DocStore';
import { DamagedData } from './store/integrity';
import { openSqliteStore } from './store/sqlite';
import { Admission, type Refusal } from './sync/admission';
import { Connection } from './sync/connection';
import { CLOSE } from './sync/messages';
import { clientSchema, versionRefusal } from './sync/version';
import type { Migration } from '../src/doc/migrations';
import { WorkerPool } from './work/pool';
import { offersSaveProtocol } from '../src/doc/saveStatus';
import { wantsCommentsNudge } from '../src/doc/commentsNudge';

export interface ServerOptions {
  port: number;
  host: string;
  dataDir: string;
  distDir: string;
  limits?: Partial<Limits>;
  store?: DocStore;
  bus?: Bus;
  /** Serve the app's source maps (*.map; else 404). `SERVE_SOURCE_MAPS=1`. */
  serveSourceMaps?: boolean;
  /** Behind a reverse proxy: a client's address is the last of X-Forwarded-For. `TRUST_PROXY=1`. */
  trustProxy?: boolean;
  /** The migrations every map is brought through as it loads (src/doc/migrations.ts MIGRATIONS;
   * tests inject one beyond the current version). */
  migrations?: readonly Migration[];
}

export interface RunningServer {
  port: number;
  /** Stops accepting, makes every room durable, closes clients with 1012, closes the store. */
  shutdown(): Promise<void>;
}

const KEY_PROTOCOL = 'key.';

/** A socket whose map and key were checked: its map, its role, and the document version it speaks. */
interface Verified {
  id: string;
  role: Role;
  schema: number;
  record: MapRecord;
}

/** A client that offers protocols but no key still completes the handshake (with the first it
 * offers), so that it can be told 4401: a refused handshake looks like a network error to it, and
 * it would retry forever. */
const pickProtocol = (protocols: Set<string>): string | false => [...protocols].find((p) => p.startsWith(KEY_PROTOCOL)) ?? [...protocols][0] ?? false;

function keyFromProtocols(header: string | undefined): string | undefined {
  return header
    ?.split(',')
    .map((p) => p.trim())
    .find((p) => p.startsWith(KEY_PROTOCOL))
    ?.slice(KEY_PROTOCOL.length);
}

/**
 * Holds what a socket sends while its map is looked up and loaded (a stock y-websocket client sends
 * sync step 1 the moment it is open, and with a slow store that is long before the room is ready).
 * The same per-connection limits apply as later: a frame over the limit closes with 4413; more
 * messages than the rate limit's burst, or more bytes than the larger of the frame limit and what
 * may wait to be sent to one client, close with 4529 (the client comes back). `release` hands them, in order, to the listener the
 * Connection has attached by then; `drop` forgets them (the load failed or the socket closed).
 */
function holdMessages(ws: WebSocket, limits: Limits) {
  const held: { data: Buffer; isBinary: boolean }[] = [];
  let bytes = 0;
  const maxBytes = Math.max(limits.maxFrameBytes, limits.maxBufferedBytes);
  const drop = () => {
    held.length = 0;
    bytes = 0;
    ws.off('message', hold);
  };
  const refuse = (code: number, reason: string) => {
    drop();
    ws.close(code, reason);
  };
  function hold(data: Buffer, isBinary: boolean): void {
    if (ws.readyState !== ws.OPEN) return;
    if (data.byteLength > limits.maxFrameBytes) return refuse(CLOSE.tooLarge, 'message too large');
    // The Connection's token bucket starts full (the burst): the held messages spend it when they
    // are handed over, so holding no more than the burst keeps them within the same rate limit.
    if (held.length >= limits.messageBurst) return refuse(CLOSE.rateLimited, 'too many messages');
    bytes += data.byteLength;
    if (bytes > maxBytes) return refuse(CLOSE.rateLimited, 'too much sent before the map was loaded');
    held.push({ data, isBinary });
  }
  ws.on('message', hold);
  ws.on('close', drop);
  // From the first moment: an 'error' with no listener would be thrown, and stop the process.
  ws.on('error', drop);
  return {
    drop,
    /** Call right after the Connection is made: it gets the held messages, then the live ones. */
    release(): void {
      const messages = held.splice(0);
      drop();
      // Through the socket's own event, so the Connection checks and counts each one exactly as
      // if it had just arrived (frame size, rate, role, malformed frames).
      for (const m of messages) ws.emit('message', m.data, m.isBinary);
    },
  };
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  // Maps are seeded in their own language, whatever the server's.
  await loadAllLocales();
  const limits: Limits = { ...DEFAULT_LIMITS, ...options.limits };
  const store = options.store ?? openSqliteStore(join(options.dataDir, 'touchpoint.sqlite'));
  const bus = options.bus ?? new LocalBus();
  // Another instance deleted a map, or changed its comments: the same here, without telling again.
  const rooms = new Rooms(store, limits, bus, options.migrations, (id, message) => {
    if (message.type === 'deleted') void evictHere(id);
    else nudgeHere(id, message.rev);
  });
  const connections = new Set<Connection>();
  let accepting = true;
  const statics = serveStatic(resolve(options.distDir), { sourceMaps: options.serveSourceMaps ?? false });
  const creations = newCreations(limits, options.trustProxy);
  // Map files are read and built here, off the event loop (the store has its own for compaction).
  const work = new WorkerPool();

  const evictHere = (id: string) =>
    rooms.evict(id, (room) => {
      for (const c of [...connections]) if (c.room === room) c.close(CLOSE.notFound, 'the map was deleted');
    });
  /** A deleted map's clients are closed on every instance. */
  const evict = (id: string) => {
    bus.publish(id, { type: 'deleted', from: bus.instanceId });
    return evictHere(id);
  };
  /** Tells everyone connected to a map, on every instance, that its comments are at revision `rev`
   * now (message 102). */
  const nudgeHere = (id: string, rev: number) => {
    for (const c of connections) if (c.room.id === id) c.commentsChanged(rev);
  };
  const nudgeComments = (id: string, rev: number) => {
    bus.publish(id, { type: 'comments', from: bus.instanceId, rev });
    nudgeHere(id, rev);
  };

  const http = createServer((req, res) => {
    // On every answer: no content sniffing, and no address of ours in anyone's Referer.
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      // A request target that is no URL ("//["): answered, never an exception that stops the server.
      return sendJson(res, 400, errorBody('Bad request.', 'badRequest'));
    }
    if ((url.pathname === '/healthz' || url.pathname === '/readyz') && req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      return sendJson(res, 405, errorBody('Method not allowed here.', 'methodNotAllowed'));
    }
    if (url.pathname === '/healthz') return sendJson(res, 200, { ok: true });
    if (url.pathname === '/readyz') return sendJson(res, accepting ? 200 : 503, { ready: accepting, rooms: rooms.size, connections: connections.size });
    if (url.pathname.startsWith('/api/')) {
      if (!accepting) return sendJson(res, 503, errorBody('The server is restarting. Try again in a moment.', 'restarting'));
      handleApi({ store, rooms, limits, evict, creations, work, nudgeComments }, req, res, url.pathname).catch((error: unknown) => {
        if (error instanceof HttpError) {
          for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
          // A body refused part-way (413) is left unread, so this connection cannot carry another
          // request: close it, else the client reuses it and its next request hangs.
          if (error.status === 413) res.setHeader('connection', 'close');
          return sendJson(res, error.status, error.body());
        }
        console.error('API error:', error);
        if (error instanceof DamagedData)
          return sendJson(res, 503, errorBody('This map cannot be opened: its stored data is damaged. It is kept as it is; the server’s log says more.', 'damagedMap'));
        sendJson(res, 500, errorBody('The server could not do that. Nothing was changed.', 'serverError'));
      });
      return;
    }
    statics(req, res, url.pathname);
  });

  const wss = new WebSocketServer({
    noServer: true,
    // Far above the limit we enforce ourselves, so that we can answer 4413 (ws itself would answer
    // 1009, which the client takes as a reason to reconnect and resend forever).
    maxPayload: limits.maxFrameBytes * 4,
    handleProtocols: pickProtocol,
  });
  // Sockets before their key is verified: counted, checked before the handshake, refused with a
  // close (server/sync/admission.ts).
  const admission = new Admission(limits, { trustProxy: options.trustProxy ?? false, handleProtocols: pickProtocol });

  /** The socket's map and key, checked before its handshake is completed. Refusals are websocket
   * closes, never an HTTP error at upgrade (the client would retry forever). */
  const verify = async (req: IncomingMessage): Promise<Verified | Refusal> => {
    if (!accepting) return { refuse: CLOSE.restart, reason: 'restarting' };
    let id: string | undefined;
    try {
      id = /^\/sync\/([\w-]{1,64})$/.exec(new URL(req.url ?? '/', 'http://localhost').pathname)?.[1];
    } catch {
      id = undefined; // a request target that is no URL
    }
    // A loaded map's keys are known without the store: a client may rejoin it while the store cannot be read.
    const record = id ? (rooms.record(id) ?? (await store.getMap(id))) : undefined;
    const role = record ? roleOf(keyFromProtocols(req.headers['sec-websocket-protocol']), record) : null;
    if (!id || !record || !role) return { refuse: CLOSE.unauthorized, reason: 'unknown map or wrong key' };
    return { id, role, schema: clientSchema(req.url), record };
  };

  const accept = async (ws: WebSocket, req: IncomingMessage, held: ReturnType<typeof holdMessages>, { id, role, schema, record }: Verified) => {
    let room;
    try {
      room = await rooms.open(id);
      rooms.remember(id, record);
    } catch (error) {
      console.error(`map ${id}: could not be loaded:`, error);
      return ws.close(CLOSE.unavailable, 'the map could not be loaded');
    }
    if (ws.readyState !== ws.OPEN) return rooms.left(room);
    // The room has loaded, and so migrated: a client that does not speak its version is closed
    // before anything it sent is applied (what it sent while the map loaded is dropped, below).
    const refusal = versionRefusal(room, schema);
    if (refusal) {
      rooms.left(room);
      return ws.close(refusal.refuse, refusal.reason);
    }
    if (room.peers.size >= limits.maxConnectionsPerMap) {
      rooms.left(room);
      return ws.close(CLOSE.unavailable, 'too many people on this map');
    }
    const connection = new Connection(
      ws,
      room,
      role,
      limits,
      (c) => {
        connections.delete(c);
        rooms.left(room);
      },
      offersSaveProtocol(req.headers['sec-websocket-protocol']),
      schema,
      wantsCommentsNudge(req.headers['sec-websocket-protocol']),
    );
    connections.add(connection);
    held.release();
  };

  http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    admission.admit(
      req,
      socket,
      head,
      () => verify(req),
      (verified) =>
        wss.handleUpgrade(req, socket, Buffer.alloc(0), (ws) => {
          // At once, before anything is awaited: whatever the client sends while its map loads is kept.
          const held = holdMessages(ws, limits);
          accept(ws, req, held, verified)
            .catch((error: unknown) => {
              console.error('sync connection error:', error);
              ws.close(CLOSE.unavailable, 'server error');
            })
            .finally(held.drop); // nothing once released; else (closed, failed) the held go
        }),
    );
  });

  // Dead connections (a laptop that slept) are found by ping and dropped.
  const heartbeat = setInterval(() => {
    for (const c of connections) {
      if (!c.alive) c.close(CLOSE.unavailable, 'no answer to ping');
      else c.ping();
    }
  }, 30_000);

  await new Promise<void>((done) => http.listen(options.port, options.host, done));
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : options.port;

  return {
    port,
    async shutdown() {
      accepting = false;
      clearInterval(heartbeat);
      http.close();
      await work.close();
      for (const room of await rooms.all()) await room.flush().catch((e: unknown) => console.error(`map ${room.id}: flush failed`, e));
      await store.flush();
      for (const c of [...connections]) c.close(CLOSE.restart, 'server restarting');
      await rooms.stopSaving();
      await bus.close();
      await store.close();
      http.closeAllConnections();
    },
  };
}

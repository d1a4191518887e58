// Sockets that send presence as fast as the server's limits allow, in a process of their own (so
// that their work is not queued on the event loop of whoever measures the server meanwhile). Started
// by `startPresenceFlood` (below, in the parent); run as a child with tsx's loader.
//
// Each socket opens a map with a key, speaks for a client id of its own and sends presence at
// `perSecond` messages a second, each state about `stateBytes` long (a cursor and padding), with a
// growing clock; as fast as the server reads them when it reads less (it keeps at most 64 KiB
// unsent, then catches up). It reads whatever the server sends and counts it.
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import * as encoding from 'lib0/encoding';
import { SCHEMA_VERSION } from '../../src/journey/types';

export interface FloodOptions {
  wsBase: string;
  mapId: string;
  key: string;
  sockets: number;
  perSecond: number;
  stateBytes: number;
}

export interface FloodStats {
  /** Presence messages sent, over all sockets. */
  sent: number;
  /** Messages and bytes received, over all sockets. */
  received: number;
  receivedBytes: number;
  /** How many sockets the server closed, by close code. */
  closes: Record<string, number>;
  seconds: number;
}

type Request = { op: 'start'; options: FloodOptions } | { op: 'stop' };
type Reply = { ready: number } | { stats: FloodStats } | { error: string };

/** A websocket frame from a client, of one presence message: binary, final, masked with the key 0
 * (so the payload goes as it is: building it costs the flood next to nothing). */
function presenceFrame(clientId: number, clock: number, state: Uint8Array): Buffer {
  const update = encoding.createEncoder();
  encoding.writeVarUint(update, 1);
  encoding.writeVarUint(update, clientId);
  encoding.writeVarUint(update, clock);
  encoding.writeVarUint8Array(update, state); // a varString is its UTF-8 bytes with their length
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint8Array(e, encoding.toUint8Array(update));
  const payload = encoding.toUint8Array(e);
  const n = payload.byteLength;
  const header = n < 126 ? Buffer.from([0x82, 0x80 | n]) : n < 65536 ? Buffer.from([0x82, 0x80 | 126, n >> 8, n & 255]) : Buffer.from([0x82, 0x80 | 127, 0, 0, 0, 0, (n >>> 24) & 255, (n >> 16) & 255, (n >> 8) & 255, n & 255]);
  return Buffer.concat([header, Buffer.alloc(4), payload]);
}

/** One socket of the flood: the handshake, then frames read from the server (counted) and written. */
function openFloodSocket(options: FloodOptions, stats: FloodStats): Promise<Socket> {
  // Saying the document version this code speaks, as the app does (else it is refused with 4426).
  const url = new URL(`${options.wsBase}/${options.mapId}?schema=${SCHEMA_VERSION}`);
  const socket = connect({ host: url.hostname, port: Number(url.port) });
  let buffer: Buffer = Buffer.alloc(0);
  let upgraded = false;
  socket.on('error', () => {});
  return new Promise((resolve, reject) => {
    socket.once('close', () => reject(new Error('a flooding socket was closed before its handshake')));
    socket.on('connect', () =>
      socket.write(
        `GET ${url.pathname}${url.search} HTTP/1.1\r\nHost: ${url.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: key.${options.key}\r\n\r\n`,
      ),
    );
    socket.on('data', (chunk: Buffer) => {
      stats.receivedBytes += chunk.length;
      buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
      if (!upgraded) {
        const end = buffer.indexOf('\r\n\r\n');
        if (end < 0) return;
        if (!buffer.subarray(0, 12).toString('latin1').startsWith('HTTP/1.1 101')) return reject(new Error('a flooding socket was refused'));
        upgraded = true;
        buffer = buffer.subarray(end + 4);
        resolve(socket);
      }
      // Server frames are not masked: a header of 2, 4 or 10 bytes, then the payload.
      for (;;) {
        if (buffer.length < 2) break;
        const len7 = buffer[1]! & 127;
        const headerBytes = len7 === 126 ? 4 : len7 === 127 ? 10 : 2;
        if (buffer.length < headerBytes) break;
        const len = len7 === 126 ? buffer.readUInt16BE(2) : len7 === 127 ? Number(buffer.readBigUInt64BE(2)) : len7;
        if (buffer.length < headerBytes + len) break;
        if ((buffer[0]! & 15) === 8) {
          const code = len >= 2 ? buffer.readUInt16BE(headerBytes) : 1005;
          stats.closes[code] = (stats.closes[code] ?? 0) + 1;
        } else stats.received++;
        buffer = buffer.subarray(headerBytes + len);
      }
    });
  });
}

async function flood(options: FloodOptions, stopped: Promise<void>): Promise<FloodStats> {
  const stats: FloodStats = { sent: 0, received: 0, receivedBytes: 0, closes: {}, seconds: 0 };
  const sockets: Socket[] = [];
  for (let i = 0; i < options.sockets; i++) sockets.push(await openFloodSocket(options, stats));
  process.send!({ ready: sockets.length } satisfies Reply);
  const state = new TextEncoder().encode(JSON.stringify({ user: { name: 'flood', color: '#3366ff' }, cursor: { x: 10, y: 20 }, pad: 'x'.repeat(Math.max(0, options.stateBytes - 70)) }));
  // Client ids of their own, as every client picks at random (a server remembers the clock of an id).
  const base = randomBytes(4).readUInt32BE(0) % 1_000_000_000;
  const ids = sockets.map((_, i) => base + i);
  const t0 = performance.now();
  let running = true;
  void stopped.then(() => (running = false));
  // Paced by the clock: each socket at `perSecond` x elapsed messages, as far as the server reads.
  const sentBy = sockets.map(() => 0);
  while (running) {
    const due = Math.floor(((performance.now() - t0) / 1000) * options.perSecond);
    for (let i = 0; i < sockets.length; i++) {
      const socket = sockets[i]!;
      while (sentBy[i]! < due && !socket.destroyed && socket.writableLength < 64 * 1024) {
        sentBy[i]!++;
        socket.write(presenceFrame(ids[i]!, sentBy[i]!, state));
        stats.sent++;
      }
    }
    await new Promise((done) => setTimeout(done, 5));
  }
  stats.seconds = (performance.now() - t0) / 1000;
  for (const socket of sockets) socket.destroy();
  return stats;
}

// ---- in the child --------------------------------------------------------------------------------

if (process.send && process.argv[2] === 'presence-flood') {
  let stop: () => void = () => {};
  const stopped = new Promise<void>((done) => (stop = done));
  process.on('message', (request: Request) => {
    if (request.op === 'start') {
      flood(request.options, stopped).then(
        (stats) => process.send!({ stats } satisfies Reply),
        (error: Error) => process.send!({ error: error.message } satisfies Reply),
      );
    } else stop();
  });
  process.on('disconnect', () => process.exit(0));
}

// ---- in the parent -------------------------------------------------------------------------------

export interface PresenceFlood {
  /** Stops sending and resolves with what was sent and received. */
  stop(): Promise<FloodStats>;
}

/** Starts the flood in a child process; resolves once every socket is open and sending. */
export async function startPresenceFlood(options: FloodOptions): Promise<PresenceFlood> {
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), ['presence-flood'], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const replies: Reply[] = [];
  const waiters: (() => void)[] = [];
  child.on('message', (reply: Reply) => {
    replies.push(reply);
    for (const w of waiters.splice(0)) w();
  });
  const next = async (): Promise<Reply> => {
    while (!replies.length) await new Promise<void>((done) => waiters.push(done));
    return replies.shift()!;
  };
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.send({ op: 'start', options } satisfies Request);
  const ready = await next();
  if ('error' in ready) throw new Error(ready.error);
  return {
    async stop() {
      child.send({ op: 'stop' } satisfies Request);
      const reply = await next();
      child.disconnect();
      await exited;
      if ('error' in reply) throw new Error(reply.error);
      if (!('stats' in reply)) throw new Error('the flood answered out of turn');
      return reply.stats;
    },
  };
}

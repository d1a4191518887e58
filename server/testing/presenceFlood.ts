// Sockets that send presence as fast as the server's limits allow, in a process of their own (so
// that their work is not queued on the event loop of whoever measures the server meanwhile). Started
// by `startPresenceFlood` (below, in the parent); run as a child with tsx's loader.
//
// Each socket opens a map with a key, speaks for a client id of its own and sends presence at
// `perSecond` messages a second, each state about `stateBytes` long (a cursor and padding), with a
// growing clock; as fast as the server reads them when it reads less (it keeps at most 64 KiB
// unsent, then catches up). It reads whatever the server sends and counts it.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';

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

function presence(clientId: number, clock: number, pad: string): Uint8Array {
  const update = encoding.createEncoder();
  encoding.writeVarUint(update, 1);
  encoding.writeVarUint(update, clientId);
  encoding.writeVarUint(update, clock);
  encoding.writeVarString(update, JSON.stringify({ user: { name: `flood ${clientId}`, color: '#3366ff' }, cursor: { x: clock % 1000, y: clock % 700 }, pad }));
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint8Array(e, encoding.toUint8Array(update));
  return encoding.toUint8Array(e);
}

async function flood(options: FloodOptions, stopped: Promise<void>): Promise<FloodStats> {
  const stats: FloodStats = { sent: 0, received: 0, receivedBytes: 0, closes: {}, seconds: 0 };
  const sockets: WebSocket[] = [];
  const pad = 'x'.repeat(Math.max(0, options.stateBytes - 100));
  for (let i = 0; i < options.sockets; i++) {
    const ws = new WebSocket(`${options.wsBase}/${options.mapId}`, [`key.${options.key}`]);
    ws.on('message', (data: Buffer) => {
      stats.received++;
      stats.receivedBytes += data.byteLength;
    });
    ws.on('error', () => {});
    ws.on('close', (code) => {
      stats.closes[code] = (stats.closes[code] ?? 0) + 1;
    });
    await new Promise<void>((done, fail) => {
      ws.once('open', () => done());
      ws.once('close', (code) => fail(new Error(`a flooding socket was refused with ${code}`)));
    });
    sockets.push(ws);
  }
  process.send!({ ready: sockets.length } satisfies Reply);
  const ids = sockets.map((_, i) => 900_000 + i);
  const t0 = performance.now();
  let running = true;
  void stopped.then(() => (running = false));
  // Paced by the clock: each socket is at `perSecond` × elapsed messages, whatever timers do.
  const sentBy = sockets.map(() => 0);
  while (running) {
    const due = Math.floor(((performance.now() - t0) / 1000) * options.perSecond);
    for (let i = 0; i < sockets.length; i++) {
      const ws = sockets[i]!;
      while (sentBy[i]! < due && ws.readyState === ws.OPEN && ws.bufferedAmount < 64 * 1024) {
        sentBy[i]!++;
        ws.send(presence(ids[i]!, sentBy[i]!, pad));
        stats.sent++;
      }
    }
    await new Promise((done) => setTimeout(done, 5));
  }
  stats.seconds = (performance.now() - t0) / 1000;
  for (const ws of sockets) ws.terminate();
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

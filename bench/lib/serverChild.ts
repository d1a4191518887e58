// A benchmark's server in a process of its own (bench/lib/serverProcess.ts starts it): ours
// (startOurs: the real server with SQLite) or the reference relay, as `argv[2]` says. It tells its
// parent the port, then answers requests over the IPC channel, so the benchmark's clients and the
// server never share an event loop, as in production:
// - open: creates a map (a room) holding a state;
// - arm: starts counting a room's incoming updates (ours: the store's durable acks, timed from each
//   append); wait: resolves once that many have arrived, with when the last was accepted and (ours)
//   made durable, in epoch milliseconds, and the receive → durable times.
import * as Y from 'yjs';
import { startOurs, startReference } from './servers';
import { summarize, type Summary } from './stats';

export type Request = { id: number } & ({ op: 'open'; state: string } | { op: 'arm'; room: string; updates: number } | { op: 'wait'; room: string });
export interface Counted {
  lastAccepted: number;
  lastDurable: number;
  ackMs: Summary | null;
}

const kind = process.argv[2];
if (kind !== 'ours' && kind !== 'reference') throw new Error(`serverChild: unknown server "${kind}"`);
const send = (message: unknown) => process.send!(message);
/** Epoch milliseconds with performance.now()'s resolution: comparable across processes. */
const now = () => performance.timeOrigin + performance.now();

const server = kind === 'ours' ? await startOurs() : await startReference();
const counting = new Map<string, Promise<Counted>>();
let rooms = 0;

async function open(state: Uint8Array): Promise<{ room: string; protocols: string[] }> {
  if (server.name === 'ours') {
    const map = await server.createMap(state);
    return { room: map.id, protocols: server.protocols(map) };
  }
  const room = `bench-${++rooms}`;
  server.preload(room, state);
  return { room, protocols: [] };
}

function arm(room: string, updates: number): Promise<Counted> {
  if (server.name === 'ours') {
    const meter = server.meter;
    meter.reset();
    return meter.untilAcks(updates).then(() => ({
      lastAccepted: performance.timeOrigin + meter.lastAppend,
      lastDurable: performance.timeOrigin + meter.lastAck,
      ackMs: summarize(meter.latencies),
    }));
  }
  const doc: Y.Doc = server.doc(room)!;
  let seen = 0;
  return new Promise<Counted>((done) => {
    const onUpdate = () => {
      if (++seen < updates) return;
      doc.off('update', onUpdate);
      done({ lastAccepted: now(), lastDurable: NaN, ackMs: null });
    };
    doc.on('update', onUpdate);
  });
}

process.on('message', (request: Request) => {
  const reply = (value: unknown) => send({ id: request.id, value });
  switch (request.op) {
    case 'open':
      void open(Buffer.from(request.state, 'base64')).then(reply);
      break;
    case 'arm':
      counting.set(request.room, arm(request.room, request.updates));
      reply(true);
      break;
    case 'wait':
      void counting.get(request.room)!.then(
        (counted) => {
          counting.delete(request.room);
          reply(counted);
        },
        (error: Error) => send({ id: request.id, error: error.message }),
      );
      break;
  }
});
process.on('disconnect', () => void (server.name === 'ours' ? server.shutdown() : server.close()).then(() => process.exit(0)));
send({ ready: true, wsBase: server.wsBase });

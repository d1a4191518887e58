// Starts a benchmark's server (ours or the reference relay) in a child process: see serverChild.ts.
// The clients measured stay in the benchmark's process, so a figure is the server's work plus the
// clients', each on its own event loop, not both queued on one.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Counted, Request } from './serverChild';
import { within } from './stats';

export type { Counted };

export interface ServerProcess {
  name: 'ours' | 'reference';
  /** The y-websocket base URL: a client's room is appended. */
  wsBase: string;
  /** Creates a map (a room) holding this state; its name and the protocols a client presents. */
  openRoom(state: Uint8Array): Promise<{ room: string; protocols: string[] }>;
  /** Starts counting the room's incoming updates; `counted` resolves once `updates` have come. */
  count(room: string, updates: number): Promise<{ counted: () => Promise<Counted> }>;
  close(): Promise<void>;
}

/** Epoch milliseconds with performance.now()'s resolution, as the server process reports times. */
export const epochNow = () => performance.timeOrigin + performance.now();

type Reply = { ready: true; wsBase: string } | { id: number; value: unknown } | { id: number; error: string };
type Op = Request extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

export async function spawnServer(name: ServerProcess['name']): Promise<ServerProcess> {
  const child: ChildProcess = fork(fileURLToPath(new URL('./serverChild.ts', import.meta.url)), [name], {
    // BENCH_PROFILE_DIR=<folder>: the server writes a CPU profile there (run the benchmark itself
    // with `node --cpu-prof` to profile the clients' side).
    execArgv: ['--import', 'tsx', ...(process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [])],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiting = new Map<number, { done: (value: unknown) => void; fail: (error: Error) => void }>();
  let ready: (wsBase: string) => void = () => {};
  const started = new Promise<string>((done) => (ready = done));
  child.on('message', (reply: Reply) => {
    if ('ready' in reply) ready(reply.wsBase);
    else if ('error' in reply) waiting.get(reply.id)?.fail(new Error(`the ${name} server: ${reply.error}`));
    else waiting.get(reply.id)?.done(reply.value);
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const wsBase = await within(started, 30_000, `the ${name} server process to start`);
  let requests = 0;
  const request = <T>(op: Op, timeoutMs = 60_000): Promise<T> => {
    const id = ++requests;
    const reply = new Promise<T>((done, fail) => waiting.set(id, { done: done as (value: unknown) => void, fail }));
    child.send({ id, ...op });
    return within(reply, timeoutMs, `the ${name} server to answer "${op.op}"`).finally(() => waiting.delete(id));
  };
  return {
    name,
    wsBase,
    openRoom: (state) => request({ op: 'open', state: Buffer.from(state).toString('base64') }),
    async count(room, updates) {
      await request({ op: 'arm', room, updates });
      return { counted: () => request<Counted>({ op: 'wait', room }) };
    },
    async close() {
      child.disconnect();
      await within(exited, 15_000, `the ${name} server process to exit`);
    },
  };
}

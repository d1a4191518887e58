// The worker thread's side of server/work/pool.ts (loaded by worker.mjs): runs one task at a time as
// the pool sends them, asks the main thread for the database's write lock when a task needs it, and
// closes its database connections when told to end. Each task's module is loaded at its first use,
// so a worker that only compacts never loads the map file reader.
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, type TransferListItem } from 'node:worker_threads';
import type { TaskName, ToMain, ToWorker } from './protocol';

const port = parentPort!;
/** The worker's nice value (the main thread's is 0): where both want one core, Linux gives the main
 * thread about 10x the time. Not 19: the worker holds the store's write lock while it writes, and
 * should not starve then. */
const WORKER_NICE = 10;

// Below the event loop's priority: when this thread and the main thread both want a core (a small
// machine), the main thread gets it first. Linux gives each thread a nice value of its own, and
// /proc/thread-self names this one; elsewhere the worker keeps the main thread's priority.
try {
  const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
  if (tid > 0) setPriority(tid, WORKER_NICE);
} catch {
  // not Linux, or not allowed
}

const post = (message: ToMain, transfer: TransferListItem[] = []) => port.postMessage(message, transfer);
const granted = new Map<number, () => void>();
let sqlite: Promise<typeof import('../store/sqliteTasks')> | undefined;
const sqliteTasks = () => (sqlite ??= import('../store/sqliteTasks'));

/** Asks the main thread for the write lock; resolves with its release once the lock is this task's. */
function lock(id: number): Promise<() => void> {
  return new Promise((done) => {
    granted.set(id, () => done(() => post({ type: 'unlock', id })));
    post({ type: 'lock', id });
  });
}

/** Buffers a result can hand over rather than copy: a Uint8Array that is its whole buffer. */
function transferable(value: unknown): TransferListItem[] {
  const out: TransferListItem[] = [];
  const visit = (v: unknown, depth: number) => {
    if (v instanceof Uint8Array) {
      if (v.byteOffset === 0 && v.byteLength === v.buffer.byteLength && v.buffer instanceof ArrayBuffer) out.push(v.buffer);
    } else if (v && typeof v === 'object' && depth < 3) for (const x of Object.values(v)) visit(x, depth + 1);
  };
  visit(value, 0);
  return out;
}

async function run(id: number, task: TaskName, input: unknown): Promise<unknown> {
  switch (task) {
    case 'compact': {
      const { compactMap } = await sqliteTasks();
      const { file, mapId } = input as { file: string; mapId: string };
      return compactMap(file, mapId, () => lock(id));
    }
    case 'createMap': {
      const { createMap } = await sqliteTasks();
      return createMap(input as Parameters<typeof createMap>[0], () => lock(id));
    }
    case 'addVersion': {
      await sqliteTasks(); // its connections are closed with the worker's (below)
      const { addVersion } = await import('../store/versionTasks');
      return addVersion(input as Parameters<typeof addVersion>[0], () => lock(id));
    }
    case 'copyVersions': {
      await sqliteTasks();
      const { copyVersions } = await import('../store/versionTasks');
      return copyVersions(input as Parameters<typeof copyVersions>[0], () => lock(id));
    }
    case 'dropVersions': {
      await sqliteTasks();
      const { dropVersions } = await import('../store/versionTasks');
      return dropVersions(input as Parameters<typeof dropVersions>[0], () => lock(id));
    }
    case 'foldLog': {
      const { foldLog } = await import('../store/fold');
      return foldLog(input as Parameters<typeof foldLog>[0]);
    }
    case 'versionState': {
      const { readVersionState } = await import('./versionState');
      return readVersionState(input as Parameters<typeof readVersionState>[0]);
    }
    case 'mapRequest': {
      const { readMapRequest } = await import('./mapRequest');
      return readMapRequest((input as { body: Uint8Array }).body, true);
    }
  }
}

port.on('message', (message: ToWorker) => {
  switch (message.type) {
    case 'run':
      run(message.id, message.task, message.input).then(
        (value) => post({ type: 'done', id: message.id, value: value ?? null }, transferable(value)),
        (error: unknown) => {
          const e = error instanceof Error ? error : new Error(String(error));
          post({ type: 'failed', id: message.id, name: e.name, message: e.message });
        },
      );
      break;
    case 'locked':
      granted.get(message.id)?.();
      granted.delete(message.id);
      break;
    case 'close':
      // Its databases closed first: a connection left open would keep its locks in this process.
      void (sqlite ?? Promise.resolve(null)).then((tasks) => {
        tasks?.closeDatabases();
        port.close();
      });
      break;
  }
});

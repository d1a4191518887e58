// Work that would hold the event loop (and with it every socket of every map) for tens or hundreds
// of milliseconds runs here, in worker threads: compaction of a map's update log, and reading a map
// file into a new map's first state. A small pool (one worker by default) takes tasks in order from
// a queue; a worker starts at the first task and stops after a while with nothing to do.
//
// A task that writes to the database asks for the write lock first (`lock`): SQLite makes a writer
// that finds the lock taken wait, asleep, in its own thread, so the store grants it only at a moment
// its own connection is not writing, and holds back its own writes (asynchronously) until the task
// releases it. The main thread never sleeps on a lock the worker holds.
import { Worker, type TransferListItem } from 'node:worker_threads';
import type { TaskName, TaskInput, TaskOutput, ToMain, ToWorker } from './protocol';

export interface PoolOptions {
  /** Worker threads at most. */
  size?: number;
  /** A worker with nothing to do for this long stops (the next task starts one again). */
  idleMs?: number;
  /** Grants a task the database's write lock; resolves with its release. */
  lock?: () => Promise<() => void>;
}

interface Job {
  id: number;
  task: TaskName;
  input: unknown;
  transfer: TransferListItem[];
  resolve(value: unknown): void;
  reject(error: Error): void;
  /** The release of the write lock while this job holds it. */
  release?: () => void;
}

interface Slot {
  worker: Worker;
  job: Job | null;
  idle: NodeJS.Timeout | null;
  stopping: boolean;
  exited: Promise<void>;
}

const WORKER_URL = new URL('./worker.mjs', import.meta.url);

/** An error from a task, as the worker described it (name and message kept). */
function taskError(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

export class WorkerPool {
  private readonly slots = new Set<Slot>();
  private readonly queue: Job[] = [];
  private jobs = 0;
  private closed = false;
  private readonly size: number;
  private readonly idleMs: number;

  constructor(private readonly options: PoolOptions = {}) {
    this.size = Math.max(1, options.size ?? 1);
    this.idleMs = options.idleMs ?? 30_000;
  }

  /** Runs a task in a worker; resolves with its result. `transfer`: buffers handed over, not copied. */
  run<T extends TaskName>(task: T, input: TaskInput<T>, transfer: TransferListItem[] = []): Promise<TaskOutput<T>> {
    if (this.closed) return Promise.reject(new Error('the worker pool is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ id: ++this.jobs, task, input, transfer, resolve: resolve as (value: unknown) => void, reject });
      this.dispatch();
    });
  }

  /** Worker threads running now. */
  get threads(): number {
    return this.slots.size;
  }

  /** Tasks running or waiting. */
  get busy(): number {
    return this.queue.length + [...this.slots].filter((s) => s.job).length;
  }

  /** Lets every task already given finish, then stops the workers (each closes its database first). */
  async close(): Promise<void> {
    this.closed = true;
    while (this.busy) await new Promise<void>((done) => setTimeout(done, 5));
    await Promise.all([...this.slots].map((slot) => this.stop(slot)));
  }

  private dispatch(): void {
    while (this.queue.length) {
      let slot = [...this.slots].find((s) => !s.job && !s.stopping);
      if (!slot) {
        if ([...this.slots].filter((s) => !s.stopping).length >= this.size) return;
        slot = this.start();
      }
      const job = this.queue.shift()!;
      if (slot.idle) clearTimeout(slot.idle);
      slot.idle = null;
      slot.job = job;
      const message: ToWorker = { type: 'run', id: job.id, task: job.task, input: job.input };
      slot.worker.postMessage(message, job.transfer);
    }
  }

  private start(): Slot {
    const worker = new Worker(WORKER_URL);
    const slot: Slot = {
      worker,
      job: null,
      idle: null,
      stopping: false,
      exited: new Promise((done) => worker.once('exit', () => done())),
    };
    this.slots.add(slot);
    worker.on('message', (message: ToMain) => this.receive(slot, message));
    // A worker that fails outside a task (it could not start, say) fails the task it had, and ends:
    // the next task starts another.
    worker.on('error', (error) => {
      slot.stopping = true;
      this.finish(slot, undefined, error);
    });
    void slot.exited.then(() => {
      this.slots.delete(slot);
      if (slot.idle) clearTimeout(slot.idle);
      this.finish(slot, undefined, new Error('the worker thread stopped'));
      this.dispatch();
    });
    return slot;
  }

  private receive(slot: Slot, message: ToMain): void {
    const job = slot.job;
    if (!job || message.id !== job.id) return;
    switch (message.type) {
      case 'lock': {
        const grant = this.options.lock?.() ?? Promise.resolve(() => {});
        void grant.then((release) => {
          if (slot.job !== job) return release(); // the worker died meanwhile
          job.release = release;
          const reply: ToWorker = { type: 'locked', id: job.id };
          slot.worker.postMessage(reply);
        });
        break;
      }
      case 'unlock':
        this.unlock(job);
        break;
      case 'done':
        this.finish(slot, message.value);
        break;
      case 'failed':
        this.finish(slot, undefined, taskError(message.name, message.message));
        break;
    }
  }

  private unlock(job: Job): void {
    const release = job.release;
    job.release = undefined;
    release?.();
  }

  private finish(slot: Slot, value: unknown, error?: Error): void {
    const job = slot.job;
    if (!job) return;
    slot.job = null;
    // The lock goes first: the store's own writes resume before the next task asks for it.
    this.unlock(job);
    if (error) job.reject(error);
    else job.resolve(value);
    this.dispatch();
    if (!slot.job && !slot.stopping && this.slots.has(slot)) {
      slot.idle = setTimeout(() => void this.stop(slot), this.idleMs);
      slot.idle.unref();
    }
  }

  private async stop(slot: Slot): Promise<void> {
    if (slot.idle) clearTimeout(slot.idle);
    slot.idle = null;
    if (!slot.stopping) {
      slot.stopping = true;
      const message: ToWorker = { type: 'close' };
      slot.worker.postMessage(message);
      // It closes its databases and ends; if it does not within a while, it is ended.
      const timer = setTimeout(() => void slot.worker.terminate(), 10_000);
      void slot.exited.finally(() => clearTimeout(timer));
    }
    await slot.exited;
  }
}

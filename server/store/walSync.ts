// The SQLite store's own fsync of its write-ahead log (see sqlite.ts): on libuv's thread pool, never
// on the event loop, one at a time. A sync covers every write made before it started, so the
// requests that arrive while one is running share the next one (a group commit of fsyncs): under
// load the disk sees one fsync after another, never a queue of them, and the log file is opened
// once, not at every commit.
import { open, type FileHandle } from 'node:fs/promises';

export interface WalSync {
  /** Resolves once every write made before this call is on the disk. */
  sync(): Promise<void>;
  /** Waits for the syncs under way, then closes the file. */
  close(): Promise<void>;
}

export function walSync(path: string): WalSync {
  let handle: Promise<FileHandle | null> | null = null;
  let running: Promise<void> | null = null;
  let next: Promise<void> | null = null;

  const fileHandle = () =>
    (handle ??= open(path, 'r+').catch((error: NodeJS.ErrnoException) => {
      handle = null; // SQLite makes the log at its first write: try again next time
      if (error.code === 'ENOENT') return null; // nothing written yet, nothing to sync
      throw error;
    }));

  const run = (): Promise<void> => {
    running = fileHandle()
      .then((h) => h?.datasync())
      .finally(() => {
        running = null;
      });
    return running;
  };

  const sync = (): Promise<void> => {
    if (!running) return run();
    // Writes made now may have missed the sync under way: they need the next one, shared by all
    // who ask before it starts.
    next ??= running.then(run, run).finally(() => {
      next = null;
    });
    return next;
  };

  return {
    sync,
    async close() {
      await Promise.allSettled([running, next]);
      const h = await handle?.catch(() => null);
      handle = null;
      await h?.close();
    },
  };
}

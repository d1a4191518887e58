// A data folder whose disk the tests fill up and free again (not shipped). As root (as CI runs the
// tests) it is a real filesystem: a small tmpfs mounted for the test, filled with a file until the
// kernel answers ENOSPC, so SQLite itself fails with SQLITE_FULL. Otherwise (or if the mount is
// refused) the real SQLite store of the folder is wrapped so that, while the disk is "full", every
// append and compaction fails with the error SQLite gives on a full disk.
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { DocStore } from '../store/DocStore';
import { tempDir } from './harness';

/** The error better-sqlite3 throws when the disk is full. */
export function sqliteFullError(): Error {
  return Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
}

/** The store, failing its writes of map updates as SQLite does while the file `flag` exists. */
export function failWhileFull(inner: DocStore, flag: string): DocStore {
  return {
    ...inner,
    append: (id, update, origin) => (existsSync(flag) ? Promise.reject(sqliteFullError()) : inner.append(id, update, origin)),
    compact: (...args) => (existsSync(flag) ? Promise.reject(sqliteFullError()) : inner.compact(...args)),
  };
}

export interface FullableDisk {
  dataDir: string;
  /** A real filesystem (tmpfs) that really fills up; else a store that fails as if it did. */
  real: boolean;
  /** While it exists, the stand-in store fails (for a server in another process, `FULL_FLAG`). */
  flag: string;
  /** Wraps the store of `dataDir` as the server must be given it (the stand-in's failures, if not real). */
  wrap(store: DocStore): DocStore;
  fill(): void;
  free(): void;
  /** Unmounts (call before removing the temp folders). */
  dispose(): void;
}

export function fullableDisk(sizeMiB = 8): FullableDisk {
  const dataDir = tempDir('touchpoint-full-');
  const flag = join(tempDir('touchpoint-full-flag-'), 'full');
  let real = false;
  if (process.getuid?.() === 0) {
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMiB}m`, 'tmpfs', dataDir], { stdio: 'pipe' });
      real = true;
    } catch (error) {
      console.warn(`could not mount a tmpfs (${(error as Error).message.trim()}): a store failing as SQLite does on a full disk stands in`);
    }
  }
  const filler = join(dataDir, 'filler');
  return {
    dataDir,
    real,
    flag,
    wrap: (store) => (real ? store : failWhileFull(store, flag)),
    fill() {
      if (!real) return writeFileSync(flag, '');
      const fd = openSync(filler, 'a');
      try {
        // Large pieces, then small ones for the last free pages.
        for (const size of [1024 * 1024, 64 * 1024, 4096, 512]) {
          const piece = Buffer.alloc(size, 0x55);
          try {
            for (;;) writeSync(fd, piece);
          } catch (error) {
            if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
          }
        }
      } finally {
        closeSync(fd);
      }
    },
    free() {
      rmSync(real ? filler : flag, { force: true });
    },
    dispose() {
      if (real) execFileSync('umount', ['-l', dataDir], { stdio: 'pipe' });
      real = false;
    },
  };
}

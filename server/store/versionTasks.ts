// The SQLite store's version work in a worker thread (server/work/tasks.ts runs these, on the
// worker's own connection, writing only under the write lock the store grants, as sqliteTasks.ts
// does): keeping a large version (and thinning the map's others in the same transaction); copying
// every version of a map to its duplicate, and deleting them with their map, a few megabytes per
// transaction so that the store's own writes never wait long for the lock.
import type { NewVersion } from './DocStore';
import { checkpoint, connect, write } from './sqliteTasks';
import { versionQueries, versionRow } from './sqliteVersions';

type Lock = () => Promise<() => void>;

export interface AddVersionInput {
  file: string;
  mapId: string;
  version: NewVersion;
  thin: boolean;
}

export interface CopyVersionsInput {
  file: string;
  fromId: string;
  toId: string;
}

/** Versions' bytes copied or deleted per transaction at most (at least one version). */
const COPY_BATCH_BYTES = 16 * 1024 * 1024;

/** Keeps a version (its checksum computed here), thinning as the store's addVersion does: the ids thinned away. */
export async function addVersion({ file, mapId, version, thin }: AddVersionInput, lock: Lock): Promise<string[]> {
  const c = connect(file);
  const row = versionRow(version);
  const removed = await write(c, lock, () => versionQueries(c.db).add(mapId, row, thin));
  checkpoint(c);
  return removed;
}

/** Rows in batches of at most COPY_BATCH_BYTES (at least one row each). */
function batches(rows: readonly { rowid: number; bytes: number }[]): number[][] {
  const out: number[][] = [];
  let batch: number[] = [];
  let bytes = 0;
  for (const row of rows) {
    if (batch.length && bytes + row.bytes > COPY_BATCH_BYTES) {
      out.push(batch);
      batch = [];
      bytes = 0;
    }
    batch.push(row.rowid);
    bytes += row.bytes;
  }
  if (batch.length) out.push(batch);
  return out;
}

/** Copies every version of `fromId` to `toId`: how many. Stops if `toId` is deleted meanwhile. */
export async function copyVersions({ file, fromId, toId }: CopyVersionsInput, lock: Lock): Promise<number> {
  const c = connect(file);
  const q = versionQueries(c.db);
  let copied = 0;
  for (const batch of batches(q.rowsOf(fromId))) {
    if (!(await write(c, lock, () => q.copy(fromId, batch, toId)))) break;
    copied += batch.length;
  }
  if (copied) checkpoint(c);
  return copied;
}

/** Deletes every version of a map (before the map itself: sqlite.ts deleteMap): how many. */
export async function dropVersions({ file, mapId }: { file: string; mapId: string }, lock: Lock): Promise<number> {
  const c = connect(file);
  const q = versionQueries(c.db);
  let dropped = 0;
  for (const batch of batches(q.rowsOf(mapId))) {
    await write(c, lock, () => q.removeRows(mapId, batch));
    dropped += batch.length;
  }
  if (dropped) checkpoint(c);
  return dropped;
}

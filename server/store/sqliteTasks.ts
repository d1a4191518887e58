// The SQLite store's work in a worker thread (server/work/tasks.ts runs these): compaction, and
// writing a new map whose first state is large. The worker has its own connection to the store's
// file (WAL lets it read while the main connection writes). It writes only while it holds the write
// lock the store grants it (`lock`), so the main thread never waits for the worker's writes.
//
// Compaction is safe with appends going on: it reads the snapshot and the log up to the map's last
// sequence number N (`map_seq`, sqliteLog.ts) in one read transaction, checks them (checksums, the
// snapshot's decoded size), builds the map from them, and writes the new snapshot at seq N in one
// transaction that deletes only the updates up to N, and only if the stored snapshot's seq is still
// below N: an update appended meanwhile stays in the log, and a snapshot written meanwhile by
// another compaction is never replaced by an older one. Damaged data is never folded: the task
// fails, and nothing is written.
//
// The new snapshot is the map's state as a document encodes it (Y.encodeStateAsUpdate), as before,
// not Y.mergeUpdates of the stored bytes: merging keeps the content of every deleted item forever
// (100 KB of text typed and deleted stays 100 KB), where the document keeps only its ids.
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import type { MapRecord } from './DocStore';
import { applySnapshot, checksum, verifyChecksum } from './integrity';

export interface CompactResult {
  /** Bytes of the new snapshot. */
  snapshotBytes: number;
  /** Updates folded into it and deleted from the log. */
  folded: number;
}

export interface CreateMapInput {
  file: string;
  record: MapRecord;
  state: Uint8Array;
}

type Lock = () => Promise<() => void>;

interface Connection {
  db: Database.Database;
  readLog: (mapId: string) => {
    snapshot: { data: Buffer; crc: number | null; seq: number } | undefined;
    updates: { seq: number; data: Buffer; crc: number | null }[];
  };
  replaceSnapshot: Database.Statement<[Uint8Array, number, number, string, number]>;
  insertSnapshot: Database.Statement<[string, Uint8Array, number, number]>;
  hasSnapshot: Database.Statement<[string], unknown>;
  hasMap: Database.Statement<[string], unknown>;
  deleteFolded: Database.Statement<[string, number]>;
  insertMap: Database.Statement<[string, string, string, string, number, string, string]>;
}

const connections = new Map<string, Connection>();

export function connect(file: string): Connection {
  let c = connections.get(file);
  if (c) return c;
  const db = new Database(file, { fileMustExist: true });
  // Per connection, as the main one has them (the file itself is already in WAL mode).
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  const selectSnapshot = db.prepare<[string], { data: Buffer; crc: number | null; seq: number }>('SELECT data, crc, seq FROM snapshots WHERE map_id = ?');
  const selectUpdates = db.prepare<[string, number], { seq: number; data: Buffer; crc: number | null }>(
    'SELECT map_seq AS seq, data, crc FROM updates WHERE map_id = ? AND map_seq > ? ORDER BY map_seq',
  );
  c = {
    db,
    // One read transaction: the snapshot and the log as they were at one moment.
    readLog: db.transaction((mapId: string) => {
      const snapshot = selectSnapshot.get(mapId);
      return { snapshot, updates: selectUpdates.all(mapId, snapshot?.seq ?? 0) };
    }),
    // Fenced on the seq: never replaced by a snapshot that holds less.
    replaceSnapshot: db.prepare('UPDATE snapshots SET data = ?, crc = ?, seq = ?, gen = gen + 1 WHERE map_id = ? AND seq < ?'),
    insertSnapshot: db.prepare('INSERT INTO snapshots (map_id, data, crc, seq) VALUES (?, ?, ?, ?)'),
    hasSnapshot: db.prepare('SELECT 1 FROM snapshots WHERE map_id = ?'),
    hasMap: db.prepare('SELECT 1 FROM maps WHERE id = ?'),
    deleteFolded: db.prepare('DELETE FROM updates WHERE map_id = ? AND map_seq <= ?'),
    insertMap: db.prepare('INSERT INTO maps (id, edit_key_hash, view_key_hash, view_key, created_at, comment_key_hash, comment_key) VALUES (?, ?, ?, ?, ?, ?, ?)'),
  };
  connections.set(file, c);
  return c;
}

/** Closes every connection of this thread (before it ends). */
export function closeDatabases(): void {
  for (const c of connections.values()) c.db.close();
  connections.clear();
}

/** Writes under the lock the store grants, in one immediate transaction. */
export async function write<T>(c: Connection, lock: Lock, fn: () => T): Promise<T> {
  const release = await lock();
  try {
    return c.db.transaction(fn).immediate();
  } finally {
    release();
  }
}

/** After a large write, its pages are copied from the write-ahead log into the database here, in
 * this thread, rather than by the main connection's next commit (SQLite checkpoints in the
 * connection whose commit finds the log long, and a checkpoint syncs the database file). */
export function checkpoint(c: Connection): void {
  try {
    c.db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // Only an optimisation: SQLite checkpoints later by itself.
  }
}

/** Folds a map's snapshot and update log into a new snapshot: see the top of this file. Null (and
 * nothing written) when there is nothing to fold, the map is gone, or another compaction replaced the
 * snapshot first; rejects with DamagedData, writing nothing, if what
 * is stored fails its checks. */
export async function compactMap(file: string, mapId: string, lock: Lock): Promise<CompactResult | null> {
  const c = connect(file);
  const { snapshot, updates } = c.readLog(mapId);
  if (!updates.length) return null;
  if (snapshot) verifyChecksum(mapId, 'the snapshot', snapshot.data, snapshot.crc);
  for (const u of updates) verifyChecksum(mapId, `update ${u.seq}`, u.data, u.crc);
  const doc = new Y.Doc();
  let state: Uint8Array;
  try {
    doc.transact(() => {
      if (snapshot) applySnapshot(doc, mapId, snapshot.data, null);
      for (const u of updates) Y.applyUpdate(doc, u.data);
    });
    state = Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
  const upTo = updates[updates.length - 1]!.seq;
  const crc = checksum(state);
  const written = await write(c, lock, () => {
    if (snapshot) {
      if (c.replaceSnapshot.run(state, crc, upTo, mapId, upTo).changes !== 1) return false; // a newer one meanwhile, or deleted
    } else {
      if (c.hasSnapshot.get(mapId) || !c.hasMap.get(mapId)) return false;
      c.insertSnapshot.run(mapId, state, crc, upTo);
    }
    c.deleteFolded.run(mapId, upTo);
    return true;
  });
  if (!written) return null;
  checkpoint(c);
  return { snapshotBytes: state.byteLength, folded: updates.length };
}

/** Writes a new map with its first state (its checksum beside it), as the store's createMap does. */
export async function createMap({ file, record: r, state }: CreateMapInput, lock: Lock): Promise<null> {
  const c = connect(file);
  const crc = checksum(state);
  await write(c, lock, () => {
    c.insertMap.run(r.id, r.editKeyHash, r.viewKeyHash, r.viewKey, r.createdAt, r.commentKeyHash ?? '', r.commentKey ?? '');
    c.insertSnapshot.run(r.id, state, crc, 0);
  });
  checkpoint(c);
  return null;
}

// The versions of maps in the SQLite store (issue 13; DocStore's version methods): the table, the
// `source_id` of a copy, and the statements, for either connection: the store's own (sqlite.ts) and
// a worker's (sqliteTasks.ts, which writes large versions and copies a map's versions for its
// duplicate, off the event loop). A version is its map's whole state (Y.encodeStateAsUpdate) with
// its CRC-32, checked when read (integrity.ts), as a snapshot is. Compaction never touches this table;
// deleting a map deletes its versions (ON DELETE CASCADE).
//
// The state is the row's last column: SQLite keeps what does not fit a page in a chain of overflow
// pages at the row's end, and a column after it could only be reached by walking that chain, so a
// list of versions (everything but the states) reads one small record per version.
import type Database from 'better-sqlite3';
import type { DocStore, NewVersion, StoredVersion, VersionInfo } from './DocStore';
import { checksum, verifyChecksum } from './integrity';
import { readVersionInfo, VERSION_INFO_COLUMNS, type VersionInfoRow } from './rows';
import { versionsToThin } from './thinning';
import type { WorkerPool } from '../work/pool';

/** Creates the table and the maps' `source_id` where they are missing (a file made before them). */
export function prepareVersions(db: Database.Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS versions (
      map_id TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
      id TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      name TEXT,
      kind TEXT NOT NULL,
      reason TEXT NOT NULL,
      editors TEXT NOT NULL,
      cards INTEGER NOT NULL,
      bytes INTEGER NOT NULL,
      crc INTEGER NOT NULL,
      state BLOB NOT NULL,
      PRIMARY KEY (map_id, id)
    );
    CREATE INDEX IF NOT EXISTS versions_by_time ON versions(map_id, created_at);
  `);
  const hasSource = db.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('maps')").all().some((c) => c.name === 'source_id');
  if (!hasSource) db.exec('ALTER TABLE maps ADD COLUMN source_id TEXT');
}

type InfoRow = VersionInfoRow;
type StateRow = InfoRow & { crc: number; state: Buffer };

const INFO = VERSION_INFO_COLUMNS;

const readInfo = (r: InfoRow): VersionInfo => readVersionInfo(r, (json) => JSON.parse(json) as string[]);

/** A version's row, ready to insert: its size and checksum (computed once, wherever it is written). */
export interface VersionRow {
  version: NewVersion;
  crc: number;
}

export const versionRow = (version: NewVersion): VersionRow => ({ version, crc: checksum(version.state) });

export type VersionQueries = ReturnType<typeof makeQueries>;

function makeQueries(db: Database.Database) {
  const insert = db.prepare(`INSERT INTO versions (map_id, ${INFO}, crc, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const selectAuto = db.prepare<[string], { id: string; created_at: number }>("SELECT id, created_at FROM versions WHERE map_id = ? AND kind = 'auto'");
  const deleteOne = db.prepare('DELETE FROM versions WHERE map_id = ? AND id = ?');
  // By rowid (the cheapest way back to a row), and map: a rowid freed meanwhile may be another map's by then.
  const deleteRow = db.prepare('DELETE FROM versions WHERE rowid = ? AND map_id = ?');
  const list = db.prepare<[string], InfoRow>(`SELECT ${INFO} FROM versions WHERE map_id = ? ORDER BY created_at DESC, rowid DESC`);
  const count = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM versions WHERE map_id = ?');
  const selectOne = db.prepare<[string, string], StateRow>(`SELECT ${INFO}, crc, state FROM versions WHERE map_id = ? AND id = ?`);
  const selectInfo = db.prepare<[string, string], InfoRow>(`SELECT ${INFO} FROM versions WHERE map_id = ? AND id = ?`);
  const rename = db.prepare("UPDATE versions SET name = ?, kind = 'named' WHERE map_id = ? AND id = ?");
  const totalBytes = db.prepare<[string], { n: number | null }>('SELECT sum(bytes) AS n FROM versions WHERE map_id = ?');
  const rowids = db.prepare<[string], { rowid: number; bytes: number }>('SELECT rowid, bytes FROM versions WHERE map_id = ? ORDER BY rowid');
  const copyOne = db.prepare(`INSERT OR IGNORE INTO versions (map_id, ${INFO}, crc, state) SELECT ?, ${INFO}, crc, state FROM versions WHERE rowid = ? AND map_id = ?`);
  const setSource = db.prepare('UPDATE maps SET source_id = ? WHERE id = ?');
  const selectSource = db.prepare<[string], { source_id: string | null }>('SELECT source_id FROM maps WHERE id = ?');
  const hasMap = db.prepare<[string], unknown>('SELECT 1 FROM maps WHERE id = ?');

  /** Keeps a version and, for an automatic one, thins the map's automatic versions as of its time.
   * The ids thinned away. Call inside a write transaction. */
  const add = (mapId: string, { version: v, crc }: VersionRow, thin: boolean): string[] => {
    insert.run(mapId, v.id, v.createdAt, v.name, v.kind, v.reason, JSON.stringify(v.editors), v.cards, v.state.byteLength, crc, v.state);
    if (!thin || v.kind !== 'auto') return [];
    const removed = versionsToThin(
      selectAuto.all(mapId).map((r) => ({ id: r.id, createdAt: r.created_at })),
      v.createdAt,
    );
    for (const id of removed) deleteOne.run(mapId, id);
    return removed;
  };

  return {
    add: db.transaction(add),
    list: (mapId: string): VersionInfo[] => list.all(mapId).map(readInfo),
    count: (mapId: string): number => count.get(mapId)?.n ?? 0,
    /** Bytes of all a map's versions' states. */
    bytesOf: (mapId: string): number => totalBytes.get(mapId)?.n ?? 0,
    get(mapId: string, versionId: string): StoredVersion | undefined {
      const row = selectOne.get(mapId, versionId);
      if (!row) return undefined;
      verifyChecksum(mapId, `version ${versionId}`, row.state, row.crc);
      return { ...readInfo(row), state: row.state };
    },
    name(mapId: string, versionId: string, name: string): VersionInfo | undefined {
      if (rename.run(name, mapId, versionId).changes !== 1) return undefined;
      return readInfo(selectInfo.get(mapId, versionId)!);
    },
    remove: (mapId: string, versionId: string): boolean => deleteOne.run(mapId, versionId).changes === 1,
    /** Deletes these rows of a map's versions (a map being deleted). Call inside a write transaction. */
    removeRows(mapId: string, rows: readonly number[]): void {
      for (const rowid of rows) deleteRow.run(rowid, mapId);
    },
    /** The rows of a map's versions and their sizes, for copying a few at a time (copy). */
    rowsOf: (mapId: string): { rowid: number; bytes: number }[] => rowids.all(mapId),
    /** Copies these rows of one map's versions to another map; false if that map is gone. Call
     * inside a write transaction. A version the copy has already (the same id) stays as it is. */
    copy(fromId: string, rows: readonly number[], toId: string): boolean {
      if (!hasMap.get(toId)) return false;
      for (const rowid of rows) copyOne.run(toId, rowid, fromId);
      return true;
    },
    setSource: (mapId: string, sourceId: string): void => void setSource.run(sourceId, mapId),
    sourceOf: (mapId: string): string | null => selectSource.get(mapId)?.source_id ?? null,
  };
}

const cache = new WeakMap<Database.Database, VersionQueries>();

/** The version statements of a connection (prepared once per connection). */
export function versionQueries(db: Database.Database): VersionQueries {
  let q = cache.get(db);
  if (!q) cache.set(db, (q = makeQueries(db)));
  return q;
}

// ---- the store's methods (sqlite.ts adds them to its DocStore) ----

export type VersionMethods = Pick<
  DocStore,
  'addVersion' | 'versions' | 'countVersions' | 'getVersion' | 'nameVersion' | 'deleteVersion' | 'copyVersions' | 'setSource' | 'sourceOf'
>;

/** The writes on the store's own connection (they wait while a worker holds the write lock, as every write does). */
export const VERSION_WRITES = ['addVersion', 'nameVersion', 'deleteVersion', 'setSource'] as const;

/** A version larger than this is written by the store's worker (a 1 MiB state takes 2-14 ms to insert here). */
export const WORKER_VERSION_BYTES = 256 * 1024;

/** A map's versions of more bytes than this in all are deleted by the worker before the map: the
 * cascade deletes about 1 GiB a second here, on the event loop (150 ms for 300 versions of 1 MiB). */
export const WORKER_DROP_BYTES = 16 * 1024 * 1024;

/** Before a map is deleted: its versions, if they are many, by the worker, a few megabytes at a time
 * (the rest go with the map, ON DELETE CASCADE). */
export async function dropManyVersions(db: Database.Database, { work, path }: { work: WorkerPool; path: string }, mapId: string): Promise<void> {
  if (versionQueries(db).bytesOf(mapId) > WORKER_DROP_BYTES) await work.run('dropVersions', { file: path, mapId });
}

/**
 * The version methods of the store whose connection is `db` (the table is made here if missing).
 * `durable`: resolves once what was written is on the disk; `work`: the store's worker threads, on
 * the store's file `path`.
 */
export function versionMethods(db: Database.Database, { durable, work, path }: { durable: () => Promise<void>; work: WorkerPool; path: string }): VersionMethods {
  prepareVersions(db);
  const q = versionQueries(db);
  return {
    async addVersion(mapId, version, options = {}) {
      const thin = options.thin ?? true;
      // A large state is checked, written and synced by the worker: the event loop only hands it over.
      const removed =
        version.state.byteLength > WORKER_VERSION_BYTES ? await work.run('addVersion', { file: path, mapId, version, thin }) : q.add(mapId, versionRow(version), thin);
      await durable();
      return removed;
    },
    versions: async (mapId) => q.list(mapId),
    countVersions: async (mapId) => q.count(mapId),
    getVersion: async (mapId, versionId) => q.get(mapId, versionId),
    async nameVersion(mapId, versionId, name) {
      const named = q.name(mapId, versionId, name);
      if (named) await durable();
      return named;
    },
    async deleteVersion(mapId, versionId) {
      const deleted = q.remove(mapId, versionId);
      if (deleted) await durable();
      return deleted;
    },
    async copyVersions(fromId, toId) {
      const copied = await work.run('copyVersions', { file: path, fromId, toId });
      await durable();
      return copied;
    },
    async setSource(mapId, sourceId) {
      q.setSource(mapId, sourceId);
      await durable();
    },
    sourceOf: async (mapId) => q.sourceOf(mapId),
  };
}

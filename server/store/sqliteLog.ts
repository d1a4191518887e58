// The SQLite store's document log (DocStore: "a map's document is a log"): the columns that number
// each map's updates, the reads that give a room the log or what it lacks of it, and the group
// commit's transaction. sqlite.ts owns the connection and the commit window; sqliteTasks.ts folds the
// log into a snapshot in the worker.
//
// `updates.seq` stays the table's rowid (global, as before); a map's own sequence is `map_seq`,
// numbered from `maps.head`, which the append transaction bumps: 1, 2, 3, … per map without gaps.
// `snapshots.seq` is the map_seq the snapshot holds everything up to (0: the map's first state).
import type Database from 'better-sqlite3';
import type { LoggedUpdate, StoredDoc, UpdateOrigin } from './DocStore';
import { checksum, verifyChecksum } from './integrity';

/** An append waiting for the group commit. */
export interface PendingAppend {
  mapId: string;
  update: Uint8Array;
  origin: UpdateOrigin | null;
  resolve(seq: number): void;
  reject(error: unknown): void;
}

/** The map an append was for is gone (deleted meanwhile): that append alone is refused. */
export class MapGone extends Error {
  constructor(mapId: string) {
    super(`map ${mapId} is gone`);
    this.name = 'MapGone';
  }
}

const hasColumn = (db: Database.Database, table: string, column: string) =>
  db.prepare<[string], { name: string }>('SELECT name FROM pragma_table_info(?)').all(table).some((c) => c.name === column);

/** Files made before the per-map sequence: each map's remaining updates are numbered 1…n in their
 * order (what was folded away is in the snapshot, at seq 0), its head set to n. Once, in one
 * transaction. */
export function migrateLog(db: Database.Database): void {
  db.transaction(() => {
    if (!hasColumn(db, 'maps', 'head')) db.exec('ALTER TABLE maps ADD COLUMN head INTEGER NOT NULL DEFAULT 0');
    if (!hasColumn(db, 'snapshots', 'seq')) db.exec('ALTER TABLE snapshots ADD COLUMN seq INTEGER NOT NULL DEFAULT 0');
    if (!hasColumn(db, 'updates', 'map_seq')) {
      db.exec(`
        ALTER TABLE updates ADD COLUMN map_seq INTEGER;
        ALTER TABLE updates ADD COLUMN origin_instance TEXT;
        ALTER TABLE updates ADD COLUMN origin_local INTEGER;
        UPDATE updates SET map_seq = numbered.n
          FROM (SELECT seq, row_number() OVER (PARTITION BY map_id ORDER BY seq) AS n FROM updates) AS numbered
          WHERE updates.seq = numbered.seq;
        UPDATE maps SET head = coalesce((SELECT max(map_seq) FROM updates WHERE updates.map_id = maps.id), 0);
      `);
    }
    db.exec('CREATE UNIQUE INDEX IF NOT EXISTS updates_by_map_seq ON updates(map_id, map_seq)');
  })();
}

type SnapshotRow = { data: Buffer; crc: number | null; seq: number };
type UpdateRow = { map_seq: number; data: Buffer; crc: number | null; origin_instance: string | null; origin_local: number | null };

export function logStatements(db: Database.Database) {
  const selectSnapshot = db.prepare<[string], SnapshotRow>('SELECT data, crc, seq FROM snapshots WHERE map_id = ?');
  const selectUpdatesAfter = db.prepare<[string, number], UpdateRow>(
    'SELECT map_seq, data, crc, origin_instance, origin_local FROM updates WHERE map_id = ? AND map_seq > ? ORDER BY map_seq',
  );
  const selectLogBytes = db.prepare<[string], { n: number }>('SELECT coalesce(sum(length(data)), 0) AS n FROM updates WHERE map_id = ?');
  const selectHead = db.prepare<[string], { head: number }>('SELECT head FROM maps WHERE id = ?');
  const bumpHead = db.prepare<[string], { head: number }>('UPDATE maps SET head = head + 1 WHERE id = ? RETURNING head');
  const insertUpdate = db.prepare('INSERT INTO updates (map_id, map_seq, data, crc, origin_instance, origin_local) VALUES (?, ?, ?, ?, ?, ?)');

  const logged = (id: string, rows: UpdateRow[]): LoggedUpdate[] =>
    rows.map((r) => {
      verifyChecksum(id, `update ${r.map_seq}`, r.data, r.crc);
      return { seq: r.map_seq, update: r.data, origin: r.origin_instance === null ? null : { instance: r.origin_instance, local: r.origin_local ?? 0 } };
    });

  /** One read transaction: a compaction committed by the worker between two reads would otherwise
   * give the old snapshot with the log it had folded away. */
  const readTx = db.transaction((id: string, after: number | null): StoredDoc => {
    const snapshotRow = selectSnapshot.get(id);
    const snapshotSeq = snapshotRow?.seq ?? 0;
    // The snapshot too when what is asked for was folded into it (or for a whole load).
    const withSnapshot = after === null || after < snapshotSeq;
    const from = withSnapshot ? snapshotSeq : after;
    const updates = logged(id, selectUpdatesAfter.all(id, from));
    if (withSnapshot && snapshotRow) verifyChecksum(id, 'the snapshot', snapshotRow.data, snapshotRow.crc);
    const snapshot = withSnapshot ? (snapshotRow?.data ?? null) : null;
    const head = selectHead.get(id)?.head ?? 0;
    const bytes = (snapshotRow?.data.byteLength ?? 0) + selectLogBytes.get(id)!.n;
    return { snapshot, snapshotSeq, updates, head, bytes };
  });

  /** The group commit's transaction: each append numbered from its map's head, in the order they
   * came. An append whose map is gone is refused alone (the others are written). */
  const appendTx = db.transaction((batch: readonly PendingAppend[]): (number | null)[] =>
    batch.map((p) => {
      const row = bumpHead.get(p.mapId);
      if (!row) return null;
      insertUpdate.run(p.mapId, row.head, p.update, checksum(p.update), p.origin?.instance ?? null, p.origin?.local ?? null);
      return row.head;
    }),
  );

  return {
    load: (id: string) => readTx(id, null),
    readSince: (id: string, seq: number) => readTx(id, seq),
    head: (id: string) => selectHead.get(id)?.head,
    appendTx,
  };
}

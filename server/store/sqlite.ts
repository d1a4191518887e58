// The embedded store: one SQLite file (WAL) through better-sqlite3. Updates are an append-only log,
// group-committed: every update that arrives within one window (at most 20 ms, or until 1,000 are
// waiting) is written in one transaction, so one fsync covers them all. Compaction folds the log
// into a snapshot.
//
// Durability as with synchronous=FULL (a write resolves once it is on the disk), but the fsync is
// ours, not SQLite's: SQLite runs with synchronous=NORMAL (a transaction is written to the
// write-ahead log, not synced), and each write's promise resolves after the log file has been synced
// on libuv's thread pool. SQLite's own fsync would hold the event loop, and with it every socket of
// every map, for as long as the disk takes (several milliseconds per commit here).
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DocStore, MapRecord, StoredDoc } from './DocStore';
import { walSync } from './walSync';
import type { SurveyResponse } from '../../src/journey/voc/scores';

interface Pending {
  mapId: string;
  update: Uint8Array;
  resolve(): void;
  reject(error: unknown): void;
}

/** Updates per group commit at most (about 3 ms of inserts here); more wait for the next one. */
const MAX_BATCH = 1000;

export function openSqliteStore(file: string, commitWindowMs = 20): DocStore {
  mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.exec(`
    CREATE TABLE IF NOT EXISTS maps (
      id TEXT PRIMARY KEY,
      edit_key_hash TEXT NOT NULL,
      view_key_hash TEXT NOT NULL,
      view_key TEXT NOT NULL DEFAULT '',
      created_at INTEGER NOT NULL
    );
    CREATE TABLE IF NOT EXISTS snapshots (
      map_id TEXT PRIMARY KEY REFERENCES maps(id) ON DELETE CASCADE,
      data BLOB NOT NULL
    );
    CREATE TABLE IF NOT EXISTS updates (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      map_id TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
      data BLOB NOT NULL
    );
    CREATE INDEX IF NOT EXISTS updates_by_map ON updates(map_id, seq);
    CREATE TABLE IF NOT EXISTS responses (
      map_id TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
      line INTEGER NOT NULL,
      date TEXT NOT NULL,
      touchpoint_id TEXT,
      stage_id TEXT,
      metric TEXT NOT NULL,
      score INTEGER NOT NULL,
      comment TEXT NOT NULL,
      segment TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS responses_by_map ON responses(map_id);
  `);

  // Files made before view keys were kept: add the column (those maps' view keys stay unknown).
  const columns = db.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('maps')").all();
  if (!columns.some((c) => c.name === 'view_key')) db.exec("ALTER TABLE maps ADD COLUMN view_key TEXT NOT NULL DEFAULT ''");

  const insertMap = db.prepare('INSERT INTO maps (id, edit_key_hash, view_key_hash, view_key, created_at) VALUES (?, ?, ?, ?, ?)');
  const upsertSnapshot = db.prepare('INSERT INTO snapshots (map_id, data) VALUES (?, ?) ON CONFLICT(map_id) DO UPDATE SET data = excluded.data');
  const selectMap = db.prepare<[string], { id: string; edit_key_hash: string; view_key_hash: string; view_key: string; created_at: number }>('SELECT * FROM maps WHERE id = ?');
  const selectSnapshot = db.prepare<[string], { data: Buffer }>('SELECT data FROM snapshots WHERE map_id = ?');
  const selectUpdates = db.prepare<[string], { data: Buffer }>('SELECT data FROM updates WHERE map_id = ? ORDER BY seq');
  const insertUpdate = db.prepare('INSERT INTO updates (map_id, data) VALUES (?, ?)');
  const deleteUpdates = db.prepare('DELETE FROM updates WHERE map_id = ?');
  const deleteMapRow = db.prepare('DELETE FROM maps WHERE id = ?');

  const insertResponse = db.prepare('INSERT INTO responses (map_id, line, date, touchpoint_id, stage_id, metric, score, comment, segment) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const selectResponses = db.prepare<[string], { line: number; date: string; touchpoint_id: string | null; stage_id: string | null; metric: string; score: number; comment: string; segment: string }>(
    'SELECT line, date, touchpoint_id, stage_id, metric, score, comment, segment FROM responses WHERE map_id = ? ORDER BY rowid',
  );
  const addResponsesTx = db.transaction((id: string, rows: readonly SurveyResponse[]) => {
    for (const r of rows) insertResponse.run(id, r.line, r.date, r.touchpointId, r.stageId, r.metric, r.score, r.comment, r.segment);
  });

  const createMapTx = db.transaction((r: MapRecord, state: Uint8Array) => {
    insertMap.run(r.id, r.editKeyHash, r.viewKeyHash, r.viewKey, r.createdAt);
    upsertSnapshot.run(r.id, state);
  });
  const appendTx = db.transaction((batch: Pending[]) => {
    for (const p of batch) insertUpdate.run(p.mapId, p.update);
  });
  const compactTx = db.transaction((id: string, state: Uint8Array) => {
    upsertSnapshot.run(id, state);
    deleteUpdates.run(id);
  });

  let queue: Pending[] = [];
  let timer: NodeJS.Timeout | null = null;
  let closed = false;
  const wal = walSync(`${file}-wal`);
  /** Resolves once everything written so far (every transaction before this call) is on the disk. */
  const durable = wal.sync;

  const commit = () => {
    timer = null;
    const batch = queue;
    queue = [];
    if (!batch.length) return;
    try {
      appendTx(batch);
    } catch (error) {
      // A full disk, say: the updates stay in the rooms' memory and with the clients, who resend.
      for (const p of batch) p.reject(error);
      return;
    }
    durable().then(
      () => batch.forEach((p) => p.resolve()),
      (error: unknown) => batch.forEach((p) => p.reject(error)),
    );
  };

  return {
    async addResponses(id, rows) {
      addResponsesTx(id, rows);
      await durable();
    },
    async responses(id) {
      return selectResponses.all(id).map((r) => ({
        line: r.line,
        date: r.date,
        touchpointId: r.touchpoint_id,
        stageId: r.stage_id,
        metric: r.metric as SurveyResponse['metric'],
        score: r.score,
        comment: r.comment,
        segment: r.segment,
      }));
    },
    async createMap(record, state) {
      createMapTx(record, state);
      await durable();
    },
    async getMap(id) {
      const row = selectMap.get(id);
      return row && { id: row.id, editKeyHash: row.edit_key_hash, viewKeyHash: row.view_key_hash, viewKey: row.view_key, createdAt: row.created_at };
    },
    async deleteMap(id) {
      commit();
      deleteMapRow.run(id);
      await durable();
    },
    async loadDoc(id): Promise<StoredDoc> {
      const snapshot = selectSnapshot.get(id)?.data ?? null;
      const updates = selectUpdates.all(id).map((r) => r.data);
      const bytes = (snapshot?.byteLength ?? 0) + updates.reduce((n, u) => n + u.byteLength, 0);
      return { snapshot, updates, bytes };
    },
    append(mapId, update) {
      if (closed) return Promise.reject(new Error('store closed'));
      return new Promise<void>((resolve, reject) => {
        queue.push({ mapId, update, resolve, reject });
        // A flood is committed as soon as a batch is full: a commit's own time grows with its size.
        if (queue.length === MAX_BATCH) {
          if (timer) clearTimeout(timer);
          timer = setTimeout(commit, 0);
        } else timer ??= setTimeout(commit, commitWindowMs);
      });
    },
    async compact(id, state) {
      commit(); // the log being folded must include everything appended before
      compactTx(id, state);
      await durable();
    },
    async flush() {
      if (timer) clearTimeout(timer);
      commit();
      await durable().catch(() => {}); // a failed sync has already failed the writes it covered
    },
    async close() {
      if (timer) clearTimeout(timer);
      commit();
      closed = true;
      await wal.close();
      db.close();
    },
  };
}

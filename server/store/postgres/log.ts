// A map's log in PostgreSQL (the DocStore contract's log: DocStore.ts): appends group-committed,
// reads of one consistent moment, and compaction fenced on the snapshot's seq.
//
// Appends wait for a commit window (a few ms) or a full batch, then go in ONE transaction: the
// batch's maps are locked in id order (two instances locking {a, b} and {b, a} never deadlock),
// each map's head is raised by its number of updates, and the updates are inserted with the seqs
// head-n+1…head in the order they were appended. The map's row lock makes instances appending to
// one map take turns, so seqs are contiguous and never collide; one batch at a time per instance
// keeps one caller's seqs in its order. A map that is gone fails only its own appends; a failed
// transaction (the database down) fails the batch's, and the rooms keep and resend them.
//
// Compaction reads the snapshot and the updates up to the head H it sees, folds them (fold.ts; in a
// worker thread for a large map), and writes the new snapshot at seq H only if the stored one is
// still older (the upsert's WHERE, under the snapshot row's lock), deleting the updates up to H and
// no others: whatever was appended meanwhile stays.
import type pg from 'pg';
import type { DocStore, LoggedUpdate, StoredDoc, UpdateOrigin } from '../DocStore';
import { checksum, DamagedData, verifyChecksum } from '../integrity';
import type { WorkerPool } from '../../work/pool';
import { transaction } from './connection';
import { foldLog } from '../fold';

export interface LogOptions {
  /** How long an append waits for others to share its commit (default 5 ms). */
  commitWindowMs?: number;
  /** Appends per commit at most (default 1,000); a full batch commits at once. */
  maxBatch?: number;
  /** Logs of more bytes than this are folded in a worker thread (default 256 KiB). */
  workerFoldBytes?: number;
}

export type LogMethods = Pick<DocStore, 'append' | 'loadDoc' | 'readSince' | 'head' | 'compact' | 'flush'> & {
  /** Commits what is pending, then refuses new appends. */
  close(): Promise<void>;
};

interface Pending {
  /** Its place among this instance's appends (1, 2, …). */
  n: number;
  mapId: string;
  update: Uint8Array;
  origin: UpdateOrigin | null;
  resolve(seq: number): void;
  reject(error: unknown): void;
}

export class MapGone extends Error {
  constructor(readonly mapId: string) {
    super(`map ${mapId} is gone: the update was not stored`);
    this.name = 'MapGone';
  }
}

const EMPTY: StoredDoc = { snapshot: null, snapshotSeq: 0, updates: [], head: 0, bytes: 0 };

type HeadRow = { head: number; snapshot_seq: number | null; crc: number | null; data: Buffer | null; bytes: number };
type UpdateRow = { seq: number; data: Buffer; crc: number | null; origin_instance: string | null; origin_local: number | null };

/** The map's log after `seq` (-1: from the start, the snapshot included), read at one moment. */
async function readLog(pool: pg.Pool, id: string, seq: number): Promise<StoredDoc> {
  const rows = await transaction(
    pool,
    async (client) => {
      const map = await client.query<HeadRow>(
        `SELECT m.head, s.seq AS snapshot_seq, s.crc, CASE WHEN s.seq > $2 THEN s.data END AS data,
           coalesce(octet_length(s.data), 0) + (SELECT coalesce(sum(octet_length(u.data)), 0) FROM updates u WHERE u.map_id = m.id)::bigint AS bytes
         FROM maps m LEFT JOIN snapshots s ON s.map_id = m.id WHERE m.id = $1`,
        [id, seq],
      );
      const head = map.rows[0];
      if (!head) return null;
      const from = head.data ? head.snapshot_seq! : Math.max(seq, head.snapshot_seq ?? 0);
      const updates = await client.query<UpdateRow>('SELECT seq, data, crc, origin_instance, origin_local FROM updates WHERE map_id = $1 AND seq > $2 ORDER BY seq', [id, from]);
      return { head, from, updates: updates.rows };
    },
    'REPEATABLE READ',
  );
  if (!rows) return EMPTY;
  const { head, from, updates } = rows;
  if (head.data) verifyChecksum(id, 'the snapshot', head.data, head.crc);
  // Contiguous from `from` to the head: a row missing (deleted behind the store's back) is damage.
  const expectedLast = Math.max(from, head.head);
  updates.forEach((u, i) => {
    if (u.seq !== from + i + 1) throw new DamagedData(id, `update ${from + i + 1} is missing from the log`);
    verifyChecksum(id, `update ${u.seq}`, u.data, u.crc);
  });
  if (from + updates.length !== expectedLast) throw new DamagedData(id, `updates ${from + updates.length + 1}…${expectedLast} are missing from the log`);
  const logged: LoggedUpdate[] = updates.map((u) => ({
    seq: u.seq,
    update: u.data,
    origin: u.origin_instance === null ? null : { instance: u.origin_instance, local: u.origin_local ?? 0 },
  }));
  return { snapshot: head.data, snapshotSeq: head.snapshot_seq ?? 0, updates: logged, head: head.head, bytes: head.bytes };
}

/** Inserts a batch's updates in one transaction: the seq of each (by its `n`); none for a map that is gone. */
async function writeBatch(pool: pg.Pool, batch: readonly Pending[]): Promise<Map<number, number>> {
  const counts = new Map<string, number>();
  for (const p of batch) counts.set(p.mapId, (counts.get(p.mapId) ?? 0) + 1);
  const ids = [...counts.keys()].sort();
  return transaction(pool, async (client) => {
    await client.query('SELECT id FROM maps WHERE id = ANY($1::text[]) ORDER BY id FOR NO KEY UPDATE', [ids]);
    const raised = await client.query<{ id: string; head: number }>(
      'UPDATE maps m SET head = m.head + v.n FROM unnest($1::text[], $2::bigint[]) AS v(id, n) WHERE m.id = v.id RETURNING m.id, m.head',
      [ids, ids.map((id) => counts.get(id)!)],
    );
    /** Each map's next seq. */
    const next = new Map(raised.rows.map((r) => [r.id, r.head - counts.get(r.id)! + 1]));
    const seqs = new Map<number, number>();
    const values: unknown[] = [];
    const tuples: string[] = [];
    for (const p of batch) {
      const seq = next.get(p.mapId);
      if (seq === undefined) continue;
      next.set(p.mapId, seq + 1);
      seqs.set(p.n, seq);
      const i = values.length;
      tuples.push(`($${i + 1}, $${i + 2}, $${i + 3}, $${i + 4}, $${i + 5}, $${i + 6})`);
      values.push(p.mapId, seq, Buffer.from(p.update.buffer, p.update.byteOffset, p.update.byteLength), checksum(p.update), p.origin?.instance ?? null, p.origin?.local ?? null);
    }
    if (tuples.length) await client.query(`INSERT INTO updates (map_id, seq, data, crc, origin_instance, origin_local) VALUES ${tuples.join(', ')}`, values);
    return seqs;
  });
}

export function postgresLog(pool: pg.Pool, work: WorkerPool, options: LogOptions = {}): LogMethods {
  const commitWindowMs = options.commitWindowMs ?? 5;
  const maxBatch = options.maxBatch ?? 1000;
  const workerFoldBytes = options.workerFoldBytes ?? 256 * 1024;

  let queue: Pending[] = [];
  let timer: NodeJS.Timeout | null = null;
  /** The batch being committed: one at a time, so that one instance's seqs follow its order. */
  let committing: Promise<void> | null = null;
  let appended = 0;
  /** Every append up to this number has settled. */
  let settled = 0;
  let closed = false;

  const schedule = (ms: number) => {
    if (timer && ms > 0) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(commit, ms);
  };

  function commit(): void {
    if (timer) clearTimeout(timer);
    timer = null;
    if (committing || !queue.length) return;
    const batch = queue.slice(0, maxBatch);
    queue = queue.slice(batch.length);
    committing = writeBatch(pool, batch).then(
      (seqs) => {
        for (const p of batch) {
          const seq = seqs.get(p.n);
          if (seq === undefined) p.reject(new MapGone(p.mapId));
          else p.resolve(seq);
        }
      },
      (error: unknown) => batch.forEach((p) => p.reject(error)),
    );
    void committing.finally(() => {
      settled = batch[batch.length - 1]!.n;
      committing = null;
      // What queued meanwhile has waited for a whole commit already: it goes now.
      if (queue.length) schedule(0);
    });
  }

  const flush = async () => {
    const target = appended;
    while (settled < target) {
      commit();
      if (!committing) return;
      await committing;
    }
  };

  return {
    append(mapId, update, origin) {
      if (closed) return Promise.reject(new Error('store closed'));
      return new Promise<number>((resolve, reject) => {
        queue.push({ n: ++appended, mapId, update, origin: origin ?? null, resolve, reject });
        // A flood commits as soon as a batch is full; otherwise the window gathers the others.
        if (!committing) schedule(queue.length >= maxBatch ? 0 : commitWindowMs);
      });
    },
    loadDoc: (id) => readLog(pool, id, -1),
    readSince: (id, seq) => readLog(pool, id, seq),
    async head(id) {
      const { rows } = await pool.query<{ head: number }>('SELECT head FROM maps WHERE id = $1', [id]);
      return rows[0]?.head;
    },
    async compact(id) {
      const log = await readLog(pool, id, -1);
      if (!log.updates.length) return null;
      const input = { mapId: id, snapshot: log.snapshot, updates: log.updates.map((u) => u.update) };
      const state = log.bytes > workerFoldBytes ? await work.run('foldLog', input) : foldLog(input);
      const upTo = log.head;
      return transaction(pool, async (client) => {
        // The fence: the row's lock orders concurrent compactions; the older snapshot writes nothing.
        const written = await client.query(
          `INSERT INTO snapshots (map_id, seq, data, crc) SELECT $1, $2, $3, $4 WHERE EXISTS (SELECT 1 FROM maps WHERE id = $1)
           ON CONFLICT (map_id) DO UPDATE SET seq = excluded.seq, data = excluded.data, crc = excluded.crc WHERE snapshots.seq < excluded.seq`,
          [id, upTo, Buffer.from(state.buffer, state.byteOffset, state.byteLength), checksum(state)],
        );
        if (written.rowCount !== 1) return null;
        await client.query('DELETE FROM updates WHERE map_id = $1 AND seq <= $2', [id, upTo]);
        return state.byteLength;
      });
    },
    flush,
    async close() {
      closed = true;
      await flush();
    },
  };
}

// Moving up from one server (issue 16, docs/deploy.md "Moving up from one server"): copies every map
// of a SQLite file (the embedded store) into PostgreSQL (the store several instances share), then
// verifies each copy. scripts/copy-to-postgres.ts runs it (`npm run copy-to-postgres`).
//
// A map is copied whole or not at all: one transaction writes its row (every key hash, the view and
// comment keys, the sharing setting, the comments revision, when it was made, the map it was
// duplicated from: every link keeps working), its document, answers, votes and ballots, rounds and
// private cards, comment threads and comments, and versions, straight into the store's tables
// (schema.ts), as they are stored in SQLite (sqliteSource.ts), nothing recomputed.
//
// The document is written as one snapshot at seq 0 with the head at 0, as a new map's first state:
// the log folded (fold.ts, as compaction would), after its checksums are checked. Its seqs are not
// carried over: they only number what a room has applied, and every room loads the map afresh from
// PostgreSQL; one snapshot is also the smallest faithful form (what deleted text leaves is ids only).
//
// Nothing is overwritten: a map PostgreSQL has already is compared (mapContent.ts) and skipped when
// it is the same, refused when it differs. After the copies, both stores are opened anew and every
// copied map is read back through both DocStores and compared; a copy that differs is removed again
// and reported. The SQLite file is only read (opening its store brings an older file's tables up to
// date first, as the server's start would). A server still running on the file is warned about
// (its write-ahead log is there), and if anyone writes to the file during the run, the run fails.
import type pg from 'pg';
import { existsSync } from 'node:fs';
import type { DocStore } from '../DocStore';
import { foldLog } from '../fold';
import { checksum, verifyChecksum } from '../integrity';
import { describeCounts, differences, readMapContent, type MapContent, type WorkshopIds } from '../mapContent';
import { openSqliteStore } from '../sqlite';
import { openSqliteSource, type MapRows, type SqliteSource } from '../sqliteSource';
import { openPool, transaction } from './connection';
import { openPostgresStore } from './store';

export interface CopyOptions {
  /** The SQLite file (DATA_DIR/touchpoint.sqlite). */
  sqliteFile: string;
  databaseUrl: string;
  /** Gets each line of the report as it happens. */
  say(line: string): void;
  /** How long connecting to PostgreSQL may take (default 5 s). */
  connectMs?: number;
}

export interface CopyReport {
  /** Copied in this run, and verified. */
  copied: string[];
  /** Already in PostgreSQL with the same content. */
  skipped: string[];
  /** Maps not copied (or whose copy failed its verification and was removed), and why. */
  failures: { mapId: string; reason: string }[];
  /** Someone wrote to the SQLite file during the run (a server still running). */
  sourceChanged: boolean;
}

/** A problem with the run itself (no file, no database): its message says what to do. */
export class CopyError extends Error {}

const bytea = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength);

/** Inserts rows, many per statement (PostgreSQL takes at most 65,535 parameters in one). */
async function insertAll(client: pg.PoolClient, table: string, columns: readonly string[], rows: readonly unknown[][], perStatement = 500): Promise<void> {
  for (let from = 0; from < rows.length; from += perStatement) {
    const chunk = rows.slice(from, from + perStatement);
    const tuples = chunk.map((_, r) => `(${columns.map((_c, c) => `$${r * columns.length + c + 1}`).join(', ')})`);
    await client.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}`, chunk.flat());
  }
}

/** Writes one map, in the caller's transaction. */
async function writeMap(client: pg.PoolClient, rows: MapRows, state: Uint8Array): Promise<void> {
  const { map: m } = rows;
  const id = m.id;
  await insertAll(
    client,
    'maps',
    ['id', 'edit_key_hash', 'view_key_hash', 'view_key', 'comment_key_hash', 'comment_key', 'viewers_comment', 'comments_rev', 'created_at', 'source_id', 'head'],
    [[id, m.edit_key_hash, m.view_key_hash, m.view_key, m.comment_key_hash, m.comment_key, m.viewers_comment === 1, m.comments_rev, m.created_at, m.source_id, 0]],
  );
  await insertAll(client, 'snapshots', ['map_id', 'seq', 'data', 'crc'], [[id, 0, bytea(state), checksum(state)]]);
  await insertAll(
    client,
    'responses',
    ['map_id', 'answer_key', 'line', 'date', 'touchpoint_id', 'stage_id', 'metric', 'score', 'comment', 'segment'],
    rows.responses.map((r) => [id, r.answer_key, r.line, r.date, r.touchpoint_id, r.stage_id, r.metric, r.score, r.comment, r.segment]),
  );
  await insertAll(client, 'votes', ['map_id', 'id', 'status', 'data'], rows.votes.map((v) => [id, v.id, v.status, v.data]));
  await insertAll(client, 'ballots', ['map_id', 'vote_id', 'participant_id', 'cards'], rows.ballots.map((b) => [id, b.vote_id, b.participant_id, b.cards]));
  await insertAll(client, 'rounds', ['map_id', 'id', 'status', 'data'], rows.rounds.map((r) => [id, r.id, r.status, r.data]));
  await insertAll(
    client,
    'private_cards',
    ['map_id', 'id', 'round_id', 'author', 'stage_id', 'lane_id', 'text'],
    rows.privateCards.map((c) => [id, c.id, c.round_id, c.author, c.stage_id, c.lane_id, c.text]),
  );
  await insertAll(
    client,
    'comment_threads',
    ['map_id', 'id', 'target_type', 'target_id', 'stage_id', 'created_at', 'created_by', 'resolved_at', 'resolved_by', 'rev'],
    rows.threads.map((t) => [id, t.id, t.target_type, t.target_id, t.stage_id, t.created_at, t.created_by, t.resolved_at, t.resolved_by, t.rev]),
  );
  await insertAll(
    client,
    'comments',
    ['map_id', 'id', 'thread_id', 'author_id', 'author_name', 'text', 'created_at', 'edited_at', 'deleted_at', 'mentions'],
    rows.comments.map((c) => [id, c.id, c.thread_id, c.author_id, c.author_name, c.text, c.created_at, c.edited_at, c.deleted_at, c.mentions]),
  );
  // One version a statement: each is a whole state of the map, up to megabytes.
  await insertAll(
    client,
    'versions',
    ['map_id', 'id', 'created_at', 'name', 'kind', 'reason', 'editors', 'cards', 'bytes', 'crc', 'state'],
    rows.versions.map((v) => [id, v.id, v.created_at, v.name, v.kind, v.reason, v.editors, v.cards, v.bytes, v.crc, v.state]),
    1,
  );
}

/** The ids of a map's votes and rounds in PostgreSQL (as sqliteSource.ts lists them in SQLite). */
async function postgresWorkshopIds(pool: pg.Pool, mapId: string): Promise<WorkshopIds> {
  const ids = async (table: 'votes' | 'rounds') => (await pool.query<{ id: string }>(`SELECT id FROM ${table} WHERE map_id = $1 ORDER BY id`, [mapId])).rows.map((r) => r.id);
  return { votes: await ids('votes'), rounds: await ids('rounds') };
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Opens PostgreSQL (its tables made if the database is empty), or says why it cannot. */
async function openTarget(url: string, connectMs: number): Promise<DocStore> {
  try {
    return await openPostgresStore(url, { connectMs, size: 2 });
  } catch (error) {
    throw new CopyError(`PostgreSQL cannot be reached or prepared: ${messageOf(error)}`, { cause: error });
  }
}

type Outcome = { copied: MapContent } | { skipped: true } | { failure: string };

/** Copies one map unless PostgreSQL has it already; never throws (a failure is its outcome). */
async function copyMap(mapId: string, from: { store: DocStore; source: SqliteSource }, to: { store: DocStore; pool: pg.Pool }): Promise<Outcome> {
  try {
    // Read and checked (every checksum, the snapshot's decoded size) before anything is written.
    const content = await readMapContent(from.store, mapId, from.source.workshopIds(mapId));
    const rows = from.source.rows(mapId);
    if (!content || !rows) return { failure: 'deleted from the SQLite file during the copy' };
    for (const v of rows.versions) verifyChecksum(mapId, `version ${v.id}`, v.state, v.crc);
    const present = await readMapContent(to.store, mapId, await postgresWorkshopIds(to.pool, mapId));
    if (present) {
      const differ = differences(content, present);
      if (!differ.length) return { skipped: true };
      return { failure: `refused: PostgreSQL already has this map with a different ${differ.join(', ')}; it was left as it is there` };
    }
    const stored = await from.store.loadDoc(mapId);
    const state = foldLog({ mapId, snapshot: stored.snapshot, updates: stored.updates.map((u) => u.update) });
    await transaction(to.pool, (client) => writeMap(client, rows, state));
    return { copied: content };
  } catch (error) {
    return { failure: messageOf(error) };
  }
}

export async function copyFromSqlite(options: CopyOptions): Promise<CopyReport> {
  const { sqliteFile, databaseUrl, say } = options;
  const connectMs = options.connectMs ?? 5_000;
  if (!existsSync(sqliteFile)) throw new CopyError(`there is no SQLite file at ${sqliteFile}: give the data folder the server used (DATA_DIR, ./data by default)`);
  const report: CopyReport = { copied: [], skipped: [], failures: [], sourceChanged: false };
  // SQLite keeps the write-ahead log beside the file while any connection has it open, and removes
  // it when the last one closes: a server that stopped cleanly leaves none.
  const walFile = `${sqliteFile}-wal`;
  if (existsSync(walFile)) say(`Warning: ${walFile} exists: a server may still be running on this file (or it did not stop cleanly). Stop it before copying.`);

  let target = await openTarget(databaseUrl, connectMs);
  // Opened after PostgreSQL: a database that cannot be reached fails the run before the file is touched.
  let sqliteStore: DocStore | undefined;
  let source: SqliteSource;
  try {
    sqliteStore = openSqliteStore(sqliteFile);
    source = openSqliteSource(sqliteFile);
  } catch (error) {
    await Promise.allSettled([target.close(), sqliteStore?.close()]);
    throw new CopyError(`the SQLite file ${sqliteFile} cannot be opened: ${messageOf(error)}`, { cause: error });
  }
  const pool = openPool(databaseUrl, { connectMs, size: 2 });
  const startVersion = source.dataVersion();
  const copied = new Map<string, MapContent>();
  try {
    const ids = source.mapIds();
    say(`${ids.length} maps in ${sqliteFile}`);
    for (const mapId of ids) {
      const outcome = await copyMap(mapId, { store: sqliteStore, source }, { store: target, pool });
      if ('copied' in outcome) copied.set(mapId, outcome.copied);
      else if ('skipped' in outcome) {
        report.skipped.push(mapId);
        say(`skipped  ${mapId}: already in PostgreSQL, the same`);
      } else {
        report.failures.push({ mapId, reason: outcome.failure });
        say(`FAILED   ${mapId}: ${outcome.failure}`);
      }
    }

    // Verification: both stores opened anew, each copy read back through both DocStores.
    await target.close();
    await sqliteStore.close();
    target = await openTarget(databaseUrl, connectMs);
    sqliteStore = openSqliteStore(sqliteFile);
    for (const [mapId, content] of copied) {
      let problem: string | undefined;
      try {
        const again = await readMapContent(sqliteStore, mapId, source.workshopIds(mapId));
        const copy = await readMapContent(target, mapId, await postgresWorkshopIds(pool, mapId));
        if (!again) problem = 'deleted from the SQLite file during the copy';
        else if (!copy) problem = 'missing from PostgreSQL after its copy';
        else {
          const differ = [...differences(again, copy), ...differences(content, again).map((part) => `${part} (changed in the SQLite file meanwhile)`)];
          if (differ.length) problem = `the copy differs from the SQLite file in: ${differ.join(', ')}`;
        }
      } catch (error) {
        problem = `the copy could not be verified: ${messageOf(error)}`;
      }
      if (problem) {
        // Removed again, so that the next run copies it afresh: it was written by this run alone.
        await pool.query('DELETE FROM maps WHERE id = $1', [mapId]);
        report.failures.push({ mapId, reason: `${problem}; the copy was removed from PostgreSQL` });
        say(`FAILED   ${mapId}: ${problem}; the copy was removed from PostgreSQL`);
      } else {
        report.copied.push(mapId);
        say(`copied   ${mapId}: ${describeCounts(content)}; verified`);
      }
    }
    report.sourceChanged = source.dataVersion() !== startVersion;
  } finally {
    // The store's connection last: a read-only one cannot remove the write-ahead log, the last
    // connection that can write does (and a stopped server leaves none behind, see above).
    source.close();
    await Promise.allSettled([pool.end(), target.close(), sqliteStore.close()]);
  }
  return report;
}

/** The report's last lines, for the operator. */
export function conclusion(report: CopyReport): string[] {
  const lines: string[] = [];
  if (report.sourceChanged)
    lines.push(
      'The SQLite file was written to during the copy: a server is still running on it. Stop it, then run the copy again (maps copied unchanged are skipped; a map changed since its copy is refused: drop it from PostgreSQL first).',
    );
  if (report.failures.length) {
    lines.push(`${report.failures.length} map${report.failures.length === 1 ? '' : 's'} not copied:`);
    for (const f of report.failures) lines.push(`  ${f.mapId}: ${f.reason}`);
  }
  const skipped = report.skipped.length ? `; ${report.skipped.length} already in PostgreSQL, the same (skipped)` : '';
  lines.push(`${report.copied.length} maps copied and verified${skipped}`);
  return lines;
}

/** Whether the run left PostgreSQL with every map of the file, as it is there. */
export const succeeded = (report: CopyReport) => !report.failures.length && !report.sourceChanged;

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
//
// Every snapshot and update is stored with its CRC-32 (`crc`), checked when it is read: damaged data
// is refused, never served (integrity.ts). Work that takes longer than a few milliseconds runs in a
// worker thread with its own connection (sqliteTasks.ts): compaction, and writing a new map whose
// first state is large. While a worker writes, it holds the write lock this store grants it
// (`workerLock`); this connection's writes wait for it asynchronously, never in SQLite's busy wait,
// which would sleep on the event loop.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname, resolve as resolvePath } from 'node:path';
import { answerKey, type Ballot, type DocStore, type MapRecord, type PrivateCard, type StoredDoc, type StoredRound, type StoredVote } from './DocStore';
import { checksum } from './integrity';
import { answerOfRow, MAP_COLUMNS, readMap, type MapRow, type ResponseRow } from './rows';
import { walSync } from './walSync';
import { WorkerPool } from '../work/pool';
import type { SurveyResponse } from '../../src/journey/voc/scores';
import { COMMENT_WRITES, migrateComments, sqliteComments } from './sqliteComments';
import { dropManyVersions, VERSION_WRITES, versionMethods } from './sqliteVersions';
import { logStatements, MapGone, migrateLog, type PendingAppend } from './sqliteLog';

/** Updates per group commit at most (about 3 ms of inserts here); more wait for the next one. */
const MAX_BATCH = 1000;

/** A new map's first state larger than this is written by the worker (10 MiB take 10-50 ms to write). */
const WORKER_WRITE_BYTES = 256 * 1024;

/** The store's writes that wait while a worker holds the write lock (appends wait in commit()). */
const GATED_WRITES = ['addResponses', 'openVote', 'putBallot', 'closeVote', 'openRound', 'putPrivateCard', 'deletePrivateCard', 'revealRound', 'deleteMap', 'flush', ...COMMENT_WRITES, ...VERSION_WRITES] as const;


/** Files made before answers had a unique key: each gets its key, and a duplicate (none should
 * exist, the import skipped them) is dropped, so that the unique index can be made. Once. */
function migrateAnswerKeys(db: Database.Database): void {
  const has = db.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('responses')").all().some((c) => c.name === 'answer_key');
  if (has) return;
  db.transaction(() => {
    db.exec("ALTER TABLE responses ADD COLUMN answer_key TEXT NOT NULL DEFAULT ''");
    const rows = db.prepare<[], ResponseRow & { rowid: number }>('SELECT rowid, * FROM responses').all();
    const setKey = db.prepare('UPDATE responses SET answer_key = ? WHERE rowid = ?');
    for (const r of rows) setKey.run(answerKey(answerOfRow(r)), r.rowid);
    db.exec('DELETE FROM responses WHERE rowid NOT IN (SELECT min(rowid) FROM responses GROUP BY map_id, answer_key)');
    db.exec('CREATE UNIQUE INDEX responses_unique ON responses(map_id, answer_key)');
  })();
}

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
    -- crc: the CRC-32 of data. gen: how many times the snapshot was replaced (compaction is fenced
    -- on it: it replaces only the snapshot it read).
    CREATE TABLE IF NOT EXISTS snapshots (
      map_id TEXT PRIMARY KEY REFERENCES maps(id) ON DELETE CASCADE,
      data BLOB NOT NULL,
      crc INTEGER,
      gen INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE IF NOT EXISTS updates (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      map_id TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
      data BLOB NOT NULL,
      crc INTEGER
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
    -- A quarter's answers of a map (its quotes: commentedResponses) without reading all of them.
    CREATE INDEX IF NOT EXISTS responses_by_map_date ON responses(map_id, date);
    -- Workshop votes and silent rounds (server/workshop.ts). A vote or round is its JSON in data,
    -- with its status beside it so that one open at a time per map is a constraint, not a check.
    CREATE TABLE IF NOT EXISTS votes (
      map_id TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
      id TEXT NOT NULL,
      status TEXT NOT NULL,
      data TEXT NOT NULL,
      PRIMARY KEY (map_id, id)
    );
    CREATE UNIQUE INDEX IF NOT EXISTS one_open_vote ON votes(map_id) WHERE status = 'open';
    CREATE TABLE IF NOT EXISTS ballots (
      map_id TEXT NOT NULL,
      vote_id TEXT NOT NULL,
      participant_id TEXT NOT NULL,
      cards TEXT NOT NULL,
      PRIMARY KEY (map_id, vote_id, participant_id),
      FOREIGN KEY (map_id, vote_id) REFERENCES votes(map_id, id) ON DELETE CASCADE
    );
    CREATE TABLE IF NOT EXISTS rounds (
      map_id TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
      id TEXT NOT NULL,
      status TEXT NOT NULL,
      data TEXT NOT NULL,
      PRIMARY KEY (map_id, id)
    );
    CREATE UNIQUE INDEX IF NOT EXISTS one_open_round ON rounds(map_id) WHERE status = 'open';
    -- Keyed by map and card id, not by round: the id becomes the card's id on the map at reveal.
    CREATE TABLE IF NOT EXISTS private_cards (
      map_id TEXT NOT NULL,
      id TEXT NOT NULL,
      round_id TEXT NOT NULL,
      author TEXT NOT NULL,
      stage_id TEXT NOT NULL,
      lane_id TEXT NOT NULL,
      text TEXT NOT NULL,
      PRIMARY KEY (map_id, id),
      FOREIGN KEY (map_id, round_id) REFERENCES rounds(map_id, id) ON DELETE CASCADE
    );
    CREATE INDEX IF NOT EXISTS private_cards_by_round ON private_cards(map_id, round_id, author);
  `);

  // Files made before view keys were kept: add the column (those maps' view keys stay unknown).
  const columns = db.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('maps')").all();
  if (!columns.some((c) => c.name === 'view_key')) db.exec("ALTER TABLE maps ADD COLUMN view_key TEXT NOT NULL DEFAULT ''");

  // Files made before checksums were kept: the columns are added, with the checksum of every row as
  // it is then (once, at the first start; a snapshot already damaged by then still fails the check
  // of its decoded size). A row written later without one (by an older version) is not checked.
  const hasColumn = (table: string, column: string) => db.prepare<[string], { name: string }>('SELECT name FROM pragma_table_info(?)').all(table).some((c) => c.name === column);
  db.function('touchpoint_crc32', { deterministic: true }, (data: unknown) => (data instanceof Uint8Array ? checksum(data) : null));
  db.transaction(() => {
    if (!hasColumn('snapshots', 'gen')) db.exec('ALTER TABLE snapshots ADD COLUMN gen INTEGER NOT NULL DEFAULT 0');
    for (const table of ['snapshots', 'updates']) {
      if (hasColumn(table, 'crc')) continue;
      db.exec(`ALTER TABLE ${table} ADD COLUMN crc INTEGER`);
      db.exec(`UPDATE ${table} SET crc = touchpoint_crc32(data)`);
    }
  })();

  // Comments: their tables, and the maps' comment keys (sqliteComments.ts).
  migrateComments(db);
  // The per-map sequence of the log (sqliteLog.ts).
  migrateLog(db);
  migrateAnswerKeys(db);
  const log = logStatements(db);

  const insertMap = db.prepare('INSERT INTO maps (id, edit_key_hash, view_key_hash, view_key, created_at, comment_key_hash, comment_key) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const upsertSnapshot = db.prepare(
    'INSERT INTO snapshots (map_id, data, crc) VALUES (?, ?, ?) ON CONFLICT(map_id) DO UPDATE SET data = excluded.data, crc = excluded.crc, gen = gen + 1',
  );
  const selectMap = db.prepare<[string], MapRow>(`SELECT ${MAP_COLUMNS} FROM maps WHERE id = ?`);
  const countMapRows = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM maps');
  const deleteMapRow = db.prepare('DELETE FROM maps WHERE id = ?');

  // An answer already kept is skipped by the unique (map_id, answer_key) index, not by a check.
  const insertResponse = db.prepare(
    'INSERT OR IGNORE INTO responses (map_id, line, date, touchpoint_id, stage_id, metric, score, comment, segment, answer_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const selectResponses = db.prepare<[string], ResponseRow>(
    'SELECT line, date, touchpoint_id, stage_id, metric, score, comment, segment FROM responses WHERE map_id = ? ORDER BY rowid',
  );
  const selectCommented = db.prepare<[string, string, string], ResponseRow>(
    "SELECT line, date, touchpoint_id, stage_id, metric, score, comment, segment FROM responses WHERE map_id = ? AND date >= ? AND date < ? AND trim(comment) <> '' ORDER BY rowid",
  );
  const addResponsesTx = db.transaction((id: string, rows: readonly SurveyResponse[]) => {
    let added = 0;
    for (const r of rows) added += insertResponse.run(id, r.line, r.date, r.touchpointId, r.stageId, r.metric, r.score, r.comment, r.segment, answerKey(r)).changes;
    return added;
  });

  // ---- workshop: votes, ballots, rounds, private cards ----
  type VoteRow = { status: string; data: string };
  const insertVote = db.prepare('INSERT INTO votes (map_id, id, status, data) VALUES (?, ?, ?, ?)');
  const selectVote = db.prepare<[string, string], VoteRow>('SELECT status, data FROM votes WHERE map_id = ? AND id = ?');
  const selectOpenVote = db.prepare<[string], unknown>("SELECT 1 FROM votes WHERE map_id = ? AND status = 'open'");
  const updateVote = db.prepare('UPDATE votes SET status = ?, data = ? WHERE map_id = ? AND id = ?');
  const upsertBallot = db.prepare(
    'INSERT INTO ballots (map_id, vote_id, participant_id, cards) VALUES (?, ?, ?, ?) ON CONFLICT(map_id, vote_id, participant_id) DO UPDATE SET cards = excluded.cards',
  );
  const selectBallots = db.prepare<[string, string], { participant_id: string; cards: string }>(
    'SELECT participant_id, cards FROM ballots WHERE map_id = ? AND vote_id = ? ORDER BY rowid',
  );
  const readVote = (row: VoteRow): StoredVote => ({ ...(JSON.parse(row.data) as StoredVote), status: row.status as StoredVote['status'] });
  const readBallots = (mapId: string, voteId: string): Ballot[] =>
    selectBallots.all(mapId, voteId).map((r) => ({ participantId: r.participant_id, cards: JSON.parse(r.cards) as string[] }));
  const openVoteTx = db.transaction((mapId: string, vote: StoredVote): boolean => {
    if (selectOpenVote.get(mapId)) return false;
    insertVote.run(mapId, vote.id, vote.status, JSON.stringify(vote));
    return true;
  });
  const putBallotTx = db.transaction((mapId: string, voteId: string, participantId: string, cards: readonly string[]) => {
    const row = selectVote.get(mapId, voteId);
    if (!row) return 'unknown' as const;
    if (row.status !== 'open') return 'closed' as const;
    upsertBallot.run(mapId, voteId, participantId, JSON.stringify(cards));
    return 'ok' as const;
  });
  const closeVoteTx = db.transaction((mapId: string, voteId: string, closedAt: number, count: (vote: StoredVote, ballots: Ballot[]) => { voters: number; tally: Record<string, number> }) => {
    const row = selectVote.get(mapId, voteId);
    if (!row) return 'unknown' as const;
    if (row.status !== 'open') return 'closed' as const;
    const vote = readVote(row);
    const closed: StoredVote = { ...vote, status: 'closed', closedAt, ...count(vote, readBallots(mapId, voteId)) };
    updateVote.run(closed.status, JSON.stringify(closed), mapId, voteId);
    return closed;
  });

  type RoundRow = { status: string; data: string };
  type CardRow = { id: string; round_id: string; author: string; stage_id: string; lane_id: string; text: string };
  const insertRound = db.prepare('INSERT INTO rounds (map_id, id, status, data) VALUES (?, ?, ?, ?)');
  const selectRound = db.prepare<[string, string], RoundRow>('SELECT status, data FROM rounds WHERE map_id = ? AND id = ?');
  const selectOpenRound = db.prepare<[string], unknown>("SELECT 1 FROM rounds WHERE map_id = ? AND status = 'open'");
  const updateRound = db.prepare('UPDATE rounds SET status = ?, data = ? WHERE map_id = ? AND id = ?');
  const selectCard = db.prepare<[string, string], CardRow>('SELECT id, round_id, author, stage_id, lane_id, text FROM private_cards WHERE map_id = ? AND id = ?');
  const countAuthorCards = db.prepare<[string, string, string], { n: number }>('SELECT count(*) AS n FROM private_cards WHERE map_id = ? AND round_id = ? AND author = ?');
  const upsertCard = db.prepare(
    'INSERT INTO private_cards (map_id, id, round_id, author, stage_id, lane_id, text) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(map_id, id) DO UPDATE SET stage_id = excluded.stage_id, lane_id = excluded.lane_id, text = excluded.text',
  );
  const deleteCard = db.prepare('DELETE FROM private_cards WHERE map_id = ? AND id = ?');
  const selectCards = db.prepare<[string, string], CardRow>('SELECT id, round_id, author, stage_id, lane_id, text FROM private_cards WHERE map_id = ? AND round_id = ? ORDER BY rowid');
  const readRound = (row: RoundRow): StoredRound => ({ ...(JSON.parse(row.data) as StoredRound), status: row.status as StoredRound['status'] });
  const readCards = (mapId: string, roundId: string): PrivateCard[] =>
    selectCards.all(mapId, roundId).map((r) => ({ id: r.id, roundId: r.round_id, author: r.author, stageId: r.stage_id, laneId: r.lane_id, text: r.text }));
  const openRoundTx = db.transaction((mapId: string, round: StoredRound): boolean => {
    if (selectOpenRound.get(mapId)) return false;
    insertRound.run(mapId, round.id, round.status, JSON.stringify(round));
    return true;
  });
  const putCardTx = db.transaction((mapId: string, card: PrivateCard, maxPerAuthor: number) => {
    const round = selectRound.get(mapId, card.roundId);
    if (!round) return 'unknown' as const;
    const existing = selectCard.get(mapId, card.id);
    if (existing && existing.author !== card.author) return 'notYours' as const;
    if (existing && existing.round_id !== card.roundId) return 'otherRound' as const;
    if (!existing && countAuthorCards.get(mapId, card.roundId, card.author)!.n >= maxPerAuthor) return 'tooMany' as const;
    upsertCard.run(mapId, card.id, card.roundId, card.author, card.stageId, card.laneId, card.text);
    return round.status === 'open' ? ('open' as const) : ('revealed' as const);
  });
  const deleteCardTx = db.transaction((mapId: string, roundId: string, cardId: string, author: string) => {
    const round = selectRound.get(mapId, roundId);
    if (!round) return 'unknown' as const;
    const existing = selectCard.get(mapId, cardId);
    if (!existing || existing.round_id !== roundId) return 'missing' as const;
    if (existing.author !== author) return 'notYours' as const;
    if (round.status !== 'open') return 'revealed' as const;
    deleteCard.run(mapId, cardId);
    return 'ok' as const;
  });
  const revealRoundTx = db.transaction((mapId: string, roundId: string, revealedAt: number) => {
    const row = selectRound.get(mapId, roundId);
    if (!row) return 'unknown' as const;
    if (row.status !== 'open') return 'revealed' as const;
    const cards = readCards(mapId, roundId);
    const round: StoredRound = { ...readRound(row), status: 'revealed', revealedAt, cards: cards.length, writers: new Set(cards.map((c) => c.author)).size };
    updateRound.run(round.status, JSON.stringify(round), mapId, roundId);
    return { round, cards };
  });

  const createMapTx = db.transaction((r: MapRecord, state: Uint8Array) => {
    insertMap.run(r.id, r.editKeyHash, r.viewKeyHash, r.viewKey, r.createdAt, r.commentKeyHash ?? '', r.commentKey ?? '');
    upsertSnapshot.run(r.id, state, checksum(state));
  });
  let queue: PendingAppend[] = [];
  let timer: NodeJS.Timeout | null = null;
  let closed = false;
  const wal = walSync(`${file}-wal`);
  /** Resolves once everything written so far (every transaction before this call) is on the disk. */
  const durable = wal.sync;

  /** Set while a worker task holds the write lock; settles when it gives it back. */
  let workerLock: Promise<void> | null = null;
  const work = new WorkerPool({
    // Granted between two turns of the event loop, when no write of this connection is under way.
    async lock() {
      while (workerLock) await workerLock;
      let release!: () => void;
      workerLock = new Promise<void>((done) => {
        release = () => {
          workerLock = null;
          done();
        };
      });
      return release;
    },
  });
  const writable = async () => {
    while (workerLock) await workerLock;
  };
  const path = resolvePath(file);

  const commit = () => {
    timer = null;
    // A worker holds the write lock: the batch waits for it to be given back.
    if (workerLock) return void workerLock.then(() => (timer ??= setTimeout(commit, 0)));
    const batch = queue;
    queue = [];
    if (!batch.length) return;
    let seqs: (number | null)[];
    try {
      seqs = log.appendTx(batch);
    } catch (error) {
      // A full disk, say: the updates stay in the rooms' memory and with the clients, who resend.
      for (const p of batch) p.reject(error);
      return;
    }
    durable().then(
      () => batch.forEach((p, i) => (seqs[i] === null ? p.reject(new MapGone(p.mapId)) : p.resolve(seqs[i]!))),
      (error: unknown) => batch.forEach((p) => p.reject(error)),
    );
  };

  const store: DocStore = {
    ...sqliteComments(db, durable),
    async addResponses(id, rows) {
      const added = addResponsesTx(id, rows);
      await durable();
      return added;
    },
    async responses(id) {
      return selectResponses.all(id).map(answerOfRow);
    },
    async commentedResponses(id, from, until) {
      return selectCommented.all(id, from, until).map(answerOfRow);
    },
    async openVote(mapId, vote) {
      // The unique index would refuse a second open vote too; the check gives a plain false instead.
      const opened = openVoteTx(mapId, vote);
      if (opened) await durable();
      return opened;
    },
    async getVote(mapId, voteId) {
      const row = selectVote.get(mapId, voteId);
      return row && readVote(row);
    },
    async putBallot(mapId, voteId, participantId, cards) {
      const result = putBallotTx(mapId, voteId, participantId, cards);
      if (result === 'ok') await durable();
      return result;
    },
    async ballots(mapId, voteId) {
      return readBallots(mapId, voteId);
    },
    async closeVote(mapId, voteId, closedAt, count) {
      const result = closeVoteTx(mapId, voteId, closedAt, count);
      if (typeof result === 'object') await durable();
      return result;
    },
    async openRound(mapId, round) {
      const opened = openRoundTx(mapId, round);
      if (opened) await durable();
      return opened;
    },
    async getRound(mapId, roundId) {
      const row = selectRound.get(mapId, roundId);
      return row && readRound(row);
    },
    async putPrivateCard(mapId, card, maxPerAuthor) {
      const result = putCardTx(mapId, card, maxPerAuthor);
      if (result === 'open' || result === 'revealed') await durable();
      return result;
    },
    async deletePrivateCard(mapId, roundId, cardId, author) {
      const result = deleteCardTx(mapId, roundId, cardId, author);
      if (result === 'ok') await durable();
      return result;
    },
    async privateCards(mapId, roundId) {
      return readCards(mapId, roundId);
    },
    async revealRound(mapId, roundId, revealedAt) {
      const result = revealRoundTx(mapId, roundId, revealedAt);
      if (typeof result === 'object') await durable();
      return result;
    },
    async createMap(record, state) {
      if (state.byteLength > WORKER_WRITE_BYTES) await work.run('createMap', { file: path, record, state });
      else {
        await writable();
        createMapTx(record, state);
      }
      await durable();
    },
    async getMap(id) {
      const row = selectMap.get(id);
      return row && readMap(row);
    },
    async countMaps() {
      return countMapRows.get()?.n ?? 0;
    },
    async deleteMap(id) {
      // Many versions are deleted first, by the worker (sqliteVersions.ts).
      await dropManyVersions(db, { work, path }, id);
      await writable();
      commit();
      deleteMapRow.run(id);
      await durable();
    },
    async loadDoc(id): Promise<StoredDoc> {
      return log.load(id);
    },
    async readSince(id, seq) {
      return log.readSince(id, seq);
    },
    async head(id) {
      return log.head(id);
    },
    append(mapId, update, origin) {
      if (closed) return Promise.reject(new Error('store closed'));
      return new Promise<number>((resolve, reject) => {
        queue.push({ mapId, update, origin: origin ?? null, resolve, reject });
        // A flood is committed as soon as a batch is full: a commit's own time grows with its size.
        if (queue.length === MAX_BATCH) {
          if (timer) clearTimeout(timer);
          timer = setTimeout(commit, 0);
        } else timer ??= setTimeout(commit, commitWindowMs);
      });
    },
    async compact(id) {
      commit(); // the log being folded includes everything appended before
      const result = await work.run('compact', { file: path, mapId: id });
      return result?.snapshotBytes ?? null;
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
    // Versions and the source of a copy (sqliteVersions.ts).
    ...versionMethods(db, { durable, work, path }),
  };
  // The other writes start only while no worker holds the write lock; close lets the worker's
  // tasks finish and stops it first.
  for (const name of GATED_WRITES) {
    const write = store[name] as (...args: unknown[]) => Promise<unknown>;
    Object.assign(store, { [name]: async (...args: unknown[]) => (await writable(), write(...args)) });
  }
  const closeStore = store.close;
  store.close = async () => {
    await work.close();
    await writable();
    await closeStore();
  };
  return store;
}

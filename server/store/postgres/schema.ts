// The PostgreSQL store's tables, made and changed by numbered migrations applied at open
// (store.ts), all in one transaction, under an advisory lock: several instances starting at once
// apply each migration once, and none sees half a schema. `touchpoint_migrations` lists the applied
// ones. A migration, once released, is never edited: a change is a new one at the end.
//
// Everything of a map goes with it (ON DELETE CASCADE). Its log: `maps.head` is its last seq
// (appends raise it under the row's lock: log.ts), `snapshots.seq` the last seq the snapshot holds,
// `updates` the rest, keyed by (map, seq). Checksums (`crc`, CRC-32: integrity.ts) beside every
// snapshot, update and version state. Rows that keep an order (ballots, cards, comments, versions,
// answers) have an identity column `n` for it.
import type pg from 'pg';
import { transaction } from './connection';

const MIGRATIONS: readonly string[] = [
  // 1: everything the SQLite store holds (sqlite.ts, sqliteComments.ts, sqliteVersions.ts).
  `
  CREATE TABLE maps (
    id text PRIMARY KEY,
    edit_key_hash text NOT NULL,
    view_key_hash text NOT NULL,
    view_key text NOT NULL DEFAULT '',
    comment_key_hash text NOT NULL DEFAULT '',
    comment_key text NOT NULL DEFAULT '',
    viewers_comment boolean NOT NULL DEFAULT false,
    comments_rev bigint NOT NULL DEFAULT 0,
    created_at bigint NOT NULL,
    source_id text,
    head bigint NOT NULL DEFAULT 0
  );
  CREATE TABLE snapshots (
    map_id text PRIMARY KEY REFERENCES maps(id) ON DELETE CASCADE,
    seq bigint NOT NULL,
    data bytea NOT NULL,
    crc bigint
  );
  CREATE TABLE updates (
    map_id text NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
    seq bigint NOT NULL,
    data bytea NOT NULL,
    crc bigint,
    origin_instance text,
    origin_local bigint,
    PRIMARY KEY (map_id, seq)
  );
  CREATE TABLE responses (
    n bigint GENERATED ALWAYS AS IDENTITY,
    map_id text NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
    answer_key text NOT NULL,
    line integer NOT NULL,
    date text NOT NULL,
    touchpoint_id text,
    stage_id text,
    metric text NOT NULL,
    score integer NOT NULL,
    comment text NOT NULL,
    segment text NOT NULL,
    UNIQUE (map_id, answer_key)
  );
  CREATE INDEX responses_by_map ON responses (map_id, n);
  CREATE INDEX responses_commented ON responses (map_id, date) WHERE btrim(comment) <> '';
  CREATE TABLE votes (
    map_id text NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
    id text NOT NULL,
    status text NOT NULL,
    data jsonb NOT NULL,
    PRIMARY KEY (map_id, id)
  );
  CREATE UNIQUE INDEX one_open_vote ON votes (map_id) WHERE status = 'open';
  CREATE TABLE ballots (
    n bigint GENERATED ALWAYS AS IDENTITY,
    map_id text NOT NULL,
    vote_id text NOT NULL,
    participant_id text NOT NULL,
    cards jsonb NOT NULL,
    PRIMARY KEY (map_id, vote_id, participant_id),
    FOREIGN KEY (map_id, vote_id) REFERENCES votes (map_id, id) ON DELETE CASCADE
  );
  CREATE TABLE rounds (
    map_id text NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
    id text NOT NULL,
    status text NOT NULL,
    data jsonb NOT NULL,
    PRIMARY KEY (map_id, id)
  );
  CREATE UNIQUE INDEX one_open_round ON rounds (map_id) WHERE status = 'open';
  CREATE TABLE private_cards (
    n bigint GENERATED ALWAYS AS IDENTITY,
    map_id text NOT NULL,
    id text NOT NULL,
    round_id text NOT NULL,
    author text NOT NULL,
    stage_id text NOT NULL,
    lane_id text NOT NULL,
    text text NOT NULL,
    PRIMARY KEY (map_id, id),
    FOREIGN KEY (map_id, round_id) REFERENCES rounds (map_id, id) ON DELETE CASCADE
  );
  CREATE INDEX private_cards_by_round ON private_cards (map_id, round_id, author);
  CREATE TABLE comment_threads (
    n bigint GENERATED ALWAYS AS IDENTITY,
    map_id text NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
    id text NOT NULL,
    target_type text NOT NULL,
    target_id text NOT NULL,
    stage_id text,
    created_at bigint NOT NULL,
    created_by text NOT NULL,
    resolved_at bigint,
    resolved_by text,
    rev bigint NOT NULL,
    PRIMARY KEY (map_id, id)
  );
  CREATE INDEX comment_threads_by_rev ON comment_threads (map_id, rev);
  CREATE TABLE comments (
    n bigint GENERATED ALWAYS AS IDENTITY,
    map_id text NOT NULL,
    id text NOT NULL,
    thread_id text NOT NULL,
    author_id text NOT NULL,
    author_name text NOT NULL,
    text text NOT NULL,
    created_at bigint NOT NULL,
    edited_at bigint,
    deleted_at bigint,
    mentions jsonb NOT NULL DEFAULT '[]',
    PRIMARY KEY (map_id, id),
    FOREIGN KEY (map_id, thread_id) REFERENCES comment_threads (map_id, id) ON DELETE CASCADE
  );
  CREATE INDEX comments_by_thread ON comments (map_id, thread_id);
  CREATE TABLE versions (
    n bigint GENERATED ALWAYS AS IDENTITY,
    map_id text NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
    id text NOT NULL,
    created_at bigint NOT NULL,
    name text,
    kind text NOT NULL,
    reason text NOT NULL,
    editors jsonb NOT NULL,
    cards integer NOT NULL,
    bytes integer NOT NULL,
    crc bigint NOT NULL,
    state bytea NOT NULL,
    PRIMARY KEY (map_id, id)
  );
  CREATE INDEX versions_by_time ON versions (map_id, created_at);
  `,
];

/** Any number, the same in every instance: the key of the migrations' advisory lock. */
const MIGRATION_LOCK = 7_406_117;

/** Applies the migrations this database lacks; resolves with how many were applied. */
export async function migrate(pool: pg.Pool): Promise<number> {
  return transaction(pool, async (client) => {
    // Held until COMMIT: an instance starting meanwhile waits here, then finds them applied.
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS touchpoint_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
    const { rows } = await client.query<{ version: number | null }>('SELECT max(version) AS version FROM touchpoint_migrations');
    const applied = rows[0]?.version ?? 0;
    if (applied > MIGRATIONS.length) throw new Error(`the database's schema (migration ${applied}) is newer than this server knows (${MIGRATIONS.length}): update the server`);
    for (let version = applied + 1; version <= MIGRATIONS.length; version++) {
      await client.query(MIGRATIONS[version - 1]!);
      await client.query('INSERT INTO touchpoint_migrations (version) VALUES ($1)', [version]);
    }
    return MIGRATIONS.length - applied;
  });
}

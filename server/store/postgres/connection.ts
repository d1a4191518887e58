// The PostgreSQL store's connections (store.ts opens them): one pg.Pool per instance, and the
// transaction every write of the store runs in. A database that is down must make calls fail, not
// hang: connecting gives up after a few seconds, a statement after its timeout, and the pool drops
// a connection that broke (its 'error' event is handled, never a crash) and opens new ones when the
// database is back.
import pg from 'pg';

export interface PoolOptions {
  /** Connections at most (default 10). */
  size?: number;
  /** How long a call waits to connect before it fails (default 5 s). */
  connectMs?: number;
  /** How long one statement may run before it fails, on the server and in this process (default 30 s). */
  statementMs?: number;
}

const INT8 = 20;

/** 64-bit integers (seqs, times, checksums, ids) read as numbers: all of them stay below 2^53. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === INT8 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format ?? 'text'))) as pg.CustomTypesConfig['getTypeParser'],
};

export function openPool(url: string, options: PoolOptions = {}): pg.Pool {
  const statementMs = options.statementMs ?? 30_000;
  const pool = new pg.Pool({
    connectionString: url,
    max: options.size ?? 10,
    connectionTimeoutMillis: options.connectMs ?? 5_000,
    statement_timeout: statementMs,
    // A little later than the server's own timeout: this one catches a server that does not answer at all.
    query_timeout: statementMs + 5_000,
    idle_in_transaction_session_timeout: statementMs,
    types,
  });
  // An idle connection broken by the server (restarted, say): the pool discards it and connects
  // anew at the next call. Without a listener the error would end the process.
  pool.on('error', (error) => console.error(`PostgreSQL: an idle connection failed (${error.message}); the pool connects again when needed`));
  return pool;
}

export type Isolation = 'READ COMMITTED' | 'REPEATABLE READ';

/** Runs `fn` in one transaction on one connection; rolls back if it throws. A connection that failed
 * is destroyed, not given back to the pool. */
export async function transaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>, isolation: Isolation = 'READ COMMITTED'): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  // While a connection is taken from the pool, the pool no longer listens to it: a database that
  // goes away mid-transaction would raise an 'error' nobody handles, and end the process.
  const onError = (error: Error) => (broken = error);
  client.on('error', onError);
  try {
    await client.query(`BEGIN ISOLATION LEVEL ${isolation}`);
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollback: Error) => (broken = rollback));
    throw error;
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}

/** The kinds of per-map advisory locks (pg_advisory_xact_lock(kind, hashtext(map id))): a map's
 * comment writes, its workshop writes and its compactions each wait for one another, across
 * instances, without holding the map's row (which appends update). */
export const LOCK = { comments: 1, workshop: 2, compaction: 3 } as const;

/** Takes the map's advisory lock of this kind until the transaction ends. */
export async function lockMap(client: pg.PoolClient, kind: (typeof LOCK)[keyof typeof LOCK], mapId: string): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [kind, mapId]);
}

// The PostgreSQL store: the DocStore that several server instances share (scale-out mode, issue 16).
// Opening it applies the migrations this database lacks (schema.ts), then each part of the contract
// comes from its own module: the log (log.ts), maps and keys (maps.ts), comments, workshop, versions
// and survey answers. Each instance has its own pool of connections (connection.ts) and its own
// worker thread for folding large logs (server/work/pool.ts).
import type { DocStore } from '../DocStore';
import { WorkerPool } from '../../work/pool';
import { openPool, type PoolOptions } from './connection';
import { postgresComments } from './comments';
import { postgresLog, type LogOptions } from './log';
import { postgresMaps } from './maps';
import { postgresResponses } from './responses';
import { migrate } from './schema';
import { postgresVersions } from './versions';
import { postgresWorkshop } from './workshop';

export type PostgresStoreOptions = PoolOptions & LogOptions;

export async function openPostgresStore(url: string, options: PostgresStoreOptions = {}): Promise<DocStore> {
  const pool = openPool(url, options);
  try {
    await migrate(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
  const work = new WorkerPool();
  const log = postgresLog(pool, work, options);
  return {
    ...postgresMaps(pool),
    ...log,
    ...postgresComments(pool),
    ...postgresWorkshop(pool),
    ...postgresVersions(pool),
    ...postgresResponses(pool),
    async close() {
      await log.close();
      await work.close();
      await pool.end();
    },
  };
}

// Which store and bus this process runs on, from its environment (issue 16, README "Several
// servers"): DATABASE_URL and REDIS_URL both set → scale-out mode, PostgreSQL as the store of record
// and Redis for fan-out between instances; neither → the embedded SQLite store under DATA_DIR, one
// process, and the PostgreSQL and Redis modules are never loaded. One without the other is refused:
// several instances on one SQLite file, or on PostgreSQL without a bus, would each miss the others'
// edits until they reload.
import type { Bus } from './bus/bus';
import type { DocStore } from './store/DocStore';

export interface ScaleOut {
  store: DocStore;
  bus: Bus;
  /** For the start-up line: where the data is (the URLs without their passwords). */
  describe: string;
}

/** A configuration that cannot run: its message says what to set. */
export class ConfigurationError extends Error {}

/** The URL as it may be printed: without its password. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(an address that is not a URL)';
  }
}

/** Null: the embedded default. Rejects with ConfigurationError when half set or not URLs, and with
 * the driver's error when PostgreSQL cannot be reached or migrated (Redis may be down: the bus joins
 * when it returns). */
export async function scaleOutFromEnv(env: NodeJS.ProcessEnv): Promise<ScaleOut | null> {
  const databaseUrl = env.DATABASE_URL?.trim() ?? '';
  const redisUrl = env.REDIS_URL?.trim() ?? '';
  if (!databaseUrl && !redisUrl) return null;
  if (!databaseUrl || !redisUrl)
    throw new ConfigurationError(
      `${databaseUrl ? 'DATABASE_URL' : 'REDIS_URL'} is set but ${databaseUrl ? 'REDIS_URL' : 'DATABASE_URL'} is not: several servers need both (PostgreSQL keeps the maps, Redis tells the other servers). Set both, or neither for one server with its own SQLite file under DATA_DIR.`,
    );
  for (const [name, url, schemes] of [
    ['DATABASE_URL', databaseUrl, ['postgres:', 'postgresql:']],
    ['REDIS_URL', redisUrl, ['redis:', 'rediss:']],
  ] as const) {
    let scheme = '';
    try {
      scheme = new URL(url).protocol;
    } catch {
      // reported below
    }
    if (!(schemes as readonly string[]).includes(scheme)) throw new ConfigurationError(`${name} must be a ${schemes.map((s) => `${s}//…`).join(' or ')} URL (it is ${redactUrl(url)}).`);
  }
  const [{ openPostgresStore }, { openRedisBus }] = await Promise.all([import('./store/postgres/store'), import('./bus/redis')]);
  const store = await openPostgresStore(databaseUrl);
  try {
    const bus = await openRedisBus(redisUrl);
    return { store, bus, describe: `PostgreSQL ${redactUrl(databaseUrl)}, Redis ${redactUrl(redisUrl)}, instance ${bus.instanceId}` };
  } catch (error) {
    await store.close();
    throw error;
  }
}

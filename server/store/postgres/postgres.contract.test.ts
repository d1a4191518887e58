// The PostgreSQL store against the DocStore contract (docStoreContract.ts), on a private PostgreSQL
// started for this file (server/testing/postgres.ts); then what only this store has to show: its
// migrations when instances start at once, and calls that fail while the database is down and work
// again, in the same store, once it is back.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { hashKey, newKey, newMapId } from '../../keys';
import { startPrivatePostgres, type PrivatePostgres } from '../../testing/postgres';
import { docStoreContract, type StoredPart } from '../docStoreContract';
import { checksum } from '../integrity';
import type { DocStore } from '../DocStore';
import { openPostgresStore } from './store';

let server: PrivatePostgres | undefined;
let databases = 0;
/** A fresh database of this file's server (started at the first call). */
async function freshDatabase(): Promise<string> {
  server ??= await startPrivatePostgres();
  return server.createDatabase(`touchpoint_${++databases}`);
}
afterAll(async () => {
  await server?.stop();
});

/** Where each stored part lives: its table, its bytes' column and the row's key beyond the map. */
function locate(part: StoredPart): { table: string; column: string; where: string; key: unknown[] } {
  if (part === 'snapshot') return { table: 'snapshots', column: 'data', where: '', key: [] };
  if ('seq' in part) return { table: 'updates', column: 'data', where: ' AND seq = $2', key: [part.seq] };
  return { table: 'versions', column: 'state', where: ' AND id = $2', key: [part.version] };
}

docStoreContract(
  'PostgreSQL',
  async () => {
    const url = await freshDatabase();
    const store = await openPostgresStore(url, { commitWindowMs: 2 });
    const raw = new pg.Client(url);
    await raw.connect();
    return {
      store,
      second: () => openPostgresStore(url, { commitWindowMs: 3 }),
      async tamper(mapId, part, change, crc) {
        const { table, column, where, key } = locate(part);
        const { rows } = await raw.query<{ bytes: Buffer }>(`SELECT ${column} AS bytes FROM ${table} WHERE map_id = $1${where}`, [mapId, ...key]);
        const bytes = change(new Uint8Array(rows[0]!.bytes));
        const params = [mapId, ...key, Buffer.from(bytes)];
        const setCrc = crc === 'matching' ? `, crc = ${checksum(bytes)}` : '';
        await raw.query(`UPDATE ${table} SET ${column} = $${params.length}${setCrc} WHERE map_id = $1${where}`, params);
      },
      async cleanup() {
        await raw.end();
        await store.close();
      },
    };
  },
  { severalInstances: true },
);

const record = (id: string) => ({ id, editKeyHash: hashKey(newKey()), viewKeyHash: hashKey(newKey()), viewKey: '', createdAt: 0 });
const oneUpdate = () => {
  const doc = new Y.Doc();
  doc.getText('notes').insert(0, 'x');
  return Y.encodeStateAsUpdate(doc);
};

describe('PostgreSQL: migrations', () => {
  it('instances starting at once on an empty database apply each migration once, and all open', async () => {
    const url = await freshDatabase();
    const stores = await Promise.all(Array.from({ length: 4 }, () => openPostgresStore(url)));
    const client = new pg.Client(url);
    await client.connect();
    try {
      const { rows } = await client.query<{ version: number }>('SELECT version FROM touchpoint_migrations ORDER BY version');
      expect(rows.map((r) => r.version)).toEqual([1]);
      const id = newMapId();
      await stores[0]!.createMap(record(id), oneUpdate());
      expect(await stores[3]!.head(id)).toBe(0);
    } finally {
      await client.end();
      await Promise.all(stores.map((s) => s.close()));
    }
  });
});

describe('PostgreSQL: the database down and back', () => {
  let store: DocStore;
  beforeAll(async () => {
    store = await openPostgresStore(await freshDatabase(), { connectMs: 1000 });
  });
  afterAll(async () => {
    await store?.close();
  });

  it('calls fail (never hang) while it is down; the same store works again once it is back, without a restart', async () => {
    const id = newMapId();
    await store.createMap(record(id), oneUpdate());
    expect(await store.append(id, oneUpdate())).toBe(1);

    // Its pool's idle connections break with it: the store must not take the process down.
    await server!.stopServer('immediate');
    const started = Date.now();
    await expect(store.append(id, oneUpdate())).rejects.toThrow();
    await expect(store.loadDoc(id)).rejects.toThrow();
    await expect(store.head(id)).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(10_000);

    await server!.startServer();
    // The rooms resend what failed: it takes the next seq, nothing was half written.
    expect(await store.append(id, oneUpdate())).toBe(2);
    const stored = await store.loadDoc(id);
    expect(stored.updates.map((u) => u.seq)).toEqual([1, 2]);
  }, 30_000);
});

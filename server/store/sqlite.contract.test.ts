// The SQLite store against the DocStore contract (docStoreContract.ts), on a throwaway file. One
// process opens a SQLite file: the cases between instances are PostgreSQL's alone.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { docStoreContract, type StoredPart } from './docStoreContract';
import { checksum } from './integrity';
import { openSqliteStore } from './sqlite';

/** Where each stored part lives: its table, its bytes' column and the row's key beyond the map. */
function locate(part: StoredPart): { table: string; column: string; where: string; key: unknown[] } {
  if (part === 'snapshot') return { table: 'snapshots', column: 'data', where: '', key: [] };
  if ('seq' in part) return { table: 'updates', column: 'data', where: ' AND map_seq = ?', key: [part.seq] };
  return { table: 'versions', column: 'state', where: ' AND id = ?', key: [part.version] };
}

docStoreContract(
  'SQLite',
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tp-contract-'));
    const file = join(dir, 'touchpoint.sqlite');
    const store = openSqliteStore(file, 2);
    const raw = new Database(file);
    return {
      store,
      async tamper(mapId, part, change, crc) {
        const { table, column, where, key } = locate(part);
        const row = raw.prepare<unknown[], { bytes: Buffer }>(`SELECT ${column} AS bytes FROM ${table} WHERE map_id = ?${where}`).get(mapId, ...key)!;
        const bytes = change(new Uint8Array(row.bytes));
        const setCrc = crc === 'matching' ? `, crc = ${checksum(bytes)}` : '';
        raw.prepare(`UPDATE ${table} SET ${column} = ?${setCrc} WHERE map_id = ?${where}`).run(Buffer.from(bytes), mapId, ...key);
      },
      async cleanup() {
        raw.close();
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
  { severalInstances: false },
);

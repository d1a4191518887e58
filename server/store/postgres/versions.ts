// Versions of maps in PostgreSQL (issue 13; DocStore's version methods), as in SQLite
// (sqliteVersions.ts): a table of their own that compaction never touches, each state kept with its
// CRC-32 and checked when read (integrity.ts), removed with their map. A new automatic version thins
// the map's automatic versions (thinning.ts) in the transaction that keeps it. Large states cost the
// event loop nothing here: the database writes and copies them.
import type pg from 'pg';
import type { DocStore, VersionInfo } from '../DocStore';
import { checksum, verifyChecksum } from '../integrity';
import { versionsToThin } from '../thinning';
import { readVersionInfo, VERSION_INFO_COLUMNS, type VersionInfoRow } from '../rows';
import { transaction } from './connection';

export type VersionMethods = Pick<DocStore, 'addVersion' | 'versions' | 'countVersions' | 'getVersion' | 'nameVersion' | 'deleteVersion' | 'copyVersions'>;

type InfoRow = VersionInfoRow<string[]>;
const INFO = VERSION_INFO_COLUMNS;
const readInfo = (r: InfoRow): VersionInfo => readVersionInfo(r, (editors) => editors);

export function postgresVersions(pool: pg.Pool): VersionMethods {
  return {
    addVersion: (mapId, v, options = {}) =>
      transaction(pool, async (c) => {
        await c.query(`INSERT INTO versions (map_id, ${INFO}, crc, state) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`, [
          mapId,
          v.id,
          v.createdAt,
          v.name,
          v.kind,
          v.reason,
          JSON.stringify(v.editors),
          v.cards,
          v.state.byteLength,
          checksum(v.state),
          Buffer.from(v.state.buffer, v.state.byteOffset, v.state.byteLength),
        ]);
        if (options.thin === false || v.kind !== 'auto') return [];
        const autos = await c.query<{ id: string; created_at: number }>("SELECT id, created_at FROM versions WHERE map_id = $1 AND kind = 'auto'", [mapId]);
        const removed = versionsToThin(
          autos.rows.map((r) => ({ id: r.id, createdAt: r.created_at })),
          v.createdAt,
        );
        if (removed.length) await c.query('DELETE FROM versions WHERE map_id = $1 AND id = ANY($2::text[])', [mapId, removed]);
        return removed;
      }),
    async versions(mapId) {
      const { rows } = await pool.query<InfoRow>(`SELECT ${INFO} FROM versions WHERE map_id = $1 ORDER BY created_at DESC, n DESC`, [mapId]);
      return rows.map(readInfo);
    },
    async countVersions(mapId) {
      const { rows } = await pool.query<{ n: number }>('SELECT count(*)::bigint AS n FROM versions WHERE map_id = $1', [mapId]);
      return rows[0]?.n ?? 0;
    },
    async getVersion(mapId, versionId) {
      const { rows } = await pool.query<InfoRow & { crc: number; state: Buffer }>(`SELECT ${INFO}, crc, state FROM versions WHERE map_id = $1 AND id = $2`, [mapId, versionId]);
      const row = rows[0];
      if (!row) return undefined;
      verifyChecksum(mapId, `version ${versionId}`, row.state, row.crc);
      return { ...readInfo(row), state: row.state };
    },
    async nameVersion(mapId, versionId, name) {
      const { rows } = await pool.query<InfoRow>(`UPDATE versions SET name = $3, kind = 'named' WHERE map_id = $1 AND id = $2 RETURNING ${INFO}`, [mapId, versionId, name]);
      return rows[0] && readInfo(rows[0]);
    },
    async deleteVersion(mapId, versionId) {
      const { rowCount } = await pool.query('DELETE FROM versions WHERE map_id = $1 AND id = $2', [mapId, versionId]);
      return rowCount === 1;
    },
    async copyVersions(fromId, toId) {
      // A version the copy has already (the same id) stays as it is; none if the copy is gone.
      const { rowCount } = await pool.query(
        `INSERT INTO versions (map_id, ${INFO}, crc, state) SELECT $2, ${INFO}, crc, state FROM versions WHERE map_id = $1 AND EXISTS (SELECT 1 FROM maps WHERE id = $2) ORDER BY n
         ON CONFLICT (map_id, id) DO NOTHING`,
        [fromId, toId],
      );
      return rowCount ?? 0;
    },
  };
}

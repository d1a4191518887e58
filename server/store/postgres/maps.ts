// Maps and their keys in PostgreSQL (DocStore's createMap, getMap, countMaps, deleteMap, and the
// source of a copy). A new map is its row and its first state, as a snapshot at seq 0, in one
// transaction. Deleting the row deletes everything of the map (ON DELETE CASCADE: schema.ts); an
// append to it waiting on its row then finds it gone (log.ts).
import type pg from 'pg';
import type { DocStore } from '../DocStore';
import { checksum } from '../integrity';
import { MAP_COLUMNS, readMap, type MapRow } from '../rows';
import { transaction } from './connection';

export type MapMethods = Pick<DocStore, 'createMap' | 'getMap' | 'countMaps' | 'deleteMap' | 'setSource' | 'sourceOf'>;

export function postgresMaps(pool: pg.Pool): MapMethods {
  return {
    async createMap(r, state) {
      await transaction(pool, async (client) => {
        await client.query(
          'INSERT INTO maps (id, edit_key_hash, view_key_hash, view_key, created_at, comment_key_hash, comment_key, viewers_comment) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
          [r.id, r.editKeyHash, r.viewKeyHash, r.viewKey, r.createdAt, r.commentKeyHash ?? '', r.commentKey ?? '', r.viewersComment ?? false],
        );
        await client.query('INSERT INTO snapshots (map_id, seq, data, crc) VALUES ($1, 0, $2, $3)', [r.id, Buffer.from(state.buffer, state.byteOffset, state.byteLength), checksum(state)]);
      });
    },
    async getMap(id) {
      const { rows } = await pool.query<MapRow<boolean>>(`SELECT ${MAP_COLUMNS} FROM maps WHERE id = $1`, [id]);
      return rows[0] && readMap(rows[0]);
    },
    async countMaps() {
      const { rows } = await pool.query<{ n: number }>('SELECT count(*)::bigint AS n FROM maps');
      return rows[0]?.n ?? 0;
    },
    async deleteMap(id) {
      await pool.query('DELETE FROM maps WHERE id = $1', [id]);
    },
    async setSource(mapId, sourceId) {
      await pool.query('UPDATE maps SET source_id = $2 WHERE id = $1', [mapId, sourceId]);
    },
    async sourceOf(mapId) {
      const { rows } = await pool.query<{ source_id: string | null }>('SELECT source_id FROM maps WHERE id = $1', [mapId]);
      return rows[0]?.source_id ?? null;
    },
  };
}

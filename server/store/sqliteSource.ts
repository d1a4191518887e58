// A SQLite file's rows exactly as they are stored, for the copy into PostgreSQL
// (postgres/copyFromSqlite.ts): what the DocStore does not hand out (the hashes and revisions beside
// a map, a thread's revision, when a comment was deleted, each answer's key, the raw rows of votes,
// rounds and versions) is copied from here, so that nothing is recomputed on the way. The connection
// is read-only: the copy never writes to the file it copies from.
//
// `dataVersion` tells whether anyone else committed to the file meanwhile (PRAGMA data_version
// changes when another connection, in any process, commits): a server left running while copying.
import Database from 'better-sqlite3';
import type { CommentRow, MapRow as StoredMapRow, ResponseRow, ThreadRow } from './rows';

export type MapRow = StoredMapRow & { comments_rev: number; source_id: string | null };

/** Everything of one map but its document (which the DocStore reads and checks), in the order the
 * store keeps it (by rowid: the order its lists are answered in). */
export interface MapRows {
  map: MapRow;
  responses: (ResponseRow & { answer_key: string })[];
  votes: { id: string; status: string; data: string }[];
  ballots: { vote_id: string; participant_id: string; cards: string }[];
  rounds: { id: string; status: string; data: string }[];
  privateCards: { id: string; round_id: string; author: string; stage_id: string; lane_id: string; text: string }[];
  threads: (ThreadRow & { rev: number })[];
  comments: CommentRow[];
  versions: { id: string; created_at: number; name: string | null; kind: string; reason: string; editors: string; cards: number; bytes: number; crc: number; state: Buffer }[];
}

export interface SqliteSource {
  /** Every map's id, oldest first. */
  mapIds(): string[];
  /** The map's rows, read in one transaction; undefined if it is gone. */
  rows(mapId: string): MapRows | undefined;
  /** The ids of the map's votes and rounds (the DocStore reads them by id only). */
  workshopIds(mapId: string): { votes: string[]; rounds: string[] };
  /** Changes whenever another connection commits to the file. */
  dataVersion(): number;
  close(): void;
}

/** Opens the file read-only; it must exist (and have been opened by the store once, which brings
 * an older file's tables up to date). */
export function openSqliteSource(file: string): SqliteSource {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  const all = <T>(sql: string) => {
    const statement = db.prepare<[string], T>(sql);
    return (mapId: string) => statement.all(mapId);
  };
  const selectMap = db.prepare<[string], MapRow>(
    'SELECT id, edit_key_hash, view_key_hash, view_key, created_at, comment_key_hash, comment_key, viewers_comment, comments_rev, source_id FROM maps WHERE id = ?',
  );
  const responses = all<MapRows['responses'][number]>(
    'SELECT answer_key, line, date, touchpoint_id, stage_id, metric, score, comment, segment FROM responses WHERE map_id = ? ORDER BY rowid',
  );
  const votes = all<MapRows['votes'][number]>('SELECT id, status, data FROM votes WHERE map_id = ? ORDER BY rowid');
  const ballots = all<MapRows['ballots'][number]>('SELECT vote_id, participant_id, cards FROM ballots WHERE map_id = ? ORDER BY rowid');
  const rounds = all<MapRows['rounds'][number]>('SELECT id, status, data FROM rounds WHERE map_id = ? ORDER BY rowid');
  const privateCards = all<MapRows['privateCards'][number]>('SELECT id, round_id, author, stage_id, lane_id, text FROM private_cards WHERE map_id = ? ORDER BY rowid');
  const threads = all<MapRows['threads'][number]>(
    'SELECT id, target_type, target_id, stage_id, created_at, created_by, resolved_at, resolved_by, rev FROM comment_threads WHERE map_id = ? ORDER BY rowid',
  );
  const comments = all<MapRows['comments'][number]>(
    'SELECT id, thread_id, author_id, author_name, text, created_at, edited_at, deleted_at, mentions FROM comments WHERE map_id = ? ORDER BY rowid',
  );
  const versions = all<MapRows['versions'][number]>('SELECT id, created_at, name, kind, reason, editors, cards, bytes, crc, state FROM versions WHERE map_id = ? ORDER BY rowid');
  const voteIds = all<{ id: string }>('SELECT id FROM votes WHERE map_id = ? ORDER BY id');
  const roundIds = all<{ id: string }>('SELECT id FROM rounds WHERE map_id = ? ORDER BY id');
  const mapIds = db.prepare<[], { id: string }>('SELECT id FROM maps ORDER BY created_at, rowid');

  const readRows = db.transaction((mapId: string): MapRows | undefined => {
    const map = selectMap.get(mapId);
    if (!map) return undefined;
    return {
      map,
      responses: responses(mapId),
      votes: votes(mapId),
      ballots: ballots(mapId),
      rounds: rounds(mapId),
      privateCards: privateCards(mapId),
      threads: threads(mapId),
      comments: comments(mapId),
      versions: versions(mapId),
    };
  });

  return {
    mapIds: () => mapIds.all().map((r) => r.id),
    rows: (mapId) => readRows(mapId),
    workshopIds: (mapId) => ({ votes: voteIds(mapId).map((r) => r.id), rounds: roundIds(mapId).map((r) => r.id) }),
    dataVersion: () => db.pragma('data_version', { simple: true }) as number,
    close: () => db.close(),
  };
}

// Where maps are kept: the storage interface the rooms use. The embedded default is SQLite
// (sqlite.ts); a Postgres-backed store can implement the same contract later without rooms changing.

export interface MapRecord {
  id: string;
  /** SHA-256 of the edit key and of the view key. The edit key itself is never stored; the view key
   * is, so that an editor can share a view link (anyone who holds the edit key may read it). */
  editKeyHash: string;
  viewKeyHash: string;
  viewKey: string;
  createdAt: number;
}

export interface StoredDoc {
  /** The compacted state, if any, then every update appended since, in order. */
  snapshot: Uint8Array | null;
  updates: Uint8Array[];
  /** Bytes stored for this map (snapshot + updates), for the document size limit. */
  bytes: number;
}

import type { SurveyResponse } from '../../src/journey/voc/scores';

export interface DocStore {
  /** Keeps survey answers for a map (never in its document); one transaction for all of them. */
  addResponses(id: string, responses: readonly SurveyResponse[]): Promise<void>;
  /** Every survey answer kept for a map. */
  responses(id: string): Promise<SurveyResponse[]>;
  /** Creates a map with its first state, atomically: a map exists with its content or not at all. */
  createMap(record: MapRecord, initialState: Uint8Array): Promise<void>;
  getMap(id: string): Promise<MapRecord | undefined>;
  /** Removes a map and everything stored for it. */
  deleteMap(id: string): Promise<void>;
  /** Everything stored for a map. Rejects if the data cannot be read: never an empty stand-in. */
  loadDoc(id: string): Promise<StoredDoc>;
  /** Appends one update; resolves once it is durable (group-committed and synced to disk). */
  append(id: string, update: Uint8Array): Promise<void>;
  /** Replaces the snapshot and every update appended so far with one merged state. */
  compact(id: string, state: Uint8Array): Promise<void>;
  /** Commits whatever is pending now and resolves when it is durable. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

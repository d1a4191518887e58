// Folding a map's log into one snapshot, for the PostgreSQL store's compaction (postgres/log.ts): the
// snapshot and the updates applied to a fresh document, whose state (Y.encodeStateAsUpdate) is the
// new snapshot, as the SQLite store folds (sqliteTasks.ts compactMap). Pure, so that it runs in a
// worker thread (server/work/tasks.ts, task `foldLog`) for a large map and inline for a small one.
import * as Y from 'yjs';
import { applySnapshot } from './integrity';

export interface FoldInput {
  mapId: string;
  snapshot: Uint8Array | null;
  /** The updates after the snapshot, in seq order (their checksums already verified). */
  updates: Uint8Array[];
}

/** The state of the map the log makes. Throws DamagedData if the snapshot decodes to far less than
 * its size (integrity.ts). */
export function foldLog({ mapId, snapshot, updates }: FoldInput): Uint8Array {
  const doc = new Y.Doc();
  try {
    doc.transact(() => {
      if (snapshot) applySnapshot(doc, mapId, snapshot, null);
      for (const u of updates) Y.applyUpdate(doc, u);
    });
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}

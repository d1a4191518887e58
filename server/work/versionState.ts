// What the versions API (server/http/versions.ts) makes of a version's state, in a worker thread
// (server/work/pool.ts): decoding a 1,000-card map takes 15-50 ms, too long for the event loop.
//
//   state ─► scratch Y.Doc ─► migrateDoc (today's shape) ─► readJourney ─► toExportFile ─► JSON text
//   state ─► scratch Y.Doc ─► a future-state map: figures cleared ─► the new map's first state
import * as Y from 'yjs';
import { readJourney } from '../../src/doc/bindDoc';
import { migrateDoc } from '../../src/doc/migrations';
import { toExportFile } from '../../src/journey/exchange';
import { clearFigures } from '../voc';

export interface VersionStateInput {
  state: Uint8Array;
  /** `file`: the map file of the state, as JSON text; `copy`: the first state of a new map made from it. */
  as: 'file' | 'copy';
}

export type VersionStateOutput =
  | { as: 'file'; json: string }
  /** `state` null: the version's state as it is. `future`: the copy is a future-state map. */
  | { as: 'copy'; state: Uint8Array | null; future: boolean };

export function readVersionState({ state, as }: VersionStateInput): VersionStateOutput {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    if (as === 'file') {
      // An old version reads in today's shape, as its map did when it loaded (src/doc/migrations.ts).
      migrateDoc(doc);
      return { as, json: JSON.stringify(toExportFile(readJourney(doc), new Date())) };
    }
    // A copy that is a future-state map does not show the figures of its source's answers as its
    // own (it gets none of them), as a future-state duplicate does.
    const future = doc.getMap('meta').get('variant') === 'future';
    if (!future) return { as, state: null, future };
    clearFigures(doc);
    return { as, state: Y.encodeStateAsUpdate(doc), future };
  } finally {
    doc.destroy();
  }
}

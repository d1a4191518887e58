// Commands for one user gesture that does several things to the map. Each runs the commands it is
// made of inside one `doc.transact(fn, LOCAL)`: Yjs runs a transaction opened inside another as
// part of the outer one, so the gesture is one change for the others and one undo step for its
// author (one Ctrl+Z takes all of it back, never half).
import type * as Y from 'yjs';
import { sortByIndex } from '../journey/order';
import { addCard, addLane } from './commands';
import { LOCAL } from './origins';
import { readAll, readLane, roots } from './schema';

function gesture<T>(doc: Y.Doc, fn: () => T): T {
  let result!: T;
  doc.transact(() => {
    result = fn();
  }, LOCAL);
  return result;
}

/**
 * What a customer said (a survey verbatim about a touchpoint) becomes a quote card in the stage's
 * "thoughts & quotes" lane; a map without such a lane gets one first (named `laneName`, in the
 * interface's language). Returns the new card's id, or null when the stage is gone.
 */
export function promoteVerbatim(doc: Y.Doc, stageId: string, text: string, laneName: string): string | null {
  return gesture(doc, () => {
    const r = roots(doc);
    if (!r.stages.has(stageId)) return null; // deleted meanwhile: no lane made for nothing
    const lane = sortByIndex(readAll(r.lanes, readLane)).find((l) => l.kind === 'thoughts');
    const laneId = lane?.id ?? addLane(doc, 'thoughts', laneName);
    return addCard(doc, stageId, laneId, { text: `“${text}”` });
  });
}

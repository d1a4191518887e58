// Import into the open map: the whole journey is replaced by an imported one, in one LOCAL
// transaction, so it is one undo step that brings the previous map back exactly.
import type * as Y from 'yjs';
import type { Journey } from '../journey/types';
import type { MapSurvey } from '../journey/surveyFile';
import { writeFileSurvey } from './fileSurvey';
import { LOCAL } from './origins';
import { roots, writeEntities, writeMeta } from './schema';

/**
 * Replaces every stage, lane, card, link, emotion and persona of the document with the journey's,
 * and its title, scenario and variant with the journey's. The map keeps its own creation date,
 * locale and schema version: it is still the same map, now holding the file's content. The journey
 * should come from parseMapFile (checked and repaired). Callers with an undo manager should call its
 * `stopCapturing()` first, so that the import is not merged into the edit made just before it.
 * The file's survey figures and comments, if it has any, come with it (in the same undo step).
 */
export function replaceJourney(doc: Y.Doc, journey: Journey, survey?: MapSurvey): void {
  doc.transact(() => {
    const r = roots(doc);
    for (const root of [r.personas, r.stages, r.lanes, r.cards, r.links, r.emotions]) for (const key of [...root.keys()]) root.delete(key);
    const { title, scenario, variant } = journey.meta;
    const patch = Object.fromEntries(Object.entries({ title, scenario, variant }).filter(([k, v]) => r.meta.get(k) !== v));
    writeMeta(r, patch);
    writeEntities(r, journey);
    if (survey) writeFileSurvey(doc, survey);
  }, LOCAL);
}

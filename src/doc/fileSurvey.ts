// The survey figures and customer comments a map file brought (src/journey/surveyFile.ts), written
// into the document's `voc` and `verbatims` roots, where bindVoc reads them into store.voc as it
// reads those the server writes after a survey import. Each entry is marked `file: true`: the server
// recomputes the roots from the answers it keeps (server/voc.ts addResponses) and leaves a file's
// figure in place until answers of its own arrive for the same touchpoint or stage, metric and
// quarter, since it has no answers behind it to recompute it from.
import type * as Y from 'yjs';
import type { MapSurvey } from '../journey/surveyFile';

export const VOC_ROOTS = ['voc', 'verbatims'] as const;

/** Writes the survey into the document, in the caller's transaction (an entry of the same key is replaced). */
export function writeFileSurvey(doc: Y.Doc, survey: MapSurvey): void {
  const figures = doc.getMap('voc');
  const verbatims = doc.getMap('verbatims');
  for (const [key, f] of survey.figures) figures.set(key, { value: f.value, n: f.n, file: true });
  for (const { id, ...quote } of survey.verbatims.values()) verbatims.set(id, { ...quote, file: true });
}

/** Whether an entry of those roots came with a map file. */
export const fromFile = (entry: unknown): boolean => typeof entry === 'object' && entry !== null && (entry as { file?: unknown }).file === true;

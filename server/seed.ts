// New maps are seeded here, by the server, never by a client: five people opening a new map at
// once see its template content exactly once. A map can also start from an exported file.
import * as Y from 'yjs';
import { writeJourney } from '../src/doc/commands';
import { SEED } from '../src/doc/origins';
import { instantiateTemplate } from '../src/journey/templates';
import type { TemplateId } from '../src/journey/templateIds';
import type { Journey } from '../src/journey/types';
import { readJourney } from '../src/doc/bindDoc';
import { readMapFile } from '../src/journey/exchange';
import { writeFileSurvey } from '../src/doc/fileSurvey';
import { readSurveyPart } from '../src/journey/surveyFile';
import { translate, type Locale } from '../src/i18n/catalogue';

export function journeyState(journey: Journey): Uint8Array {
  const doc = new Y.Doc();
  writeJourney(doc, journey, SEED);
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
}

/**
 * The state of a map made from an exported file of any version, or the reason it cannot be: the
 * file is checked and repaired (readMapFile), written into a document and read back through the
 * schema, and any entry that does not read is refused (nothing is half-imported). The file's survey
 * figures and comments (version 4 on) go into the map's `voc` and `verbatims` roots, marked as a
 * file's (src/doc/fileSurvey.ts), where the app shows them.
 */
export function fileState(value: unknown): { ok: true; state: Uint8Array } | { ok: false; error: string; params: Record<string, string | number> } {
  const file = readMapFile(value, readSurveyPart);
  // The browser says the file's own error in its reader's language (src/panels/mapFile.ts).
  if (!file.ok) return { ok: false, error: file.error.message, params: { ...file.error.params, file: file.error.code } };
  const doc = new Y.Doc();
  try {
    writeJourney(doc, file.journey, SEED);
    if (file.survey.figures.size || file.survey.verbatims.size) doc.transact(() => writeFileSurvey(doc, file.survey), SEED);
    const { unreadable } = readJourney(doc);
    if (unreadable.length) {
      const list = unreadable.slice(0, 5).map((u) => `${u.root} ${u.key}: ${u.reason}`).join('; ');
      return { ok: false, error: `${unreadable.length} item(s) of the file are not valid: ${list}.`, params: { count: unreadable.length } };
    }
    return { ok: true, state: Y.encodeStateAsUpdate(doc) };
  } catch {
    return { ok: false, error: 'The file’s journey could not be read.', params: {} };
  } finally {
    doc.destroy();
  }
}

export function templateState(template: TemplateId, locale: Locale, now: number): Uint8Array {
  return journeyState(instantiateTemplate(template, (key) => translate(locale, key), locale, now));
}

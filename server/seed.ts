// New maps are seeded here, by the server, never by a client: five people opening a new map at
// once see its template content exactly once.
import * as Y from 'yjs';
import { writeJourney } from '../src/doc/commands';
import { SEED } from '../src/doc/origins';
import { instantiateTemplate, type TemplateId } from '../src/journey/templates';
import type { Journey } from '../src/journey/types';
import { translate, type Locale } from '../src/i18n/catalogue';

export function journeyState(journey: Journey): Uint8Array {
  const doc = new Y.Doc();
  writeJourney(doc, journey, SEED);
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
}

export function templateState(template: TemplateId, locale: Locale, now: number): Uint8Array {
  return journeyState(instantiateTemplate(template, (key) => translate(locale, key), locale, now));
}

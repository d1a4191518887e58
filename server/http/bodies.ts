// The bodies of the map routes of the HTTP API (docs/api.md): one schema each, built from the
// records' own schemas where a body carries a record's field (a map's title and variant are the
// meta's; a survey answer is the answer schema the import dialog checks rows with), and the
// refusals the API has always answered for them. The workshop routes' bodies are in workshopApi.ts.
import * as v from 'valibot';
import { LOCALE_LIST } from '../../src/i18n/catalogue';
import { oneOf } from '../../src/journey/records/valid';
import { metaSchema } from '../../src/journey/records/schemas';
import { TEMPLATE_IDS } from '../../src/journey/templateIds';
import { wellFormed } from '../../src/journey/wellFormed';
import { refuseResponses, responsesSchema } from '../voc';
import { bodySpec, type BadField } from './jsonBody';

/** The value a field was sent with, cut short for a message. */
const sent = ({ body, keys }: BadField) => String(body[keys[0]!]).slice(0, 100);

/** `POST /api/maps`: a template (blank by default) in a language (en by default), or a map file
 * (read by seed.ts fileState, in a worker when large: server/work/mapRequest.ts). A null template or
 * locale is the default. */
export const newMapBody = bodySpec(
  {
    template: v.nullish(oneOf(TEMPLATE_IDS)),
    locale: v.nullish(oneOf(LOCALE_LIST)),
    file: v.optional(v.unknown()),
  },
  {
    template: (bad) => ({ error: `Unknown template "${sent(bad)}". Use one of: ${TEMPLATE_IDS.join(', ')}.`, code: 'unknownTemplate', params: { template: sent(bad) } }),
    locale: (bad) => ({ error: `Unknown locale "${sent(bad)}". Use en, ro or it.`, code: 'unknownLocale', params: { locale: sent(bad) } }),
  },
);

/** `POST /api/maps/:id/duplicate`: the copy's title and variant, if they are to change (the meta's
 * own fields; a title is cut to 500 characters, a half character at the cut mended). */
export const duplicateBody = bodySpec(
  {
    title: v.optional(v.pipe(v.unwrap(metaSchema.entries.title), v.transform((title) => wellFormed(title.slice(0, 500))))),
    variant: v.optional(v.unwrap(metaSchema.entries.variant)),
  },
  {
    title: () => '"title" must be text.',
    variant: () => '"variant" must be "current" or "future".',
  },
);

/** `POST /api/maps/:id/responses`: survey answers (server/voc.ts). */
export const responsesBody = bodySpec({ responses: responsesSchema }, { responses: refuseResponses });

/** `PATCH /api/maps/:id/sharing`: whether view links may comment too. */
export const sharingBody = bodySpec({ viewersComment: v.boolean('notBoolean') }, { viewersComment: () => '"viewersComment" must be true or false.' });

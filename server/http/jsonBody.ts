// The checks of a JSON request body once it has been read (api.ts readBody): pure, so that the body
// of a map import, megabytes of it, can be checked and parsed in a worker thread
// (server/work/mapRequest.ts) by the same code that checks every other body on the event loop.
// Each route's body is a valibot schema (server/http/bodies.ts, workshopApi.ts), built from the same
// blocks as every record of the app (src/journey/records/valid.ts); what a route answers for a
// field it cannot take is its own sentence, with a code and params the browser translates.
import * as v from 'valibot';
import type { Params } from '../../src/i18n/catalogue';
import type { RefusalCode } from '../../src/i18n/refusals';
import { check, describeIssue, type Issue } from '../../src/journey/records/valid';
import { checkFields, HttpError, MAX_JSON_DEPTH, nestingExceeds } from './guards';

/** A field the body cannot take: the problem (its path from the body, `.responses[2].score`), the
 * keys down to it (['responses', 2, 'score']) and the whole body as sent. */
export interface BadField {
  issue: Issue;
  keys: (string | number)[];
  body: Record<string, unknown>;
}

/** How a route says a field is wrong: its English sentence, or that with its own code and params
 * (without, `badField` with `{field, reason}`). */
export type FieldRefusal = string | { error: string; code: RefusalCode; params: Params };

/** A route's body: a strict object of the fields it documents (any other field is refused, named),
 * and the refusals of fields whose wording the API has always had. */
export interface BodySpec<E extends v.ObjectEntries = v.ObjectEntries> {
  schema: v.StrictObjectSchema<E, undefined>;
  refusals: { [K in keyof E]?: (bad: BadField) => FieldRefusal };
}

export type BodyOf<B extends BodySpec> = v.InferOutput<B['schema']>;

export const bodySpec = <E extends v.ObjectEntries>(entries: E, refusals: BodySpec<E>['refusals'] = {}): BodySpec<E> => ({ schema: v.strictObject(entries), refusals });

/** The body a route that takes none may have: nothing, or `{}`. */
export const NO_BODY = bodySpec({});

/** The body as its route's schema reads it: nested at most MAX_JSON_DEPTH deep (400, checked before
 * parsing), valid JSON (400), an object (400) holding only the fields its route documents (400 naming
 * the first unknown ones), each as the schema allows (400 naming the field and why). An empty body
 * (null) is `{}`. Throws HttpError. */
export function parseJsonBody<B extends BodySpec>(text: Uint8Array | null, spec: B): BodyOf<B> {
  if (!text) return checkBody({}, spec);
  const bytes = Buffer.from(text.buffer, text.byteOffset, text.byteLength);
  if (nestingExceeds(bytes, MAX_JSON_DEPTH)) throw new HttpError(400, `The request body is nested more than ${MAX_JSON_DEPTH} levels deep.`, { code: 'tooDeep', params: { max: MAX_JSON_DEPTH } });
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new HttpError(400, 'The request body is not valid JSON.', { code: 'badJson' });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new HttpError(400, 'The request body must be a JSON object.', { code: 'notObject' });
  return checkBody(value as Record<string, unknown>, spec);
}

/** A parsed body checked against its route's schema (parseJsonBody's last step). Throws HttpError. */
export function checkBody<B extends BodySpec>(body: Record<string, unknown>, spec: B): BodyOf<B> {
  // Every unknown field named at once, before any value is looked at (the schema, a strict object,
  // would name the first only).
  checkFields(body, Object.keys(spec.schema.entries));
  const checked = check(spec.schema, body);
  if (checked.ok) return checked.value as BodyOf<B>;
  const field = String(checked.keys[0] ?? '');
  const issue = { ...checked.issue, path: checked.issue.path.replace(/^\./, '') };
  const refuse = (spec.refusals as Record<string, ((bad: BadField) => FieldRefusal) | undefined>)[field];
  const refusal = refuse?.({ issue, keys: checked.keys, body }) ?? `Bad field ${describeIssue(issue)}.`;
  const params: Params = { field, reason: issue.reason };
  throw typeof refusal === 'string' ? new HttpError(400, refusal, { code: 'badField', params }) : new HttpError(400, refusal.error, { code: refusal.code, params: refusal.params });
}

// The checks of a JSON request body once it has been read (api.ts readBody): pure, so that the body
// of a map import, megabytes of it, can be checked and parsed in a worker thread
// (server/work/mapRequest.ts) by the same code that checks every other body on the event loop.
import { checkFields, HttpError, MAX_JSON_DEPTH, nestingExceeds } from './guards';

/** The body as an object: nested at most MAX_JSON_DEPTH deep (400, checked before parsing), valid
 * JSON (400), an object (400) holding only the `fields` its route documents (400 naming the first
 * unknown ones). Throws HttpError. */
export function parseJsonBody(text: Uint8Array, fields: readonly string[]): Record<string, unknown> {
  const bytes = Buffer.from(text.buffer, text.byteOffset, text.byteLength);
  if (nestingExceeds(bytes, MAX_JSON_DEPTH)) throw new HttpError(400, `The request body is nested more than ${MAX_JSON_DEPTH} levels deep.`, { code: 'tooDeep', params: { max: MAX_JSON_DEPTH } });
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new HttpError(400, 'The request body is not valid JSON.', { code: 'badJson' });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new HttpError(400, 'The request body must be a JSON object.', { code: 'notObject' });
  checkFields(value as Record<string, unknown>, fields);
  return value as Record<string, unknown>;
}

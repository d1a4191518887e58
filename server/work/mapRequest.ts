// The body of `POST /api/maps` (api.ts newMap), which may carry a map file of megabytes: checked and
// parsed as every body is (parseJsonBody), and the file, if there is one, read and built into the
// new map's first state (seed.ts fileState). Parsing and building take about 45 ms per MiB, so a
// large body is handled in a worker thread (server/work/pool.ts) and only a small one here.
import { newMapBody } from '../http/bodies';
import { parseJsonBody, type BodyOf } from '../http/jsonBody';
import { HttpError, type ErrorBody } from '../http/guards';
import { fileState } from '../seed';
import { readFileComments } from '../http/commentBodies';
import { describeIssue } from '../../src/journey/records/valid';
import type { StoredThread } from '../store/DocStore';
import type { WorkerPool } from './pool';

/** Bodies up to this size are handled on the event loop (a few milliseconds at most). */
export const INLINE_MAP_REQUEST_BYTES = 64 * 1024;

/** A map file's first state and its comment threads, or why not: the English sentence, and for the
 * browser (code `badMapFile`) the file's ImportError code (`file`) with its params. */
export type FileResult = { ok: true; state: Uint8Array; comments: StoredThread[] } | { ok: false; error: string; params: Record<string, string | number> };

/** The state of a map file's journey (seed.ts fileState) with the threads of its `comments`, checked
 * as the comments routes check a comment (a thread that does not read makes the file invalid). */
function fileContent(file: unknown): FileResult {
  const made = fileState(file);
  if (!made.ok) return made;
  const comments = readFileComments(typeof file === 'object' && file !== null ? (file as { comments?: unknown }).comments : undefined);
  if (comments.ok) return { ...made, comments: comments.threads };
  const { issue } = comments;
  return { ok: false, error: `The file is not valid (1 problem): ${describeIssue(issue)}.`, params: { file: 'invalid', path: issue.path, reason: issue.reason, value: issue.value, count: 1 } };
}

export type MapRequest =
  /** The body's fields; `file`, if given, is already read: the map's first state, or why not. */
  | { ok: true; body: Omit<BodyOf<typeof newMapBody>, 'file'> & { file?: FileResult } }
  /** The body is refused (what parseJsonBody throws, as data: it crosses from the worker). */
  | ({ ok: false; status: number } & ErrorBody);

/**
 * Reads the body (null: there was none). Never throws: a refusal is its answer. `shared`: the state
 * is put in a SharedArrayBuffer (in the worker), so that it goes on to the store's own worker
 * (sqlite.ts createMap) without being copied on the event loop (10 MiB take 5-10 ms to copy).
 */
export function readMapRequest(raw: Uint8Array | null, shared = false): MapRequest {
  let body: BodyOf<typeof newMapBody>;
  try {
    body = parseJsonBody(raw, newMapBody);
  } catch (error) {
    if (error instanceof HttpError) return { ok: false, status: error.status, ...error.body() };
    throw error;
  }
  const { file, ...fields } = body;
  if (file === undefined) return { ok: true, body: fields };
  // A file with a template or locale beside it is refused (api.ts): not worth building.
  if (fields.template !== undefined || fields.locale !== undefined) return { ok: true, body: { ...fields, file: { ok: false, error: '', params: {} } } };
  let made: FileResult;
  try {
    made = fileContent(file);
    if (made.ok && shared) {
      const state = new Uint8Array(new SharedArrayBuffer(made.state.byteLength));
      state.set(made.state);
      made = { ...made, state };
    }
  } catch {
    made = { ok: false, error: 'The file’s journey could not be read.', params: {} };
  }
  return { ok: true, body: { ...fields, file: made } };
}

/** readMapRequest, in a worker for a large body. The body's buffer is handed to the worker. */
export async function mapRequest(pool: WorkerPool, raw: Uint8Array | null): Promise<MapRequest> {
  if (!raw || raw.byteLength <= INLINE_MAP_REQUEST_BYTES) return readMapRequest(raw);
  const whole = raw.byteOffset === 0 && raw.byteLength === raw.buffer.byteLength && raw.buffer instanceof ArrayBuffer;
  const body = whole ? raw : raw.slice();
  return pool.run('mapRequest', { body }, [body.buffer as ArrayBuffer]);
}

// The HTTP routes of a map's versions and of the map a copy was made from (docs/api.md, "Versions"):
//
//   GET    /api/maps/:id/versions              any key   the list, newest first
//   POST   /api/maps/:id/versions              edit      a version now: { name } or { reason }
//   GET    /api/maps/:id/versions/:vid         any key   that state as a map file (X-Version-Name)
//   PATCH  /api/maps/:id/versions/:vid         edit      { name }: name or rename it (named: kept)
//   DELETE /api/maps/:id/versions/:vid         edit
//   POST   /api/maps/:id/versions/:vid/copy    edit      a new map from it, as POST /api/maps answers
//   GET    /api/maps/:id/source                any key   the current map file of the map it was copied from
//
// api.ts routes here and lends what it owns: checking the key, reading the body, creating a map
// (within the per-address rate and the server's quota). Versions are kept by the map's room
// (server/rooms/versions.ts) in the store (DocStore's version methods). A version's state becomes a
// map file in a worker thread when it is large (server/work/versionState.ts).
import type { ServerResponse } from 'node:http';
import * as v from 'valibot';
import { readJourney } from '../../src/doc/bindDoc';
import { toExportFile } from '../../src/journey/exchange';
import { oneOf } from '../../src/journey/records/valid';
import { wellFormed } from '../../src/journey/wellFormed';
import type { Role } from '../keys';
import type { Limits } from '../limits';
import type { Rooms } from '../rooms/rooms';
import type { DocStore, VersionKind, VersionReason } from '../store/DocStore';
import type { WorkerPool } from '../work/pool';
import { readVersionState, type VersionStateInput, type VersionStateOutput } from '../work/versionState';
import { HttpError } from './guards';
import { bodySpec, NO_BODY, type BodyOf, type BodySpec } from './jsonBody';

export interface VersionsContext {
  store: DocStore;
  rooms: Rooms;
  limits: Limits;
  work: WorkerPool;
}

export interface VersionsRequest {
  /** HEAD comes as GET. */
  method: string;
  /** The path after /api/maps/:id, split: ['versions'], ['versions', vid], ['versions', vid, 'copy'], ['source']. */
  path: string[];
  /** Checks the request's key for the map (api.ts authorize: 401 unknown map or key, 403 needs the edit key). */
  authorize(needed: Role): Promise<unknown>;
  /** Reads the JSON body as the route's schema has it (api.ts readBody). */
  body<B extends BodySpec>(spec: B): Promise<BodyOf<B>>;
  /** Creates a map with this first state as POST /api/maps does (rate limit, quota): its answer. */
  create(state: Uint8Array): Promise<{ id: string }>;
}

/** What to answer: a status, and a JSON body (as a value, or as text already) or none (204). */
export interface VersionsAnswer {
  status: number;
  body?: unknown;
  json?: string;
  headers?: Record<string, string>;
}

/** Longest name of a version, in characters. */
export const MAX_VERSION_NAME = 200;
/** States up to this size are read on the event loop (a few milliseconds at most); larger ones in a worker. */
const INLINE_STATE_BYTES = 64 * 1024;

const ID = /^[\w-]{1,64}$/;
const ASKED_REASONS = ['beforeReplace', 'beforeRestore'] as const;

const name = v.pipe(v.string('notText'), v.transform((s) => wellFormed(s.trim())), v.minLength(1, 'missing'), v.maxLength(MAX_VERSION_NAME, 'tooLong'));
const nameRefusal = () => `"name" must be text of 1 to ${MAX_VERSION_NAME} characters.`;

/** `POST …/versions`: a name (a named version), or why an automatic one is asked for, or both. */
export const createVersionBody = bodySpec(
  { name: v.optional(name), reason: v.optional(oneOf(ASKED_REASONS)) },
  { name: nameRefusal, reason: () => `"reason" must be one of: ${ASKED_REASONS.join(', ')}.` },
);

/** `PATCH …/versions/:vid`: its new name. */
export const nameVersionBody = bodySpec({ name }, { name: nameRefusal });

const unknownVersion = () => new HttpError(404, 'This map has no such version (it was deleted, or thinned out with age).', { code: 'unknownVersion' });

function only(method: string, ...methods: string[]): void {
  if (!methods.includes(method)) throw new HttpError(405, 'Method not allowed here.', {}, { allow: methods.flatMap((m) => (m === 'GET' ? ['GET', 'HEAD'] : [m])).join(', ') });
}

/** A version's state as a map file or a copy's first state: here when small, else in a worker. */
function readState(ctx: VersionsContext, input: VersionStateInput): Promise<VersionStateOutput> {
  return input.state.byteLength <= INLINE_STATE_BYTES ? Promise.resolve(readVersionState(input)) : ctx.work.run('versionState', input);
}

export async function handleVersionsApi(ctx: VersionsContext, mapId: string, request: VersionsRequest): Promise<VersionsAnswer> {
  const { method, path } = request;
  const { store } = ctx;

  if (path[0] === 'source' && path.length === 1) {
    only(method, 'GET');
    await request.authorize('view');
    const sourceId = await store.sourceOf(mapId);
    if (!sourceId || !(await store.getMap(sourceId))) {
      throw new HttpError(404, 'This map was not copied from another, or that map has been deleted.', { code: 'noSource' });
    }
    // Its current state, as its own export gives it (comments stay with their map).
    const room = await ctx.rooms.open(sourceId);
    try {
      return { status: 200, body: toExportFile(readJourney(room.doc), new Date()) };
    } finally {
      ctx.rooms.left(room);
    }
  }
  if (path[0] !== 'versions' || path.length > 3 || (path[1] !== undefined && !ID.test(path[1]))) throw new HttpError(404, 'No such endpoint.');
  const versionId = path[1];

  if (versionId === undefined) {
    only(method, 'GET', 'POST');
    if (method === 'GET') {
      await request.authorize('view');
      return { status: 200, body: { versions: await store.versions(mapId) } };
    }
    await request.authorize('edit');
    const body = await request.body(createVersionBody);
    if (body.name === undefined && body.reason === undefined) {
      throw new HttpError(400, 'Send a "name" (a named version) or a "reason" (beforeReplace, beforeRestore).', { code: 'badField', params: { field: 'name', reason: 'missing' } });
    }
    const max = ctx.limits.maxVersionsPerMap;
    if ((await store.countVersions(mapId)) >= max) {
      throw new HttpError(429, `This map holds as many versions as it may (${max}). Delete named versions nobody needs.`, { code: 'tooManyVersions', params: { max } });
    }
    const kind: VersionKind = body.name === undefined ? 'auto' : 'named';
    const reason: VersionReason = body.reason ?? 'named';
    const room = await ctx.rooms.open(mapId);
    try {
      return { status: 201, body: await room.versions.take(kind, reason, body.name ?? null) };
    } finally {
      ctx.rooms.left(room);
    }
  }

  if (path[2] === 'copy') {
    only(method, 'POST');
    await request.authorize('edit');
    await request.body(NO_BODY);
    const version = await store.getVersion(mapId, versionId);
    if (!version) throw unknownVersion();
    const copy = await readState(ctx, { state: version.state, as: 'copy' });
    if (copy.as !== 'copy') throw new Error('unexpected answer');
    const created = await request.create(copy.state ?? version.state);
    await store.setSource(created.id, mapId);
    // As a duplicate: a current-state copy keeps the answers its figures come from; a future-state
    // copy has neither (its figures were cleared).
    if (!copy.future) await store.addResponses(created.id, await store.responses(mapId));
    return { status: 201, body: created };
  }
  if (path.length !== 2) throw new HttpError(404, 'No such endpoint.');

  only(method, 'GET', 'PATCH', 'DELETE');
  if (method === 'GET') {
    await request.authorize('view');
    const version = await store.getVersion(mapId, versionId);
    if (!version) throw unknownVersion();
    const file = await readState(ctx, { state: version.state, as: 'file' });
    if (file.as !== 'file') throw new Error('unexpected answer');
    const headers: Record<string, string> = { 'content-disposition': `attachment; filename="${mapId}-${versionId}.touchpoint.json"` };
    // Percent-encoded (UTF-8): a header carries Latin-1 at most, and names are anything.
    if (version.name !== null) headers['x-version-name'] = encodeURIComponent(version.name);
    return { status: 200, json: file.json, headers };
  }
  await request.authorize('edit');
  if (method === 'PATCH') {
    const { name: newName } = await request.body(nameVersionBody);
    const named = await store.nameVersion(mapId, versionId, newName);
    if (!named) throw unknownVersion();
    return { status: 200, body: named };
  }
  await request.body(NO_BODY);
  if (!(await store.deleteVersion(mapId, versionId))) throw unknownVersion();
  return { status: 204 };
}

/** Sends an answer of handleVersionsApi (JSON as api.ts sendJson sends it). */
export function sendVersionsAnswer(res: ServerResponse, answer: VersionsAnswer): void {
  if (answer.status === 204) {
    res.writeHead(204).end();
    return;
  }
  const text = answer.json ?? JSON.stringify(answer.body);
  res.writeHead(answer.status, {
    ...answer.headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  });
  res.end(text);
}

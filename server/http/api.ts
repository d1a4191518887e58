// The HTTP API (docs/api.md): create, duplicate, delete and export maps, and the origin share links
// should use. Keys come in the Authorization header (Bearer), never in the URL, so they stay out of
// logs.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { networkInterfaces } from 'node:os';
import * as Y from 'yjs';
import { readJourney } from '../../src/doc/bindDoc';
import { updateMeta } from '../../src/doc/commands';
import { readMeta } from '../../src/doc/schema';
import { toExportFile } from '../../src/journey/exchange';
import { hashKey, newKey, newMapId, roleOf, type Role } from '../keys';
import type { Limits } from '../limits';
import type { Rooms } from '../rooms/rooms';
import type { DocStore, MapRecord } from '../store/DocStore';
import { templateState } from '../seed';
import { addResponses, clearFigures } from '../voc';
import { WorkshopError } from '../workshop';
import { handleWorkshopApi } from './workshopApi';
import { handleVersionsApi, sendVersionsAnswer } from './versions';
import { checkOrigin, clientAddress, HttpError, isJson, NOT_JSON, RateLimiter, refuseNewerMap } from './guards';
import { duplicateBody, responsesBody, sharingBody } from './bodies';
import { handleCommentsApi } from './comments';
import { quotesAnswer } from './quotes';
import type { StoredThread } from '../store/DocStore';
import { NO_BODY, parseJsonBody, type BodyOf, type BodySpec } from './jsonBody';
import { mapRequest } from '../work/mapRequest';
import type { WorkerPool } from '../work/pool';

export { HttpError } from './guards';

/** Maps being created, and how fast each address creates them (`mapsPerMinutePerAddress`). */
export interface Creations {
  limiter: RateLimiter;
  /**
   * The store write of the creation under way: these run one after another, so the quota check
   * and the new row are one step (counting rows plus a "pending" tally either overshot or counted a
   * map twice while its row was being written).
   */
  queue: Promise<unknown>;
  /** The client's address is the last of X-Forwarded-For (TRUST_PROXY=1, behind a reverse proxy). */
  trustProxy: boolean;
}

export const newCreations = (limits: Limits, trustProxy = false): Creations => ({ limiter: new RateLimiter(limits.mapsPerMinutePerAddress), queue: Promise.resolve(), trustProxy });

interface ApiContext {
  store: DocStore;
  rooms: Rooms;
  limits: Limits;
  /** Closes every connection to a map that was deleted. */
  evict(id: string): Promise<void>;
  creations: Creations;
  /** Worker threads for work that would hold the event loop (reading a map file). */
  work: WorkerPool;
  /** Tells everyone connected to a map that its comments are at revision `rev` now (sync message 102). */
  nudgeComments?(id: string, rev: number): void;
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  });
  res.end(text);
}

/**
 * The request's JSON body as its route's schema reads it (an empty body is `{}`): at most `limit`
 * bytes (413), declared as JSON (415), nested at most MAX_JSON_DEPTH deep (400, checked before
 * parsing), an object (400) holding only the fields its route documents (400 naming the first
 * unknown ones), each of the value the route takes (400 naming the field and why: jsonBody.ts).
 */
async function readBody<B extends BodySpec>(req: IncomingMessage, limit: number, spec: B): Promise<BodyOf<B>> {
  return parseJsonBody(await readRawBody(req, limit), spec);
}

/** The request's body as it came (null when empty): at most `limit` bytes (413), declared as JSON (415). */
async function readRawBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  // A large body of a declared length is copied into one buffer chunk by chunk, as it arrives: never
  // megabytes at once on the event loop (Buffer.concat of 10 MiB takes 5-10 ms). The buffer is made
  // at the first chunk, and its memory is taken only as it is written (pages not yet touched are not).
  const declared = Number(req.headers['content-length']);
  let whole: Buffer | null = null;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.byteLength;
    if (size > limit) throw new HttpError(413, `The request is larger than ${limit} bytes.`, { params: { limit } });
    if (size === chunk.byteLength && declared > 64 * 1024 && declared <= limit) whole = Buffer.allocUnsafeSlow(declared);
    if (whole && size <= whole.byteLength) chunk.copy(whole, size - chunk.byteLength);
    else chunks.push(chunk);
  }
  if (!size) return null;
  if (!isJson(req)) throw new HttpError(415, NOT_JSON);
  if (!whole) return Buffer.concat(chunks);
  // Node's HTTP parser delivers exactly the declared length.
  if (size !== whole.byteLength) throw new HttpError(400, 'The request body does not have the length its Content-Length says.');
  return whole;
}

/** The key of `Authorization: Bearer <key>` (the scheme in any case, as HTTP has it). */
function bearer(req: IncomingMessage): string | undefined {
  return /^bearer +(\S+) *$/i.exec(req.headers.authorization ?? '')?.[1];
}

async function authorize(ctx: ApiContext, req: IncomingMessage, id: string, needed: Role): Promise<{ role: Role; record: MapRecord }> {
  const record = await ctx.store.getMap(id);
  const role = record ? roleOf(bearer(req), record) : null;
  // Same answer for an unknown map and a wrong key: nobody can discover which maps exist.
  if (!record || !role) throw new HttpError(401, 'Unknown map or wrong key.', { code: 'unknownMapOrKey' });
  if (needed === 'edit' && role !== 'edit') throw new HttpError(403, 'This needs the edit key.', { code: 'needsEditKey' });
  return { role, record };
}

function origin(req: IncomingMessage): string {
  if (process.env.PUBLIC_URL) return process.env.PUBLIC_URL.replace(/\/$/, '');
  const proto = (req.headers['x-forwarded-proto'] as string | undefined) ?? 'http';
  return `${proto}://${req.headers.host ?? 'localhost'}`;
}

/**
 * The origin the phones and laptops of a workshop room can open (`GET /api/origin`), for a page
 * opened at localhost whose own origin would make share links that only work on this computer:
 * PUBLIC_URL if set; when the server listens on every interface, this machine's first network
 * address; else null (it listens on this computer alone). The address is the listening one of the
 * server that took this request, so it is true however the server was started.
 */
function roomOrigin(req: IncomingMessage): string | null {
  if (process.env.PUBLIC_URL) return process.env.PUBLIC_URL.replace(/\/$/, '');
  const listening = (req.socket as Socket & { server?: Server }).server?.address();
  if (!listening || typeof listening !== 'object' || (listening.address !== '0.0.0.0' && listening.address !== '::')) return null;
  const lan = Object.values(networkInterfaces())
    .flat()
    .find((i) => i && i.family === 'IPv4' && !i.internal);
  return lan ? `http://${lan.address}:${listening.port}` : null;
}

/**
 * Runs `make` (which creates one map) if this address may create another now (else 429, with
 * Retry-After) and the server holds fewer than `maxMaps` (else 507).
 */
async function creating<T>(ctx: ApiContext, req: IncomingMessage, make: () => Promise<T>): Promise<T> {
  const { limiter, trustProxy } = ctx.creations;
  const taken = limiter.take(clientAddress(req, trustProxy));
  if (!taken.ok) {
    const { mapsPerMinutePerAddress: perMinute } = ctx.limits;
    const seconds = taken.retryAfterSeconds;
    throw new HttpError(
      429,
      `Too many new maps from this address (at most ${perMinute} a minute). Try again in ${seconds} s.`,
      { code: 'tooManyMaps', params: { perMinute, seconds } },
      { 'retry-after': String(seconds) },
    );
  }
  // Early, before a large body is read: a full server says so at once (createMap checks for good).
  if ((await ctx.store.countMaps()) >= ctx.limits.maxMaps) throw full(ctx);
  return make();
}

const full = (ctx: ApiContext) =>
  new HttpError(507, `This server holds as many maps as it may (${ctx.limits.maxMaps}). Delete maps nobody needs, or raise MAX_MAPS.`, { code: 'serverFull', params: { max: ctx.limits.maxMaps } });

/** A new map with its first state (and, from a map file, its comment threads). */
async function createMap(ctx: ApiContext, req: IncomingMessage, state: Uint8Array, comments: readonly StoredThread[] = []) {
  const id = newMapId();
  const editKey = newKey();
  const viewKey = newKey();
  const commentKey = newKey();
  // The quota check and the new row as one step, one creation after another (only the store's
  // write is queued: a slow upload never holds anyone else's creation).
  const turn = ctx.creations.queue.then(async () => {
    if ((await ctx.store.countMaps()) >= ctx.limits.maxMaps) throw full(ctx);
    await ctx.store.createMap({ id, editKeyHash: hashKey(editKey), viewKeyHash: hashKey(viewKey), viewKey, createdAt: Date.now(), commentKeyHash: hashKey(commentKey), commentKey }, state);
    // Nobody knows the map's id yet: if its comments cannot be written, it is as if it never was.
    if (comments.length) await ctx.store.importThreads(id, comments).catch(async (error: unknown) => {
      await ctx.store.deleteMap(id);
      throw error;
    });
  });
  ctx.creations.queue = turn.catch(() => undefined);
  await turn;
  const base = `${origin(req)}/#/map/${id}`;
  return { id, editKey, viewKey, commentKey, links: { edit: `${base}?key=${editKey}`, view: `${base}?key=${viewKey}`, comment: `${base}?key=${commentKey}` } };
}

/** Runs `fn` on the map's live document (loading it if needed; it unloads again when idle). */
async function withDoc<T>(ctx: ApiContext, id: string, fn: (doc: Y.Doc) => T): Promise<T> {
  const room = await ctx.rooms.open(id);
  try {
    return fn(room.doc);
  } finally {
    ctx.rooms.left(room);
  }
}

/** POST /api/maps: a map from a template, or from an exported file. */
async function newMap(ctx: ApiContext, req: IncomingMessage) {
  // Checked as readBody checks every body, but a large one (a map file) off the event loop, in a
  // worker, where its file is also read and built into the map's first state (mapRequest.ts).
  const request = await mapRequest(ctx.work, await readRawBody(req, ctx.limits.maxRequestBytes));
  if (!request.ok) throw new HttpError(request.status, request.error, request);
  const body = request.body;
  if (body.file !== undefined) {
    if (body.template !== undefined || body.locale !== undefined) throw new HttpError(400, 'Send either "file" or "template" and "locale", not both: a map from a file has the file’s content and language.', { code: 'fileWithTemplate' });
    const made = body.file;
    if (!made.ok) throw new HttpError(400, made.error, { code: 'badMapFile', params: made.params });
    return createMap(ctx, req, made.state, made.comments);
  }
  // Template and locale are checked by the body's schema (bodies.ts newMapBody).
  return createMap(ctx, req, templateState(body.template ?? 'blank', body.locale ?? 'en', Date.now()));
}

/** POST /api/maps/:id/duplicate: a copy of the live document, with a new title or variant if given. */
async function duplicate(ctx: ApiContext, req: IncomingMessage, id: string) {
  const { title, variant } = await readBody(req, ctx.limits.maxRequestBytes, duplicateBody);
  const copy = new Y.Doc();
  Y.applyUpdate(copy, await withDoc(ctx, id, (doc) => Y.encodeStateAsUpdate(doc)));
  updateMeta(copy, { ...(title !== undefined && { title }), ...(variant !== undefined && { variant }) });
  // A future-state copy does not present its source's survey figures as its own: it gets neither
  // the figures nor the answers they sum up (its own come with its own survey import).
  const future = readMeta(copy.getMap('meta')).variant === 'future';
  if (future) clearFigures(copy);
  const created = await createMap(ctx, req, Y.encodeStateAsUpdate(copy));
  copy.destroy();
  // A current-state copy's figures come from these answers: without them its next survey import
  // would recompute the figures from its own answers only and drop the rest.
  if (!future) await ctx.store.addResponses(created.id, await ctx.store.responses(id));
  // It remembers its source (compare: GET …/source) and keeps its history (versions.ts).
  await ctx.store.setSource(created.id, id);
  await ctx.store.copyVersions(id, created.id);
  return created;
}

export async function handleApi(ctx: ApiContext, req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
  const parts = pathname.split('/').filter(Boolean); // ['api', 'maps', id?, action?]
  // HEAD is answered wherever GET is, as GET (Node sends the headers only).
  const method = req.method === 'HEAD' ? 'GET' : (req.method ?? 'GET');
  const only = (...methods: string[]) => {
    if (!methods.includes(method)) throw new HttpError(405, 'Method not allowed here.', {}, { allow: methods.flatMap((m) => (m === 'GET' ? ['GET', 'HEAD'] : [m])).join(', ') });
  };
  checkOrigin(req);
  if (parts[1] === 'origin' && parts.length === 2) {
    only('GET');
    return sendJson(res, 200, { origin: roomOrigin(req) });
  }
  if (parts[1] === 'time' && parts.length === 2) {
    // The server's clock, for the clients' shared round timer (they measure their offset from it).
    only('GET');
    return sendJson(res, 200, { now: Date.now() });
  }
  if (parts[1] !== 'maps') throw new HttpError(404, 'No such endpoint.');
  const id = parts[2];

  if (!id) {
    only('POST');
    // A browser sends JSON cross-site only after asking (CORS preflight, never answered here); a
    // form or a text/plain body it sends without asking.
    if (!isJson(req)) throw new HttpError(415, NOT_JSON);
    return sendJson(res, 201, await creating(ctx, req, () => newMap(ctx, req)));
  }
  if (!/^[\w-]{1,64}$/.test(id)) throw new HttpError(404, 'No such endpoint.');

  if (parts.length === 3) {
    only('GET', 'DELETE');
    if (method === 'GET') {
      // What a key opens: the role, and for an editor the view key to share.
      const { role, record } = await authorize(ctx, req, id, 'view');
      if (role !== 'edit') return sendJson(res, 200, { id, role });
      return sendJson(res, 200, { id, role, ...(record.viewKey && { viewKey: record.viewKey }), ...(record.commentKey && { commentKey: record.commentKey }) });
    }
    await authorize(ctx, req, id, 'edit');
    await readBody(req, ctx.limits.maxRequestBytes, NO_BODY);
    await ctx.evict(id);
    await ctx.store.deleteMap(id);
    // Once more, now that it is gone: a client that reconnected to another instance meanwhile had it
    // loaded again there.
    await ctx.evict(id);
    res.writeHead(204).end();
    return;
  }
  if (parts[3] === 'duplicate' && parts.length === 4) {
    only('POST');
    await authorize(ctx, req, id, 'edit');
    return sendJson(res, 201, await creating(ctx, req, () => duplicate(ctx, req, id)));
  }
  if (parts[3] === 'responses' && parts.length === 4) {
    only('POST');
    await authorize(ctx, req, id, 'edit');
    const { responses } = await readBody(req, ctx.limits.maxRequestBytes, responsesBody);
    const room = await ctx.rooms.open(id);
    try {
      refuseNewerMap(room);
      return sendJson(res, 201, await addResponses(ctx.store, id, room.doc, responses));
    } finally {
      ctx.rooms.left(room);
    }
  }
  if (parts[3] === 'quotes' && parts.length === 4) {
    // What the quarterly report quotes, from all of a quarter's answers (server/http/quotes.ts): any key.
    only('GET');
    await authorize(ctx, req, id, 'view');
    return sendJson(res, 200, await quotesAnswer(ctx.store, id, new URL(req.url ?? '/', 'http://localhost').searchParams));
  }
  if (parts[3] === 'votes' || parts[3] === 'rounds') {
    // Workshop votes and silent rounds (server/workshop.ts): every route needs the edit key.
    await authorize(ctx, req, id, 'edit');
    const answer = await handleWorkshopApi(ctx, id, {
      method,
      path: parts.slice(3),
      participant: req.headers['x-participant'],
      body: (spec) => readBody(req, ctx.limits.maxRequestBytes, spec),
    }).catch((error: unknown) => {
      throw error instanceof WorkshopError ? new HttpError(error.status, error.message, error) : error;
    });
    if (answer.status === 204) {
      res.writeHead(204).end();
      return;
    }
    return sendJson(res, answer.status, answer.body);
  }
  if (parts[3] === 'sharing' && parts.length === 4) {
    // Who the map's links let in: the keys to share, and whether view links may comment.
    only('GET', 'PATCH');
    const { record } = await authorize(ctx, req, id, 'edit');
    let viewersComment = !!record.viewersComment;
    if (method === 'PATCH') {
      ({ viewersComment } = await readBody(req, ctx.limits.maxRequestBytes, sharingBody));
      if (viewersComment !== !!record.viewersComment) {
        const rev = await ctx.store.setViewersComment(id, viewersComment);
        // The view links' comment boxes open or close at once (they read the setting with the comments).
        if (rev !== undefined) ctx.nudgeComments?.(id, rev);
      }
    }
    return sendJson(res, 200, { viewKey: record.viewKey, commentKey: record.commentKey ?? '', viewersComment });
  }
  if (parts[3] === 'comments' || parts[3] === 'threads') {
    // Comments (server/http/comments.ts): any key gets in; what its role may do is decided there.
    const { role, record } = await authorize(ctx, req, id, 'view');
    const answer = await handleCommentsApi(ctx, record, role, {
      method,
      path: parts.slice(3),
      since: new URL(req.url ?? '/', 'http://localhost').searchParams.get('since'),
      participant: req.headers['x-participant'],
      body: (spec) => readBody(req, ctx.limits.maxRequestBytes, spec),
    });
    return sendJson(res, answer.status, answer.body);
  }
  if (parts[3] === 'versions' || parts[3] === 'source') {
    // Versions, and the map a copy was made from (server/http/versions.ts): the keys are checked there, route by route.
    const answer = await handleVersionsApi(ctx, id, {
      method,
      path: parts.slice(3),
      authorize: (needed) => authorize(ctx, req, id, needed),
      body: (spec) => readBody(req, ctx.limits.maxRequestBytes, spec),
      create: (state) => creating(ctx, req, () => createMap(ctx, req, state)),
    });
    return sendVersionsAnswer(res, answer);
  }
  if (parts[3] === 'export.json' && parts.length === 4) {
    only('GET');
    await authorize(ctx, req, id, 'view');
    const { threads } = await ctx.store.commentThreads(id);
    const file = await withDoc(ctx, id, (doc) => toExportFile(readJourney(doc), new Date(), threads));
    res.setHeader('content-disposition', `attachment; filename="${id}.touchpoint.json"`);
    return sendJson(res, 200, file);
  }
  throw new HttpError(404, 'No such endpoint.');
}

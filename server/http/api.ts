// The HTTP API (docs/api.md): create, duplicate, delete and export maps, and the origin share links
// should use. Keys come in the Authorization header (Bearer), never in the URL, so they stay out of
// logs.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { networkInterfaces } from 'node:os';
import * as Y from 'yjs';
import { readJourney } from '../../src/doc/bindDoc';
import { updateMeta } from '../../src/doc/commands';
import { toExportFile } from '../../src/journey/exchange';
import { TEMPLATE_IDS, type TemplateId } from '../../src/journey/templates';
import { isLocale } from '../../src/i18n/catalogue';
import { hashKey, newKey, newMapId, roleOf, type Role } from '../keys';
import type { Limits } from '../limits';
import type { Rooms } from '../rooms/rooms';
import type { DocStore, MapRecord } from '../store/DocStore';
import { fileState, templateState } from '../seed';
import { addResponses, readResponses } from '../voc';
import { WorkshopError } from '../workshop';
import { handleWorkshopApi } from './workshopApi';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

interface ApiContext {
  store: DocStore;
  rooms: Rooms;
  limits: Limits;
  /** Closes every connection to a map that was deleted. */
  evict(id: string): Promise<void>;
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage, limit: number): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.byteLength;
    if (size > limit) throw new HttpError(413, `The request is larger than ${limit} bytes.`);
    chunks.push(chunk);
  }
  if (!size) return {};
  let value: unknown;
  try {
    value = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, 'The request body is not valid JSON.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new HttpError(400, 'The request body must be a JSON object.');
  return value as Record<string, unknown>;
}

function bearer(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
}

async function authorize(ctx: ApiContext, req: IncomingMessage, id: string, needed: Role): Promise<{ role: Role; record: MapRecord }> {
  const record = await ctx.store.getMap(id);
  const role = record ? roleOf(bearer(req), record) : null;
  // Same answer for an unknown map and a wrong key: nobody can discover which maps exist.
  if (!record || !role) throw new HttpError(401, 'Unknown map or wrong key.');
  if (needed === 'edit' && role !== 'edit') throw new HttpError(403, 'This needs the edit key.');
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

async function createMap(ctx: ApiContext, req: IncomingMessage, state: Uint8Array) {
  const id = newMapId();
  const editKey = newKey();
  const viewKey = newKey();
  await ctx.store.createMap({ id, editKeyHash: hashKey(editKey), viewKeyHash: hashKey(viewKey), viewKey, createdAt: Date.now() }, state);
  const base = `${origin(req)}/#/map/${id}`;
  return { id, editKey, viewKey, links: { edit: `${base}?key=${editKey}`, view: `${base}?key=${viewKey}` } };
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

export async function handleApi(ctx: ApiContext, req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
  const parts = pathname.split('/').filter(Boolean); // ['api', 'maps', id?, action?]
  const method = req.method ?? 'GET';
  if (parts[1] === 'origin' && parts.length === 2) {
    if (method !== 'GET') throw new HttpError(405, 'Method not allowed here.');
    return sendJson(res, 200, { origin: roomOrigin(req) });
  }
  if (parts[1] === 'time' && parts.length === 2) {
    // The server's clock, for the clients' shared round timer (they measure their offset from it).
    if (method !== 'GET') throw new HttpError(405, 'Method not allowed here.');
    return sendJson(res, 200, { now: Date.now() });
  }
  if (parts[1] !== 'maps') throw new HttpError(404, 'No such endpoint.');
  const id = parts[2];

  if (!id && method === 'POST') {
    const body = await readBody(req, ctx.limits.maxRequestBytes);
    if (body.file !== undefined) {
      const made = fileState(body.file);
      if (!made.ok) throw new HttpError(400, made.error);
      return sendJson(res, 201, await createMap(ctx, req, made.state));
    }
    const template = (body.template ?? 'blank') as TemplateId;
    if (!TEMPLATE_IDS.includes(template)) throw new HttpError(400, `Unknown template "${String(body.template)}". Use one of: ${TEMPLATE_IDS.join(', ')}.`);
    const locale = body.locale ?? 'en';
    if (!isLocale(locale)) throw new HttpError(400, `Unknown locale "${String(body.locale)}". Use en, ro or it.`);
    return sendJson(res, 201, await createMap(ctx, req, templateState(template, locale, Date.now())));
  }
  if (!id || !/^[\w-]{1,64}$/.test(id)) throw new HttpError(404, 'No such endpoint.');

  if (parts.length === 3 && method === 'GET') {
    // What a key opens: the role, and for an editor the view key to share.
    const { role, record } = await authorize(ctx, req, id, 'view');
    return sendJson(res, 200, role === 'edit' && record.viewKey ? { id, role, viewKey: record.viewKey } : { id, role });
  }
  if (parts.length === 3 && method === 'DELETE') {
    await authorize(ctx, req, id, 'edit');
    await ctx.evict(id);
    await ctx.store.deleteMap(id);
    res.writeHead(204).end();
    return;
  }
  if (parts[3] === 'duplicate' && method === 'POST') {
    await authorize(ctx, req, id, 'edit');
    const body = await readBody(req, ctx.limits.maxRequestBytes);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, await withDoc(ctx, id, (doc) => Y.encodeStateAsUpdate(doc)));
    const patch: { title?: string; variant?: 'current' | 'future' } = {};
    if (typeof body.title === 'string') patch.title = body.title.slice(0, 500);
    if (body.variant === 'current' || body.variant === 'future') patch.variant = body.variant;
    updateMeta(copy, patch);
    const created = await createMap(ctx, req, Y.encodeStateAsUpdate(copy));
    copy.destroy();
    // The copy's figures come from these answers: without them its next survey import would
    // recompute the figures from its own answers only and drop the rest.
    await ctx.store.addResponses(created.id, await ctx.store.responses(id));
    return sendJson(res, 201, created);
  }
  if (parts[3] === 'responses' && method === 'POST') {
    await authorize(ctx, req, id, 'edit');
    const body = await readBody(req, ctx.limits.maxRequestBytes);
    const read = readResponses(body.responses);
    if (!read.ok) throw new HttpError(400, read.error);
    const room = await ctx.rooms.open(id);
    try {
      return sendJson(res, 201, await addResponses(ctx.store, id, room.doc, read.responses));
    } finally {
      ctx.rooms.left(room);
    }
  }
  if (parts[3] === 'votes' || parts[3] === 'rounds') {
    // Workshop votes and silent rounds (server/workshop.ts): every route needs the edit key.
    await authorize(ctx, req, id, 'edit');
    const answer = await handleWorkshopApi(ctx, id, {
      method,
      path: parts.slice(3),
      participant: req.headers['x-participant'],
      body: () => readBody(req, ctx.limits.maxRequestBytes),
    }).catch((error: unknown) => {
      throw error instanceof WorkshopError ? new HttpError(error.status, error.message) : error;
    });
    if (answer.status === 204) {
      res.writeHead(204).end();
      return;
    }
    return sendJson(res, answer.status, answer.body);
  }
  if (parts[3] === 'export.json' && method === 'GET') {
    await authorize(ctx, req, id, 'view');
    const file = await withDoc(ctx, id, (doc) => toExportFile(readJourney(doc), new Date()));
    res.setHeader('content-disposition', `attachment; filename="${id}.touchpoint.json"`);
    return sendJson(res, 200, file);
  }
  throw new HttpError(405, 'Method not allowed here.');
}

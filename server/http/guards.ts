// What the HTTP API checks before it does anything a request asks (docs/api.md, "HTTP API"): that a
// state-changing request comes from this server's own pages (Origin), that bodies are JSON of a
// bounded depth holding only the fields a route documents, and how fast one address may create
// maps. The answers are HttpErrors: api.ts turns them into JSON with their status.
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import type { Params } from '../../src/i18n/catalogue';
import { codeOfStatus, type RefusalCode } from '../../src/i18n/refusals';

/**
 * A refusal: its status, the English sentence for people calling the API, and a stable code with
 * its params (src/i18n/refusals.ts) that the browser says in its reader's language. Without a code,
 * the status's own (400 `badRequest`, 404 `notFound`, …).
 */
export class HttpError extends Error {
  readonly code: RefusalCode;
  readonly params: Params;

  constructor(
    readonly status: number,
    message: string,
    refusal: { code?: RefusalCode; params?: Params } = {},
    /** Extra response headers (Allow on a 405, Retry-After on a 429). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.code = refusal.code ?? codeOfStatus(status);
    this.params = refusal.params ?? {};
  }

  /** The JSON body of the answer: `{"error", "code", "params"}`. */
  body(): ErrorBody {
    return errorBody(this.message, this.code, this.params);
  }
}

export interface ErrorBody {
  error: string;
  code: RefusalCode;
  params: Params;
}

export const errorBody = (error: string, code: RefusalCode, params: Params = {}): ErrorBody => ({ error, code, params });

/** Deeper JSON than any request of the API has (a map file is 6 levels deep): refused before it is parsed. */
/** Refuses a write into a map whose document is newer than this server knows (it could only write
 * an older shape into it): 409, nothing changed. Sockets are refused the same way, with 4427. */
export function refuseNewerMap(room: { schemaVersion: number; latestVersion: number }): void {
  if (room.schemaVersion > room.latestVersion) {
    throw new HttpError(409, 'This map was saved by a newer version of Touchpoint than this server runs: update the server to change it. Nothing was changed.', {
      code: 'newerMap',
    });
  }
}

export const MAX_JSON_DEPTH = 32;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The origins this server's own pages have: PUBLIC_URL's, and the one the request was sent to. */
function ownOrigins(req: IncomingMessage): string[] {
  const origins: string[] = [];
  const add = (url: string) => {
    try {
      origins.push(new URL(url).origin);
    } catch {
      // A Host header that makes no URL matches no Origin.
    }
  };
  if (process.env.PUBLIC_URL) add(process.env.PUBLIC_URL);
  const proto = String(req.headers['x-forwarded-proto'] ?? '').split(',')[0]!.trim() || ((req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http');
  if (req.headers.host && /^https?$/.test(proto)) add(`${proto}://${req.headers.host}`);
  return origins;
}

/**
 * A POST, PUT or DELETE sent by a browser carries the Origin of the page that sent it: it must be
 * one of this server's own (else any site its users visit could create or change maps in their
 * name). A request without Origin (curl, another server) is not a browser's cross-site request.
 */
export function checkOrigin(req: IncomingMessage): void {
  if (SAFE_METHODS.has(req.method ?? 'GET')) return;
  const origin = req.headers.origin;
  if (origin === undefined) return;
  let sent: string;
  try {
    sent = new URL(origin).origin;
  } catch {
    sent = origin; // "null" (a sandboxed page or a file), or garbage: matches nothing
  }
  if (!ownOrigins(req).includes(sent)) {
    throw new HttpError(403, `Cross-site request refused: it came from a page of ${origin.slice(0, 200)}, not of this server. Set PUBLIC_URL if this server is reached through another address.`, {
      code: 'crossSite',
    });
  }
}

/** Whether the body is declared as JSON (`application/json`, any parameters). */
export function isJson(req: IncomingMessage): boolean {
  const type = req.headers['content-type'];
  return typeof type === 'string' && type.split(';')[0]!.trim().toLowerCase() === 'application/json';
}

export const NOT_JSON = 'Send the body as JSON, with the header Content-Type: application/json.';

/** How deep the JSON text nests (arrays and objects; brackets inside strings do not count), counted
 * up to `max + 1`: enough to refuse it before JSON.parse and every reader after it have to walk it. */
export function nestingExceeds(text: Buffer, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      if (c === 0x5c) i++; // backslash: the next byte is escaped
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

/** Refuses a body with a field its route does not document, naming it and what the route takes. */
export function checkFields(body: Record<string, unknown>, allowed: readonly string[]): void {
  const unknown = Object.keys(body).filter((k) => !allowed.includes(k));
  if (!unknown.length) return;
  const named = unknown
    .slice(0, 3)
    .map((k) => `"${k.slice(0, 60)}"`)
    .join(', ');
  const what = unknown.length === 1 ? `Unknown field ${named}` : `Unknown fields ${named}${unknown.length > 3 ? ', …' : ''}`;
  throw new HttpError(400, allowed.length ? `${what}. This request takes: ${allowed.join(', ')}.` : `${what}: this request takes no body.`, {
    code: 'unknownFields',
    params: { fields: unknown.slice(0, 3).join(', '), allowed: allowed.join(', ') },
  });
}

/**
 * The address a request counts against: the connecting address (an IPv4 address, or the /64 network
 * of an IPv6 one, which one machine usually has whole); behind a trusted reverse proxy
 * (`TRUST_PROXY=1`), the last address of X-Forwarded-For, the one the proxy saw.
 */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  let address = req.socket.remoteAddress ?? '';
  if (trustProxy) {
    const forwarded = String(req.headers['x-forwarded-for'] ?? '')
      .split(',')
      .map((a) => a.trim())
      .filter(Boolean)
      .at(-1);
    if (forwarded && isIP(forwarded)) address = forwarded;
  }
  if (address.startsWith('::ffff:') && isIP(address.slice(7)) === 4) return address.slice(7);
  if (isIP(address) === 6) {
    // The first four groups, with "::" expanded.
    const [head = '', tail = ''] = address.split('::');
    const left = head ? head.split(':') : [];
    const right = tail ? tail.split(':') : [];
    const groups = address.includes('::') ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right] : left;
    return `${groups.slice(0, 4).join(':')}::/64`;
  }
  return address;
}

/**
 * A token bucket per address: `perMinute` tokens at most, refilled at `perMinute` a minute; one
 * token per map created. Addresses whose bucket is full again are forgotten, so the table holds only
 * those that created maps within about the last minute.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly perMinute: number) {}

  /** Takes a token for `key`, or says how many seconds until one is there. */
  take(key: string, now = Date.now()): { ok: true } | { ok: false; retryAfterSeconds: number } {
    const rate = this.perMinute / 60_000; // tokens per millisecond
    if (this.buckets.size > 10_000) this.sweep(now);
    const bucket = this.buckets.get(key) ?? { tokens: this.perMinute, at: now };
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + (now - bucket.at) * rate);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterSeconds: rate > 0 ? Math.max(1, Math.ceil((1 - bucket.tokens) / rate / 1000)) : 3600 };
  }

  private sweep(now: number): void {
    const rate = this.perMinute / 60_000;
    for (const [key, b] of this.buckets) if (b.tokens + (now - b.at) * rate >= this.perMinute) this.buckets.delete(key);
  }
}

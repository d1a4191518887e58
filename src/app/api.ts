// The browser's side of the HTTP API (docs/api.md). Errors carry the server's English message and
// its refusal (a code and params the UI says in its reader's language), or say plainly that the
// server could not be reached.
import type { TemplateId } from '../journey/templateIds';
import type { Locale } from '../i18n';
import { readRefusal, type Refusal } from '../i18n/refusals';
import type { Sharing } from '../panels/ShareDialog';

export interface CreatedMap {
  id: string;
  editKey: string;
  viewKey: string;
  links: { edit: string; view: string };
}

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    /** Why the server refused, for the UI to say (src/panels/serverErrors.ts); none when it was not reached. */
    readonly refusal?: Refusal,
  ) {
    super(message);
  }
}

/** Status 0: the server could not be reached at all (offline, or it is down). */
import type { Quote } from '../journey/voc/quotes';

export async function call<T>(method: string, path: string, key?: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
  } catch {
    throw new ApiError('unreachable', 0);
  }
  if (response.status === 204) return undefined as T;
  const payload = (await response.json().catch(() => ({}))) as { error?: string };
  if (!response.ok) throw new ApiError(payload.error ?? response.statusText, response.status, readRefusal(response.status, payload));
  return payload as T;
}

export const createMapOnServer = (template: TemplateId, locale: Locale) => call<CreatedMap>('POST', '/api/maps', undefined, { template, locale });
export const duplicateMapOnServer = (id: string, editKey: string, patch: { title: string; variant: 'current' | 'future' }) =>
  call<CreatedMap>('POST', `/api/maps/${id}/duplicate`, editKey, patch);
export const deleteMapOnServer = (id: string, editKey: string) => call<void>('DELETE', `/api/maps/${id}`, editKey);
export const whatKeyOpens = (id: string, key: string) => call<{ id: string; role: 'edit' | 'comment' | 'view'; viewKey?: string; commentKey?: string }>('GET', `/api/maps/${id}`, key);

/** The owner's sharing settings of a map (an edit key's): its comment key, and whether view links may comment. */
export const sharingOf = (id: string, editKey: string): Sharing => ({
  read: () => call<{ commentKey: string; viewersComment: boolean }>('GET', `/api/maps/${id}/sharing`, editKey),
  setViewersComment: (on) => call<unknown>('PATCH', `/api/maps/${id}/sharing`, editKey, { viewersComment: on }).then(() => undefined),
});

/** A share link; `origin` is this page's own unless told (see `roomOrigin`). */
export const shareLink = (id: string, key: string, origin = location.origin) => `${origin}/#/map/${id}?key=${encodeURIComponent(key)}`;
/** The origin the other devices in the room can open (PUBLIC_URL, or the server's network address), null if none. */
export const roomOrigin = () => call<{ origin: string | null }>('GET', '/api/origin').then((r) => r.origin);
export const createMapFromFileOnServer = (file: unknown) => call<CreatedMap>('POST', '/api/maps', undefined, { file });
export const addResponsesOnServer = (id: string, editKey: string, responses: unknown[]) =>
  call<{ imported: number; skipped: number; total: number }>('POST', `/api/maps/${id}/responses`, editKey, { responses });

/** A quarter's lowest-scored comments per touchpoint and stage, chosen by the server from all the answers it keeps. */
export const quotesFromServer = (id: string, key: string, quarter: string, per: number) =>
  call<{ quotes: Record<string, Quote[]>; answers: number }>('GET', `/api/maps/${id}/quotes?quarter=${encodeURIComponent(quarter)}&per=${per}`, key);

/** Asks the server to keep a version of the map as it is now (before a map file replaces it, or a restore). */
export const keepVersionOnServer = (id: string, editKey: string, reason: 'beforeReplace' | 'beforeRestore') =>
  call<unknown>('POST', `/api/maps/${id}/versions`, editKey, { reason }).then(() => undefined);

// Requests to one map's HTTP API that say who sends them: the map's key (Authorization) and this
// browser's participant secret (X-Participant, src/journey/participant.ts), as the workshop and the
// comments need (docs/api.md). And the retry both use for what waits in this browser: every few
// seconds and when the network comes back (the sync socket may stay up while a request failed, so
// its reconnect alone is not enough).
import { readRefusal } from '../i18n/refusals';
import { RequestError } from '../store/requestError';

export type MapRequest = <T>(method: string, path: string, body?: unknown) => Promise<T>;

/** `request(method, path, body)` against `/api/maps/<mapId>/<path>`; a failure throws a RequestError (status 0: no connection). */
export function participantRequests(mapId: string, key: string | undefined, secret: string): MapRequest {
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    if (!key) throw new RequestError(0, 'This map is only in this browser.');
    let res: Response;
    try {
      res = await fetch(`/api/maps/${mapId}/${path}`, {
        method,
        headers: { authorization: `Bearer ${key}`, 'x-participant': secret, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
        cache: 'no-store',
      });
    } catch {
      throw new RequestError(0, 'No connection to the server.');
    }
    const answer = res.status === 204 ? null : ((await res.json().catch(() => null)) as (T & { error?: string }) | null);
    // The refusal rides along for the panels to say in the reader's language (src/panels/serverErrors.ts).
    if (!res.ok) throw Object.assign(new RequestError(res.status, answer?.error ?? res.statusText), { refusal: readRefusal(res.status, answer) });
    return answer as T;
  };
}

/** Whether a failed request is worth sending again later: no connection, a server error or "too many" for now. */
export const worthRetrying = (e: unknown) => !(e instanceof RequestError) || e.status === 0 || e.status >= 500 || e.status === 429;

/** Calls `flush` every `everyMs` while `waiting()` says something waits, and when the browser is back online; returns the stop. */
export function retryWhileWaiting(flush: () => void, waiting: () => boolean, everyMs = 4000): () => void {
  const timer = setInterval(() => waiting() && flush(), everyMs);
  window.addEventListener('online', flush);
  return () => {
    clearInterval(timer);
    window.removeEventListener('online', flush);
  };
}

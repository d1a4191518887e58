// The browser's side of the versions API (docs/api.md, "Versions"): the map's history as the server
// keeps it. A version's content arrives as a map file (src/journey/exchange.ts) and is read with the
// same reader as an imported file; a copy made from a version is handed to the editor route, which
// remembers it in this browser's list of maps and opens it. Refusals are ApiErrors carrying the server's code (src/panels/serverErrors.ts
// says them in the reader's language).
import { parseMapFile } from '../journey/exchange';
import type { Journey } from '../journey/types';
import { readRefusal } from '../i18n/refusals';
import type { Version, VersionReason, VersionsClient } from '../store/versionsClient';
import { ApiError, call, type CreatedMap } from './api';

/** A version's map file may be larger than an imported one (which must fit one sync message): it is only read here. */
const MAX_VERSION_FILE_BYTES = 64 * 1024 * 1024;

const REASONS: readonly VersionReason[] = ['quiet', 'interval', 'beforeReplace', 'beforeRestore', 'named'];

/** A version as the server lists it, checked field by field (a newer server may add fields). */
export function readVersion(value: unknown): Version | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (typeof v.id !== 'string') return null;
  const createdAt = typeof v.createdAt === 'number' ? v.createdAt : typeof v.createdAt === 'string' ? Date.parse(v.createdAt) : NaN;
  if (!Number.isFinite(createdAt)) return null;
  const name = typeof v.name === 'string' && v.name.trim() ? v.name : null;
  return {
    id: v.id,
    createdAt,
    name,
    kind: v.kind === 'named' || (v.kind !== 'auto' && name) ? 'named' : 'auto',
    reason: REASONS.includes(v.reason as VersionReason) ? (v.reason as VersionReason) : name ? 'named' : 'quiet',
    editors: Array.isArray(v.editors) ? v.editors.filter((e): e is string => typeof e === 'string') : [],
    bytes: typeof v.bytes === 'number' ? v.bytes : 0,
    cards: typeof v.cards === 'number' ? v.cards : 0,
  };
}

/** A map file from the server, read as a journey (or refused as an unreadable map file). */
async function fetchMapFile(path: string, key: string): Promise<Journey> {
  let response: Response;
  try {
    response = await fetch(path, { headers: { authorization: `Bearer ${key}` } });
  } catch {
    throw new ApiError('unreachable', 0);
  }
  const text = await response.text();
  if (!response.ok) {
    let body: unknown = {};
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: the status says enough
    }
    throw new ApiError((body as { error?: string }).error ?? response.statusText, response.status, readRefusal(response.status, body));
  }
  const read = parseMapFile(text, MAX_VERSION_FILE_BYTES);
  if (!read.ok) throw new ApiError(read.error.message, 502, { code: 'badMapFile', params: { file: read.error.code, ...read.error.params } });
  return read.journey;
}

/** `openMap`: remembers a map made from a version and opens it (the editor route). */
export function createVersionsClient(mapId: string, key: string, openMap: (made: CreatedMap) => void): VersionsClient {
  const base = `/api/maps/${encodeURIComponent(mapId)}`;
  const versions = `${base}/versions`;
  return {
    list: async () => {
      const { versions: list } = await call<{ versions: unknown[] }>('GET', versions, key);
      return (Array.isArray(list) ? list : []).map(readVersion).filter((v): v is Version => v !== null);
    },
    create: async ({ name, reason }) => {
      const made = readVersion(await call<unknown>('POST', versions, key, name ? { name } : { reason }));
      if (!made) throw new ApiError('bad version', 502);
      return made;
    },
    rename: async (id, name) => {
      await call<unknown>('PATCH', `${versions}/${encodeURIComponent(id)}`, key, { name });
    },
    remove: (id) => call<void>('DELETE', `${versions}/${encodeURIComponent(id)}`, key),
    journey: (id) => fetchMapFile(`${versions}/${encodeURIComponent(id)}`, key),
    openCopy: async (id) => {
      openMap(await call<CreatedMap>('POST', `${versions}/${encodeURIComponent(id)}/copy`, key));
    },
    source: async () => {
      try {
        return await fetchMapFile(`${base}/source`, key);
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
  };
}

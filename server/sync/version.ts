// Which version of the document a client speaks, and whether a map may be served to it. The client
// says it at the upgrade, as the query parameter `?schema=<n>` of the sync URL (src/app/room.ts);
// a client that says nothing is of version 1 (the clients from before versions were honoured). The
// check runs once the map's room has loaded, and so migrated (server/rooms/room.ts), before
// anything the client sent is applied; and again whenever the document's version changes.
import type { Refusal } from './admission';
import { CLOSE } from './messages';

/** The version a sync request's client speaks (`?schema=`), 1 when it says none or nonsense. */
export function clientSchema(url: string | undefined): number {
  let value: string | null = null;
  try {
    value = new URL(url ?? '/', 'http://localhost').searchParams.get('schema');
  } catch {
    return 1;
  }
  return value !== null && /^[1-9]\d{0,5}$/.test(value) ? Number(value) : 1;
}

/** What a room's document version is, against what this server knows. */
export interface Versioned {
  /** The document's version (meta.schemaVersion). */
  readonly schemaVersion: number;
  /** The last version this server's migrations know. */
  readonly latestVersion: number;
}

/**
 * Why this map is not served to a client of this version, or null: a client is served only the
 * version it speaks. A document newer than this server: 4427 for everyone (no one may write into a
 * shape the server does not know). A document newer than the client: 4426, it reloads (its service
 * worker updates the app) and comes back. A client newer than the document, which the server has
 * brought to its own latest version on loading, so newer than the server (a server rolled back, or
 * an older instance): 4428, it reloads and gets this server's app. Served, it would write its newer
 * shape into a document whose other clients do not know it, the very harm versions prevent.
 */
export function versionRefusal(room: Versioned, client: number): Refusal | null {
  if (room.schemaVersion > room.latestVersion) return { refuse: CLOSE.newerDocument, reason: 'this map was saved by a newer Touchpoint; update the server' };
  if (client < room.schemaVersion) return { refuse: CLOSE.outdatedClient, reason: 'this map uses a newer version of Touchpoint: reload' };
  if (client > room.schemaVersion) return { refuse: CLOSE.newerClient, reason: 'this server runs an older Touchpoint than this tab: reload' };
  return null;
}

// Map keys: random, 144 bits, URL-safe. Only their SHA-256 is stored; checks compare hashes in
// constant time so a wrong key reveals nothing through timing.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const newKey = (): string => randomBytes(18).toString('base64url');
export const newMapId = (): string => randomBytes(9).toString('base64url');
export const hashKey = (key: string): string => createHash('sha256').update(key).digest('hex');

export function keyMatches(key: string, hash: string): boolean {
  const a = Buffer.from(hashKey(key), 'hex');
  const b = Buffer.from(hash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * What a key opens. `edit` changes the map; `comment` reads it and follows it live like `view`, and
 * may also write comments (server/http/comments.ts); `view` only reads, and comments only when the
 * map's editors allow it (`viewersComment`). Neither `comment` nor `view` can ever change the map's
 * document: the sync endpoint drops their updates (server/sync/connection.ts).
 */
export type Role = 'edit' | 'comment' | 'view';

/** The role a key opens on a map, or null. A map without a comment key (an empty hash) has no comment role. */
export function roleOf(key: string | undefined, record: { editKeyHash: string; viewKeyHash: string; commentKeyHash?: string }): Role | null {
  if (!key || key.length > 200) return null;
  if (keyMatches(key, record.editKeyHash)) return 'edit';
  if (record.commentKeyHash && keyMatches(key, record.commentKeyHash)) return 'comment';
  if (keyMatches(key, record.viewKeyHash)) return 'view';
  return null;
}

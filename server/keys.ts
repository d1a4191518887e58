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

export type Role = 'edit' | 'view';

export function roleOf(key: string | undefined, record: { editKeyHash: string; viewKeyHash: string }): Role | null {
  if (!key || key.length > 200) return null;
  if (keyMatches(key, record.editKeyHash)) return 'edit';
  if (keyMatches(key, record.viewKeyHash)) return 'view';
  return null;
}

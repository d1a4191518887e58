// Order as fractional-index strings (package `fractional-indexing`): a move rewrites one key, never
// a list, so concurrent moves cannot duplicate an entry.
import { generateKeyBetween, generateNKeysBetween } from 'fractional-indexing';

export interface Ordered {
  id: string;
  index: string;
}

/** Compare by index, then by id so that two peers that picked the same key still agree. */
export function byIndex(a: Ordered, b: Ordered): number {
  if (a.index < b.index) return -1;
  if (a.index > b.index) return 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function sortByIndex<T extends Ordered>(items: Iterable<T>): T[] {
  return [...items].sort(byIndex);
}

/** A key between two neighbours; either may be missing (start or end). Equal keys are tolerated. */
export function keyBetween(before: string | null | undefined, after: string | null | undefined): string {
  const a = before ?? null;
  let b = after ?? null;
  if (a !== null && b !== null && a >= b) b = null; // equal keys from concurrent inserts: go after `a`
  return generateKeyBetween(a, b);
}

/** `n` keys in order between two neighbours. */
export function keysBetween(before: string | null | undefined, after: string | null | undefined, n: number): string[] {
  const a = before ?? null;
  let b = after ?? null;
  if (a !== null && b !== null && a >= b) b = null;
  return generateNKeysBetween(a, b, n);
}

/** The key that puts an item at `position` among `sorted` (which must not contain the item itself). */
export function keyAt(sorted: readonly Ordered[], position: number): string {
  const p = Math.max(0, Math.min(position, sorted.length));
  return keyBetween(sorted[p - 1]?.index, sorted[p]?.index);
}

/** `n` consecutive keys that put items at `position` among `sorted`. */
export function keysAt(sorted: readonly Ordered[], position: number, n: number): string[] {
  const p = Math.max(0, Math.min(position, sorted.length));
  return keysBetween(sorted[p - 1]?.index, sorted[p]?.index, n);
}

/** Whether a string is a key `fractional-indexing` can work with. */
export function isValidKey(key: string): boolean {
  // The library checks little more than length; anything outside its alphabet would sort wrongly.
  if (!/^[A-Za-z][0-9A-Za-z]*$/.test(key)) return false;
  try {
    generateKeyBetween(key, null);
    return true;
  } catch {
    return false;
  }
}

import { describe, expect, it } from 'vitest';
import { byIndex, isValidKey, keyAt, keyBetween, keysAt, keysBetween, sortByIndex, type Ordered } from './order';
import { mulberry32 } from './testing';

describe('byIndex / sortByIndex', () => {
  it('orders by key, then by id so that two peers that chose the same key agree', () => {
    const items: Ordered[] = [
      { id: 'c', index: 'a1' },
      { id: 'b', index: 'a0' },
      { id: 'z', index: 'a1' },
      { id: 'a', index: 'a1' },
    ];
    expect(sortByIndex(items).map((i) => i.id)).toEqual(['b', 'a', 'c', 'z']);
    // Same answer whatever order the peer received them in.
    expect(sortByIndex([...items].reverse()).map((i) => i.id)).toEqual(['b', 'a', 'c', 'z']);
  });

  it('does not reorder the input it was given', () => {
    const items: Ordered[] = [
      { id: 'x', index: 'a2' },
      { id: 'y', index: 'a0' },
    ];
    sortByIndex(items);
    expect(items.map((i) => i.id)).toEqual(['x', 'y']);
  });

  it('treats identical entries as equal', () => {
    expect(byIndex({ id: 'a', index: 'a0' }, { id: 'a', index: 'a0' })).toBe(0);
  });
});

describe('keyBetween / keysBetween', () => {
  it('makes a first key, a key before, after and between others', () => {
    const first = keyBetween(null, null);
    expect(isValidKey(first)).toBe(true);
    const before = keyBetween(null, first);
    const after = keyBetween(first, undefined);
    const middle = keyBetween(first, after);
    expect(before < first).toBe(true);
    expect(first < middle && middle < after).toBe(true);
    for (const k of [before, after, middle]) expect(isValidKey(k)).toBe(true);
  });

  it('tolerates equal (or reversed) neighbours from concurrent inserts by going after the first', () => {
    const k = keyBetween(null, null);
    const same = keyBetween(k, k);
    expect(same > k).toBe(true);
    expect(isValidKey(same)).toBe(true);
    const later = keyBetween(k, null);
    expect(keyBetween(later, k) > later).toBe(true);
  });

  it('makes n strictly increasing keys between two neighbours', () => {
    const a = keyBetween(null, null);
    const b = keyBetween(a, null);
    const keys = keysBetween(a, b, 5);
    expect(keys).toHaveLength(5);
    expect(keys[0]! > a).toBe(true);
    expect(keys[4]! < b).toBe(true);
    for (let i = 1; i < keys.length; i++) expect(keys[i - 1]! < keys[i]!).toBe(true);
    expect(keysBetween(null, null, 0)).toEqual([]);
    const tied = keysBetween(a, a, 3);
    expect(tied.every((k) => k > a)).toBe(true);
  });
});

describe('keyAt / keysAt', () => {
  const list = (keys: string[]): Ordered[] => keys.map((index, i) => ({ id: `i${i}`, index }));
  const three = list(keysBetween(null, null, 3));

  it('puts an item at the requested position', () => {
    for (let position = 0; position <= three.length; position++) {
      const item = { id: 'new', index: keyAt(three, position) };
      expect(sortByIndex([...three, item]).findIndex((i) => i.id === 'new')).toBe(position);
    }
  });

  it('clamps positions outside the list to its ends', () => {
    const first = { id: 'new', index: keyAt(three, -5) };
    const last = { id: 'new', index: keyAt(three, 99) };
    expect(sortByIndex([...three, first])[0]!.id).toBe('new');
    expect(sortByIndex([...three, last])[3]!.id).toBe('new');
    expect(isValidKey(keyAt([], 7))).toBe(true);
  });

  it('puts several items consecutively at a position, in order', () => {
    const keys = keysAt(three, 1, 3);
    const inserted = keys.map((index, i) => ({ id: `n${i}`, index }));
    expect(sortByIndex([...three, ...inserted]).map((i) => i.id)).toEqual(['i0', 'n0', 'n1', 'n2', 'i1', 'i2']);
  });

  it('keeps the intended order through many random inserts (model test)', () => {
    const rand = mulberry32(42);
    const model: Ordered[] = [];
    for (let step = 0; step < 600; step++) {
      const position = Math.floor(rand() * (model.length + 1));
      const item = { id: `c${step}`, index: keyAt(model, position) };
      expect(isValidKey(item.index)).toBe(true);
      model.splice(position, 0, item);
    }
    expect(sortByIndex(model).map((i) => i.id)).toEqual(model.map((i) => i.id));
    expect(new Set(model.map((i) => i.index)).size).toBe(model.length);
  });
});

describe('isValidKey', () => {
  it('accepts keys made by the library', () => {
    expect(isValidKey('a0')).toBe(true);
    expect(isValidKey('a0V')).toBe(true);
    expect(isValidKey('Zz')).toBe(true);
  });

  it('rejects anything else', () => {
    for (const bad of ['', 'a', '!!', 'a00', '0', ' a0', 'b1']) expect(isValidKey(bad), bad).toBe(false);
  });

  // Regression guard (was a bug in order.ts isValidKey): `fractional-indexing` only checks a key's length and its last
  // digit, not that every character is one of its base-62 digits, so the trust boundary accepts keys
  // such as "a0 " from another program. Keys made next to them are then out of order: a card
  // dropped between two cards lands somewhere else.
  it('only accepts keys that keyBetween can place a key before, after and between', () => {
    for (const key of ['a0', 'a0V', 'Zz', 'a0 ', 'a0~', 'a0é', 'b!!', 'garbage!!']) {
      if (!isValidKey(key)) continue;
      const before = keyBetween(null, key);
      const after = keyBetween(key, null);
      const between = keyBetween(before, key);
      expect(before < key && key < after, key).toBe(true);
      expect(before < between && between < key, key).toBe(true);
    }
  });
});

// The maps this browser has: a small index in localStorage (the maps themselves live in IndexedDB).
import { create } from 'zustand';
import type { Variant } from '../journey/types';

export interface MapEntry {
  id: string;
  title: string;
  variant: Variant;
  createdAt: number;
  updatedAt: number;
  /** The key this browser opens the map with (none: a map kept only in this browser). */
  key?: string;
  role?: 'edit' | 'comment' | 'view';
  /** Known to editors, so they can share a view link. */
  viewKey?: string;
  /** The comment key, when this browser has been given it beside a key that does more. */
  commentKey?: string;
}

/** What each key lets one do, more to less: a browser keeps the key that does most. */
const RANK = { edit: 2, comment: 1, view: 0 } as const;
const slotOf = (role: 'comment' | 'view') => (role === 'view' ? 'viewKey' : 'commentKey');

const KEY = 'touchpoint.maps';

function load(): MapEntry[] {
  try {
    const value = JSON.parse(localStorage.getItem(KEY) ?? '[]') as unknown;
    return Array.isArray(value) ? value.filter((e): e is MapEntry => typeof e?.id === 'string' && typeof e?.title === 'string') : [];
  } catch {
    return [];
  }
}

interface MapIndex {
  maps: MapEntry[];
  upsert(entry: Partial<MapEntry> & { id: string }): void;
  remove(id: string): void;
}

export const useMapIndex = create<MapIndex>((set, get) => {
  const save = (maps: MapEntry[]) => {
    localStorage.setItem(KEY, JSON.stringify(maps));
    set({ maps });
  };
  // Another tab changed the list: follow it.
  window.addEventListener('storage', (e) => {
    if (e.key === KEY) set({ maps: load() });
  });
  return {
    maps: load(),
    upsert: (entry) => {
      const maps = get().maps;
      const prev = maps.find((m) => m.id === entry.id);
      const now = Date.now();
      // A field left undefined keeps what is known (a view key's answer has no viewKey to forget).
      const given = Object.fromEntries(Object.entries(entry).filter(([, v]) => v !== undefined)) as Partial<MapEntry> & { id: string };
      const next: MapEntry = { title: '', variant: 'current', createdAt: now, ...prev, ...given, updatedAt: entry.updatedAt ?? now };
      const [was, opens] = [prev?.role ?? 'edit', given.role];
      if (prev?.key && opens && opens !== 'edit' && RANK[opens] < RANK[was]) {
        // A facilitator who opens their own view (or comment) link: the edit key is never traded
        // for a key that does less (it exists nowhere else); the other key is remembered beside it.
        Object.assign(next, { key: prev.key, role: was, [slotOf(opens)]: given.key ?? prev[slotOf(opens)] });
      } else if (prev?.key && was !== 'edit' && opens && RANK[opens] > RANK[was] && !next[slotOf(was)]) {
        next[slotOf(was)] = prev.key;
      }
      const same = (k: keyof MapEntry) => prev?.[k] === next[k];
      // Opening a map touches it; within a minute that is not worth a write, but a changed key or
      // role always is.
      const unchanged = (['title', 'variant', 'key', 'role', 'viewKey', 'commentKey'] as const).every(same);
      if (prev && unchanged && entry.updatedAt === undefined && now - prev.updatedAt < 60_000) return;
      save([next, ...maps.filter((m) => m.id !== entry.id)]);
    },
    remove: (id) => save(get().maps.filter((m) => m.id !== id)),
  };
});

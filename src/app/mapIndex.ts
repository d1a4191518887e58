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
  role?: 'edit' | 'view';
  /** Known to editors, so they can share a view link. */
  viewKey?: string;
}

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
      if (prev?.key && prev.role === 'edit' && given.role === 'view') {
        // A facilitator who opens their own view link: the edit key is never traded for the view
        // key (it exists nowhere else); the view key is remembered beside it.
        Object.assign(next, { key: prev.key, role: 'edit', viewKey: given.key ?? prev.viewKey });
      } else if (prev?.key && prev.role === 'view' && next.role === 'edit' && !next.viewKey) {
        next.viewKey = prev.key;
      }
      const same = (k: keyof MapEntry) => prev?.[k] === next[k];
      // Opening a map touches it; within a minute that is not worth a write, but a changed key or
      // role always is.
      const unchanged = (['title', 'variant', 'key', 'role', 'viewKey'] as const).every(same);
      if (prev && unchanged && entry.updatedAt === undefined && now - prev.updatedAt < 60_000) return;
      save([next, ...maps.filter((m) => m.id !== entry.id)]);
    },
    remove: (id) => save(get().maps.filter((m) => m.id !== id)),
  };
});

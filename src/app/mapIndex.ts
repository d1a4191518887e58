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
      const next: MapEntry = { title: '', variant: 'current', createdAt: now, ...prev, ...entry, updatedAt: entry.updatedAt ?? now };
      if (prev && prev.title === next.title && prev.variant === next.variant && entry.updatedAt === undefined && now - prev.updatedAt < 60_000) return;
      save([next, ...maps.filter((m) => m.id !== entry.id)]);
    },
    remove: (id) => save(get().maps.filter((m) => m.id !== id)),
  };
});

// What the history panel and the banner above the canvas share in this tab: the versions as last
// listed, the journeys of versions already fetched (a version never changes, so it is fetched once),
// what the running comparison compares the live map with (to compare again as the live map changes
// and to write the Markdown), and the last outcome said to the person. Tab-scoped, and for one map at
// a time: opening another map starts afresh (`forMap`).
import { create } from 'zustand';
import type { Journey } from '../../journey/types';
import type { Version } from '../../store/versionsClient';

/** What the live map is compared with. */
export interface CompareBase {
  journey: Journey;
  /** What it is called in sentences ("Q3 baseline", "the version of 12 Nov 2026, 14:03", the source's title). */
  name: string;
  /** `since`: an earlier version of this map; `against`: the map this one was copied from. */
  mode: 'since' | 'against';
}

export interface HistoryState {
  mapId: string | null;
  versions: readonly Version[] | null;
  journeys: ReadonlyMap<string, Journey>;
  base: CompareBase | null;
  /** A request is under way (the buttons wait). */
  busy: boolean;
  /** The last failure, in words (role=alert). */
  error: string | null;
  /** The last success, in words (role=status): a restore, a deletion, a version named. */
  notice: string | null;
  /** The comparison's list is asked for (the banner's "Show the list"): its heading takes focus once shown. */
  focusCompare: boolean;
}

const EMPTY = { versions: null, journeys: new Map<string, Journey>(), base: null, busy: false, error: null, notice: null, focusCompare: false };

export const useHistory = create<HistoryState>(() => ({ mapId: null, ...EMPTY }));

/** Starts afresh when the panel serves another map than before. */
export function forMap(mapId: string): void {
  if (useHistory.getState().mapId !== mapId) useHistory.setState({ mapId, ...EMPTY, journeys: new Map() });
}

export const setHistory = (patch: Partial<HistoryState>) => useHistory.setState(patch);

export function rememberJourney(id: string, journey: Journey): void {
  useHistory.setState((s) => ({ journeys: new Map(s.journeys).set(id, journey) }));
}

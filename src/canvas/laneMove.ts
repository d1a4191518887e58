// Moving a lane from its header's buttons (FrozenHeaders), kept in its blueprint zone by the
// moveLane command (src/doc/commands.ts, src/journey/blueprint.ts). A move stopped at a line makes
// a note, which the blueprint layer (BlueprintLines.tsx, loaded with the first map that has
// blueprint lanes, as any map where a lane can be stopped has) shows beside the lane and speaks in
// its live region. Kept here, with no words, so the first load carries neither the layer nor its words.
import { useCallback } from 'react';
import type { BlueprintLine } from '../journey/blueprint';
import type { Lane } from '../journey/types';
import { useActions } from '../store/context';

/** How long the note is shown. */
const NOTICE_MS = 6000;

/** A lane kept from crossing a line; `count` tells a second identical note from the first. */
export interface Notice {
  laneId: string;
  name: string;
  kept: BlueprintLine;
  count: number;
}

let notice: Notice | null = null;
let hideTimer: ReturnType<typeof setTimeout> | undefined;
const listeners = new Set<() => void>();

function setNotice(next: Notice | null): void {
  notice = next;
  for (const listener of listeners) listener();
}

/** The note shown now, if any (for useSyncExternalStore). */
export const laneNotice = (): Notice | null => notice;

export function subscribeNotice(listener: () => void): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

/** Drops the note without a word (the map is closed). */
export function forgetNotice(): void {
  clearTimeout(hideTimer);
  notice = null;
}

/** Moves a lane as its header's buttons ask, kept in its blueprint zone; a move stopped at a line leaves a note. */
export function useMoveLane(): (lane: Lane, position: number) => void {
  const actions = useActions();
  return useCallback(
    (lane, position) => {
      const placed = actions.moveLane(lane.id, position);
      if (!placed?.kept) return;
      setNotice({ laneId: lane.id, name: lane.name, kept: placed.kept, count: (notice?.count ?? 0) + 1 });
      clearTimeout(hideTimer);
      hideTimer = setTimeout(() => setNotice(null), NOTICE_MS);
    },
    [actions],
  );
}

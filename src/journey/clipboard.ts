// What "copy" puts on the clipboard: the selected cards with enough context (stage position, lane
// kind) to land in a sensible cell of another map, and the links among them.
import type { Card, Journey, LaneKind, Link } from './types';
import { sortByIndex } from './order';

export const CLIPBOARD_TYPE = 'touchpoint/cards';

export interface ClipboardPayload {
  type: typeof CLIPBOARD_TYPE;
  version: 1;
  cards: { card: Card; stagePosition: number; laneKind: LaneKind }[];
  links: Pick<Link, 'from' | 'to' | 'label'>[];
}

export function copyCards(journey: Journey, ids: readonly string[]): ClipboardPayload | null {
  const stages = sortByIndex(journey.stages.values()).map((s) => s.id);
  const chosen = new Set(ids.filter((id) => journey.cards.has(id)));
  if (!chosen.size) return null;
  const cards = sortByIndex([...chosen].map((id) => journey.cards.get(id)!)).map((card) => ({
    card,
    stagePosition: Math.max(0, stages.indexOf(card.stageId)),
    laneKind: journey.lanes.get(card.laneId)?.kind ?? 'actions',
  }));
  const links = [...journey.links.values()]
    .filter((l) => chosen.has(l.from) && chosen.has(l.to))
    .map(({ from, to, label }) => ({ from, to, label }));
  return { type: CLIPBOARD_TYPE, version: 1, cards, links };
}

/** Reads a pasted string; anything that is not our payload is ignored (returns null). */
export function parseClipboard(text: string): ClipboardPayload | null {
  try {
    const value = JSON.parse(text) as Partial<ClipboardPayload>;
    if (value?.type !== CLIPBOARD_TYPE || !Array.isArray(value.cards) || !Array.isArray(value.links)) return null;
    const cards = value.cards.filter(
      (c) => c && typeof c.card?.id === 'string' && typeof c.card?.text === 'string' && typeof c.card?.kind === 'string',
    );
    return { type: CLIPBOARD_TYPE, version: 1, cards, links: value.links.filter((l) => typeof l?.from === 'string' && typeof l?.to === 'string') };
  } catch {
    return null;
  }
}

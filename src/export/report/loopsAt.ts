// The loops (pain points and opportunities) as they stood at the end of a report's quarter, from what
// the map keeps of each: its status now and when that status was set. A report made after the
// quarter must not describe the map as it is today: a status set after the quarter's end says
// nothing of the days before, so such a loop counts as open at the quarter's end and has no "open
// since" day (never a day after the quarter). Pure: read by model.ts.
import { isLoopKind } from '../../journey/cards';
import type { GapCard, Journey, OpportunityCard } from '../../journey/types';
import type { LoopStatus } from '../../journey/cards/loop';
import { quarterBounds } from '../reportQuarters';

export type LoopCard = GapCard | OpportunityCard;

export interface LoopThen {
  card: LoopCard;
  /** Its status at the quarter's end; null when it was changed later, so the map no longer knows (counted as not done). */
  status: LoopStatus | null;
  /** Since when it had that status (before the quarter's end); null when it changed after it. */
  since: number | null;
  /** Whole days it had been open at the quarter's end (or today, within the quarter); null without `since`. */
  days: number | null;
}

export interface LoopsAt {
  /** Set to Done within the quarter. */
  closed: LoopCard[];
  /** Not done at the quarter's end (as far as the map knows). */
  open: LoopThen[];
  /** How many of `open` were changed after the quarter's end. */
  changedLater: number;
  /** The first moment after the quarter (exclusive end) and the last day's start, local time. */
  end: number;
  /** The moment ages are counted to: the quarter's end, or now while the quarter runs. */
  asOf: number;
}

const DAY = 24 * 60 * 60 * 1000;

export function loopsAt(journey: Pick<Journey, 'cards'>, quarter: string, now: number): LoopsAt {
  const { start, end } = quarterBounds(quarter);
  const asOf = Math.min(end, now);
  const closed: LoopCard[] = [];
  const open: LoopThen[] = [];
  let changedLater = 0;
  for (const c of journey.cards.values()) {
    if (!isLoopKind(c.kind)) continue;
    const card = c as LoopCard;
    if (card.statusChangedAt >= end) {
      // Changed after the quarter: whatever it is now, it was not closed within the quarter.
      open.push({ card, status: null, since: null, days: null });
      changedLater++;
    } else if (card.status === 'done') {
      if (card.statusChangedAt >= start) closed.push(card);
    } else {
      const since = card.statusChangedAt > 0 ? card.statusChangedAt : null;
      open.push({ card, status: card.status, since, days: since === null ? null : Math.max(0, Math.floor((asOf - since) / DAY)) });
    }
  }
  return { closed, open, changedLater, end, asOf };
}

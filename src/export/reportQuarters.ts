// The quarters a quarterly report can be made for, and days and quarters in local time: what the
// export menu needs to offer the report, apart from the report itself (loaded when it is made).
import type { Journey } from '../journey/types';
import { quartersOf, type MapFigure } from '../journey/voc/onMap';
import { quarterOf } from '../journey/voc/scores';

export const QUARTER = /^(\d{4})-Q([1-4])$/;
const pad = (n: number) => String(n).padStart(2, '0');

/** The local calendar day of a time, YYYY-MM-DD. */
export function localDay(time: number): string {
  const d = new Date(time);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The quarter a time falls in, in local time. */
export const quarterOfTime = (time: number | Date): string => quarterOf(localDay(typeof time === 'number' ? time : time.getTime()));

/** The first moment of a quarter and the first moment of the next one (local time): [start, end). */
export function quarterBounds(quarter: string): { start: number; end: number; firstDay: string; lastDay: string } {
  const m = QUARTER.exec(quarter);
  if (!m) throw new RangeError(`"${quarter}" is not a quarter like "2026-Q3".`);
  const year = Number(m[1]);
  const first = (Number(m[2]) - 1) * 3;
  const start = new Date(year, first, 1).getTime();
  const end = new Date(year, first + 3, 1).getTime();
  return { start, end, firstDay: localDay(start), lastDay: localDay(end - 1) };
}

/** The quarters a report can be made for, newest first: those with survey figures, and those in which a loop's status changed. */
export function reportQuarters(figures: ReadonlyMap<string, MapFigure>, journey?: Pick<Journey, 'cards'>): string[] {
  const quarters = new Set(quartersOf(figures).filter((q) => QUARTER.test(q)));
  if (journey) for (const card of journey.cards.values()) if ('statusChangedAt' in card && card.statusChangedAt > 0) quarters.add(quarterOfTime(card.statusChangedAt));
  return [...quarters].sort().reverse();
}


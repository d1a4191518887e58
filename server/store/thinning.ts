// Which automatic versions of a map to let go as they age (issue 13; docs/api.md, "Versions"). The
// store runs this each time it keeps a new automatic version, in the transaction that keeps it:
//
//   younger than a day        every one
//   a day to a week old       the newest of each clock hour
//   a week to 90 days old     the newest of each day (UTC)
//   older than 90 days        none
//
// Named versions are never given here: they are kept until someone deletes them. Hours and days are
// fixed slots of the clock, not counted back from now, so that what is kept stays kept as it ages:
// the newest of a day is also the newest of its hour, so it survives every step until 90 days. Pure:
// the time is given.

export const HOUR_MS = 60 * 60 * 1000;
export const DAY_MS = 24 * HOUR_MS;

/** The ages at which each step starts. */
export const THINNING = {
  /** Younger than this: every automatic version is kept. */
  allFor: DAY_MS,
  /** Younger than this: the newest of each hour. */
  hourlyFor: 7 * DAY_MS,
  /** Younger than this: the newest of each day; older ones go. */
  dailyFor: 90 * DAY_MS,
} as const;

export interface Aging {
  id: string;
  /** When it was taken (ms since 1970). */
  createdAt: number;
}

/** The ids of the automatic versions to remove at `now`, in no particular order. */
export function versionsToThin(versions: readonly Aging[], now: number): string[] {
  // Newest first (ties by id, so the answer does not depend on the order given): a version is the
  // newest of its hour or day when no version before it in this order shares that hour or day.
  const sorted = [...versions].sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  const hours = new Set<number>();
  const days = new Set<number>();
  const removed: string[] = [];
  for (const v of sorted) {
    const age = now - v.createdAt;
    const hour = Math.floor(v.createdAt / HOUR_MS);
    const day = Math.floor(v.createdAt / DAY_MS);
    const keep = age < THINNING.allFor || (age < THINNING.hourlyFor ? !hours.has(hour) : age < THINNING.dailyFor && !days.has(day));
    if (!keep) removed.push(v.id);
    hours.add(hour);
    days.add(day);
  }
  return removed;
}

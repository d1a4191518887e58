// The thinning of automatic versions as they age: every one for a day, the newest of each hour for a
// week, the newest of each day for 90 days, none older. Times are given, never read from the clock.
import { describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS, versionsToThin, type Aging } from './thinning';

const MIN = 60 * 1000;
/** A moment well inside a UTC day and hour, so that "an hour ago" stays in a known slot. */
const NOW = Date.UTC(2026, 10, 20, 15, 30);
const at = (id: string, ago: number): Aging => ({ id, createdAt: NOW - ago });
const kept = (versions: Aging[], now = NOW) => {
  const removed = new Set(versionsToThin(versions, now));
  return versions.filter((v) => !removed.has(v.id)).map((v) => v.id);
};

describe('versionsToThin', () => {
  it.each<[string, Aging[], string[]]>([
    ['nothing to thin', [], []],
    ['every version of the last 24 hours, however close together', [at('a', 1 * MIN), at('b', 2 * MIN), at('c', 3 * MIN), at('d', 23 * HOUR_MS)], ['a', 'b', 'c', 'd']],
    // 15:30 now; 2 days ago at 15:10, 15:20 and 15:25 fall in one clock hour, 14:50 in the one before.
    ['a day to a week old: the newest of each clock hour', [at('h1', 2 * DAY_MS + 20 * MIN), at('h2', 2 * DAY_MS + 10 * MIN), at('h3', 2 * DAY_MS + 5 * MIN), at('h0', 2 * DAY_MS + 40 * MIN)], ['h3', 'h0']],
    // 10 days ago at 09:30, 14:30 and 15:00 (UTC): one day; 11 days ago: another.
    ['a week to 90 days old: the newest of each day', [at('d1', 10 * DAY_MS + 6 * HOUR_MS), at('d2', 10 * DAY_MS + HOUR_MS), at('d3', 10 * DAY_MS + 30 * MIN), at('e1', 11 * DAY_MS)], ['d3', 'e1']],
    ['older than 90 days: none, not even the only one', [at('old', 90 * DAY_MS + MIN), at('older', 400 * DAY_MS)], []],
    ['just under 90 days: still the newest of its day', [at('edge', 90 * DAY_MS - MIN)], ['edge']],
  ])('%s', (_, versions, expected) => {
    expect(kept(versions)).toEqual(expected);
  });

  it('a version in its hour alongside a newer one that is still under a day old gives way to it', () => {
    // 15:30 now: yesterday 15:10 is over a day old; yesterday 15:40 is not yet, and is the hour's newest.
    expect(kept([at('older', DAY_MS + 20 * MIN), at('newer', DAY_MS - 10 * MIN)])).toEqual(['newer']);
  });

  it('keeps what it kept as time goes on: the newest of a day survives each step until 90 days', () => {
    // A version every 10 minutes for 3 days, thinned every hour for 100 days, as a busy map is.
    const start = NOW - 3 * DAY_MS;
    let versions: Aging[] = [];
    for (let t = start; t < NOW; t += 10 * MIN) versions.push({ id: `v${t}`, createdAt: t });
    const newestOfEachDay = new Map<number, string>();
    for (const v of versions) newestOfEachDay.set(Math.floor(v.createdAt / DAY_MS), v.id);
    let lastCount = Infinity;
    for (let now = NOW; now <= NOW + 100 * DAY_MS; now += HOUR_MS) {
      const removed = new Set(versionsToThin(versions, now));
      versions = versions.filter((v) => !removed.has(v.id));
      // What a thinning keeps, the next one keeps too (nothing comes back, nothing but age removes).
      expect(versions.length).toBeLessThanOrEqual(lastCount);
      lastCount = versions.length;
      // Once the newest is over a week old and until the oldest is 90 days old: one a day.
      if (now - NOW > 8 * DAY_MS && now - start < 89 * DAY_MS) expect(new Set(versions.map((v) => v.id))).toEqual(new Set(newestOfEachDay.values()));
    }
    expect(versions).toEqual([]);
  });

  it('gives the same answer whatever order the versions come in, and at equal times keeps one', () => {
    const versions = [at('x', 2 * DAY_MS), at('y', 2 * DAY_MS), at('z', 2 * DAY_MS + 5 * MIN)];
    const answers = [versions, [...versions].reverse(), [versions[1]!, versions[2]!, versions[0]!]].map((list) => versionsToThin(list, NOW).sort());
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    expect(answers[0]).toHaveLength(2);
  });
});

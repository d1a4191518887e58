import { describe, expect, it } from 'vitest';
import { defaultCard } from './cards';
import { keysBetween } from './order';
import type { Card, CardKind, Journey, Lane, Stage } from './types';
import { SCHEMA_VERSION } from './types';
import {
  MINUTE,
  MOMENTS_OF_TRUTH_FROM_A_VOTE,
  addMinute,
  addedSince,
  formatCountdown,
  inVoteScope,
  pauseTimer,
  rankVote,
  resumeTimer,
  startTimer,
  timeLeft,
  voteOutcome,
  type Ranked,
  type Timer,
  type Vote,
} from './workshop';

const NOW = 1_700_000_000_000;
const SECOND = 1000;

// ---- building journeys ----------------------------------------------------------------------

/** [id, stageId, laneId, kind, text]; cards get keys in the order given per cell. */
type CardSpec = [id: string, stageId: string, laneId: string, kind?: CardKind, text?: string];

/**
 * A journey from a compact description. Stages, lanes and cards are ordered by their keys in the
 * order given, but put into the maps in REVERSE, so that code that relies on a Map's insertion
 * order instead of the `index` keys (the map order users see) gets it wrong.
 */
function build(stageIds: string[], laneIds: string[], cardSpecs: CardSpec[]): Journey {
  const stageKeys = keysBetween(null, null, stageIds.length);
  const stages: Stage[] = stageIds.map((id, i) => ({ id, name: `Stage ${id}`, goal: '', index: stageKeys[i]! }));
  const laneKeys = keysBetween(null, null, laneIds.length);
  const lanes: Lane[] = laneIds.map((id, i) => ({ id, name: `Lane ${id}`, kind: 'actions', index: laneKeys[i]!, collapsed: false }));
  const perCell = new Map<string, number>();
  for (const [, s, l] of cardSpecs) perCell.set(`${s}|${l}`, (perCell.get(`${s}|${l}`) ?? 0) + 1);
  const cellKeys = new Map([...perCell].map(([cell, n]) => [cell, keysBetween(null, null, n)]));
  const cards: Card[] = cardSpecs.map(([id, stageId, laneId, kind = 'note', text]) =>
    defaultCard(kind, { id, stageId, laneId, index: cellKeys.get(`${stageId}|${laneId}`)!.shift()!, text: text ?? `card ${id}` }, NOW),
  );
  return {
    meta: { schemaVersion: SCHEMA_VERSION, title: 'Test', scenario: '', variant: 'current', locale: 'en', createdAt: NOW },
    personas: new Map(),
    stages: new Map(stages.reverse().map((s) => [s.id, s])),
    lanes: new Map(lanes.reverse().map((l) => [l.id, l])),
    cards: new Map(cards.reverse().map((c) => [c.id, c])),
    links: new Map(),
    emotions: new Map(),
    unreadable: [],
  };
}

function vote(laneIds: string[], tally: Record<string, number>, stageIds: string[] = []): Vote {
  return {
    id: 'v1',
    status: 'closed',
    votesPerPerson: 3,
    allowMultiple: false,
    laneIds,
    stageIds,
    openedAt: NOW,
    openedBy: 'p1',
    closedAt: NOW + MINUTE,
    voters: 4,
    tally,
    appliedAt: null,
  };
}

const summary = (ranked: Ranked[]) => ranked.map((r) => [r.card.id, r.votes, r.place]);

// ---- timer ------------------------------------------------------------------------------------

describe('the shared timer', () => {
  it('counts down from its duration and stops at zero, never below', () => {
    const timer = startTimer(5 * MINUTE, NOW);
    expect(timer.status).toBe('running');
    expect(timeLeft(timer, NOW)).toBe(5 * MINUTE);
    expect(timeLeft(timer, NOW + 2 * MINUTE)).toBe(3 * MINUTE);
    expect(timeLeft(timer, NOW + 5 * MINUTE)).toBe(0);
    expect(timeLeft(timer, NOW + 60 * MINUTE)).toBe(0);
  });

  it('shows a late joiner the same time left (it depends on the end time, not on when one started watching)', () => {
    const timer = startTimer(10 * MINUTE, NOW);
    expect(timeLeft(timer, NOW + 7 * MINUTE + 30 * SECOND)).toBe(2 * MINUTE + 30 * SECOND);
  });

  it('pausing freezes the time left however long the pause lasts', () => {
    const paused = pauseTimer(startTimer(5 * MINUTE, NOW), NOW + 90 * SECOND);
    expect(paused.status).toBe('paused');
    expect(timeLeft(paused, NOW + 90 * SECOND)).toBe(210 * SECOND);
    expect(timeLeft(paused, NOW + 60 * MINUTE)).toBe(210 * SECOND);
  });

  it('resuming continues from where it was paused', () => {
    const paused = pauseTimer(startTimer(5 * MINUTE, NOW), NOW + MINUTE);
    const resumed = resumeTimer(paused, NOW + 30 * MINUTE);
    expect(resumed.status).toBe('running');
    expect(timeLeft(resumed, NOW + 30 * MINUTE)).toBe(4 * MINUTE);
    expect(timeLeft(resumed, NOW + 33 * MINUTE)).toBe(MINUTE);
    expect(timeLeft(resumed, NOW + 34 * MINUTE)).toBe(0);
  });

  it('pausing a paused timer or resuming a running one changes nothing', () => {
    const running = startTimer(5 * MINUTE, NOW);
    const paused = pauseTimer(running, NOW + MINUTE);
    expect(pauseTimer(paused, NOW + 3 * MINUTE)).toEqual(paused);
    expect(timeLeft(pauseTimer(paused, NOW + 3 * MINUTE), NOW + 3 * MINUTE)).toBe(4 * MINUTE);
    expect(resumeTimer(running, NOW + 2 * MINUTE)).toEqual(running);
    expect(timeLeft(resumeTimer(running, NOW + 2 * MINUTE), NOW + 2 * MINUTE)).toBe(3 * MINUTE);
  });

  it('a timer paused after it ran out stays at zero', () => {
    const paused = pauseTimer(startTimer(MINUTE, NOW), NOW + 5 * MINUTE);
    expect(timeLeft(paused, NOW + 5 * MINUTE)).toBe(0);
    expect(paused).toMatchObject({ status: 'paused', remainingMs: 0 });
  });

  it('+1 minute on a running timer adds a minute to the time left and keeps it running', () => {
    const timer = addMinute(startTimer(5 * MINUTE, NOW), NOW + 2 * MINUTE);
    expect(timer.status).toBe('running');
    expect(timeLeft(timer, NOW + 2 * MINUTE)).toBe(4 * MINUTE);
    expect(timer.durationMs).toBe(6 * MINUTE);
  });

  it('+1 minute on a paused timer adds a minute and stays paused', () => {
    const paused = pauseTimer(startTimer(5 * MINUTE, NOW), NOW + 4 * MINUTE);
    const more = addMinute(paused, NOW + 10 * MINUTE);
    expect(more.status).toBe('paused');
    expect(timeLeft(more, NOW + 20 * MINUTE)).toBe(2 * MINUTE);
  });

  it('+1 minute on a timer that ran out long ago starts again from one minute (not from the stale end)', () => {
    const ranOut = startTimer(5 * MINUTE, NOW);
    const later = NOW + 20 * MINUTE;
    const again = addMinute(ranOut, later);
    expect(again.status).toBe('running');
    expect(timeLeft(again, later)).toBe(MINUTE);
    expect(timeLeft(again, later + 30 * SECOND)).toBe(30 * SECOND);
    expect(timeLeft(again, later + MINUTE)).toBe(0);
  });

  it('+1 minute on a timer that ran out while paused at zero gives one minute', () => {
    const paused: Timer = { status: 'paused', durationMs: MINUTE, remainingMs: 0 };
    expect(timeLeft(addMinute(paused, NOW), NOW)).toBe(MINUTE);
  });

  it('+1 minute twice adds two minutes', () => {
    const timer = addMinute(addMinute(startTimer(MINUTE, NOW), NOW), NOW);
    expect(timeLeft(timer, NOW)).toBe(3 * MINUTE);
  });
});

describe('formatCountdown', () => {
  it('writes minutes and two-digit seconds', () => {
    expect(formatCountdown(4 * MINUTE + 5 * SECOND)).toBe('4:05');
    expect(formatCountdown(9 * SECOND)).toBe('0:09');
    expect(formatCountdown(10 * MINUTE)).toBe('10:00');
    expect(formatCountdown(59 * MINUTE + 59 * SECOND)).toBe('59:59');
  });

  it('rounds up, so 0:00 shows only when the time is up', () => {
    expect(formatCountdown(1)).toBe('0:01');
    expect(formatCountdown(999)).toBe('0:01');
    expect(formatCountdown(1000)).toBe('0:01');
    expect(formatCountdown(1001)).toBe('0:02');
    expect(formatCountdown(4 * MINUTE + 4 * SECOND + 1)).toBe('4:05');
    expect(formatCountdown(MINUTE - 1)).toBe('1:00');
    expect(formatCountdown(0)).toBe('0:00');
  });

  it('never shows a negative time', () => {
    expect(formatCountdown(-1)).toBe('0:00');
    expect(formatCountdown(-5 * MINUTE)).toBe('0:00');
  });

  it('adds hours, with two-digit minutes, from one hour on', () => {
    expect(formatCountdown(60 * MINUTE)).toBe('1:00:00');
    expect(formatCountdown(62 * MINUTE)).toBe('1:02:00');
    expect(formatCountdown(60 * MINUTE + 5 * MINUTE + 9 * SECOND)).toBe('1:05:09');
    expect(formatCountdown(60 * MINUTE - 1)).toBe('1:00:00');
    expect(formatCountdown(10 * 60 * MINUTE + 1)).toBe('10:00:01');
  });
});

// ---- votes ------------------------------------------------------------------------------------

describe('inVoteScope', () => {
  const card = (stageId: string, laneId: string) => ({ stageId, laneId });

  it('takes the cards of the chosen lanes in every stage when no stage is chosen', () => {
    const v = { laneIds: ['L1', 'L3'], stageIds: [] };
    expect(inVoteScope(v, card('S1', 'L1'))).toBe(true);
    expect(inVoteScope(v, card('S9', 'L3'))).toBe(true);
    expect(inVoteScope(v, card('S1', 'L2'))).toBe(false);
  });

  it('takes only the chosen stages when some are chosen', () => {
    const v = { laneIds: ['L1'], stageIds: ['S2', 'S3'] };
    expect(inVoteScope(v, card('S2', 'L1'))).toBe(true);
    expect(inVoteScope(v, card('S3', 'L1'))).toBe(true);
    expect(inVoteScope(v, card('S1', 'L1'))).toBe(false);
    expect(inVoteScope(v, card('S2', 'L2'))).toBe(false);
  });

  it('takes nothing when no lane is chosen', () => {
    expect(inVoteScope({ laneIds: [], stageIds: [] }, card('S1', 'L1'))).toBe(false);
  });
});

describe('rankVote', () => {
  it('lists the cards from most to fewest votes with their counts, unvoted ones last with 0', () => {
    const j = build(['S1'], ['L1'], [['a', 'S1', 'L1'], ['b', 'S1', 'L1'], ['c', 'S1', 'L1'], ['d', 'S1', 'L1']]);
    const ranked = rankVote(vote(['L1'], { a: 1, b: 7, d: 3 }), j);
    expect(summary(ranked)).toEqual([
      ['b', 7, 1],
      ['d', 3, 2],
      ['a', 1, 3],
      ['c', 0, 4],
    ]);
    expect(ranked[0]!.card).toBe(j.cards.get('b'));
  });

  it('gives cards with equal votes the same place, and the next card the place after all of them', () => {
    const j = build(['S1'], ['L1'], [['a', 'S1', 'L1'], ['b', 'S1', 'L1'], ['c', 'S1', 'L1'], ['d', 'S1', 'L1'], ['e', 'S1', 'L1']]);
    const ranked = rankVote(vote(['L1'], { a: 4, b: 4, c: 2, d: 1, e: 1 }), j);
    expect(ranked.map((r) => r.place)).toEqual([1, 1, 3, 4, 4]);
  });

  it('unvoted cards share the last place', () => {
    const j = build(['S1'], ['L1'], [['a', 'S1', 'L1'], ['b', 'S1', 'L1'], ['c', 'S1', 'L1']]);
    expect(summary(rankVote(vote(['L1'], { b: 2 }), j))).toEqual([
      ['b', 2, 1],
      ['a', 0, 2],
      ['c', 0, 2],
    ]);
  });

  it('orders ties by stage in map order first, whatever the lane or the order of the cards in the document', () => {
    const j = build(
      ['S1', 'S2', 'S3'],
      ['L1', 'L2'],
      [
        ['late', 'S3', 'L1'],
        ['early', 'S1', 'L2'],
        ['middle', 'S2', 'L1'],
      ],
    );
    expect(rankVote(vote(['L1', 'L2'], { late: 2, early: 2, middle: 2 }), j).map((r) => r.card.id)).toEqual(['early', 'middle', 'late']);
  });

  it('orders ties in one stage by lane in map order', () => {
    const j = build(
      ['S1'],
      ['L1', 'L2', 'L3'],
      [
        ['bottom', 'S1', 'L3'],
        ['top', 'S1', 'L1'],
        ['mid', 'S1', 'L2'],
      ],
    );
    expect(rankVote(vote(['L1', 'L2', 'L3'], { bottom: 1, top: 1, mid: 1 }), j).map((r) => r.card.id)).toEqual(['top', 'mid', 'bottom']);
  });

  it('orders ties in one cell by the cards’ place in the cell', () => {
    const j = build(['S1'], ['L1'], [['first', 'S1', 'L1'], ['second', 'S1', 'L1'], ['third', 'S1', 'L1']]);
    expect(rankVote(vote(['L1'], { third: 5, first: 5, second: 5 }), j).map((r) => r.card.id)).toEqual(['first', 'second', 'third']);
  });

  it('follows stage order by key even when a stage was moved (its key, not its name or id, decides)', () => {
    const j = build(['S1', 'S2'], ['L1'], [['a', 'S1', 'L1'], ['b', 'S2', 'L1']]);
    const s1 = j.stages.get('S1')!;
    const s2 = j.stages.get('S2')!;
    const moved: Journey = { ...j, stages: new Map([['S1', { ...s1, index: s2.index + 'V' }], ['S2', s2]]) };
    expect(rankVote(vote(['L1'], { a: 1, b: 1 }), moved).map((r) => r.card.id)).toEqual(['b', 'a']);
  });

  it('leaves out cards that are no longer on the map, and does not count them for places', () => {
    const j = build(['S1'], ['L1'], [['a', 'S1', 'L1'], ['b', 'S1', 'L1']]);
    const ranked = rankVote(vote(['L1'], { deleted: 9, a: 3, b: 1 }), j);
    expect(summary(ranked)).toEqual([
      ['a', 3, 1],
      ['b', 1, 2],
    ]);
  });

  it('leaves out cards outside the vote’s lanes, even with votes in the tally', () => {
    const j = build(['S1'], ['L1', 'L2'], [['in', 'S1', 'L1'], ['out', 'S1', 'L2']]);
    expect(summary(rankVote(vote(['L1'], { in: 1, out: 5 }), j))).toEqual([['in', 1, 1]]);
  });

  it('leaves out cards outside the vote’s stages when the vote names stages', () => {
    const j = build(['S1', 'S2', 'S3'], ['L1'], [['a', 'S1', 'L1'], ['b', 'S2', 'L1'], ['c', 'S3', 'L1']]);
    expect(rankVote(vote(['L1'], { a: 3, b: 2, c: 1 }, ['S2', 'S3']), j).map((r) => r.card.id)).toEqual(['b', 'c']);
  });

  it('ranks nothing for a map without cards in scope', () => {
    const j = build(['S1'], ['L1', 'L2'], [['a', 'S1', 'L2']]);
    expect(rankVote(vote(['L1'], { a: 3 }), j)).toEqual([]);
  });
});

describe('voteOutcome', () => {
  /** `n` cards of one kind in one cell, ids `${prefix}1`..`${prefix}n`. */
  const many = (prefix: string, n: number, kind: CardKind, stage = 'S1', lane = 'L1'): CardSpec[] =>
    Array.from({ length: n }, (_, i): CardSpec => [`${prefix}${i + 1}`, stage, lane, kind]);

  const outcomeOf = (j: Journey, tally: Record<string, number>, laneIds = ['L1']) => voteOutcome(rankVote(vote(laneIds, tally), j));

  it('gives opportunities a priority by the third of the ranking they fall in: high, medium, low', () => {
    const j = build(['S1'], ['L1'], many('o', 6, 'opportunity'));
    const { fields } = outcomeOf(j, { o1: 1, o2: 2, o3: 3, o4: 4, o5: 5, o6: 6 });
    expect(['o6', 'o5', 'o4', 'o3', 'o2', 'o1'].map((id) => fields.get(id)?.priority)).toEqual(['high', 'high', 'medium', 'medium', 'low', 'low']);
  });

  it('gives pain points a severity by third: 3, 2, 1', () => {
    const j = build(['S1'], ['L1'], many('g', 3, 'gap'));
    const { fields } = outcomeOf(j, { g1: 1, g2: 9, g3: 4 });
    expect(fields.get('g2')).toEqual({ severity: 3 });
    expect(fields.get('g3')).toEqual({ severity: 2 });
    expect(fields.get('g1')).toEqual({ severity: 1 });
  });

  it('counts thirds among the cards that got votes: unvoted cards do not push voted ones down', () => {
    // 2 voted opportunities among 8: the first is in the top third, the second in the middle one.
    const j = build(['S1'], ['L1'], many('o', 8, 'opportunity'));
    const { fields } = outcomeOf(j, { o7: 3, o8: 1 });
    expect(fields.get('o7')?.priority).toBe('high');
    expect(fields.get('o8')?.priority).toBe('medium');
  });

  it('makes the only voted opportunity high priority and the only voted pain point severe', () => {
    const j = build(['S1'], ['L1'], [...many('o', 3, 'opportunity'), ...many('g', 3, 'gap')]);
    const { fields } = outcomeOf(j, { o2: 1, g3: 1 });
    expect(fields.get('o2')).toEqual({ priority: 'high' });
    expect(fields.get('g3')).toEqual({ severity: 3 });
  });

  it('sets unvoted opportunities to low priority and unvoted pain points to severity 1', () => {
    const j = build(['S1'], ['L1'], [...many('o', 2, 'opportunity'), ...many('g', 2, 'gap')]);
    const { fields } = outcomeOf(j, { o1: 2, g1: 2 });
    expect(fields.get('o2')).toEqual({ priority: 'low' });
    expect(fields.get('g2')).toEqual({ severity: 1 });
  });

  it('with no votes at all, every opportunity is low and every pain point is 1', () => {
    const j = build(['S1'], ['L1'], [...many('o', 2, 'opportunity'), ...many('g', 2, 'gap')]);
    const { fields, order } = outcomeOf(j, {});
    expect(fields.size).toBe(4);
    expect(fields.get('o1')).toEqual({ priority: 'low' });
    expect(fields.get('o2')).toEqual({ priority: 'low' });
    expect(fields.get('g1')).toEqual({ severity: 1 });
    expect(fields.get('g2')).toEqual({ severity: 1 });
    expect(order).toEqual([]);
  });

  it('counts thirds per kind: pain points and opportunities in one ranking do not share thirds', () => {
    const j = build(['S1'], ['L1', 'L2'], [...many('o', 2, 'opportunity', 'S1', 'L1'), ...many('g', 3, 'gap', 'S1', 'L2')]);
    // Ranking: o1 10, g1 9, g2 8, g3 7, o2 1.
    const { fields } = outcomeOf(j, { o1: 10, g1: 9, g2: 8, g3: 7, o2: 1 }, ['L1', 'L2']);
    expect(fields.get('o1')?.priority).toBe('high');
    expect(fields.get('o2')?.priority).toBe('medium');
    expect(['g1', 'g2', 'g3'].map((id) => fields.get(id)?.severity)).toEqual([3, 2, 1]);
  });

  it('gives cards tied in votes (they share a place in the results) the same priority', () => {
    // BUG: the third is taken from the position in the list, not from the shared place, so of two
    // opportunities with the same votes one becomes "high" and the other "medium" by map order only.
    const j = build(['S1'], ['L1'], many('o', 3, 'opportunity'));
    const ranked = rankVote(vote(['L1'], { o1: 5, o2: 5, o3: 1 }), j);
    expect(ranked[0]!.place).toBe(ranked[1]!.place);
    const { fields } = voteOutcome(ranked);
    expect(fields.get('o2')?.priority).toBe(fields.get('o1')?.priority);
  });

  it('makes the top three touchpoints with votes moments of truth, and no others', () => {
    expect(MOMENTS_OF_TRUTH_FROM_A_VOTE).toBe(3);
    const j = build(['S1'], ['L1'], many('t', 6, 'touchpoint'));
    const { fields } = outcomeOf(j, { t1: 1, t2: 5, t3: 4, t4: 3, t5: 2 });
    expect(fields.get('t2')).toEqual({ momentOfTruth: true });
    expect(fields.get('t3')).toEqual({ momentOfTruth: true });
    expect(fields.get('t4')).toEqual({ momentOfTruth: true });
    // The rest are left as they are (a moment of truth someone set by hand stays one).
    expect(fields.has('t5')).toBe(false);
    expect(fields.has('t1')).toBe(false);
    expect(fields.has('t6')).toBe(false);
  });

  it('marks fewer than three touchpoints when fewer got votes', () => {
    const j = build(['S1'], ['L1'], many('t', 4, 'touchpoint'));
    const { fields } = outcomeOf(j, { t3: 2 });
    expect([...fields.keys()]).toEqual(['t3']);
  });

  it('counts only touchpoints for the three: voted cards of other kinds ranked above them do not use up places', () => {
    const j = build(['S1'], ['L1', 'L2'], [...many('n', 3, 'note', 'S1', 'L1'), ...many('t', 3, 'touchpoint', 'S1', 'L2')]);
    const { fields } = outcomeOf(j, { n1: 9, n2: 9, n3: 9, t1: 1, t2: 1, t3: 1 }, ['L1', 'L2']);
    expect(['t1', 't2', 't3'].map((id) => fields.get(id)?.momentOfTruth)).toEqual([true, true, true]);
  });

  it('changes no field of notes and metrics, voted or not', () => {
    const j = build(['S1'], ['L1'], [['n', 'S1', 'L1', 'note'], ['m', 'S1', 'L1', 'metric']]);
    const { fields } = outcomeOf(j, { n: 4, m: 3 });
    expect(fields.size).toBe(0);
  });

  it('orders each cell’s voted cards most votes first, leaving out unvoted cards and cells without votes', () => {
    const j = build(
      ['S1', 'S2'],
      ['L1', 'L2'],
      [
        ['a', 'S1', 'L1'],
        ['b', 'S1', 'L1'],
        ['c', 'S1', 'L1'],
        ['d', 'S1', 'L2'],
        ['e', 'S2', 'L1'],
        ['f', 'S2', 'L2'],
      ],
    );
    const { order } = outcomeOf(j, { c: 5, a: 1, e: 3, f: 2 }, ['L1', 'L2']);
    const byCell = new Map(order.map((o) => [`${o.stageId}/${o.laneId}`, o.ids]));
    expect(byCell.get('S1/L1')).toEqual(['c', 'a']);
    expect(byCell.get('S2/L1')).toEqual(['e']);
    expect(byCell.get('S2/L2')).toEqual(['f']);
    expect(byCell.has('S1/L2')).toBe(false);
    expect(order).toHaveLength(3);
  });

  it('keeps map order between voted cards with equal votes in a cell', () => {
    const j = build(['S1'], ['L1'], [['a', 'S1', 'L1'], ['b', 'S1', 'L1'], ['c', 'S1', 'L1']]);
    const { order } = outcomeOf(j, { c: 2, b: 2, a: 1 });
    expect(order).toEqual([{ stageId: 'S1', laneId: 'L1', ids: ['b', 'c', 'a'] }]);
  });
});

// ---- summary ----------------------------------------------------------------------------------

describe('addedSince', () => {
  const j = build(
    ['S1', 'S2'],
    ['L1', 'L2'],
    [
      ['old1', 'S1', 'L1', 'note', 'was there'],
      ['new1', 'S1', 'L1', 'note', 'first new'],
      ['new2', 'S1', 'L1', 'note', 'second new'],
      ['old2', 'S1', 'L2', 'note', 'was there too'],
      ['new3', 'S2', 'L2', 'note', 'in S2 bottom'],
      ['new4', 'S2', 'L1', 'note', 'in S2 top'],
      ['new5', 'S1', 'L2', 'note', 'in S1 bottom'],
    ],
  );

  it('lists the cards that were not on the map at the start, per stage and lane, in map order', () => {
    expect(addedSince({ startedAt: NOW, baseline: ['old1', 'old2'] }, j)).toEqual([
      { stage: 'Stage S1', lane: 'Lane L1', cards: ['first new', 'second new'] },
      { stage: 'Stage S1', lane: 'Lane L2', cards: ['in S1 bottom'] },
      { stage: 'Stage S2', lane: 'Lane L1', cards: ['in S2 top'] },
      { stage: 'Stage S2', lane: 'Lane L2', cards: ['in S2 bottom'] },
    ]);
  });

  it('lists no cell whose cards were all there at the start', () => {
    const cells = addedSince({ startedAt: NOW, baseline: ['old1', 'new1', 'new2', 'old2', 'new5'] }, j);
    expect(cells.map((c) => `${c.stage}/${c.lane}`)).toEqual(['Stage S2/Lane L1', 'Stage S2/Lane L2']);
  });

  it('lists nothing when every card was there at the start', () => {
    expect(addedSince({ startedAt: NOW, baseline: [...j.cards.keys()] }, j)).toEqual([]);
  });

  it('ignores ids in the baseline of cards deleted since', () => {
    const cells = addedSince({ startedAt: NOW, baseline: ['gone', 'old1', 'old2', 'new1', 'new2', 'new5', 'new4'] }, j);
    expect(cells).toEqual([{ stage: 'Stage S2', lane: 'Lane L2', cards: ['in S2 bottom'] }]);
  });
});

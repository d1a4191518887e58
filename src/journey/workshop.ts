// A live workshop on a map, as plain data: who facilitates, what is spotlit, the shared timer, the
// dot votes and the silent rounds (docs/schema.md, roots `workshop`, `votes`, `participants`), and
// the pure rules on them: the timer's remaining time, a vote's ranking and what applying it
// changes, and the session's summary. Readers in src/doc check the data; this module trusts it.
import type { Card, CardFields, Journey, Priority, Severity } from './types';
import { sortByIndex } from './order';

export interface Facilitator {
  participantId: string;
  name: string;
  since: number;
}

/** "Bring everyone here": a stage to spotlight (the rest dims), or only the facilitator's view. */
export interface Spotlight {
  stageId: string | null;
  viewport: { x: number; y: number; zoom: number } | null;
  by: string;
  name: string;
  at: number;
}

/** The shared countdown. Times are the server's clock (each client knows its offset to it). */
export type Timer =
  | { status: 'running'; durationMs: number; endsAt: number }
  | { status: 'paused'; durationMs: number; remainingMs: number };

/** A dot vote. Ballots stay on the server until it closes; then `tally` holds the counts. */
export interface Vote {
  id: string;
  status: 'open' | 'closed';
  votesPerPerson: number;
  allowMultiple: boolean;
  laneIds: readonly string[];
  /** Empty: every stage. */
  stageIds: readonly string[];
  openedAt: number;
  openedBy: string;
  closedAt: number | null;
  voters: number;
  tally: Readonly<Record<string, number>>;
  /** When the result was applied to the cards (by the facilitator, one undoable step). */
  appliedAt: number | null;
}

/** A silent round: each participant's cards stay on their own browser and the server until the reveal. */
export interface Round {
  id: string;
  status: 'open' | 'revealed';
  openedAt: number;
  endsAt: number;
  revealedAt: number | null;
  cards: number;
  writers: number;
}

/** The workshop session the summary covers: from when the facilitator started it. */
export interface WorkshopSession {
  startedAt: number;
  /** The cards that were on the map when it started (the summary counts the others as added). */
  baseline: readonly string[];
}

export interface Participant {
  id: string;
  name: string;
  joinedAt: number;
  /** The session (its start) they last took part in. */
  session: number;
}

export interface Workshop {
  facilitator: Facilitator | null;
  spotlight: Spotlight | null;
  timer: Timer | null;
  session: WorkshopSession | null;
  /** The vote being run or shown (the latest), by id in `votes`. */
  voteId: string | null;
  round: Round | null;
  votes: ReadonlyMap<string, Vote>;
  participants: ReadonlyMap<string, Participant>;
}

export const NO_WORKSHOP: Workshop = {
  facilitator: null,
  spotlight: null,
  timer: null,
  session: null,
  voteId: null,
  round: null,
  votes: new Map(),
  participants: new Map(),
};

export const DEFAULT_VOTES_PER_PERSON = 3;
export const MAX_VOTES_PER_PERSON = 20;
export const MINUTE = 60_000;

// ---- timer ------------------------------------------------------------------------------------

/** Milliseconds left at server time `now` (0 once it has run out). */
export function timeLeft(timer: Timer, now: number): number {
  return Math.max(0, timer.status === 'running' ? timer.endsAt - now : timer.remainingMs);
}

export const startTimer = (durationMs: number, now: number): Timer => ({ status: 'running', durationMs, endsAt: now + durationMs });

export function pauseTimer(timer: Timer, now: number): Timer {
  return timer.status === 'running' ? { status: 'paused', durationMs: timer.durationMs, remainingMs: timeLeft(timer, now) } : timer;
}

export function resumeTimer(timer: Timer, now: number): Timer {
  return timer.status === 'paused' ? { status: 'running', durationMs: timer.durationMs, endsAt: now + timer.remainingMs } : timer;
}

/** One more minute; a timer that had run out starts again from one minute. */
export function addMinute(timer: Timer, now: number): Timer {
  if (timer.status === 'paused') return { ...timer, durationMs: timer.durationMs + MINUTE, remainingMs: timer.remainingMs + MINUTE };
  return { status: 'running', durationMs: timer.durationMs + MINUTE, endsAt: Math.max(timer.endsAt, now) + MINUTE };
}

/** "4:05", "0:09", "1:02:00": minutes and seconds, rounded up (a countdown shows 0:00 only at the end). */
export function formatCountdown(ms: number): string {
  const total = Math.ceil(Math.max(0, ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

// ---- votes ------------------------------------------------------------------------------------

/** Whether a card can be voted on in this vote. */
export function inVoteScope(vote: Pick<Vote, 'laneIds' | 'stageIds'>, card: Pick<Card, 'laneId' | 'stageId'>): boolean {
  return vote.laneIds.includes(card.laneId) && (vote.stageIds.length === 0 || vote.stageIds.includes(card.stageId));
}

export interface Ranked {
  card: Card;
  votes: number;
  /** 1 for the most votes; cards with equal votes share a place. */
  place: number;
}

/**
 * The cards of a closed vote from most to fewest votes (ties in map order: stage, lane, place in
 * the cell), cards no longer on the map left out.
 */
export function rankVote(vote: Vote, journey: Journey): Ranked[] {
  const stageOrder = new Map(sortByIndex([...journey.stages.values()]).map((s, i) => [s.id, i]));
  const laneOrder = new Map(sortByIndex([...journey.lanes.values()]).map((l, i) => [l.id, i]));
  const cards = [...journey.cards.values()].filter((c) => inVoteScope(vote, c));
  cards.sort(
    (a, b) =>
      (vote.tally[b.id] ?? 0) - (vote.tally[a.id] ?? 0) ||
      (stageOrder.get(a.stageId) ?? 0) - (stageOrder.get(b.stageId) ?? 0) ||
      (laneOrder.get(a.laneId) ?? 0) - (laneOrder.get(b.laneId) ?? 0) ||
      (a.index < b.index ? -1 : a.index > b.index ? 1 : 0),
  );
  let place = 0;
  let last = -1;
  return cards.map((card, i) => {
    const votes = vote.tally[card.id] ?? 0;
    if (votes !== last) place = i + 1;
    last = votes;
    return { card, votes, place };
  });
}

/** Applying a vote marks the touchpoints in this many top places as moments of truth (ties share a place). */
export const MOMENTS_OF_TRUTH_FROM_A_VOTE = 3;

export interface VoteOutcome {
  /** Field changes per card id. */
  fields: Map<string, CardFields>;
  /** Per cell, the voted cards' new order (most votes first); cells with nothing voted are left as they are. */
  order: { stageId: string; laneId: string; ids: string[] }[];
}

/** The third of the ranking a place falls in, among `voted` cards of its kind: 0 top, 1 middle, 2 bottom. */
function third(place: number, voted: number, votes: number): 0 | 1 | 2 {
  if (!votes || !voted) return 2;
  const position = place - 1;
  return position < Math.ceil(voted / 3) ? 0 : position < Math.ceil((2 * voted) / 3) ? 1 : 2;
}

const PRIORITY_BY_THIRD: readonly Priority[] = ['high', 'medium', 'low'];
const SEVERITY_BY_THIRD: readonly Severity[] = [3, 2, 1];

/**
 * What a vote's result writes onto the map: opportunities get a priority and pain points a
 * severity by the third of the ranking their place falls in (among the cards of their kind that got
 * votes; none: low), so cards tied in votes get the same; the touchpoints in the top three places
 * (with votes) become moments of truth; in every cell the voted cards come first, most votes first.
 */
export function voteOutcome(ranked: readonly Ranked[]): VoteOutcome {
  const fields = new Map<string, CardFields>();
  // A card's place among the voted cards of its own kind: 1 + how many of them have more votes.
  const votesOf = (kind: Card['kind']) => ranked.filter((r) => r.card.kind === kind && r.votes > 0).map((r) => r.votes);
  const placeIn = (all: number[], votes: number) => 1 + all.filter((n) => n > votes).length;
  const gaps = votesOf('gap');
  const ideas = votesOf('opportunity');
  const touchpoints = votesOf('touchpoint');
  for (const { card, votes } of ranked) {
    if (card.kind === 'opportunity') fields.set(card.id, { priority: PRIORITY_BY_THIRD[third(placeIn(ideas, votes), ideas.length, votes)]! });
    else if (card.kind === 'gap') fields.set(card.id, { severity: SEVERITY_BY_THIRD[third(placeIn(gaps, votes), gaps.length, votes)]! });
    else if (card.kind === 'touchpoint' && votes > 0 && placeIn(touchpoints, votes) <= MOMENTS_OF_TRUTH_FROM_A_VOTE) fields.set(card.id, { momentOfTruth: true });
  }
  const cells = new Map<string, { stageId: string; laneId: string; ids: string[] }>();
  for (const { card, votes } of ranked) {
    if (!votes) continue;
    const key = `${card.stageId}\u0000${card.laneId}`;
    const cell = cells.get(key) ?? { stageId: card.stageId, laneId: card.laneId, ids: [] };
    cell.ids.push(card.id);
    cells.set(key, cell);
  }
  return { fields, order: [...cells.values()] };
}

// ---- summary ----------------------------------------------------------------------------------

export interface AddedCell {
  stage: string;
  lane: string;
  cards: string[];
}

/** The cards added since the session started, per stage and lane, in map order. */
export function addedSince(session: WorkshopSession, journey: Journey): AddedCell[] {
  const baseline = new Set(session.baseline);
  const out: AddedCell[] = [];
  for (const stage of sortByIndex([...journey.stages.values()])) {
    for (const lane of sortByIndex([...journey.lanes.values()])) {
      const cards = sortByIndex([...journey.cards.values()].filter((c) => c.stageId === stage.id && c.laneId === lane.id && !baseline.has(c.id)));
      if (cards.length) out.push({ stage: stage.name, lane: lane.name, cards: cards.map((c) => c.text) });
    }
  }
  return out;
}

// Workshop facilitation, enforced by the server: votes and silent rounds. Ballots and private cards
// are kept in the database (DocStore) and never reach the map's document while they must stay
// hidden; closing a vote or revealing a round writes the result into the live Y.Doc, as voc.ts does
// with survey figures. Called by server/http/workshopApi.ts once the edit key and participant are known.
import * as v from 'valibot';
import * as Y from 'yjs';
import { readCard, readLane, roots, writeCard, type Roots } from '../src/doc/schema';
import { newId } from '../src/journey/ids';
import { cardKindForLane, defaultCard } from '../src/journey/cards';
import { keysAt, sortByIndex } from '../src/journey/order';
import type { Card } from '../src/journey/types';
import { number, textUpTo, wholeNumber } from '../src/journey/records/valid';
import type { Ballot, DocStore, PrivateCard, StoredRound, StoredVote } from './store/DocStore';
import type { Params } from '../src/i18n/catalogue';
import type { RefusalCode } from '../src/i18n/refusals';

/** A refusal with its HTTP status; api.ts answers it as `{"error": message, "code", "params"}`
 * (the code is the status's own when none is given: src/i18n/refusals.ts). */
export class WorkshopError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code?: RefusalCode,
    readonly params: Params = {},
  ) {
    super(message);
  }
}

export const MAX_VOTES_PER_PERSON = 20;
export const MIN_ROUND_MS = 10_000;
export const MAX_ROUND_MS = 2 * 60 * 60 * 1000;
export const MAX_CARD_TEXT = 4000;
/** Private cards per person per round: far above what anyone writes by hand, low enough that a
 * script cannot bury a map under cards at reveal. */
export const MAX_PRIVATE_CARDS = 200;
/** Ids in paths, card ids of private cards (which become card ids on the map), stage and lane ids. */
export const ID = /^[\w-]{1,64}$/;

const SERVER = Symbol('server');

/** One request's view of a map: its store, its live document, and who is asking. */
export interface Workshop {
  store: DocStore;
  mapId: string;
  doc: Y.Doc;
  /** The public id of the X-Participant secret (src/journey/participant.ts). */
  participantId: string;
}

function fail(status: number, message: string, code?: RefusalCode, params?: Params): never {
  throw new WorkshopError(status, message, code, params);
}
/** A value sent by a client, cut short for an error message. */
const shown = (value: string) => JSON.stringify(value.length > 64 ? `${value.slice(0, 64)}…` : value);

/**
 * The facilitator is whoever the document's `workshop.facilitator` names: clients write it (any
 * editor may take the role), the server only checks that the caller holds that participant's secret.
 */
function requireFacilitator(w: Workshop, action: string): void {
  const value = w.doc.getMap('workshop').get('facilitator');
  const id = typeof value === 'object' && value !== null && !(value instanceof Y.AbstractType) ? (value as { participantId?: unknown }).participantId : undefined;
  if (typeof id !== 'string' || !id) fail(403, `Only the facilitator can ${action}, and nobody is facilitator on this map yet.`, 'noFacilitator');
  if (id !== w.participantId) fail(403, `Only the facilitator can ${action}.`, 'notFacilitator');
}

// ---- request bodies -----------------------------------------------------------------------------
// What each request holds (docs/api.md, "Workshop"), checked by workshopApi.ts before any step below
// runs; a null number or flag is its default.

/** Ids of lanes or stages: at most 1000, none empty, each counted once. */
const idList = v.pipe(
  v.array(v.pipe(v.string('notText'), v.minLength(1, 'badId')), 'notList'),
  v.maxLength(1000, 'tooLong'),
  v.transform((ids) => [...new Set(ids)]),
);
/** A stage or lane id a private card is placed by (a stage or lane that is gone is the unplaced tray). */
const placeId = textUpTo(64);

export const voteRequest = {
  laneIds: idList,
  /** Empty: every stage. */
  stageIds: v.optional(idList, () => []),
  votesPerPerson: v.nullish(wholeNumber(1, MAX_VOTES_PER_PERSON), 3),
  allowMultiple: v.nullish(v.boolean('notBoolean'), false),
};
export const ballotRequest = { cards: v.array(v.string('notText'), 'notList') };
export const roundRequest = { durationMs: number(MIN_ROUND_MS, MAX_ROUND_MS) };
export const privateCardRequest = { stageId: placeId, laneId: placeId, text: textUpTo(MAX_CARD_TEXT) };

type Request<E extends v.ObjectEntries> = v.InferOutput<v.StrictObjectSchema<E, undefined>>;
export type VoteRequest = Request<typeof voteRequest>;
export type BallotRequest = Request<typeof ballotRequest>;
export type RoundRequest = Request<typeof roundRequest>;
export type PrivateCardRequest = Request<typeof privateCardRequest>;

// ---- votes --------------------------------------------------------------------------------------

/** Whether a card of the document (its Y.Map) is one the vote is about. */
function inScope(vote: StoredVote, card: unknown): boolean {
  if (!(card instanceof Y.Map)) return false;
  const laneId = card.get('laneId');
  const stageId = card.get('stageId');
  return typeof laneId === 'string' && vote.laneIds.includes(laneId) && (vote.stageIds.length === 0 || (typeof stageId === 'string' && vote.stageIds.includes(stageId)));
}

async function knownVote(w: Workshop, voteId: string): Promise<StoredVote> {
  return (await w.store.getVote(w.mapId, voteId)) ?? fail(404, 'This map has no such vote.', 'noSuchVote');
}

/** Opens a vote on some lanes (and stages): kept in the database, announced in the document. */
export async function openVote(w: Workshop, { laneIds, stageIds, votesPerPerson, allowMultiple }: VoteRequest): Promise<StoredVote> {
  requireFacilitator(w, 'open a vote');
  if (!laneIds.length) fail(400, '"laneIds" must name at least one lane to vote on.', 'noLanes');
  const r = roots(w.doc);
  for (const id of laneIds) if (!r.lanes.has(id)) fail(400, `This map has no lane ${shown(id)}.`, 'unknownLane', { id });
  for (const id of stageIds) if (!r.stages.has(id)) fail(400, `This map has no stage ${shown(id)}.`, 'unknownStage', { id });

  const vote: StoredVote = {
    id: newId(),
    status: 'open',
    votesPerPerson,
    allowMultiple,
    laneIds,
    stageIds,
    openedAt: Date.now(),
    openedBy: w.participantId,
  };
  if (!(await w.store.openVote(w.mapId, vote))) fail(409, 'A vote is already open on this map. Close it before opening another.', 'voteOpen');
  w.doc.transact(() => {
    w.doc.getMap('votes').set(vote.id, vote);
    w.doc.getMap('workshop').set('vote', vote.id);
  }, SERVER);
  return vote;
}

const voterCount = (ballots: Ballot[]) => ballots.filter((b) => b.cards.length > 0).length;

/** Replaces the caller's whole ballot: sent again from another tab or after a retry, it is still one ballot. */
export async function putBallot(w: Workshop, voteId: string, { cards: ballot }: BallotRequest): Promise<{ cards: string[]; remaining: number }> {
  // Open or closed per the database: the document's copy of the vote is editable by any editor.
  const vote = await knownVote(w, voteId);
  if (vote.status !== 'open') fail(409, 'This vote is closed.', 'voteClosed');
  if (ballot.length > vote.votesPerPerson) fail(400, `This vote gives each person ${vote.votesPerPerson} vote${vote.votesPerPerson === 1 ? '' : 's'}; the ballot has ${ballot.length}.`, 'tooManyVotes', {
      allowed: vote.votesPerPerson,
      count: ballot.length,
    });
  if (!vote.allowMultiple && new Set(ballot).size !== ballot.length) fail(400, 'This vote allows one vote per card; the ballot names a card more than once.', 'oneVotePerCard');
  const docCards = roots(w.doc).cards;
  for (const id of ballot)
    if (!inScope(vote, docCards.get(id))) fail(400, `Card ${shown(id)} is not one this vote is about: it does not exist, or is not in the lanes and stages of the vote.`, 'cardNotInVote', { id });
  const stored = await w.store.putBallot(w.mapId, voteId, w.participantId, ballot);
  if (stored === 'unknown') fail(404, 'This map has no such vote.', 'noSuchVote');
  if (stored === 'closed') fail(409, 'This vote is closed.', 'voteClosed');
  return { cards: ballot, remaining: vote.votesPerPerson - ballot.length };
}

/** The caller's own ballot, and how many people have voted (never who, nor for what). */
export async function getBallot(w: Workshop, voteId: string): Promise<{ cards: string[]; remaining: number; status: StoredVote['status']; voters: number }> {
  const vote = await knownVote(w, voteId);
  const ballots = await w.store.ballots(w.mapId, voteId);
  const cards = ballots.find((b) => b.participantId === w.participantId)?.cards ?? [];
  return { cards, remaining: Math.max(0, vote.votesPerPerson - cards.length), status: vote.status, voters: voterCount(ballots) };
}

/**
 * Closes a vote and writes its tally into the document. Ballots are counted again against the
 * document as it is now: a card deleted or moved out of the vote's lanes since counts for nothing,
 * and a ballot counts at most votesPerPerson votes, one per card unless the vote allows more.
 */
export async function closeVote(w: Workshop, voteId: string): Promise<StoredVote> {
  requireFacilitator(w, 'close a vote');
  const docCards = roots(w.doc).cards;
  const closed = await w.store.closeVote(w.mapId, voteId, Date.now(), (vote, ballots) => {
    const tally = new Map<string, number>();
    let voters = 0;
    for (const ballot of ballots) {
      let counted = ballot.cards.filter((id) => inScope(vote, docCards.get(id)));
      if (!vote.allowMultiple) counted = [...new Set(counted)];
      counted = counted.slice(0, vote.votesPerPerson);
      if (counted.length) voters++;
      for (const id of counted) tally.set(id, (tally.get(id) ?? 0) + 1);
    }
    // fromEntries: a card id such as "__proto__" stays a key instead of setting the prototype.
    return { voters, tally: Object.fromEntries(tally) };
  });
  if (closed === 'unknown') fail(404, 'This map has no such vote.', 'noSuchVote');
  if (closed === 'closed') fail(409, 'This vote is already closed.', 'voteClosed');
  const vote = closed as StoredVote;
  w.doc.transact(() => w.doc.getMap('votes').set(vote.id, vote), SERVER);
  return vote;
}

// ---- silent rounds ------------------------------------------------------------------------------

async function knownRound(w: Workshop, roundId: string): Promise<StoredRound> {
  return (await w.store.getRound(w.mapId, roundId)) ?? fail(404, 'This map has no such round.', 'noSuchRound');
}

/** Opens a silent round with a shared timer (the clients count down to endsAt in server time). */
export async function openRound(w: Workshop, { durationMs }: RoundRequest): Promise<StoredRound> {
  requireFacilitator(w, 'start a silent round');
  const openedAt = Date.now();
  const round: StoredRound = { id: newId(), status: 'open', openedAt, endsAt: openedAt + Math.round(durationMs) };
  if (!(await w.store.openRound(w.mapId, round))) fail(409, 'A silent round is already open on this map. Reveal it before starting another.', 'roundOpen');
  w.doc.transact(() => w.doc.getMap('workshop').set('round', round), SERVER);
  return round;
}

/** A cell's readable cards in order. */
function cellCards(r: Roots, stageId: string, laneId: string): Card[] {
  const cards: Card[] = [];
  r.cards.forEach((value, id) => {
    if (!(value instanceof Y.Map) || value.get('stageId') !== stageId || value.get('laneId') !== laneId) return;
    const card = readCard(id, value);
    if (card.ok) cards.push(card.value);
  });
  return sortByIndex(cards);
}

/**
 * Writes private cards into the document as real cards, each at the end of its cell, keeping its id:
 * a card already on the map (revealed before, or sent again) is skipped, so none is ever doubled.
 * A card whose stage or lane is gone keeps its placement (the app shows it in the unplaced tray);
 * one whose lane makes no cards (the emotions lane) becomes a note. Call inside a transaction.
 */
function placeCards(r: Roots, cards: readonly PrivateCard[], now: number): void {
  const cells = new Map<string, PrivateCard[]>();
  for (const card of cards) {
    // An emptied card is one its author took back; a card already on the map was revealed before.
    if (r.cards.has(card.id) || !card.text.trim()) continue;
    const cell = JSON.stringify([card.stageId, card.laneId]);
    cells.set(cell, [...(cells.get(cell) ?? []), card]);
  }
  for (const group of cells.values()) {
    const { stageId, laneId } = group[0]!;
    const sorted = cellCards(r, stageId, laneId);
    const keys = keysAt(sorted, sorted.length, group.length);
    const lane = readLane(laneId, r.lanes.get(laneId));
    const kind = (lane.ok ? cardKindForLane(lane.value.kind) : null) ?? 'note';
    group.forEach((card, i) => writeCard(r, defaultCard(kind, { id: card.id, stageId, laneId, index: keys[i]!, text: card.text }, now)));
  }
}

/**
 * Keeps one of the caller's private cards (added or changed). While the round is open nothing
 * reaches the document; a card arriving after the reveal (written offline, sent late) goes straight
 * onto the map.
 */
export async function putPrivateCard(w: Workshop, roundId: string, cardId: string, { stageId, laneId, text }: PrivateCardRequest): Promise<{ revealed: boolean }> {
  if (!ID.test(cardId)) fail(400, 'A card id is 1 to 64 letters, digits, "_" or "-".', 'badField', { field: 'cardId' });
  const card: PrivateCard = { id: cardId, roundId, author: w.participantId, stageId, laneId, text };
  const result = await w.store.putPrivateCard(w.mapId, card, MAX_PRIVATE_CARDS);
  switch (result) {
    case 'unknown':
      return fail(404, 'This map has no such round.', 'noSuchRound');
    case 'notYours':
      return fail(403, 'This card belongs to someone else.', 'notYourCard');
    case 'otherRound':
      return fail(409, 'This card belongs to another round.', 'otherRound');
    case 'tooMany':
      return fail(429, `At most ${MAX_PRIVATE_CARDS} private cards per person in a round.`, 'tooManyPrivateCards', { max: MAX_PRIVATE_CARDS });
    case 'open':
      return { revealed: false };
    case 'revealed':
      w.doc.transact(() => placeCards(roots(w.doc), [card], Date.now()), SERVER);
      return { revealed: true };
  }
}

/** Removes one of the caller's private cards while the round is open (a missing one is no error: a retry). */
export async function deletePrivateCard(w: Workshop, roundId: string, cardId: string): Promise<void> {
  const result = await w.store.deletePrivateCard(w.mapId, roundId, cardId, w.participantId);
  if (result === 'unknown') fail(404, 'This map has no such round.', 'noSuchRound');
  if (result === 'notYours') fail(403, 'This card belongs to someone else.', 'notYourCard');
  if (result === 'revealed') fail(409, 'This round has been revealed: its cards are on the map now.', 'roundRevealed');
}

/** The caller's own private cards, and how many cards and writers the round has (counts only). */
export async function listPrivateCards(
  w: Workshop,
  roundId: string,
): Promise<{ status: StoredRound['status']; cards: number; writers: number; mine: { id: string; stageId: string; laneId: string; text: string }[] }> {
  const round = await knownRound(w, roundId);
  const cards = await w.store.privateCards(w.mapId, roundId);
  return {
    status: round.status,
    cards: cards.length,
    writers: new Set(cards.map((c) => c.author)).size,
    mine: cards.filter((c) => c.author === w.participantId).map(({ id, stageId, laneId, text }) => ({ id, stageId, laneId, text })),
  };
}

/** Reveals a round: every private card onto the map, and the round's counts, in one transaction. */
export async function revealRound(w: Workshop, roundId: string): Promise<StoredRound> {
  requireFacilitator(w, 'reveal a round');
  const now = Date.now();
  const revealed = await w.store.revealRound(w.mapId, roundId, now);
  if (revealed === 'unknown') fail(404, 'This map has no such round.', 'noSuchRound');
  if (revealed === 'revealed') fail(409, 'This round has already been revealed.', 'roundRevealed');
  const { round, cards } = revealed as { round: StoredRound; cards: PrivateCard[] };
  w.doc.transact(() => {
    placeCards(roots(w.doc), cards, now);
    w.doc.getMap('workshop').set('round', round);
  }, SERVER);
  return round;
}

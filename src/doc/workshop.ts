// The workshop roots of a map (docs/schema.md): `workshop` (facilitator, spotlight, timer, session,
// current vote, silent round), `votes` (one entry per dot vote; the server writes the tally when it
// closes) and `participants` (who took part). Readers check every value (anything else reads as
// absent, never a crash); bindWorkshop mirrors them into the store; the commands write them.
// The facilitator's moves (role, spotlight, timer) are not undoable (origin WORKSHOP): an undo of
// one's card edits must never stop the room's timer. Applying a vote's result is (LOCAL).
import * as Y from 'yjs';
import type {
  Facilitator,
  Participant,
  Round,
  Spotlight,
  Timer,
  Vote,
  VoteOutcome,
  Workshop,
  WorkshopSession,
} from '../journey/workshop';
import { MAX_VOTES_PER_PERSON } from '../journey/workshop';
import { keysAt, sortByIndex } from '../journey/order';
import { LOCAL, WORKSHOP } from './origins';
import { entity, readAll, readCard, roots } from './schema';

export const WORKSHOP_ROOTS = ['workshop', 'votes', 'participants'] as const;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Y.AbstractType);
const str = (v: unknown): v is string => typeof v === 'string' && v.length <= 10_000;
const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const strings = (v: unknown): v is string[] => Array.isArray(v) && v.length <= 100_000 && v.every((s) => typeof s === 'string');

function readFacilitator(v: unknown): Facilitator | null {
  return isObj(v) && str(v.participantId) && str(v.name) && num(v.since) ? { participantId: v.participantId, name: v.name, since: v.since } : null;
}

function readSpotlight(v: unknown): Spotlight | null {
  if (!isObj(v) || !str(v.by) || !str(v.name) || !num(v.at)) return null;
  const stageId = str(v.stageId) ? v.stageId : null;
  const vp = v.viewport;
  const viewport = isObj(vp) && num(vp.x) && num(vp.y) && num(vp.zoom) && vp.zoom > 0 ? { x: vp.x, y: vp.y, zoom: vp.zoom } : null;
  return stageId || viewport ? { stageId, viewport, by: v.by, name: v.name, at: v.at } : null;
}

function readTimer(v: unknown): Timer | null {
  if (!isObj(v) || !num(v.durationMs) || v.durationMs < 0) return null;
  if (v.status === 'running' && num(v.endsAt)) return { status: 'running', durationMs: v.durationMs, endsAt: v.endsAt };
  if (v.status === 'paused' && num(v.remainingMs) && v.remainingMs >= 0) return { status: 'paused', durationMs: v.durationMs, remainingMs: v.remainingMs };
  return null;
}

function readSession(v: unknown): WorkshopSession | null {
  return isObj(v) && num(v.startedAt) && strings(v.baseline) ? { startedAt: v.startedAt, baseline: v.baseline } : null;
}

function readRound(v: unknown): Round | null {
  if (!isObj(v) || !str(v.id) || (v.status !== 'open' && v.status !== 'revealed') || !num(v.openedAt) || !num(v.endsAt)) return null;
  return {
    id: v.id,
    status: v.status,
    openedAt: v.openedAt,
    endsAt: v.endsAt,
    revealedAt: num(v.revealedAt) ? v.revealedAt : null,
    cards: num(v.cards) ? v.cards : 0,
    writers: num(v.writers) ? v.writers : 0,
  };
}

export function readVote(id: string, v: unknown): Vote | null {
  if (!isObj(v) || (v.status !== 'open' && v.status !== 'closed') || !strings(v.laneIds)) return null;
  const perPerson = v.votesPerPerson;
  if (!num(perPerson) || !Number.isInteger(perPerson) || perPerson < 1 || perPerson > MAX_VOTES_PER_PERSON) return null;
  const tally: Record<string, number> = {};
  if (isObj(v.tally)) for (const [card, n] of Object.entries(v.tally)) if (num(n) && n > 0) tally[card] = Math.floor(n);
  return {
    id,
    status: v.status,
    votesPerPerson: perPerson,
    allowMultiple: v.allowMultiple === true,
    laneIds: v.laneIds,
    stageIds: strings(v.stageIds) ? v.stageIds : [],
    openedAt: num(v.openedAt) ? v.openedAt : 0,
    openedBy: str(v.openedBy) ? v.openedBy : '',
    closedAt: num(v.closedAt) ? v.closedAt : null,
    voters: num(v.voters) ? v.voters : 0,
    tally,
    appliedAt: num(v.appliedAt) ? v.appliedAt : null,
  };
}

function readParticipant(id: string, v: unknown): Participant | null {
  return isObj(v) && str(v.name) && num(v.joinedAt) ? { id, name: v.name, joinedAt: v.joinedAt, session: num(v.session) ? v.session : 0 } : null;
}

export function readWorkshop(doc: Y.Doc): Workshop {
  const w = doc.getMap('workshop');
  const votes = new Map<string, Vote>();
  doc.getMap('votes').forEach((v, id) => {
    const vote = readVote(id, v);
    if (vote) votes.set(id, vote);
  });
  const participants = new Map<string, Participant>();
  doc.getMap('participants').forEach((v, id) => {
    const p = readParticipant(id, v);
    if (p) participants.set(id, p);
  });
  const voteId = w.get('vote');
  return {
    facilitator: readFacilitator(w.get('facilitator')),
    spotlight: readSpotlight(w.get('spotlight')),
    timer: readTimer(w.get('timer')),
    session: readSession(w.get('session')),
    voteId: str(voteId) && votes.has(voteId) ? voteId : null,
    round: readRound(w.get('round')),
    votes,
    participants,
  };
}

/** Mirrors the workshop roots into the store, once per transaction that touched them. */
export function bindWorkshop(doc: Y.Doc, setWorkshop: (workshop: Workshop) => void): () => void {
  const maps = WORKSHOP_ROOTS.map((name) => doc.getMap(name));
  let dirty = false;
  const mark = () => {
    dirty = true;
  };
  const flush = () => {
    if (!dirty) return;
    dirty = false;
    setWorkshop(readWorkshop(doc));
  };
  setWorkshop(readWorkshop(doc));
  maps.forEach((m) => m.observe(mark));
  doc.on('afterTransaction', flush);
  return () => {
    maps.forEach((m) => m.unobserve(mark));
    doc.off('afterTransaction', flush);
  };
}

// ---- commands -----------------------------------------------------------------------------------

const workshopTransact = (doc: Y.Doc, fn: (w: Y.Map<unknown>) => void) => doc.transact(() => fn(doc.getMap('workshop')), WORKSHOP);

/**
 * Takes the facilitator role (or takes it over, once the holder agreed or left). A first
 * facilitator also starts the session the summary covers, with the cards already on the map.
 */
export function takeFacilitator(doc: Y.Doc, participantId: string, name: string, now: number): void {
  workshopTransact(doc, (w) => {
    w.set('facilitator', { participantId, name, since: now });
    if (!readSession(w.get('session'))) w.set('session', { startedAt: now, baseline: [...doc.getMap('cards').keys()] });
  });
}

/** Gives the role to someone else (only the holder offers this). */
export function handOverFacilitator(doc: Y.Doc, to: { participantId: string; name: string }, now: number): void {
  workshopTransact(doc, (w) => w.set('facilitator', { participantId: to.participantId, name: to.name, since: now }));
}

/** Leaves the role: the spotlight goes out with it. */
export function releaseFacilitator(doc: Y.Doc): void {
  workshopTransact(doc, (w) => {
    w.delete('facilitator');
    w.delete('spotlight');
  });
}

/** A new session for the summary: from now, with the cards on the map now as the baseline. */
export function restartSession(doc: Y.Doc, now: number): void {
  workshopTransact(doc, (w) => w.set('session', { startedAt: now, baseline: [...doc.getMap('cards').keys()] }));
}

export function setSpotlight(doc: Y.Doc, spotlight: Spotlight | null): void {
  workshopTransact(doc, (w) => (spotlight ? w.set('spotlight', spotlight) : w.delete('spotlight')));
}

export function setTimer(doc: Y.Doc, timer: Timer | null): void {
  workshopTransact(doc, (w) => (timer ? w.set('timer', timer) : w.delete('timer')));
}

/** Counts this person among those who take part in the session that started at `session` (once; their latest name). */
export function joinWorkshop(doc: Y.Doc, participantId: string, name: string, session: number, now: number): void {
  const participants = doc.getMap('participants');
  const old = readParticipant(participantId, participants.get(participantId));
  if (old?.name === name && old.session === session) return;
  doc.transact(() => participants.set(participantId, { name, joinedAt: old?.joinedAt ?? now, session }), WORKSHOP);
}

/**
 * Applies a closed vote's outcome to the cards, as one undoable step: their fields, the voted cards
 * first in their cells (most votes first), and the vote marked as applied.
 */
export function applyVoteOutcome(doc: Y.Doc, voteId: string, outcome: VoteOutcome, now: number): void {
  doc.transact(() => {
    const r = roots(doc);
    for (const [id, patch] of outcome.fields) {
      const m = entity(r.cards, id);
      if (m) for (const [k, v] of Object.entries(patch)) if (v !== undefined) m.set(k, v);
    }
    for (const cell of outcome.order) {
      const voted = cell.ids.filter((id) => r.cards.has(id));
      const rest = sortByIndex(readAll(r.cards, readCard).filter((c) => c.stageId === cell.stageId && c.laneId === cell.laneId && !voted.includes(c.id)));
      keysAt(rest, 0, voted.length).forEach((key, i) => entity(r.cards, voted[i]!)?.set('index', key));
    }
    const votes = doc.getMap('votes');
    const vote = votes.get(voteId);
    if (isObj(vote)) votes.set(voteId, { ...vote, appliedAt: now });
  }, LOCAL);
}

// The browser's side of the workshop requests (docs/api.md, "Workshop"): this person's participant
// secret (kept in the browser, sent as X-Participant), the server's clock offset for the shared
// timer, the ballot of the open vote, and the private cards of a silent round, which are kept in
// this browser (localStorage) until the server has them, so a card written offline is never lost:
// it is sent when the connection is back, and if the round was revealed meanwhile the server puts
// it straight on the map.
import { isParticipantSecret, newParticipantSecret, participantIdOf } from '../journey/participant';
import { newId } from '../journey/ids';
import type { EditorStore, PrivateCard } from '../store';
import { WorkshopRequestError, type VoteSetup, type WorkshopClient } from '../store/workshopClient';
import { participantRequests, retryWhileWaiting } from './participantRequests';

const SECRET_KEY = 'touchpoint.participant';
const privateKey = (mapId: string) => `touchpoint.private.${mapId}`;

/** This browser's participant secret, made once and kept (every tab and map of this browser is one person). */
export function participantSecret(): string {
  const stored = localStorage.getItem(SECRET_KEY);
  if (isParticipantSecret(stored)) return stored;
  const secret = newParticipantSecret();
  localStorage.setItem(SECRET_KEY, secret);
  return secret;
}

function loadPrivate(mapId: string): PrivateCard[] {
  try {
    const value = JSON.parse(localStorage.getItem(privateKey(mapId)) ?? '[]') as unknown;
    return Array.isArray(value) ? (value as PrivateCard[]).filter((c) => typeof c?.id === 'string' && typeof c.text === 'string') : [];
  } catch {
    return [];
  }
}

/** The offset of the server's clock: the sample with the shortest round trip of a few. */
async function measureOffset(): Promise<number | null> {
  let best: { rtt: number; offset: number } | null = null;
  for (let i = 0; i < 3; i++) {
    const sent = Date.now();
    const res = await fetch('/api/time', { cache: 'no-store' }).catch(() => null);
    const received = Date.now();
    if (!res?.ok) return best?.offset ?? null;
    const { now } = (await res.json()) as { now: number };
    const rtt = received - sent;
    if (!best || rtt < best.rtt) best = { rtt, offset: now - (sent + received) / 2 };
  }
  return best?.offset ?? null;
}

export interface WorkshopConnection extends WorkshopClient {
  /** Sends what is waiting (private cards) and re-reads this person's ballot: after a (re)connect. */
  resync(): void;
  destroy(): void;
}

export function createWorkshopClient(mapId: string, key: string | undefined, store: EditorStore): WorkshopConnection {
  const secret = participantSecret();
  const { reports } = store;
  const session = () => store.getState().session;
  const workshop = () => store.getState().workshop;
  reports.setParticipant(participantIdOf(secret));
  reports.setPrivateCards(loadPrivate(mapId));
  let destroyed = false;

  const request = participantRequests(mapId, key, secret);

  const syncClock = () =>
    void measureOffset().then((offset) => {
      if (destroyed) return;
      // No answer (offline): this tab's clock is the best there is, rather than no timer at all.
      reports.setClock(offset);
    });

  // ---- private cards ----
  const savePrivate = (cards: readonly PrivateCard[]) => {
    reports.setPrivateCards(cards);
    try {
      localStorage.setItem(privateKey(mapId), JSON.stringify(cards));
    } catch {
      // A full storage keeps the cards in this tab; they are still sent to the server.
    }
  };
  const patchPrivate = (id: string, patch: Partial<PrivateCard> | null) =>
    savePrivate(patch ? session().privateCards.map((c) => (c.id === id ? { ...c, ...patch } : c)) : session().privateCards.filter((c) => c.id !== id));
  const sending = new Set<string>();
  const sendPrivate = async (card: PrivateCard) => {
    if (sending.has(card.id)) return;
    sending.add(card.id);
    try {
      const { revealed } = await request<{ revealed: boolean }>('PUT', `rounds/${card.roundId}/cards/${card.id}`, { stageId: card.stageId, laneId: card.laneId, text: card.text });
      const now = session().privateCards.find((c) => c.id === card.id);
      // On the map already (sent after the reveal): nothing private is left of it.
      if (revealed) patchPrivate(card.id, null);
      else if (now && now.text === card.text) patchPrivate(card.id, { unsent: false });
      else if (now) void sendPrivate(now);
    } catch (e) {
      // No connection: it waits in this browser. A refusal (the card is not this person's, the
      // round is gone) will not change by sending it again: drop it from the queue but keep the text.
      if (e instanceof WorkshopRequestError && e.status !== 0 && e.status < 500) patchPrivate(card.id, { unsent: false });
    } finally {
      sending.delete(card.id);
    }
  };
  const deletePrivate = async (card: PrivateCard) => {
    try {
      await request('DELETE', `rounds/${card.roundId}/cards/${card.id}`);
      patchPrivate(card.id, null);
    } catch (e) {
      // No connection: remember to tell the server later. Refused (revealed already): nothing to do.
      if (e instanceof WorkshopRequestError && e.status === 0) patchPrivate(card.id, { removed: true, unsent: true });
      else patchPrivate(card.id, null);
    }
  };
  const flushPrivate = () => session().privateCards.filter((c) => c.unsent).forEach((c) => void (c.removed ? deletePrivate(c) : sendPrivate(c)));

  // Cards of a round that was revealed are on the map now: forget them here once they were sent.
  const unsubscribe = store.subscribe((s, prev) => {
    if (s.workshop.round === prev.workshop.round) return;
    const round = s.workshop.round;
    const revealed = s.session.privateCards.filter((c) => c.roundId !== round?.id || round.status === 'revealed');
    if (revealed.some((c) => !c.unsent)) savePrivate(s.session.privateCards.filter((c) => c.unsent || !revealed.includes(c)));
    flushPrivate();
    if (round?.status === 'open') void fetchOwnCards(round.id);
  });
  const fetchOwnCards = async (roundId: string) => {
    const answer = await request<{ mine: { id: string; stageId: string; laneId: string; text: string }[] }>('GET', `rounds/${roundId}/cards`).catch(() => null);
    if (!answer || destroyed) return;
    const known = new Set(session().privateCards.map((c) => c.id));
    const added = answer.mine.filter((c) => !known.has(c.id)).map((c) => ({ ...c, roundId, unsent: false }));
    if (added.length) savePrivate([...session().privateCards, ...added]);
  };

  // ---- ballot ----
  /** Dots added or taken back in this tab so far (a ballot read from the server before one is stale). */
  let clicks = 0;
  const fetchBallot = async () => {
    const voteId = workshop().voteId;
    const vote = voteId ? workshop().votes.get(voteId) : undefined;
    if (!voteId || vote?.status !== 'open') return reports.setBallot([]);
    const asked = clicks;
    const mine = await request<{ cards: string[] }>('GET', `votes/${voteId}/ballot`).catch(() => null);
    // A dot added or taken back meanwhile is newer than this answer: it wins.
    if (mine && !destroyed && workshop().voteId === voteId && clicks === asked) reports.setBallot(mine.cards);
  };
  let lastVote: string | null = null;
  const unsubscribeVote = store.subscribe((s) => {
    const id = s.workshop.voteId;
    const status = id ? s.workshop.votes.get(id)?.status : undefined;
    const mark = `${id}:${status}`;
    if (mark === lastVote) return;
    lastVote = mark;
    void fetchBallot();
  });
  let ballotWrite: Promise<unknown> = Promise.resolve();

  // What waits in this browser is tried again every few seconds and when the network comes back.
  const stopRetrying = retryWhileWaiting(flushPrivate, () => session().privateCards.some((c) => c.unsent));

  const client: WorkshopConnection = {
    now: () => Date.now() + session().clockOffset,
    openVote: async (setup: VoteSetup) => {
      await request('POST', 'votes', setup);
    },
    vote: (cardId, change) => {
      const voteId = workshop().voteId;
      if (!voteId) return Promise.resolve();
      const before = session().ballot;
      const at = before.lastIndexOf(cardId);
      const next = change > 0 ? [...before, cardId] : at < 0 ? before : [...before.slice(0, at), ...before.slice(at + 1)];
      if (next === before) return Promise.resolve();
      clicks++;
      reports.setBallot(next);
      reports.setWorkshopError(null);
      // One write at a time, each the whole ballot: the last one the server gets is the last click.
      const write = ballotWrite.then(() => request<{ cards: string[] }>('PUT', `votes/${voteId}/ballot`, { cards: next }));
      ballotWrite = write.catch(() => undefined);
      return write.then(
        (stored) => {
          if (session().ballot === next) reports.setBallot(stored.cards);
        },
        (e: unknown) => {
          if (session().ballot === next) reports.setBallot(before);
          reports.setWorkshopError(e instanceof Error ? e : new Error(String(e)));
        },
      );
    },
    closeVote: async () => {
      const voteId = workshop().voteId;
      if (voteId) await request('POST', `votes/${voteId}/close`);
    },
    voters: async () => {
      const voteId = workshop().voteId;
      return voteId ? (await request<{ voters: number }>('GET', `votes/${voteId}/ballot`)).voters : 0;
    },
    roundProgress: async () => {
      const round = workshop().round;
      if (!round) return { cards: 0, writers: 0 };
      const { cards, writers } = await request<{ cards: number; writers: number }>('GET', `rounds/${round.id}/cards`);
      return { cards, writers };
    },
    openRound: async (durationMs) => {
      await request('POST', 'rounds', { durationMs });
    },
    addPrivateCard: (stageId, laneId, text) => {
      const round = workshop().round;
      if (round?.status !== 'open') return;
      const card: PrivateCard = { id: newId(), roundId: round.id, stageId, laneId, text, unsent: true };
      savePrivate([...session().privateCards, card]);
      void sendPrivate(card);
    },
    editPrivateCard: (id, text) => {
      patchPrivate(id, { text, unsent: true });
      const card = session().privateCards.find((c) => c.id === id);
      if (card) void sendPrivate(card);
    },
    removePrivateCard: (id) => {
      const card = session().privateCards.find((c) => c.id === id);
      if (card) void deletePrivate(card);
    },
    revealRound: async () => {
      const round = workshop().round;
      if (round) await request('POST', `rounds/${round.id}/reveal`);
    },
    resync: () => {
      syncClock();
      flushPrivate();
      void fetchBallot();
      const round = workshop().round;
      if (round?.status === 'open') void fetchOwnCards(round.id);
    },
    destroy: () => {
      destroyed = true;
      stopRetrying();
      unsubscribe();
      unsubscribeVote();
    },
  };
  syncClock();
  return client;
}

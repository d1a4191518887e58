// Workshop votes and silent rounds in PostgreSQL (server/workshop.ts uses them through DocStore). As
// in SQLite (sqlite.ts), each write checks what decides it in its own transaction; here that
// transaction first takes the map's workshop lock (connection.ts lockMap), so the writes of one map
// take turns across instances: a ballot cannot slip in after its vote closed, nor a private card
// after its round was revealed. One open vote and one open round per map are also unique indexes
// (schema.ts).
import type pg from 'pg';
import type { Ballot, DocStore, PrivateCard, StoredRound, StoredVote } from '../DocStore';
import { LOCK, lockMap, transaction } from './connection';

export type WorkshopMethods = Pick<
  DocStore,
  'openVote' | 'getVote' | 'putBallot' | 'ballots' | 'closeVote' | 'openRound' | 'getRound' | 'putPrivateCard' | 'deletePrivateCard' | 'privateCards' | 'revealRound'
>;

type StatusRow<T> = { status: string; data: T };
type CardRow = { id: string; round_id: string; author: string; stage_id: string; lane_id: string; text: string };

const CARD_COLUMNS = 'id, round_id, author, stage_id, lane_id, text';

const readVote = (row: StatusRow<StoredVote>): StoredVote => ({ ...row.data, status: row.status as StoredVote['status'] });
const readRound = (row: StatusRow<StoredRound>): StoredRound => ({ ...row.data, status: row.status as StoredRound['status'] });
const readCard = (r: CardRow): PrivateCard => ({ id: r.id, roundId: r.round_id, author: r.author, stageId: r.stage_id, laneId: r.lane_id, text: r.text });

type Query = Pick<pg.PoolClient, 'query'>;

const selectVote = async (q: Query, mapId: string, voteId: string) =>
  (await q.query<StatusRow<StoredVote>>('SELECT status, data FROM votes WHERE map_id = $1 AND id = $2', [mapId, voteId])).rows[0];
const selectRound = async (q: Query, mapId: string, roundId: string) =>
  (await q.query<StatusRow<StoredRound>>('SELECT status, data FROM rounds WHERE map_id = $1 AND id = $2', [mapId, roundId])).rows[0];
const selectBallots = async (q: Query, mapId: string, voteId: string): Promise<Ballot[]> =>
  (await q.query<{ participant_id: string; cards: string[] }>('SELECT participant_id, cards FROM ballots WHERE map_id = $1 AND vote_id = $2 ORDER BY n', [mapId, voteId])).rows.map(
    (r) => ({ participantId: r.participant_id, cards: r.cards }),
  );
const selectCards = async (q: Query, mapId: string, roundId: string): Promise<PrivateCard[]> =>
  (await q.query<CardRow>(`SELECT ${CARD_COLUMNS} FROM private_cards WHERE map_id = $1 AND round_id = $2 ORDER BY n`, [mapId, roundId])).rows.map(readCard);

export function postgresWorkshop(pool: pg.Pool): WorkshopMethods {
  /** One write of a map's workshop, under its lock. */
  const write = <T>(mapId: string, fn: (client: pg.PoolClient) => Promise<T>) =>
    transaction(pool, async (client) => {
      await lockMap(client, LOCK.workshop, mapId);
      return fn(client);
    });

  return {
    openVote: (mapId, vote) =>
      write(mapId, async (c) => {
        const open = await c.query("SELECT 1 FROM votes WHERE map_id = $1 AND status = 'open'", [mapId]);
        if (open.rowCount) return false;
        await c.query('INSERT INTO votes (map_id, id, status, data) VALUES ($1, $2, $3, $4)', [mapId, vote.id, vote.status, JSON.stringify(vote)]);
        return true;
      }),
    async getVote(mapId, voteId) {
      const row = await selectVote(pool, mapId, voteId);
      return row && readVote(row);
    },
    putBallot: (mapId, voteId, participantId, cards) =>
      write(mapId, async (c) => {
        const row = await selectVote(c, mapId, voteId);
        if (!row) return 'unknown' as const;
        if (row.status !== 'open') return 'closed' as const;
        await c.query(
          'INSERT INTO ballots (map_id, vote_id, participant_id, cards) VALUES ($1, $2, $3, $4) ON CONFLICT (map_id, vote_id, participant_id) DO UPDATE SET cards = excluded.cards',
          [mapId, voteId, participantId, JSON.stringify(cards)],
        );
        return 'ok' as const;
      }),
    ballots: (mapId, voteId) => selectBallots(pool, mapId, voteId),
    closeVote: (mapId, voteId, closedAt, count) =>
      write(mapId, async (c) => {
        const row = await selectVote(c, mapId, voteId);
        if (!row) return 'unknown' as const;
        if (row.status !== 'open') return 'closed' as const;
        const vote = readVote(row);
        const closed: StoredVote = { ...vote, status: 'closed', closedAt, ...count(vote, await selectBallots(c, mapId, voteId)) };
        await c.query('UPDATE votes SET status = $3, data = $4 WHERE map_id = $1 AND id = $2', [mapId, voteId, closed.status, JSON.stringify(closed)]);
        return closed;
      }),
    openRound: (mapId, round) =>
      write(mapId, async (c) => {
        const open = await c.query("SELECT 1 FROM rounds WHERE map_id = $1 AND status = 'open'", [mapId]);
        if (open.rowCount) return false;
        await c.query('INSERT INTO rounds (map_id, id, status, data) VALUES ($1, $2, $3, $4)', [mapId, round.id, round.status, JSON.stringify(round)]);
        return true;
      }),
    async getRound(mapId, roundId) {
      const row = await selectRound(pool, mapId, roundId);
      return row && readRound(row);
    },
    putPrivateCard: (mapId, card, maxPerAuthor) =>
      write(mapId, async (c) => {
        const round = await selectRound(c, mapId, card.roundId);
        if (!round) return 'unknown' as const;
        const existing = (await c.query<CardRow>(`SELECT ${CARD_COLUMNS} FROM private_cards WHERE map_id = $1 AND id = $2`, [mapId, card.id])).rows[0];
        if (existing && existing.author !== card.author) return 'notYours' as const;
        if (existing && existing.round_id !== card.roundId) return 'otherRound' as const;
        if (!existing) {
          const mine = await c.query<{ n: number }>('SELECT count(*)::bigint AS n FROM private_cards WHERE map_id = $1 AND round_id = $2 AND author = $3', [mapId, card.roundId, card.author]);
          if (mine.rows[0]!.n >= maxPerAuthor) return 'tooMany' as const;
        }
        await c.query(
          `INSERT INTO private_cards (map_id, ${CARD_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (map_id, id) DO UPDATE SET stage_id = excluded.stage_id, lane_id = excluded.lane_id, text = excluded.text`,
          [mapId, card.id, card.roundId, card.author, card.stageId, card.laneId, card.text],
        );
        return round.status === 'open' ? ('open' as const) : ('revealed' as const);
      }),
    deletePrivateCard: (mapId, roundId, cardId, author) =>
      write(mapId, async (c) => {
        const round = await selectRound(c, mapId, roundId);
        if (!round) return 'unknown' as const;
        const existing = (await c.query<CardRow>(`SELECT ${CARD_COLUMNS} FROM private_cards WHERE map_id = $1 AND id = $2`, [mapId, cardId])).rows[0];
        if (!existing || existing.round_id !== roundId) return 'missing' as const;
        if (existing.author !== author) return 'notYours' as const;
        if (round.status !== 'open') return 'revealed' as const;
        await c.query('DELETE FROM private_cards WHERE map_id = $1 AND id = $2', [mapId, cardId]);
        return 'ok' as const;
      }),
    privateCards: (mapId, roundId) => selectCards(pool, mapId, roundId),
    revealRound: (mapId, roundId, revealedAt) =>
      write(mapId, async (c) => {
        const row = await selectRound(c, mapId, roundId);
        if (!row) return 'unknown' as const;
        if (row.status !== 'open') return 'revealed' as const;
        const cards = await selectCards(c, mapId, roundId);
        const round: StoredRound = { ...readRound(row), status: 'revealed', revealedAt, cards: cards.length, writers: new Set(cards.map((card) => card.author)).size };
        await c.query('UPDATE rounds SET status = $3, data = $4 WHERE map_id = $1 AND id = $2', [mapId, roundId, round.status, JSON.stringify(round)]);
        return { round, cards };
      }),
  };
}

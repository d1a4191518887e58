// Where maps are kept: the storage interface the rooms use. The embedded default is SQLite
// (sqlite.ts); a Postgres-backed store can implement the same contract later without rooms changing.

export interface MapRecord {
  id: string;
  /** SHA-256 of the edit key and of the view key. The edit key itself is never stored; the view key
   * is, so that an editor can share a view link (anyone who holds the edit key may read it). */
  editKeyHash: string;
  viewKeyHash: string;
  viewKey: string;
  createdAt: number;
}

export interface StoredDoc {
  /** The compacted state, if any, then every update appended since, in order. */
  snapshot: Uint8Array | null;
  updates: Uint8Array[];
  /** Bytes stored for this map (snapshot + updates), for the document size limit. */
  bytes: number;
}

import type { SurveyResponse } from '../../src/journey/voc/scores';

/** A workshop vote as the server keeps it (and writes it into the document's `votes` root). */
export interface StoredVote {
  id: string;
  status: 'open' | 'closed';
  votesPerPerson: number;
  allowMultiple: boolean;
  laneIds: string[];
  /** Empty: every stage. */
  stageIds: string[];
  openedAt: number;
  /** The participant id of the facilitator who opened it. */
  openedBy: string;
  closedAt?: number;
  voters?: number;
  /** Votes per card id, counted when the vote closes. */
  tally?: Record<string, number>;
}

/** One person's ballot: the card ids they vote for (a card twice when the vote allows it). */
export interface Ballot {
  participantId: string;
  cards: string[];
}

/** A silent round as the server keeps it (and writes it into the document as `workshop.round`). */
export interface StoredRound {
  id: string;
  status: 'open' | 'revealed';
  openedAt: number;
  endsAt: number;
  revealedAt?: number;
  /** At reveal: how many private cards, and how many people wrote them. */
  cards?: number;
  writers?: number;
}

/** A card written during a silent round, kept off the document until the round is revealed. */
export interface PrivateCard {
  id: string;
  roundId: string;
  /** The participant id of its writer. */
  author: string;
  stageId: string;
  laneId: string;
  text: string;
}

export interface DocStore {
  /** Keeps survey answers for a map (never in its document); one transaction for all of them. */
  addResponses(id: string, responses: readonly SurveyResponse[]): Promise<void>;
  /** Every survey answer kept for a map. */
  responses(id: string): Promise<SurveyResponse[]>;

  // Workshop votes and silent rounds (server/workshop.ts). Each check that decides whether a write
  // is allowed runs in the same transaction as the write, so a ballot cannot slip in after its vote
  // closed, nor a private card after its round was revealed, however requests interleave.
  /** Keeps a new vote; false (nothing kept) if the map already has an open vote. */
  openVote(mapId: string, vote: StoredVote): Promise<boolean>;
  getVote(mapId: string, voteId: string): Promise<StoredVote | undefined>;
  /** Replaces one person's whole ballot, only while the vote is open. */
  putBallot(mapId: string, voteId: string, participantId: string, cards: readonly string[]): Promise<'ok' | 'closed' | 'unknown'>;
  ballots(mapId: string, voteId: string): Promise<Ballot[]>;
  /** Closes an open vote with the result `count` makes of its ballots, in one transaction. */
  closeVote(
    mapId: string,
    voteId: string,
    closedAt: number,
    count: (vote: StoredVote, ballots: Ballot[]) => { voters: number; tally: Record<string, number> },
  ): Promise<StoredVote | 'closed' | 'unknown'>;
  /** Keeps a new round; false (nothing kept) if the map already has an open round. */
  openRound(mapId: string, round: StoredRound): Promise<boolean>;
  getRound(mapId: string, roundId: string): Promise<StoredRound | undefined>;
  /** Adds or replaces a private card; `revealed` means it was kept but its round is past (the caller
   * puts it on the map). A card id is its author's alone, and one person has at most `maxPerAuthor`
   * cards in a round. */
  putPrivateCard(mapId: string, card: PrivateCard, maxPerAuthor: number): Promise<'open' | 'revealed' | 'unknown' | 'notYours' | 'otherRound' | 'tooMany'>;
  /** Removes a private card of its author's while its round is open. */
  deletePrivateCard(mapId: string, roundId: string, cardId: string, author: string): Promise<'ok' | 'missing' | 'unknown' | 'notYours' | 'revealed'>;
  /** A round's private cards, in the order they were first written. */
  privateCards(mapId: string, roundId: string): Promise<PrivateCard[]>;
  /** Marks an open round revealed (with its counts) and returns its cards, in one transaction. */
  revealRound(mapId: string, roundId: string, revealedAt: number): Promise<{ round: StoredRound; cards: PrivateCard[] } | 'revealed' | 'unknown'>;
  /** Creates a map with its first state, atomically: a map exists with its content or not at all. */
  createMap(record: MapRecord, initialState: Uint8Array): Promise<void>;
  getMap(id: string): Promise<MapRecord | undefined>;
  /** How many maps there are (for the instance quota, `maxMaps`). */
  countMaps(): Promise<number>;
  /** Removes a map and everything stored for it. */
  deleteMap(id: string): Promise<void>;
  /** Everything stored for a map. Rejects if the data cannot be read, or fails its checksums
   * (integrity.ts DamagedData): never an empty or damaged stand-in. */
  loadDoc(id: string): Promise<StoredDoc>;
  /** Appends one update; resolves once it is durable (group-committed and synced to disk). */
  append(id: string, update: Uint8Array): Promise<void>;
  /**
   * Folds the snapshot and the updates stored so far into a new snapshot, off the event loop; updates
   * appended meanwhile stay in the log. Resolves with the new snapshot's size, or null if nothing was
   * written (nothing to fold, the map is gone, or another compaction was first). Rejects, writing
   * nothing, if the stored data is damaged.
   */
  compact(id: string): Promise<number | null>;
  /** Commits whatever is pending now and resolves when it is durable. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

// Where maps are kept: the storage interface the rooms use. The embedded default is SQLite
// (sqlite.ts); several server instances share PostgreSQL (postgres/). Both pass one contract suite
// (docStoreContract.ts).
//
// A map's document is a log: a snapshot, then updates numbered by a per-map sequence (`seq`: 1, 2, …
// without gaps, in commit order, whichever instance appended them). The log is what instances agree
// on: a room knows the seq it has applied up to, and reads what it lacks with `readSince`.

export interface MapRecord {
  id: string;
  /** SHA-256 of the edit key and of the view key. The edit key itself is never stored; the view key
   * is, so that an editor can share a view link (anyone who holds the edit key may read it). */
  editKeyHash: string;
  viewKeyHash: string;
  viewKey: string;
  createdAt: number;
  /** SHA-256 of the comment key, and the key itself (stored like the view key, for editors to
   * share). Empty: none yet (a map made before comment keys gets one at the store's next start). */
  commentKeyHash?: string;
  commentKey?: string;
  /** Whether view keys may comment too (the sharing setting; false by default). */
  viewersComment?: boolean;
}

/** Which instance appended an update, and its own number for it (bus.ts: `update`, `stored`). */
export interface UpdateOrigin {
  instance: string;
  local: number;
}

/** One update of the log. `origin` null: not appended by a room (a copy between stores). */
export interface LoggedUpdate {
  seq: number;
  update: Uint8Array;
  origin: UpdateOrigin | null;
}

export interface StoredDoc {
  /** The compacted state (a new map's first state, at seq 0), if any: it holds every update up to
   * `snapshotSeq`. Left out of a `readSince` that asks for nothing it alone holds. */
  snapshot: Uint8Array | null;
  snapshotSeq: number;
  /** The updates after `snapshotSeq` (or after the seq asked for, in `readSince`), in seq order,
   * without gaps. */
  updates: LoggedUpdate[];
  /** The map's last seq: its last update's, or `snapshotSeq`. */
  head: number;
  /** Bytes stored for this map (snapshot + every update), for the document size limit. */
  bytes: number;
}

// ---- versions (server/rooms/versions.ts, server/http/versions.ts; docs/api.md, "Versions") ----

/** `auto`: taken by the room (or asked for before a replace or a restore) and thinned with age
 * (thinning.ts); `named`: kept until deleted. */
export type VersionKind = 'auto' | 'named';
export type VersionReason = 'quiet' | 'interval' | 'beforeReplace' | 'beforeRestore' | 'named';

/** A version as it is listed: everything but its state. */
export interface VersionInfo {
  id: string;
  /** When it was taken (ms since 1970). */
  createdAt: number;
  name: string | null;
  kind: VersionKind;
  reason: VersionReason;
  /** The display names of those whose edits it holds since the version before it. */
  editors: string[];
  /** Bytes of its state. */
  bytes: number;
  /** Cards on the map then. */
  cards: number;
}

/** A version with its state: the map's document then, as Y.encodeStateAsUpdate gives it. */
export interface StoredVersion extends VersionInfo {
  state: Uint8Array;
}

/** A version to keep (its size is its state's). */
export type NewVersion = Omit<StoredVersion, 'bytes'>;

import type { SurveyResponse } from '../../src/journey/voc/scores';

/** What makes two survey answers the same: the same line of a file with the same content. Stored
 * beside each answer, unique per map. */
export const answerKey = (r: SurveyResponse): string => JSON.stringify([r.line, r.date, r.touchpointId, r.stageId, r.metric, r.score, r.comment, r.segment]);

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

// ---- comments (server/http/comments.ts; docs/api.md, "Comments") ----

/** A comment and a thread as the server keeps and answers them: the domain's records (one home,
 * src/journey/comments.ts). A deleted comment keeps its place, without its text; only its author
 * (a public participant id) may edit or delete it; `createdBy` is the participant id of whoever began
 * the thread, `resolvedBy` the display name of whoever resolved it. */
import type { Comment, Thread } from '../../src/journey/comments';
export type { CommentTargetType } from '../../src/journey/comments';
export type StoredComment = Comment;
export type StoredThread = Thread;

/** A new comment, and the thread it begins when `thread` is given (else it goes into `threadId`). */
export interface CommentPost {
  threadId: string;
  thread: { target: StoredThread['target']; stageId: string | null } | null;
  comment: { id: string; authorId: string; authorName: string; text: string; mentions: string[] };
  at: number;
}

/** How many threads and comments a map may hold (server/limits.ts). */
export interface CommentQuotas {
  threads: number;
  perThread: number;
  perMap: number;
}

/** A write's outcome: the thread as it is now and the map's comments revision (`changed` false: the
 * write was already done, by a retry of the same request, and nothing moved). */
export interface CommentChange {
  changed: boolean;
  rev: number;
  thread: StoredThread;
}

export interface DocStore {
  // ---- comments ----
  // Every check that decides whether a write is allowed (author, quota, an id already used) runs in
  // the same transaction as the write. Each change bumps the map's comments revision.
  /** The map's comments revision and its threads (only those changed after revision `since`, if given). */
  commentThreads(mapId: string, since?: number): Promise<{ rev: number; threads: StoredThread[] }>;
  /** Adds a comment (beginning its thread if new). A comment id already in the thread by the same
   * author is the same request again: nothing changes. */
  postComment(mapId: string, post: CommentPost, quotas: CommentQuotas): Promise<CommentChange | 'unknown' | 'noThread' | 'idTaken' | 'tooManyThreads' | 'tooManyInThread' | 'tooManyOnMap'>;
  /** Changes the text (and name, mentions) of one of its author's comments. */
  editComment(mapId: string, commentId: string, authorId: string, change: { text: string; authorName: string; mentions: string[] }, at: number): Promise<CommentChange | 'missing' | 'notYours'>;
  /** Deletes one of its author's comments: its text is erased, its place kept. */
  deleteComment(mapId: string, commentId: string, authorId: string, at: number): Promise<CommentChange | 'missing' | 'notYours'>;
  /** Resolves a thread (`by`: a display name) or, with null, reopens it. */
  resolveThread(mapId: string, threadId: string, resolved: { at: number; by: string } | null): Promise<CommentChange | 'missing'>;
  /** Writes the threads of a map file into a new map, as they are (ids and authors kept). */
  importThreads(mapId: string, threads: readonly StoredThread[]): Promise<void>;
  /** Sets whether view keys may comment; resolves with the new comments revision (undefined: no such map). */
  setViewersComment(mapId: string, on: boolean): Promise<number | undefined>;

  /** Keeps survey answers for a map (never in its document), in one transaction. An answer already
   * kept (the same line of a file with the same content: `answerKey`) is skipped by a unique
   * constraint, however many instances import at once. Resolves with how many were new. */
  addResponses(id: string, responses: readonly SurveyResponse[]): Promise<number>;
  /** Every survey answer kept for a map. */
  responses(id: string): Promise<SurveyResponse[]>;
  /**
   * The answers with a comment dated from `from` up to (not including) `until` (YYYY-MM-DD: one
   * quarter, for its quotes), by an index. A store without it: the caller filters `responses`.
   */
  commentedResponses?(id: string, from: string, until: string): Promise<SurveyResponse[]>;

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
  /** Everything stored for a map, read in one transaction. Rejects if the data cannot be read, or
   * fails its checksums (integrity.ts DamagedData): never an empty or damaged stand-in. */
  loadDoc(id: string): Promise<StoredDoc>;
  /** What a room that has applied the log up to `seq` lacks: the updates after it; when some of
   * them were folded into the snapshot since, the snapshot too (and every update after it). Rejects
   * as loadDoc does; a map that is gone reads as empty. */
  readSince(id: string, seq: number): Promise<StoredDoc>;
  /** The map's last seq (undefined: no such map). Cheap: the rooms' periodic head check. */
  head(id: string): Promise<number | undefined>;
  /** Appends one update; resolves with its seq once it is durable (group-committed and synced to
   * disk). Updates appended by one caller get increasing seqs in the order they were appended. An
   * append to a map that is gone rejects alone: the others committed with it are written. */
  append(id: string, update: Uint8Array, origin?: UpdateOrigin): Promise<number>;
  /**
   * Folds the snapshot and the updates up to the head it reads into a new snapshot at that seq, off
   * the event loop, and deletes only those updates: whatever is appended meanwhile (by any instance)
   * stays in the log. Fenced: written only if the stored snapshot's seq is still below the new one,
   * under the map's lock, so that an older snapshot never replaces a newer one. Resolves with the new
   * snapshot's size, or null if nothing was written (nothing to fold, the map is gone, or another
   * compaction was first). Rejects, writing nothing, if the stored data is damaged.
   */
  compact(id: string): Promise<number | null>;

  // Versions (issue 13): a table of their own, which compaction never touches; removed with their
  // map. A version's state is kept with its CRC-32 and checked when read, as a snapshot is.
  /** Keeps a version of a map. An automatic one thins the map's automatic versions as of its own
   * time (thinning.ts), in the same transaction, unless `thin` is false. Resolves with the ids of the
   * versions thinned away. */
  addVersion(mapId: string, version: NewVersion, options?: { thin?: boolean }): Promise<string[]>;
  /** A map's versions, newest first, without their states. */
  versions(mapId: string): Promise<VersionInfo[]>;
  countVersions(mapId: string): Promise<number>;
  /** One version with its state. Rejects with DamagedData if the state fails its checksum. */
  getVersion(mapId: string, versionId: string): Promise<StoredVersion | undefined>;
  /** Names or renames a version; a named version is never thinned. */
  nameVersion(mapId: string, versionId: string, name: string): Promise<VersionInfo | undefined>;
  /** Whether there was such a version to delete. */
  deleteVersion(mapId: string, versionId: string): Promise<boolean>;
  /** Copies every version of a map to another (its duplicate; the ids stay, they are per map), off
   * the event loop. Resolves with how many were copied. */
  copyVersions(fromId: string, toId: string): Promise<number>;
  /** Remembers the map a copy was made from (`maps.source_id`). */
  setSource(mapId: string, sourceId: string): Promise<void>;
  /** The map a map was copied from, if any (it may have been deleted since). */
  sourceOf(mapId: string): Promise<string | null>;

  /** Commits whatever is pending now and resolves when it is durable. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

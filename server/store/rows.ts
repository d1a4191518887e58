// Rows as both stores keep them (SQLite: sqlite*.ts; PostgreSQL: postgres/), and the records they
// read into: one definition of a comment, a thread and a survey answer's columns, so that the two
// stores cannot drift apart. Only what differs is a parameter: SQLite keeps a comment's mentions as
// JSON text, PostgreSQL as an array.
import type { SurveyResponse } from '../../src/journey/voc/scores';
import type { MapRecord, StoredComment, StoredThread, VersionInfo, VersionKind, VersionReason } from './DocStore';

export type ThreadRow = {
  id: string;
  target_type: StoredThread['target']['type'];
  target_id: string;
  stage_id: string | null;
  created_at: number;
  created_by: string;
  resolved_at: number | null;
  resolved_by: string | null;
};

export type CommentRow<Mentions = string> = {
  id: string;
  thread_id: string;
  author_id: string;
  author_name: string;
  text: string;
  created_at: number;
  edited_at: number | null;
  deleted_at: number | null;
  mentions: Mentions;
};

export const THREAD_COLUMNS = 'id, target_type, target_id, stage_id, created_at, created_by, resolved_at, resolved_by';
export const COMMENT_COLUMNS = 'id, thread_id, author_id, author_name, text, created_at, edited_at, deleted_at, mentions';

/** A comment as it is answered: a deleted one keeps its place without its text or mentions. */
export function readComment<Mentions>(r: CommentRow<Mentions>, mentionsOf: (stored: Mentions) => string[]): StoredComment {
  const deleted = r.deleted_at !== null;
  return {
    id: r.id,
    authorId: r.author_id,
    authorName: r.author_name,
    text: deleted ? '' : r.text,
    createdAt: r.created_at,
    editedAt: r.edited_at,
    deleted,
    mentions: deleted ? [] : mentionsOf(r.mentions),
  };
}

export const readThread = (r: ThreadRow, comments: StoredComment[]): StoredThread => ({
  id: r.id,
  target: { type: r.target_type, id: r.target_id },
  stageId: r.stage_id,
  createdAt: r.created_at,
  createdBy: r.created_by,
  resolvedAt: r.resolved_at,
  resolvedBy: r.resolved_by,
  comments,
});

export type ResponseRow = { line: number; date: string; touchpoint_id: string | null; stage_id: string | null; metric: string; score: number; comment: string; segment: string };
export const RESPONSE_COLUMNS = 'line, date, touchpoint_id, stage_id, metric, score, comment, segment';

/** A row of the responses table as the answer it was kept from. */
export const answerOfRow = (r: ResponseRow): SurveyResponse => ({
  line: r.line,
  date: r.date,
  touchpointId: r.touchpoint_id,
  stageId: r.stage_id,
  metric: r.metric as SurveyResponse['metric'],
  score: r.score,
  comment: r.comment,
  segment: r.segment,
});

/** A map's row: SQLite keeps whether viewers may comment as 0/1, PostgreSQL as a boolean. */
export type MapRow<Flag = number> = {
  id: string;
  edit_key_hash: string;
  view_key_hash: string;
  view_key: string;
  created_at: number;
  comment_key_hash: string;
  comment_key: string;
  viewers_comment: Flag;
};
export const MAP_COLUMNS = 'id, edit_key_hash, view_key_hash, view_key, created_at, comment_key_hash, comment_key, viewers_comment';

export const readMap = (r: MapRow<number | boolean>): MapRecord => ({
  id: r.id,
  editKeyHash: r.edit_key_hash,
  viewKeyHash: r.view_key_hash,
  viewKey: r.view_key,
  createdAt: r.created_at,
  commentKeyHash: r.comment_key_hash,
  commentKey: r.comment_key,
  viewersComment: r.viewers_comment === true || r.viewers_comment === 1,
});

/** A version's row without its state: SQLite keeps its editors as JSON text, PostgreSQL as an array. */
export type VersionInfoRow<Editors = string> = { id: string; created_at: number; name: string | null; kind: string; reason: string; editors: Editors; cards: number; bytes: number };
export const VERSION_INFO_COLUMNS = 'id, created_at, name, kind, reason, editors, cards, bytes';

export function readVersionInfo<Editors>(r: VersionInfoRow<Editors>, editorsOf: (stored: Editors) => string[]): VersionInfo {
  return {
    id: r.id,
    createdAt: r.created_at,
    name: r.name,
    kind: r.kind as VersionKind,
    reason: r.reason as VersionReason,
    editors: editorsOf(r.editors),
    bytes: r.bytes,
    cards: r.cards,
  };
}

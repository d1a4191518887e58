// The comment record's home (DESIGN.md 5b): a thread on a card, a stage or the map as a whole, and its
// comments, as the server stores and answers them (docs/api.md, "Comments") and as the map file
// carries them (exchange.ts, `comments`). One schema serves the file reader, the API and the browser.
// What the browser makes of the comments it reads (outbox, groups, counts, unread): ./commentView.ts.
import * as v from 'valibot';
import { oneOf, textUpTo, time } from './records/valid';

export type CommentTargetType = 'card' | 'stage' | 'map';
export const COMMENT_TARGET_TYPES = ['card', 'stage', 'map'] as const satisfies readonly CommentTargetType[];

/** What a thread is about: a card, a stage, or the map as a whole. */
export interface CommentTarget {
  type: CommentTargetType;
  id: string;
}

export interface Comment {
  id: string;
  /** The author's public participant id (src/journey/participant.ts). */
  authorId: string;
  authorName: string;
  text: string;
  createdAt: number;
  editedAt: number | null;
  /** A deleted comment keeps its place in the thread, with `text: ''`. */
  deleted: boolean;
  /** The names it mentions (`@name`). */
  mentions: readonly string[];
}

export interface Thread {
  id: string;
  target: CommentTarget;
  /** The stage the target was in when the thread began (a thread on a deleted card stays there). */
  stageId: string | null;
  createdAt: number;
  createdBy: string;
  resolvedAt: number | null;
  resolvedBy: string | null;
  comments: readonly Comment[];
}

/** Limits (docs/api.md). */
export const COMMENT_MAX_CHARS = 4000;
export const NAME_MAX_CHARS = 80;
export const MAX_THREADS = 2000;
export const MAX_COMMENTS_PER_THREAD = 200;

/** Ids made by the client: 1–64 of [A-Za-z0-9_-]. */
export const COMMENT_ID = /^[A-Za-z0-9_-]{1,64}$/;
export const commentId = v.pipe(v.string('notText'), v.regex(COMMENT_ID, 'badId'));
const timeOrNull = v.optional(v.nullable(time), null);

export const commentTargetSchema = v.object({ type: oneOf(COMMENT_TARGET_TYPES), id: textUpTo(64) });

export const commentSchema = v.object({
  id: commentId,
  authorId: textUpTo(64),
  authorName: textUpTo(NAME_MAX_CHARS),
  text: textUpTo(COMMENT_MAX_CHARS),
  createdAt: time,
  editedAt: timeOrNull,
  deleted: v.optional(v.boolean('notBoolean'), false),
  mentions: v.optional(v.array(textUpTo(NAME_MAX_CHARS), 'notList'), []),
});

export const threadSchema = v.object({
  id: commentId,
  target: commentTargetSchema,
  stageId: v.optional(v.nullable(textUpTo(64)), null),
  createdAt: time,
  createdBy: v.optional(textUpTo(64), ''),
  resolvedAt: timeOrNull,
  resolvedBy: v.optional(v.nullable(textUpTo(NAME_MAX_CHARS)), null),
  comments: v.pipe(v.array(commentSchema, 'notList'), v.maxLength(MAX_COMMENTS_PER_THREAD, 'tooLong')),
});

// What the comments routes (server/http/comments.ts) and a map file's comments are checked with:
// one schema per body, built from the blocks every record of the app is checked with
// (src/journey/records/valid.ts), and the check of the threads a map file carries (a map made from
// a file keeps them, server/work/mapRequest.ts), with the same limits on every field.
import * as v from 'valibot';
import { check, oneOf, textUpTo, wholeNumber, type Issue } from '../../src/journey/records/valid';
import { wellFormed } from '../../src/journey/wellFormed';
import { COMMENT_ID, COMMENT_MAX_CHARS, NAME_MAX_CHARS } from '../../src/journey/comments';
import { DEFAULT_LIMITS } from '../limits';
import type { StoredThread } from '../store/DocStore';
import { bodySpec, type BadField, type FieldRefusal } from './jsonBody';

// The limits of the comment record itself (one home: src/journey/comments.ts, which the map file's reader uses too).
export { COMMENT_ID };
export const MAX_COMMENT_TEXT = COMMENT_MAX_CHARS;
export const MAX_NAME = NAME_MAX_CHARS;
export const MAX_MENTIONS = 20;
/** Card and stage ids come from the map (a map file may have made them any text); as long as the map
 * file's reader takes them (src/journey/comments.ts), so that an exported map's comments read back. */
const MAX_TARGET_ID = 64;
/** Participant ids are 16 characters (src/journey/participant.ts); a file's are kept as they are. */
const MAX_AUTHOR_ID = 64;
export const COMMENT_TARGETS = ['card', 'stage', 'map'] as const;

const id = v.pipe(v.string('notText'), v.regex(COMMENT_ID, 'badId'));
const name = textUpTo(MAX_NAME);
/** A comment's text: 1 to 4,000 characters, not only spaces. */
const text = v.pipe(
  v.string('notText'),
  v.maxLength(MAX_COMMENT_TEXT, 'tooLong'),
  v.check((t) => t.trim() !== '', 'missing'),
  v.transform(wellFormed),
);
const mentions = v.optional(v.pipe(v.array(textUpTo(MAX_NAME), 'notList'), v.maxLength(MAX_MENTIONS, 'tooLong')), []);
const targetEntries = { type: oneOf(COMMENT_TARGETS), id: textUpTo(MAX_TARGET_ID) };
const stageId = v.nullish(textUpTo(MAX_TARGET_ID));

const textRefusal = ({ issue }: BadField): FieldRefusal =>
  issue.reason === 'tooLong'
    ? { error: `"text" must be at most ${MAX_COMMENT_TEXT} characters.`, code: 'commentTooLong', params: { max: MAX_COMMENT_TEXT } }
    : '"text" must be text of 1 to 4000 characters, not only spaces.';
const nameRefusal = () => `"name" must be text of at most ${MAX_NAME} characters.`;
const mentionsRefusal = () => `"mentions" must be a list of at most ${MAX_MENTIONS} names, each at most ${MAX_NAME} characters.`;
const idRefusal = (field: string) => () => `"${field}" must be 1 to 64 characters of A-Z, a-z, 0-9, "-" and "_".`;

/** `POST /api/maps/:id/comments`: a comment, with ids the client made (a retry sends the same ones);
 * `target` begins a new thread. */
export const postCommentBody = bodySpec(
  {
    threadId: id,
    commentId: id,
    target: v.optional(v.strictObject(targetEntries)),
    stageId,
    name,
    text,
    mentions,
  },
  {
    threadId: idRefusal('threadId'),
    commentId: idRefusal('commentId'),
    target: () => `"target" must be {"type": "card", "stage" or "map", "id": the card's, stage's or map's id}.`,
    stageId: () => '"stageId" must be the id of a stage, or null.',
    name: nameRefusal,
    text: textRefusal,
    mentions: mentionsRefusal,
  },
);

/** `PATCH /api/maps/:id/comments/:commentId`: the comment's new text (and its author's name, mentions). */
export const editCommentBody = bodySpec({ text, name, mentions }, { text: textRefusal, name: nameRefusal, mentions: mentionsRefusal });

/** `POST /api/maps/:id/threads/:threadId/resolve` and `/reopen`: who does it. */
export const resolveBody = bodySpec({ name }, { name: nameRefusal });

// ---- the comments of a map file ----------------------------------------------------------------

const time = wholeNumber(0, Number.MAX_SAFE_INTEGER);
const fileComment = v.object({
  id,
  authorId: v.optional(textUpTo(MAX_AUTHOR_ID), ''),
  authorName: v.optional(name, ''),
  // A deleted comment's text is dropped; any other must read as a comment posted here would.
  text: v.optional(v.pipe(v.string('notText'), v.maxLength(MAX_COMMENT_TEXT, 'tooLong'), v.transform(wellFormed)), ''),
  createdAt: time,
  editedAt: v.optional(v.nullable(time), null),
  deleted: v.optional(v.boolean('notBoolean'), false),
  mentions,
});
const fileThread = v.object({
  id,
  target: v.object(targetEntries),
  stageId: v.optional(v.nullable(textUpTo(MAX_TARGET_ID)), null),
  createdAt: time,
  createdBy: v.optional(textUpTo(MAX_AUTHOR_ID), ''),
  resolvedAt: v.optional(v.nullable(time), null),
  resolvedBy: v.optional(v.nullable(name), null),
  comments: v.pipe(v.array(fileComment, 'notList'), v.maxLength(DEFAULT_LIMITS.maxCommentsPerThread, 'tooLong')),
});
const fileThreads = v.pipe(v.array(fileThread, 'notList'), v.maxLength(DEFAULT_LIMITS.maxCommentThreads, 'tooLong'));

/**
 * The threads of a map file's `comments` (none when absent), as a new map keeps them: ids, times and
 * authors as the file has them. Or the first problem (its path from the file: `comments[2].comments[0].text`):
 * a field that does not read, a thread or comment id used twice, more threads or comments than a
 * map may hold, a comment (not deleted) without text.
 */
export function readFileComments(value: unknown): { ok: true; threads: StoredThread[] } | { ok: false; issue: Issue } {
  if (value === undefined || value === null) return { ok: true, threads: [] };
  const checked = check(fileThreads, value, 'comments');
  if (!checked.ok) return { ok: false, issue: checked.issue };
  const threadAt = new Map<string, string>();
  const commentAt = new Map<string, string>();
  let count = 0;
  for (const [i, t] of checked.value.entries()) {
    const at = `comments[${i}]`;
    const first = threadAt.get(t.id);
    if (first) return { ok: false, issue: { path: `${at}.id`, reason: 'duplicate', value: first } };
    threadAt.set(t.id, `${at}.id`);
    for (const [j, c] of t.comments.entries()) {
      const cAt = `${at}.comments[${j}]`;
      const seen = commentAt.get(c.id);
      if (seen) return { ok: false, issue: { path: `${cAt}.id`, reason: 'duplicate', value: seen } };
      commentAt.set(c.id, `${cAt}.id`);
      if (!c.deleted && c.text.trim() === '') return { ok: false, issue: { path: `${cAt}.text`, reason: 'missing', value: '' } };
      if (++count > DEFAULT_LIMITS.maxCommentsPerMap) return { ok: false, issue: { path: 'comments', reason: 'tooLong', value: `${count}` } };
    }
  }
  return { ok: true, threads: checked.value.map((t) => ({ ...t, comments: t.comments.map((c) => (c.deleted ? { ...c, text: '', mentions: [] } : c)) })) };
}

// The HTTP routes of comments (docs/api.md, "Comments"): /api/maps/:id/comments… and
// /api/maps/:id/threads/:threadId/resolve|reopen. Comments are not in the map's Y.Doc: any writer of
// a Y.Doc can change any of its entries, so "edit and delete one's own" could only be enforced by
// parsing every update. Here the server is their only writer, each change one checked request; then
// everyone connected to the map hears the new revision (sync message 102, src/doc/commentsNudge.ts)
// and fetches what changed. api.ts has checked the key (any key) before handing over; this file
// decides what the key's role may do, reads the X-Participant secret (who is writing) and the body,
// and calls the store (server/store/sqliteComments.ts).
import { isParticipantSecret, participantIdOf } from '../../src/journey/participant';
import type { RefusalCode } from '../../src/i18n/refusals';
import type { Role } from '../keys';
import type { Limits } from '../limits';
import type { CommentChange, DocStore, MapRecord } from '../store/DocStore';
import { COMMENT_ID, editCommentBody, postCommentBody, resolveBody } from './commentBodies';
import { HttpError } from './guards';
import { NO_BODY, type BodyOf, type BodySpec } from './jsonBody';

export interface CommentsContext {
  store: DocStore;
  limits: Limits;
  /** Tells everyone connected to the map that its comments are at revision `rev` now. */
  nudgeComments?(mapId: string, rev: number): void;
}

export interface CommentsRequest {
  /** HEAD comes as GET. */
  method: string;
  /** The path after /api/maps/:id: ['comments'], ['comments', commentId], ['threads', threadId, 'resolve'], … */
  path: string[];
  /** `?since=` of GET …/comments, as sent. */
  since: string | null;
  /** The X-Participant header as Node gives it. */
  participant: string | string[] | undefined;
  /** Reads the JSON body as the route's schema has it (api.ts's readBody; NO_BODY for none). */
  body<B extends BodySpec>(spec: B): Promise<BodyOf<B>>;
}

export interface CommentsAnswer {
  status: number;
  body: unknown;
}

/** Whether a key's role may write comments: edit and comment keys, view keys when the map allows it. */
export const mayComment = (role: Role, map: Pick<MapRecord, 'viewersComment'>) => role !== 'view' || !!map.viewersComment;

const fail = (status: number, message: string, code: RefusalCode, params?: Record<string, string | number>): never => {
  throw new HttpError(status, message, { code, params });
};

const wrongMethod = (...allowed: string[]) => new HttpError(405, 'Method not allowed here.', {}, { allow: allowed.flatMap((m) => (m === 'GET' ? ['GET', 'HEAD'] : [m])).join(', ') });

/** The public participant id of the request's X-Participant secret (400 without one). */
function author(request: CommentsRequest): string {
  const secret = request.participant;
  if (secret === undefined) fail(400, 'Send your participant secret in the X-Participant header.', 'noParticipant');
  if (!isParticipantSecret(secret)) fail(400, 'The X-Participant header must be one participant secret: 16 to 64 characters of A-Z, a-z, 0-9, "-" and "_".', 'badParticipant');
  return participantIdOf(secret as string);
}

function mustComment(role: Role, map: MapRecord): void {
  if (!mayComment(role, map)) fail(403, 'This link cannot comment: the map’s editors have not allowed view links to comment.', 'cannotComment');
}

export async function handleCommentsApi(ctx: CommentsContext, map: MapRecord, role: Role, request: CommentsRequest): Promise<CommentsAnswer> {
  const { method, path } = request;
  const [root, itemId, action, ...rest] = path;
  if (rest.length || (itemId !== undefined && !COMMENT_ID.test(itemId))) fail(404, 'No such endpoint.', 'notFound');
  const mapId = map.id;
  /** The answer to a write, and the word to everyone connected when it changed something. */
  const answer = (result: CommentChange, created = false): CommentsAnswer => {
    if (result.changed) ctx.nudgeComments?.(mapId, result.rev);
    return { status: created && result.changed ? 201 : 200, body: { rev: result.rev, thread: result.thread } };
  };

  if (root === 'comments' && itemId === undefined) {
    if (method === 'GET') {
      const since = request.since === null ? 0 : Number(request.since);
      if (!Number.isSafeInteger(since) || since < 0) fail(400, '"since" must be a comments revision: a whole number, 0 or more.', 'badField', { field: 'since', reason: 'notWholeNumber' });
      const { rev, threads } = await ctx.store.commentThreads(mapId, since);
      return { status: 200, body: { rev, viewersComment: !!map.viewersComment, threads } };
    }
    if (method !== 'POST') throw wrongMethod('GET', 'POST');
    mustComment(role, map);
    const authorId = author(request);
    const body = await request.body(postCommentBody);
    const target = body.target ?? null;
    // A stage's thread is in its stage; a card's, in the stage the client says the card is in.
    const stageId = target?.type === 'stage' ? target.id : target?.type === 'map' ? null : (body.stageId ?? null);
    const { limits } = ctx;
    const result = await ctx.store.postComment(
      mapId,
      {
        threadId: body.threadId,
        thread: target && { target, stageId },
        comment: { id: body.commentId, authorId, authorName: body.name, text: body.text, mentions: body.mentions },
        at: Date.now(),
      },
      { threads: limits.maxCommentThreads, perThread: limits.maxCommentsPerThread, perMap: limits.maxCommentsPerMap },
    );
    switch (result) {
      case 'unknown':
        return fail(401, 'Unknown map or wrong key.', 'unknownMapOrKey');
      case 'noThread':
        return fail(404, `There is no thread "${body.threadId}" on this map: send "target" to begin it.`, 'noSuchThread');
      case 'idTaken':
        return fail(409, `The comment id "${body.commentId}" is already used on this map: make a new one.`, 'commentIdTaken');
      case 'tooManyThreads':
        return fail(429, `A map holds at most ${limits.maxCommentThreads} threads.`, 'tooManyThreads', { max: limits.maxCommentThreads });
      case 'tooManyInThread':
        return fail(429, `A thread holds at most ${limits.maxCommentsPerThread} comments.`, 'tooManyComments', { max: limits.maxCommentsPerThread });
      case 'tooManyOnMap':
        return fail(429, `A map holds at most ${limits.maxCommentsPerMap} comments.`, 'tooManyCommentsOnMap', { max: limits.maxCommentsPerMap });
      default:
        return answer(result, true);
    }
  }

  if (root === 'comments' && itemId !== undefined && action === undefined) {
    if (method !== 'PATCH' && method !== 'DELETE') throw wrongMethod('PATCH', 'DELETE');
    mustComment(role, map);
    const authorId = author(request);
    const result =
      method === 'PATCH'
        ? await request.body(editCommentBody).then(({ text, name, mentions }) => ctx.store.editComment(mapId, itemId, authorId, { text, authorName: name, mentions }, Date.now()))
        : await request.body(NO_BODY).then(() => ctx.store.deleteComment(mapId, itemId, authorId, Date.now()));
    if (result === 'missing') return fail(404, `There is no comment "${itemId}" on this map${method === 'PATCH' ? ' (or it was deleted)' : ''}.`, 'noSuchComment');
    if (result === 'notYours') return fail(403, 'This comment is someone else’s: only its author can change or delete it.', 'notYours');
    return answer(result);
  }

  if (root === 'threads' && itemId !== undefined && (action === 'resolve' || action === 'reopen')) {
    if (method !== 'POST') throw wrongMethod('POST');
    if (role !== 'edit') fail(403, 'This needs the edit key.', 'needsEditKey');
    const { name } = await request.body(resolveBody);
    const result = await ctx.store.resolveThread(mapId, itemId, action === 'resolve' ? { at: Date.now(), by: name } : null);
    if (result === 'missing') return fail(404, `There is no thread "${itemId}" on this map.`, 'noSuchThread');
    return answer(result);
  }

  return fail(404, 'No such endpoint.', 'notFound');
}

// Comments as this browser shows them: the server's threads (or this browser's copy of them) with
// the writes still waiting in this browser's outbox laid over them, so a comment shows the moment it
// is written, online or not; how the panel groups them, the counts the map shows, and what this
// person has not read yet. Pure: no React, no Yjs. src/app/commentsClient.ts feeds it, the store
// holds what it returns, the panels and the canvas draw that. The record itself: ./comments.ts.
import * as v from 'valibot';
import { threadSchema, type Comment, type CommentTarget, type Thread } from './comments';
import { sortByIndex } from './order';
import type { Journey, Stage } from './types';

/** The threads of an answer or of this browser's stored copy, checked one by one: what does not read is left out, never a crash. */
export function readThreads(value: unknown): Thread[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => {
    const thread = v.safeParse(threadSchema, item);
    return thread.success ? [thread.output] : [];
  });
}

// ---- what waits in this browser's outbox, and the threads with it laid over --------------------

/** A write made in this browser, kept until the server has it. Ids are made here, so sending one
 * again (after a lost answer) changes nothing on the server. */
export type CommentWrite =
  | { op: 'post'; threadId: string; commentId: string; target: CommentTarget; stageId: string | null; text: string; mentions: readonly string[]; name: string; authorId: string; at: number }
  | { op: 'edit'; commentId: string; text: string; mentions: readonly string[]; name: string; at: number }
  | { op: 'delete'; commentId: string; at: number }
  | { op: 'resolve' | 'reopen'; threadId: string; name: string; at: number };

export interface ShownComment extends Comment {
  /** Written here, not yet on the server. */
  pending: boolean;
}

export interface ShownThread extends Omit<Thread, 'comments'> {
  comments: readonly ShownComment[];
  /** Started here, or resolved/reopened here, and not yet on the server. */
  pending: boolean;
}

const shown = (thread: Thread): ShownThread => ({ ...thread, pending: false, comments: thread.comments.map((c) => ({ ...c, pending: false })) });

/** The server's threads with the outbox's writes laid over them, in order. */
export function withOutbox(threads: readonly Thread[], outbox: readonly CommentWrite[]): ShownThread[] {
  const result = threads.map(shown);
  const byId = new Map(result.map((t, i) => [t.id, i]));
  const update = (threadId: string, change: (t: ShownThread) => ShownThread) => {
    const at = byId.get(threadId);
    if (at !== undefined) result[at] = change(result[at]!);
  };
  const threadOf = (commentId: string) => result.find((t) => t.comments.some((c) => c.id === commentId));
  const updateComment = (commentId: string, change: (c: ShownComment) => ShownComment) => {
    const thread = threadOf(commentId);
    if (thread) update(thread.id, (t) => ({ ...t, comments: t.comments.map((c) => (c.id === commentId ? change(c) : c)) }));
  };
  for (const write of outbox) {
    switch (write.op) {
      case 'post': {
        const comment: ShownComment = { id: write.commentId, authorId: write.authorId, authorName: write.name, text: write.text, createdAt: write.at, editedAt: null, deleted: false, mentions: write.mentions, pending: true };
        if (!byId.has(write.threadId)) {
          byId.set(write.threadId, result.length);
          result.push({ id: write.threadId, target: write.target, stageId: write.stageId, createdAt: write.at, createdBy: write.authorId, resolvedAt: null, resolvedBy: null, comments: [comment], pending: true });
        } else {
          update(write.threadId, (t) => (t.comments.some((c) => c.id === write.commentId) ? t : { ...t, comments: [...t.comments, comment] }));
        }
        break;
      }
      case 'edit':
        updateComment(write.commentId, (c) => ({ ...c, text: write.text, mentions: write.mentions, editedAt: write.at, pending: true }));
        break;
      case 'delete':
        updateComment(write.commentId, (c) => ({ ...c, text: '', deleted: true, pending: true }));
        break;
      case 'resolve':
        update(write.threadId, (t) => ({ ...t, resolvedAt: write.at, resolvedBy: write.name, pending: true }));
        break;
      case 'reopen':
        update(write.threadId, (t) => ({ ...t, resolvedAt: null, resolvedBy: null, pending: true }));
        break;
    }
  }
  return result;
}

// ---- what the map and the panel show ------------------------------------------------------------

/** A thread is worth showing while one of its comments is not deleted. */
export const isLive = (thread: Pick<ShownThread, 'comments'>) => thread.comments.some((c) => !c.deleted);

/** Open threads per card id and per stage id (their own threads: a card's are not its stage's). */
export function openCounts(threads: readonly ShownThread[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of threads) {
    if (t.resolvedAt !== null || t.target.type === 'map' || !isLive(t)) continue;
    counts.set(t.target.id, (counts.get(t.target.id) ?? 0) + 1);
  }
  return counts;
}

/** The stage a thread belongs under now: its card's stage (the card may have moved), its stage, or
 * the stage the thread began in (a deleted card's); null for the map's own threads. */
export function stageOf(thread: Pick<Thread, 'target' | 'stageId'>, journey: Pick<Journey, 'cards'>): string | null {
  if (thread.target.type === 'map') return null;
  if (thread.target.type === 'stage') return thread.target.id;
  return journey.cards.get(thread.target.id)?.stageId ?? thread.stageId;
}

export interface ThreadGroups<T> {
  /** Threads on the map as a whole. */
  map: T[];
  /** Per stage, in the map's order (only stages with threads). */
  stages: { stage: Stage; threads: T[] }[];
  /** Threads whose stage is gone from the map. */
  elsewhere: T[];
}

/** Threads grouped as the panel lists them: the map's first, then per stage in map order; oldest first in each. */
export function groupThreads<T extends Pick<Thread, 'target' | 'stageId' | 'createdAt'>>(threads: readonly T[], journey: Pick<Journey, 'cards' | 'stages'>): ThreadGroups<T> {
  const byStage = new Map<string, T[]>();
  const groups: ThreadGroups<T> = { map: [], stages: [], elsewhere: [] };
  for (const thread of [...threads].sort((a, b) => a.createdAt - b.createdAt)) {
    const stageId = stageOf(thread, journey);
    if (stageId === null && thread.target.type === 'map') groups.map.push(thread);
    else if (stageId !== null && journey.stages.has(stageId)) byStage.set(stageId, [...(byStage.get(stageId) ?? []), thread]);
    else groups.elsewhere.push(thread);
  }
  // A stage's own threads first, then its cards'.
  const rank = (t: T) => (t.target.type === 'stage' ? 0 : 1);
  for (const stage of sortByIndex(journey.stages.values())) {
    const mine = byStage.get(stage.id);
    if (mine) groups.stages.push({ stage, threads: mine.sort((a, b) => rank(a) - rank(b)) });
  }
  return groups;
}

// ---- unread, per person ---------------------------------------------------------------------------

/** When this person last read each thread: the time of the newest comment it had then (the server's clock, so no clock skew). */
export type LastRead = Readonly<Record<string, number>>;

/** The time of a thread's newest comment (0 if none). */
export const newestIn = (thread: Pick<Thread, 'comments'>) => thread.comments.reduce((max, c) => Math.max(max, c.createdAt), 0);

/** A thread with a comment by someone else newer than this person last read it. */
export const isUnread = (thread: Pick<ShownThread, 'id' | 'comments'>, lastRead: LastRead, me: string) =>
  thread.comments.some((c) => !c.deleted && !c.pending && c.authorId !== me && c.createdAt > (lastRead[thread.id] ?? 0));

/** The comments in `next` that `before` did not have, by others: what the others just wrote. */
export function arrivals(before: readonly Thread[], next: readonly Thread[], me: string): { thread: Thread; comment: Comment }[] {
  const known = new Set(before.flatMap((t) => t.comments.map((c) => c.id)));
  return next.flatMap((thread) => thread.comments.filter((c) => !known.has(c.id) && !c.deleted && c.authorId !== me).map((comment) => ({ thread, comment })));
}

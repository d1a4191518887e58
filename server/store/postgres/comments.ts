// Comments in PostgreSQL, with the same rules as in SQLite (sqliteComments.ts): every change is one
// transaction that checks what decides it (author, quota, an id already used) and bumps the map's
// `comments_rev`, marking the thread changed at that revision. The transaction takes the map's
// comments lock first (connection.ts lockMap), so two instances' writes to one map take turns and a
// quota holds however requests interleave. A deleted comment keeps its row, its text erased.
import type pg from 'pg';
import type { CommentChange, DocStore, StoredComment, StoredThread } from '../DocStore';
import { COMMENT_COLUMNS, readComment as readRowComment, readThread, THREAD_COLUMNS, type CommentRow as Row, type ThreadRow } from '../rows';
import { LOCK, lockMap, transaction } from './connection';

export type CommentMethods = Pick<DocStore, 'commentThreads' | 'postComment' | 'editComment' | 'deleteComment' | 'resolveThread' | 'importThreads' | 'setViewersComment'>;

type CommentRow = Row<string[]>;
const readComment = (r: CommentRow): StoredComment => readRowComment(r, (mentions) => mentions);

type Query = Pick<pg.PoolClient, 'query'>;

const selectRev = async (q: Query, mapId: string) => (await q.query<{ rev: number }>('SELECT comments_rev AS rev FROM maps WHERE id = $1', [mapId])).rows[0]?.rev;
const selectThread = async (q: Query, mapId: string, threadId: string) =>
  (await q.query<ThreadRow>(`SELECT ${THREAD_COLUMNS} FROM comment_threads WHERE map_id = $1 AND id = $2`, [mapId, threadId])).rows[0];
const selectComment = async (q: Query, mapId: string, commentId: string) =>
  (await q.query<CommentRow>(`SELECT ${COMMENT_COLUMNS} FROM comments WHERE map_id = $1 AND id = $2`, [mapId, commentId])).rows[0];
const count = async (q: Query, sql: string, params: unknown[]) => (await q.query<{ n: number }>(sql, params)).rows[0]!.n;

/** The thread as it is now, with its comments in the order they were written. */
async function threadNow(q: Query, mapId: string, threadId: string): Promise<StoredThread> {
  const comments = await q.query<CommentRow>(`SELECT ${COMMENT_COLUMNS} FROM comments WHERE map_id = $1 AND thread_id = $2 ORDER BY n`, [mapId, threadId]);
  return readThread((await selectThread(q, mapId, threadId))!, comments.rows.map(readComment));
}

/** The map's next comments revision. */
const bumpRev = async (q: Query, mapId: string): Promise<number> =>
  (await q.query<{ rev: number }>('UPDATE maps SET comments_rev = comments_rev + 1 WHERE id = $1 RETURNING comments_rev AS rev', [mapId])).rows[0]!.rev;

/** The next revision, with the thread marked as changed in it. */
async function bump(q: Query, mapId: string, threadId: string): Promise<number> {
  const rev = await bumpRev(q, mapId);
  await q.query('UPDATE comment_threads SET rev = $3 WHERE map_id = $1 AND id = $2', [mapId, threadId, rev]);
  return rev;
}

const same = async (q: Query, mapId: string, threadId: string): Promise<CommentChange> => ({ changed: false, rev: (await selectRev(q, mapId))!, thread: await threadNow(q, mapId, threadId) });
const changed = async (q: Query, mapId: string, threadId: string, rev: number): Promise<CommentChange> => ({ changed: true, rev, thread: await threadNow(q, mapId, threadId) });

const INSERT_THREAD = 'INSERT INTO comment_threads (map_id, id, target_type, target_id, stage_id, created_at, created_by, resolved_at, resolved_by, rev) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)';
const INSERT_COMMENT = 'INSERT INTO comments (map_id, id, thread_id, author_id, author_name, text, created_at, edited_at, deleted_at, mentions) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)';

export function postgresComments(pool: pg.Pool): CommentMethods {
  /** One write of a map's comments, under its lock. */
  const write = <T>(mapId: string, fn: (client: pg.PoolClient) => Promise<T>) =>
    transaction(pool, async (client) => {
      await lockMap(client, LOCK.comments, mapId);
      return fn(client);
    });

  return {
    commentThreads: (mapId, since = 0) =>
      transaction(
        pool,
        async (c) => {
          const rev = (await selectRev(c, mapId)) ?? 0;
          // A client ahead of the server (the server's data restored from a backup) gets everything.
          const from = since > rev ? 0 : since;
          const comments = await c.query<CommentRow>(
            `SELECT ${COMMENT_COLUMNS.replace(/(\w+)/g, 'c.$1')} FROM comments c JOIN comment_threads t ON t.map_id = c.map_id AND t.id = c.thread_id WHERE c.map_id = $1 AND t.rev > $2 ORDER BY c.n`,
            [mapId, from],
          );
          const byThread = new Map<string, StoredComment[]>();
          for (const row of comments.rows) {
            const list = byThread.get(row.thread_id);
            if (list) list.push(readComment(row));
            else byThread.set(row.thread_id, [readComment(row)]);
          }
          const threads = await c.query<ThreadRow>(`SELECT ${THREAD_COLUMNS} FROM comment_threads WHERE map_id = $1 AND rev > $2 ORDER BY created_at, n`, [mapId, from]);
          return { rev, threads: threads.rows.map((t) => readThread(t, byThread.get(t.id) ?? [])) };
        },
        'REPEATABLE READ',
      ),

    postComment: (mapId, post, quotas) =>
      write(mapId, async (c) => {
        if ((await selectRev(c, mapId)) === undefined) return 'unknown' as const;
        const { comment } = post;
        const existing = await selectComment(c, mapId, comment.id);
        if (existing) {
          // The same request again (its answer was lost): nothing more. Anything else with this id is refused.
          if (existing.thread_id !== post.threadId || existing.author_id !== comment.authorId) return 'idTaken' as const;
          return same(c, mapId, post.threadId);
        }
        const thread = await selectThread(c, mapId, post.threadId);
        if (!thread && !post.thread) return 'noThread' as const;
        if (!thread && (await count(c, 'SELECT count(*)::bigint AS n FROM comment_threads WHERE map_id = $1', [mapId])) >= quotas.threads) return 'tooManyThreads' as const;
        if (thread && (await count(c, 'SELECT count(*)::bigint AS n FROM comments WHERE map_id = $1 AND thread_id = $2', [mapId, post.threadId])) >= quotas.perThread)
          return 'tooManyInThread' as const;
        if ((await count(c, 'SELECT count(*)::bigint AS n FROM comments WHERE map_id = $1', [mapId])) >= quotas.perMap) return 'tooManyOnMap' as const;
        const rev = await bumpRev(c, mapId);
        if (!thread) {
          const { target, stageId } = post.thread!;
          await c.query(INSERT_THREAD, [mapId, post.threadId, target.type, target.id, stageId, post.at, comment.authorId, null, null, rev]);
        } else await c.query('UPDATE comment_threads SET rev = $3 WHERE map_id = $1 AND id = $2', [mapId, post.threadId, rev]);
        await c.query(INSERT_COMMENT, [mapId, comment.id, post.threadId, comment.authorId, comment.authorName, comment.text, post.at, null, null, JSON.stringify(comment.mentions)]);
        return changed(c, mapId, post.threadId, rev);
      }),

    editComment: (mapId, commentId, authorId, change, at) =>
      write(mapId, async (c) => {
        const row = await selectComment(c, mapId, commentId);
        if (!row || row.deleted_at !== null) return 'missing' as const;
        if (row.author_id !== authorId) return 'notYours' as const;
        if (row.text === change.text && row.author_name === change.authorName && JSON.stringify(row.mentions) === JSON.stringify(change.mentions)) return same(c, mapId, row.thread_id);
        await c.query('UPDATE comments SET text = $3, author_name = $4, mentions = $5, edited_at = $6 WHERE map_id = $1 AND id = $2', [
          mapId,
          commentId,
          change.text,
          change.authorName,
          JSON.stringify(change.mentions),
          at,
        ]);
        return changed(c, mapId, row.thread_id, await bump(c, mapId, row.thread_id));
      }),

    deleteComment: (mapId, commentId, authorId, at) =>
      write(mapId, async (c) => {
        const row = await selectComment(c, mapId, commentId);
        if (!row) return 'missing' as const;
        if (row.author_id !== authorId) return 'notYours' as const;
        if (row.deleted_at !== null) return same(c, mapId, row.thread_id);
        await c.query("UPDATE comments SET text = '', mentions = '[]', deleted_at = $3 WHERE map_id = $1 AND id = $2", [mapId, commentId, at]);
        return changed(c, mapId, row.thread_id, await bump(c, mapId, row.thread_id));
      }),

    resolveThread: (mapId, threadId, resolved) =>
      write(mapId, async (c) => {
        const row = await selectThread(c, mapId, threadId);
        if (!row) return 'missing' as const;
        // Resolving a resolved thread (or reopening an open one) is the same request again.
        if ((row.resolved_at !== null) === (resolved !== null)) return same(c, mapId, threadId);
        const rev = await bumpRev(c, mapId);
        await c.query('UPDATE comment_threads SET resolved_at = $3, resolved_by = $4, rev = $5 WHERE map_id = $1 AND id = $2', [mapId, threadId, resolved?.at ?? null, resolved?.by ?? null, rev]);
        return changed(c, mapId, threadId, rev);
      }),

    async importThreads(mapId, threads) {
      if (!threads.length) return;
      await write(mapId, async (c) => {
        const rev = await bumpRev(c, mapId);
        for (const t of threads) {
          await c.query(INSERT_THREAD, [mapId, t.id, t.target.type, t.target.id, t.stageId, t.createdAt, t.createdBy, t.resolvedAt, t.resolvedBy, rev]);
          for (const m of t.comments) {
            const text = m.deleted ? '' : m.text;
            const mentions = JSON.stringify(m.deleted ? [] : m.mentions);
            await c.query(INSERT_COMMENT, [mapId, m.id, t.id, m.authorId, m.authorName, text, m.createdAt, m.editedAt, m.deleted ? (m.editedAt ?? m.createdAt) : null, mentions]);
          }
        }
      });
    },

    async setViewersComment(mapId, on) {
      const { rows } = await pool.query<{ rev: number }>('UPDATE maps SET viewers_comment = $2, comments_rev = comments_rev + 1 WHERE id = $1 RETURNING comments_rev AS rev', [mapId, on]);
      return rows[0]?.rev;
    },
  };
}

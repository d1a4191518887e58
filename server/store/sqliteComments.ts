// The SQLite store's comments and comment keys (sqlite.ts adds these methods to its DocStore). The
// server is the only writer of comments (docs/api.md, "Comments"): every change is one transaction
// that checks what decides it (the author, a quota, an id already used) and bumps the map's
// `comments_rev`, so clients that hear the new revision (sync message 102) fetch what changed.
// Threads and comments go with their map (ON DELETE CASCADE); a deleted comment keeps its row, its
// text erased, so a thread keeps its shape and a retried delete finds it.
import type Database from 'better-sqlite3';
import { hashKey, newKey } from '../keys';
import type { CommentChange, DocStore, StoredComment, StoredThread } from './DocStore';
import { COMMENT_COLUMNS, readComment as readRowComment, readThread, THREAD_COLUMNS, type CommentRow, type ThreadRow } from './rows';

export type CommentMethods = Pick<DocStore, 'commentThreads' | 'postComment' | 'editComment' | 'deleteComment' | 'resolveThread' | 'importThreads' | 'setViewersComment'>;

/** The writes among them (they wait while a worker holds the write lock, as every write does). */
export const COMMENT_WRITES = ['postComment', 'editComment', 'deleteComment', 'resolveThread', 'importThreads', 'setViewersComment'] as const;

/**
 * The comments' tables, and the maps' columns for comment keys, the sharing setting and the
 * comments revision, made once. A map made before comment keys gets one here, at the first start
 * that knows them (its editors find it in the share dialog).
 */
export function migrateComments(db: Database.Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS comment_threads (
      map_id TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
      id TEXT NOT NULL,
      target_type TEXT NOT NULL,
      target_id TEXT NOT NULL,
      stage_id TEXT,
      created_at INTEGER NOT NULL,
      created_by TEXT NOT NULL,
      resolved_at INTEGER,
      resolved_by TEXT,
      -- The map's comments_rev at the thread's last change (GET …/comments?since=).
      rev INTEGER NOT NULL,
      PRIMARY KEY (map_id, id)
    );
    CREATE INDEX IF NOT EXISTS comment_threads_by_rev ON comment_threads(map_id, rev);
    -- Comment ids are unique per map, not per thread: a retried post finds its comment wherever it is.
    CREATE TABLE IF NOT EXISTS comments (
      map_id TEXT NOT NULL,
      id TEXT NOT NULL,
      thread_id TEXT NOT NULL,
      author_id TEXT NOT NULL,
      author_name TEXT NOT NULL,
      text TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      edited_at INTEGER,
      deleted_at INTEGER,
      mentions TEXT NOT NULL DEFAULT '[]',
      PRIMARY KEY (map_id, id),
      FOREIGN KEY (map_id, thread_id) REFERENCES comment_threads(map_id, id) ON DELETE CASCADE
    );
    CREATE INDEX IF NOT EXISTS comments_by_thread ON comments(map_id, thread_id);
  `);
  const has = (column: string) => db.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('maps')").all().some((c) => c.name === column);
  db.transaction(() => {
    if (!has('comment_key_hash')) db.exec("ALTER TABLE maps ADD COLUMN comment_key_hash TEXT NOT NULL DEFAULT ''");
    if (!has('comment_key')) db.exec("ALTER TABLE maps ADD COLUMN comment_key TEXT NOT NULL DEFAULT ''");
    if (!has('viewers_comment')) db.exec('ALTER TABLE maps ADD COLUMN viewers_comment INTEGER NOT NULL DEFAULT 0');
    if (!has('comments_rev')) db.exec('ALTER TABLE maps ADD COLUMN comments_rev INTEGER NOT NULL DEFAULT 0');
    const keyless = db.prepare<[], { id: string }>("SELECT id FROM maps WHERE comment_key_hash = ''").all();
    const setKey = db.prepare('UPDATE maps SET comment_key_hash = ?, comment_key = ? WHERE id = ?');
    for (const { id } of keyless) {
      const key = newKey();
      setKey.run(hashKey(key), key, id);
    }
  })();
}

const readComment = (r: CommentRow): StoredComment => readRowComment(r, (json) => JSON.parse(json) as string[]);

/** The comment methods on the store's connection; `durable` resolves once what was written is on the disk. */
export function sqliteComments(db: Database.Database, durable: () => Promise<void>): CommentMethods {
  const selectRev = db.prepare<[string], { rev: number }>('SELECT comments_rev AS rev FROM maps WHERE id = ?');
  const bumpRev = db.prepare<[string], { rev: number }>('UPDATE maps SET comments_rev = comments_rev + 1 WHERE id = ? RETURNING comments_rev AS rev');
  const setViewers = db.prepare<[number, string], { rev: number }>('UPDATE maps SET viewers_comment = ?, comments_rev = comments_rev + 1 WHERE id = ? RETURNING comments_rev AS rev');
  const selectThreads = db.prepare<[string, number], ThreadRow>(`SELECT ${THREAD_COLUMNS} FROM comment_threads WHERE map_id = ? AND rev > ? ORDER BY created_at, rowid`);
  const selectThreadsComments = db.prepare<[string, number], CommentRow>(
    `SELECT ${COMMENT_COLUMNS.replace(/(\w+)/g, 'c.$1')} FROM comments c JOIN comment_threads t ON t.map_id = c.map_id AND t.id = c.thread_id WHERE c.map_id = ? AND t.rev > ? ORDER BY c.rowid`,
  );
  const selectThread = db.prepare<[string, string], ThreadRow>(`SELECT ${THREAD_COLUMNS} FROM comment_threads WHERE map_id = ? AND id = ?`);
  const selectThreadComments = db.prepare<[string, string], CommentRow>(`SELECT ${COMMENT_COLUMNS} FROM comments WHERE map_id = ? AND thread_id = ? ORDER BY rowid`);
  const selectComment = db.prepare<[string, string], CommentRow>(`SELECT ${COMMENT_COLUMNS} FROM comments WHERE map_id = ? AND id = ?`);
  const countThreads = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM comment_threads WHERE map_id = ?');
  const countInThread = db.prepare<[string, string], { n: number }>('SELECT count(*) AS n FROM comments WHERE map_id = ? AND thread_id = ?');
  const countOnMap = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM comments WHERE map_id = ?');
  const insertThread = db.prepare(
    'INSERT INTO comment_threads (map_id, id, target_type, target_id, stage_id, created_at, created_by, resolved_at, resolved_by, rev) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const touchThread = db.prepare('UPDATE comment_threads SET rev = ? WHERE map_id = ? AND id = ?');
  const setResolved = db.prepare('UPDATE comment_threads SET resolved_at = ?, resolved_by = ?, rev = ? WHERE map_id = ? AND id = ?');
  const insertComment = db.prepare(
    'INSERT INTO comments (map_id, id, thread_id, author_id, author_name, text, created_at, edited_at, deleted_at, mentions) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const updateComment = db.prepare('UPDATE comments SET text = ?, author_name = ?, mentions = ?, edited_at = ? WHERE map_id = ? AND id = ?');
  const eraseComment = db.prepare("UPDATE comments SET text = '', mentions = '[]', deleted_at = ? WHERE map_id = ? AND id = ?");

  const threadNow = (mapId: string, threadId: string): StoredThread => readThread(selectThread.get(mapId, threadId)!, selectThreadComments.all(mapId, threadId).map(readComment));
  /** The map's next revision, with the thread marked as changed in it. */
  const bump = (mapId: string, threadId: string): number => {
    const rev = bumpRev.get(mapId)!.rev;
    touchThread.run(rev, mapId, threadId);
    return rev;
  };
  const same = (mapId: string, threadId: string): CommentChange => ({ changed: false, rev: selectRev.get(mapId)!.rev, thread: threadNow(mapId, threadId) });
  const changed = (mapId: string, threadId: string, rev: number): CommentChange => ({ changed: true, rev, thread: threadNow(mapId, threadId) });

  const listTx = db.transaction((mapId: string, since: number) => {
    const rev = selectRev.get(mapId)?.rev ?? 0;
    // A client ahead of the server (the server's data restored from a backup) gets everything.
    const from = since > rev ? 0 : since;
    const byThread = new Map<string, StoredComment[]>();
    for (const row of selectThreadsComments.all(mapId, from)) {
      const list = byThread.get(row.thread_id);
      if (list) list.push(readComment(row));
      else byThread.set(row.thread_id, [readComment(row)]);
    }
    return { rev, threads: selectThreads.all(mapId, from).map((t) => readThread(t, byThread.get(t.id) ?? [])) };
  });

  const postTx = db.transaction((mapId: string, post: Parameters<CommentMethods['postComment']>[1], quotas: Parameters<CommentMethods['postComment']>[2]) => {
    if (!selectRev.get(mapId)) return 'unknown' as const;
    const { comment } = post;
    const existing = selectComment.get(mapId, comment.id);
    if (existing) {
      // The same request again (its answer was lost): nothing more. Anything else with this id is refused.
      if (existing.thread_id !== post.threadId || existing.author_id !== comment.authorId) return 'idTaken' as const;
      return same(mapId, post.threadId);
    }
    const thread = selectThread.get(mapId, post.threadId);
    if (!thread && !post.thread) return 'noThread' as const;
    if (!thread && countThreads.get(mapId)!.n >= quotas.threads) return 'tooManyThreads' as const;
    if (thread && countInThread.get(mapId, post.threadId)!.n >= quotas.perThread) return 'tooManyInThread' as const;
    if (countOnMap.get(mapId)!.n >= quotas.perMap) return 'tooManyOnMap' as const;
    const rev = bumpRev.get(mapId)!.rev;
    if (!thread) {
      const { target, stageId } = post.thread!;
      insertThread.run(mapId, post.threadId, target.type, target.id, stageId, post.at, comment.authorId, null, null, rev);
    } else touchThread.run(rev, mapId, post.threadId);
    insertComment.run(mapId, comment.id, post.threadId, comment.authorId, comment.authorName, comment.text, post.at, null, null, JSON.stringify(comment.mentions));
    return changed(mapId, post.threadId, rev);
  });

  const editTx = db.transaction((mapId: string, commentId: string, authorId: string, change: { text: string; authorName: string; mentions: string[] }, at: number) => {
    const row = selectComment.get(mapId, commentId);
    if (!row || row.deleted_at !== null) return 'missing' as const;
    if (row.author_id !== authorId) return 'notYours' as const;
    const mentions = JSON.stringify(change.mentions);
    if (row.text === change.text && row.author_name === change.authorName && row.mentions === mentions) return same(mapId, row.thread_id);
    updateComment.run(change.text, change.authorName, mentions, at, mapId, commentId);
    return changed(mapId, row.thread_id, bump(mapId, row.thread_id));
  });

  const deleteTx = db.transaction((mapId: string, commentId: string, authorId: string, at: number) => {
    const row = selectComment.get(mapId, commentId);
    if (!row) return 'missing' as const;
    if (row.author_id !== authorId) return 'notYours' as const;
    if (row.deleted_at !== null) return same(mapId, row.thread_id);
    eraseComment.run(at, mapId, commentId);
    return changed(mapId, row.thread_id, bump(mapId, row.thread_id));
  });

  const resolveTx = db.transaction((mapId: string, threadId: string, resolved: { at: number; by: string } | null) => {
    const row = selectThread.get(mapId, threadId);
    if (!row) return 'missing' as const;
    // Resolving a resolved thread (or reopening an open one) is the same request again.
    if ((row.resolved_at !== null) === (resolved !== null)) return same(mapId, threadId);
    const rev = bumpRev.get(mapId)!.rev;
    setResolved.run(resolved?.at ?? null, resolved?.by ?? null, rev, mapId, threadId);
    return changed(mapId, threadId, rev);
  });

  const importTx = db.transaction((mapId: string, threads: readonly StoredThread[]) => {
    const rev = bumpRev.get(mapId)!.rev;
    for (const t of threads) {
      insertThread.run(mapId, t.id, t.target.type, t.target.id, t.stageId, t.createdAt, t.createdBy, t.resolvedAt, t.resolvedBy, rev);
      for (const c of t.comments) {
        const text = c.deleted ? '' : c.text;
        const mentions = JSON.stringify(c.deleted ? [] : c.mentions);
        insertComment.run(mapId, c.id, t.id, c.authorId, c.authorName, text, c.createdAt, c.editedAt, c.deleted ? c.editedAt ?? c.createdAt : null, mentions);
      }
    }
  });

  /** Runs a write; once it changed something, resolves only when that is on the disk. */
  const write = async <T>(result: T): Promise<T> => {
    if (typeof result === 'object' && result !== null && (result as { changed?: boolean }).changed) await durable();
    return result;
  };

  return {
    async commentThreads(mapId, since = 0) {
      return listTx(mapId, since);
    },
    postComment: async (mapId, post, quotas) => write(postTx(mapId, post, quotas)),
    editComment: async (mapId, commentId, authorId, change, at) => write(editTx(mapId, commentId, authorId, change, at)),
    deleteComment: async (mapId, commentId, authorId, at) => write(deleteTx(mapId, commentId, authorId, at)),
    resolveThread: async (mapId, threadId, resolved) => write(resolveTx(mapId, threadId, resolved)),
    async importThreads(mapId, threads) {
      if (!threads.length) return;
      importTx(mapId, threads);
      await durable();
    },
    async setViewersComment(mapId, on) {
      const rev = setViewers.get(on ? 1 : 0, mapId)?.rev;
      if (rev !== undefined) await durable();
      return rev;
    },
  };
}

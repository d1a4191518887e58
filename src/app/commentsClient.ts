// The browser's side of the map's comments (docs/api.md, "Comments"). The server is their only
// writer; this client reads the list when the map opens and whenever the sync socket says it changed
// (message 102, src/app/room.ts), keeps the last list in this browser (so comments show offline), and
// sends this person's writes through an outbox kept in this browser: each write is shown at once
// (src/journey/commentView.ts lays the outbox over the list), sent in order, and tried again every few
// seconds and when the network is back. Ids are made here, so a write sent twice (its answer lost)
// is stored once. It writes `store.comments`, and nothing else.
import { newId } from '../journey/ids';
import { participantIdOf } from '../journey/participant';
import type { CommentTarget, Thread } from '../journey/comments';
import { arrivals, isUnread, newestIn, openCounts, readThreads, withOutbox, type CommentWrite, type LastRead } from '../journey/commentView';
import { rememberedName } from '../panels/identity';
import type { EditorStore, Role } from '../store';
import type { CommentsClient, CommentsView } from '../store/commentsClient';
import { RequestError } from '../store/requestError';
import { participantRequests, retryWhileWaiting, worthRetrying } from './participantRequests';
import { participantSecret } from './workshopClient';

const listKey = (mapId: string) => `touchpoint.comments.${mapId}`;
const outboxKey = (mapId: string) => `touchpoint.commentOutbox.${mapId}`;
const readKey = (mapId: string) => `touchpoint.commentsRead.${mapId}`;

function load<T>(key: string, fallback: T): T {
  try {
    return (JSON.parse(localStorage.getItem(key) ?? 'null') as T | null) ?? fallback;
  } catch {
    return fallback;
  }
}

function save(key: string, value: unknown): void {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // A full storage: this tab still has everything; only a later offline visit would miss it.
  }
}

/** What the server answers for the list (docs/api.md). */
interface ListAnswer {
  rev: number;
  threads: unknown;
  /** Whether view links may comment (the sharing setting), when the server says it. */
  viewersComment?: boolean;
}

export interface CommentsConnection extends CommentsClient {
  /** The server says the map's comments changed (message 102): their revision now. */
  nudged(rev: number): void;
  /** Connected again: read the list and send what waits. */
  resync(): void;
  destroy(): void;
}

/** Writes stored in this browser, checked loosely (a stored one that does not read is dropped). */
function loadOutbox(mapId: string): CommentWrite[] {
  const stored = load<unknown[]>(outboxKey(mapId), []);
  return Array.isArray(stored) ? (stored.filter((w) => typeof w === 'object' && w !== null && typeof (w as { op?: unknown }).op === 'string') as CommentWrite[]) : [];
}

export function createCommentsClient(mapId: string, key: string | undefined, role: Role, store: EditorStore): CommentsConnection {
  const secret = participantSecret();
  const me = participantIdOf(secret);
  const request = participantRequests(mapId, key, secret);
  const name = () => rememberedName().trim() || 'Guest';

  const cached = load<{ rev?: number; threads?: unknown; viewersComment?: boolean } | null>(listKey(mapId), null);
  let rev = typeof cached?.rev === 'number' ? cached.rev : -1;
  let threads: Thread[] = readThreads(cached?.threads);
  let viewersComment = cached?.viewersComment === true;
  let fromServer = false;
  let outbox = loadOutbox(mapId);
  let lastRead: Record<string, number> = load<LastRead>(readKey(mapId), {}) as Record<string, number>;
  let waiting = false;
  let error: Error | null = null;
  let news: CommentsView['news'] = { seq: 0, items: [] };
  let destroyed = false;

  /** Writes `store.comments` from what this client knows. */
  const publish = () => {
    if (destroyed) return;
    const shown = withOutbox(threads, outbox);
    store.getState().setComments({
      loaded: fromServer || !!cached,
      threads: shown,
      open: openCounts(shown),
      unread: new Set(shown.filter((t) => isUnread(t, lastRead, me)).map((t) => t.id)),
      canWrite: !!key && (role === 'edit' || role === 'comment' || viewersComment),
      canResolve: !!key && role === 'edit',
      waiting: waiting && outbox.length > 0,
      error,
      news,
    });
  };

  // ---- reading the list ----
  let reading: Promise<void> | null = null;
  let readAgain = false;
  const readList = (): Promise<void> => {
    if (!key) return Promise.resolve();
    if (reading) {
      readAgain = true;
      return reading;
    }
    reading = (async () => {
      do {
        readAgain = false;
        const answer = await request<ListAnswer>('GET', 'comments').catch(() => null);
        if (!answer || destroyed) break;
        const next = readThreads(answer.threads);
        // Announced: what others wrote while this tab had the list (not what it finds on opening).
        const arrived = fromServer ? arrivals(threads, next, me) : [];
        if (arrived.length) news = { seq: news.seq + 1, items: arrived.map(({ thread, comment }) => ({ authorName: comment.authorName, target: thread.target })) };
        rev = answer.rev;
        threads = next;
        if (typeof answer.viewersComment === 'boolean') viewersComment = answer.viewersComment;
        fromServer = true;
        save(listKey(mapId), { rev, threads, viewersComment });
        publish();
      } while (readAgain && !destroyed);
      reading = null;
    })();
    return reading;
  };

  /** A write's answer: the thread as the server has it now. Its revision is taken only when it is the
   * next one (else another change came between, which the next read of the list brings). */
  const took = (answer: { rev?: number; thread?: unknown } | null) => {
    const [thread] = readThreads(answer?.thread ? [answer.thread] : []);
    if (!thread) return;
    const at = threads.findIndex((t) => t.id === thread.id);
    threads = at < 0 ? [...threads, thread] : threads.map((t, i) => (i === at ? thread : t));
    if (typeof answer?.rev === 'number' && answer.rev === rev + 1) rev = answer.rev;
    save(listKey(mapId), { rev, threads, viewersComment });
  };

  // ---- the outbox ----
  const setOutbox = (next: CommentWrite[]) => {
    outbox = next;
    save(outboxKey(mapId), outbox);
    publish();
  };
  let sending: CommentWrite | null = null;
  /** Asked to send while a write was on its way (the network came back meanwhile): try again after it. */
  let flushAgain = false;

  const send = (write: CommentWrite) => {
    switch (write.op) {
      case 'post':
        return request<{ rev?: number; thread?: unknown }>('POST', 'comments', {
          threadId: write.threadId,
          commentId: write.commentId,
          target: write.target,
          ...(write.stageId ? { stageId: write.stageId } : {}),
          name: write.name,
          text: write.text,
          mentions: write.mentions,
        });
      case 'edit':
        return request<{ rev?: number; thread?: unknown }>('PATCH', `comments/${write.commentId}`, { text: write.text, name: write.name, mentions: write.mentions });
      case 'delete':
        return request<{ rev?: number; thread?: unknown }>('DELETE', `comments/${write.commentId}`);
      case 'resolve':
      case 'reopen':
        return request<{ rev?: number; thread?: unknown }>('POST', `threads/${write.threadId}/${write.op}`, { name: write.name });
    }
  };

  /** Sends what waits, one write at a time, in the order they were made. */
  const flush = async (): Promise<void> => {
    if (!key || destroyed) return;
    if (sending) {
      flushAgain = true;
      return;
    }
    flushAgain = false;
    while (outbox.length && !destroyed) {
      const write = outbox[0]!;
      sending = write;
      try {
        took(await send(write));
        waiting = false;
      } catch (e) {
        if (worthRetrying(e)) {
          // No connection (or the server cannot now): it waits here, shown as not sent yet.
          waiting = true;
          sending = null;
          publish();
          if (flushAgain) return flush();
          return;
        }
        // Deleting what is gone already is done; any other refusal takes the write back and says why.
        if (!(write.op === 'delete' && e instanceof RequestError && e.status === 404)) error = e instanceof Error ? e : new Error(String(e));
      }
      sending = null;
      setOutbox(outbox.filter((w) => w !== write));
    }
  };
  const queue = (write: CommentWrite) => {
    error = null;
    setOutbox([...outbox, write]);
    void flush();
  };
  /** The post of a comment still waiting here, not on its way: an edit or a deletion changes it in place. */
  const waitingPost = (commentId: string) => outbox.find((w) => w.op === 'post' && w.commentId === commentId && w !== sending) as Extract<CommentWrite, { op: 'post' }> | undefined;
  const stageOfTarget = (target: CommentTarget) =>
    target.type === 'stage' ? target.id : target.type === 'card' ? (store.getState().journey.cards.get(target.id)?.stageId ?? null) : null;

  const stopRetrying = retryWhileWaiting(() => void flush(), () => outbox.length > 0);
  publish();
  void readList();
  void flush();

  return {
    startThread: (asked, text, mentions) => {
      const threadId = newId(16);
      // A thread on the map as a whole names the map by its id (docs/api.md).
      const target: CommentTarget = asked.type === 'map' ? { type: 'map', id: mapId } : asked;
      queue({ op: 'post', threadId, commentId: newId(16), target, stageId: stageOfTarget(target), text, mentions, name: name(), authorId: me, at: Date.now() });
      return threadId;
    },
    reply: (threadId, text, mentions) => {
      const thread = withOutbox(threads, outbox).find((t) => t.id === threadId);
      if (!thread) return;
      queue({ op: 'post', threadId, commentId: newId(16), target: thread.target, stageId: thread.stageId, text, mentions, name: name(), authorId: me, at: Date.now() });
    },
    edit: (commentId, text, mentions) => {
      const post = waitingPost(commentId);
      if (post) return setOutbox(outbox.map((w) => (w === post ? { ...post, text, mentions } : w)));
      queue({ op: 'edit', commentId, text, mentions, name: name(), at: Date.now() });
    },
    remove: (commentId) => {
      // Never sent: it is enough to forget it here.
      const post = waitingPost(commentId);
      if (post) return setOutbox(outbox.filter((w) => w !== post && !('commentId' in w && w.commentId === commentId)));
      queue({ op: 'delete', commentId, at: Date.now() });
    },
    resolve: (threadId) => queue({ op: 'resolve', threadId, name: name(), at: Date.now() }),
    reopen: (threadId) => queue({ op: 'reopen', threadId, name: name(), at: Date.now() }),
    markRead: (threadId) => {
      const thread = threads.find((t) => t.id === threadId);
      const newest = thread ? newestIn(thread) : 0;
      if (!thread || (lastRead[threadId] ?? 0) >= newest) return;
      lastRead = { ...lastRead, [threadId]: newest };
      save(readKey(mapId), lastRead);
      publish();
    },
    dismissError: () => {
      error = null;
      publish();
    },
    nudged: (next) => {
      if (next !== rev) void readList();
    },
    resync: () => {
      void readList();
      void flush();
    },
    destroy: () => {
      destroyed = true;
      stopRetrying();
    },
  };
}

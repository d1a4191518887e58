// The comments client against a small fake of the server's comments routes (docs/api.md,
// "Comments"): what a person sees at once, what waits while offline, what the server ends up with.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Thread } from '../journey/comments';
import { createEditorStore, type EditorStore } from '../store';
import { createCommentsClient, type CommentsConnection } from './commentsClient';

// ---- a browser's storage and window, in Node ----
class MemoryStorage {
  private items = new Map<string, string>();
  getItem = (key: string) => this.items.get(key) ?? null;
  setItem = (key: string, value: string) => void this.items.set(key, value);
  removeItem = (key: string) => void this.items.delete(key);
  clear = () => this.items.clear();
}

/** The server: one map's threads, its revision, who may write. */
class FakeServer {
  threads: Thread[] = [];
  rev = 0;
  offline = false;
  viewersComment = false;
  requests: string[] = [];
  /** Participant id by secret: the fake trusts the client's authorId (the real one derives it). */
  fetch = async (url: string, init: RequestInit = {}): Promise<Response> => {
    if (this.offline) throw new TypeError('Failed to fetch');
    const method = init.method ?? 'GET';
    const path = url.replace(/^\/api\/maps\/m1\//, '');
    this.requests.push(`${method} ${path}`);
    const key = (init.headers as Record<string, string>).authorization!.slice('Bearer '.length);
    const body = init.body ? (JSON.parse(init.body as string) as Record<string, unknown>) : {};
    const json = (status: number, value: unknown) => new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json' } });
    if (method === 'GET') return json(200, { rev: this.rev, viewersComment: this.viewersComment, threads: this.threads });
    if (key === 'view' && !this.viewersComment) return json(403, { error: 'no', code: 'cannotComment', params: {} });
    const changed = (thread: Thread) => json(200, { rev: ++this.rev, thread });
    if (method === 'POST' && path === 'comments') {
      const existing = this.threads.find((t) => t.id === body.threadId);
      const comment = { id: body.commentId as string, authorId: 'me', authorName: body.name as string, text: body.text as string, createdAt: 1000 + this.rev, editedAt: null, deleted: false, mentions: body.mentions as string[] };
      if (existing?.comments.some((c) => c.id === comment.id)) return json(200, { rev: this.rev, thread: existing });
      const thread: Thread = existing
        ? { ...existing, comments: [...existing.comments, comment] }
        : { id: body.threadId as string, target: body.target as Thread['target'], stageId: (body.stageId as string) ?? null, createdAt: comment.createdAt, createdBy: 'me', resolvedAt: null, resolvedBy: null, comments: [comment] };
      this.threads = existing ? this.threads.map((t) => (t === existing ? thread : t)) : [...this.threads, thread];
      return changed(thread);
    }
    const [, commentId] = path.split('/');
    const thread = this.threads.find((t) => t.comments.some((c) => c.id === commentId));
    if (thread && (method === 'PATCH' || method === 'DELETE')) {
      const next = { ...thread, comments: thread.comments.map((c) => (c.id !== commentId ? c : method === 'PATCH' ? { ...c, text: body.text as string, editedAt: 5000 } : { ...c, text: '', deleted: true })) };
      this.threads = this.threads.map((t) => (t === thread ? next : t));
      return changed(next);
    }
    return json(404, { error: 'no', code: 'noSuchComment', params: {} });
  };
  /** Someone else comments on a thread (as another browser would). */
  others(threadId: string, text: string) {
    const comment = { id: `other-${this.rev}`, authorId: 'ana', authorName: 'Ana', text, createdAt: 9000 + this.rev, editedAt: null, deleted: false, mentions: [] };
    const existing = this.threads.find((t) => t.id === threadId);
    this.threads = existing
      ? this.threads.map((t) => (t === existing ? { ...t, comments: [...t.comments, comment] } : t))
      : [...this.threads, { id: threadId, target: { type: 'map', id: 'm1' }, stageId: null, createdAt: comment.createdAt, createdBy: 'ana', resolvedAt: null, resolvedBy: null, comments: [comment] }];
    return ++this.rev;
  }
}

let server: FakeServer;
let store: EditorStore;
let client: CommentsConnection;
const comments = () => store.getState().comments;
const open = (key = 'edit', role: 'edit' | 'comment' | 'view' = 'edit') => {
  store = createEditorStore();
  client = createCommentsClient('m1', key, role, store);
  return client;
};

beforeEach(() => {
  server = new FakeServer();
  vi.stubGlobal('localStorage', new MemoryStorage());
  vi.stubGlobal('window', new EventTarget());
  vi.stubGlobal('fetch', server.fetch);
  localStorage.setItem('touchpoint.name', 'Elena');
});
afterEach(() => {
  client.destroy();
  vi.unstubAllGlobals();
});

describe('the comments client', () => {
  it('shows a new comment at once, sends it, and counts the open thread on its card', async () => {
    open();
    await vi.waitFor(() => expect(comments().loaded).toBe(true));
    const threadId = client.startThread({ type: 'card', id: 'c1' }, 'Why twice?', []);
    expect(comments().threads[0]).toMatchObject({ id: threadId, pending: true, comments: [{ text: 'Why twice?', authorName: 'Elena', pending: true }] });
    expect(comments().open.get('c1')).toBe(1);
    await vi.waitFor(() => expect(comments().threads[0]!.comments[0]!.pending).toBe(false));
    expect(server.threads).toHaveLength(1);
    expect(comments().canWrite).toBe(true);
    expect(comments().canResolve).toBe(true);
  });

  it('keeps what is written offline, marked as waiting, and sends it in order when the browser is back online', async () => {
    open();
    await vi.waitFor(() => expect(comments().loaded).toBe(true));
    server.offline = true;
    const threadId = client.startThread({ type: 'map', id: '' }, 'First', []);
    await vi.waitFor(() => expect(comments().waiting).toBe(true));
    client.reply(threadId, 'Second', []);
    expect(comments().threads[0]!.comments.map((c) => [c.text, c.pending])).toEqual([
      ['First', true],
      ['Second', true],
    ]);
    // Also after a reload: the outbox is kept in this browser.
    client.destroy();
    open();
    expect(comments().threads[0]!.comments.map((c) => c.text)).toEqual(['First', 'Second']);
    server.offline = false;
    window.dispatchEvent(new Event('online'));
    await vi.waitFor(() => expect(comments().waiting).toBe(false));
    await vi.waitFor(() => expect(server.threads[0]?.comments.map((c) => c.text)).toEqual(['First', 'Second']));
    // The map's own thread names the map by its id.
    expect(server.threads[0]!.target).toEqual({ type: 'map', id: 'm1' });
    expect(comments().threads[0]!.comments.every((c) => !c.pending)).toBe(true);
  });

  it('changes or forgets a comment that has not left this browser, instead of sending it twice', async () => {
    open();
    await vi.waitFor(() => expect(comments().loaded).toBe(true));
    server.offline = true;
    const threadId = client.startThread({ type: 'card', id: 'c1' }, 'Typo hree', []);
    await vi.waitFor(() => expect(comments().waiting).toBe(true));
    const first = comments().threads[0]!.comments[0]!.id;
    client.edit(first, 'Typo here', []);
    client.reply(threadId, 'Never mind', []);
    const second = comments().threads[0]!.comments[1]!.id;
    client.remove(second);
    expect(comments().threads[0]!.comments.map((c) => c.text)).toEqual(['Typo here']);
    server.offline = false;
    server.requests = [];
    window.dispatchEvent(new Event('online'));
    await vi.waitFor(() => expect(server.threads[0]?.comments.map((c) => c.text)).toEqual(['Typo here']));
    expect(server.requests.filter((r) => !r.startsWith('GET'))).toEqual(['POST comments']);
  });

  it('takes back a write the server refuses, and keeps why', async () => {
    open('view', 'view');
    await vi.waitFor(() => expect(comments().loaded).toBe(true));
    expect(comments().canWrite).toBe(false);
    client.startThread({ type: 'card', id: 'c1' }, 'Let me in', []);
    await vi.waitFor(() => expect(comments().error).not.toBeNull());
    expect(comments().threads).toEqual([]);
    expect((comments().error as Error & { refusal?: { code: string } }).refusal?.code).toBe('cannotComment');
    client.dismissError();
    expect(comments().error).toBeNull();
  });

  it('reads the list again when the server says it changed, tells what others wrote, and keeps it unread until read', async () => {
    open();
    await vi.waitFor(() => expect(comments().loaded).toBe(true));
    const threadId = client.startThread({ type: 'map', id: '' }, 'Mine', []);
    await vi.waitFor(() => expect(server.threads).toHaveLength(1));
    expect(comments().unread.size).toBe(0);
    client.nudged(server.others(threadId, 'Ana’s answer'));
    await vi.waitFor(() => expect(comments().news.seq).toBe(1));
    expect(comments().news.items).toEqual([{ authorName: 'Ana', target: { type: 'map', id: 'm1' } }]);
    expect(comments().unread.has(threadId)).toBe(true);
    client.markRead(threadId);
    expect(comments().unread.size).toBe(0);
    // A nudge for what this tab has already read asks nothing.
    server.requests = [];
    client.nudged(server.rev);
    expect(server.requests).toEqual([]);
  });

  it('shows the last list it read while the server cannot be reached', async () => {
    open();
    server.others('t1', 'Seen before');
    client.resync();
    await vi.waitFor(() => expect(comments().threads).toHaveLength(1));
    client.destroy();
    server.offline = true;
    open();
    expect(comments().loaded).toBe(true);
    expect(comments().threads[0]!.comments[0]!.text).toBe('Seen before');
  });
});

import { describe, expect, it } from 'vitest';
import { arrivals, groupThreads, isUnread, openCounts, readThreads, withOutbox, type CommentWrite } from './commentView';
import type { Comment, Thread } from './comments';
import { keysBetween } from './order';
import type { Card, Stage } from './types';

const ME = 'me-participant-id';
const ANA = 'ana-participant-id';

const comment = (id: string, authorId: string, createdAt: number, text = `text ${id}`): Comment => ({
  id,
  authorId,
  authorName: authorId === ME ? 'Me' : 'Ana',
  text,
  createdAt,
  editedAt: null,
  deleted: false,
  mentions: [],
});

const thread = (id: string, target: Thread['target'], comments: Comment[], extra: Partial<Thread> = {}): Thread => ({
  id,
  target,
  stageId: target.type === 'stage' ? target.id : null,
  createdAt: comments[0]?.createdAt ?? 0,
  createdBy: comments[0]?.authorId ?? '',
  resolvedAt: null,
  resolvedBy: null,
  comments,
  ...extra,
});

// Stages in map order s1, s2, s3 — put into the Map in reverse, so insertion order would be wrong.
const keys = keysBetween(null, null, 3);
const stages = new Map<string, Stage>(
  ['s3', 's2', 's1'].map((id) => [id, { id, name: `Stage ${id}`, goal: '', index: keys[Number(id[1]) - 1]! }]),
);
const cards = new Map<string, Card>([['c1', { id: 'c1', stageId: 's2', laneId: 'l', kind: 'note', index: 'a0', text: 'A card' } as Card]]);
const journey = { stages, cards };

describe('the outbox laid over the server’s threads', () => {
  const base = [thread('t1', { type: 'card', id: 'c1' }, [comment('k1', ANA, 100)])];

  it('shows a new thread and a reply at once, marked pending, and the server’s own as sent', () => {
    const outbox: CommentWrite[] = [
      { op: 'post', threadId: 't2', commentId: 'k2', target: { type: 'map', id: 'm' }, stageId: null, text: 'On the map', mentions: [], name: 'Me', authorId: ME, at: 200 },
      { op: 'post', threadId: 't1', commentId: 'k3', target: { type: 'card', id: 'c1' }, stageId: 's2', text: 'A reply', mentions: ['Ana'], name: 'Me', authorId: ME, at: 300 },
    ];
    const shown = withOutbox(base, outbox);
    expect(shown.map((t) => t.id)).toEqual(['t1', 't2']);
    expect(shown[0]!.comments.map((c) => [c.text, c.pending])).toEqual([
      ['text k1', false],
      ['A reply', true],
    ]);
    expect(shown[1]).toMatchObject({ pending: true, target: { type: 'map' }, comments: [{ text: 'On the map', authorId: ME, pending: true }] });
  });

  it('a write the server already has (a retried post) is not shown twice', () => {
    const outbox: CommentWrite[] = [{ op: 'post', threadId: 't1', commentId: 'k1', target: { type: 'card', id: 'c1' }, stageId: 's2', text: 'text k1', mentions: [], name: 'Ana', authorId: ANA, at: 100 }];
    expect(withOutbox(base, outbox)[0]!.comments).toHaveLength(1);
  });

  it('edits, deletes, resolves and reopens in the order they were made', () => {
    const edited = withOutbox(base, [{ op: 'edit', commentId: 'k1', text: 'Better', mentions: [], name: 'Ana', at: 150 }]);
    expect(edited[0]!.comments[0]).toMatchObject({ text: 'Better', editedAt: 150, pending: true });
    const deleted = withOutbox(base, [{ op: 'delete', commentId: 'k1', at: 160 }]);
    expect(deleted[0]!.comments[0]).toMatchObject({ text: '', deleted: true });
    const resolved = withOutbox(base, [{ op: 'resolve', threadId: 't1', name: 'Me', at: 170 }]);
    expect(resolved[0]).toMatchObject({ resolvedAt: 170, resolvedBy: 'Me', pending: true });
    const reopened = withOutbox(base, [
      { op: 'resolve', threadId: 't1', name: 'Me', at: 170 },
      { op: 'reopen', threadId: 't1', name: 'Me', at: 180 },
    ]);
    expect(reopened[0]!.resolvedAt).toBeNull();
  });
});

describe('what the map and the panel show', () => {
  const threads = withOutbox(
    [
      thread('map', { type: 'map', id: 'm' }, [comment('a', ANA, 50)]),
      thread('on-card', { type: 'card', id: 'c1' }, [comment('b', ANA, 10)], { stageId: 's1' }),
      thread('on-card-2', { type: 'card', id: 'c1' }, [comment('c', ANA, 20)]),
      thread('resolved', { type: 'card', id: 'c1' }, [comment('d', ANA, 30)], { resolvedAt: 40, resolvedBy: 'Me' }),
      thread('on-stage', { type: 'stage', id: 's2' }, [comment('e', ANA, 60)]),
      thread('deleted-card', { type: 'card', id: 'gone' }, [comment('f', ANA, 5)], { stageId: 's3' }),
      thread('deleted-stage', { type: 'stage', id: 'gone-stage' }, [comment('g', ANA, 6)]),
      thread('all-deleted', { type: 'card', id: 'c1' }, [{ ...comment('h', ANA, 7), deleted: true, text: '' }]),
    ],
    [],
  );

  it('counts the open threads of each card and stage (not resolved ones, not emptied ones)', () => {
    const counts = openCounts(threads);
    expect(counts.get('c1')).toBe(2);
    expect(counts.get('s2')).toBe(1);
    expect(counts.has('m')).toBe(false);
  });

  it('groups the map’s threads first, then per stage in map order, a stage’s own threads before its cards’; a card that moved takes its threads along', () => {
    const groups = groupThreads(threads, journey);
    expect(groups.map.map((t) => t.id)).toEqual(['map']);
    expect(groups.stages.map((g) => [g.stage.id, g.threads.map((t) => t.id)])).toEqual([
      ['s2', ['on-stage', 'all-deleted', 'on-card', 'on-card-2', 'resolved']],
      ['s3', ['deleted-card']],
    ]);
    expect(groups.elsewhere.map((t) => t.id)).toEqual(['deleted-stage']);
  });

  it('a thread is unread while it has a comment by someone else newer than when it was last read', () => {
    const [t] = withOutbox([thread('t', { type: 'map', id: 'm' }, [comment('a', ANA, 100), comment('b', ME, 200)])], []);
    expect(isUnread(t!, {}, ME)).toBe(true);
    expect(isUnread(t!, { t: 100 }, ME)).toBe(false);
    // One's own later comment never makes a thread unread, nor does one's own pending one.
    expect(isUnread(t!, { t: 150 }, ME)).toBe(false);
    expect(isUnread(t!, {}, ANA)).toBe(true);
  });

  it('tells the comments that arrived from others since the last list', () => {
    const before = [thread('t', { type: 'map', id: 'm' }, [comment('a', ANA, 100)])];
    const after = [thread('t', { type: 'map', id: 'm' }, [comment('a', ANA, 100), comment('b', ANA, 200), comment('c', ME, 300)])];
    expect(arrivals(before, after, ME).map((a) => a.comment.id)).toEqual(['b']);
  });
});

describe('reading threads', () => {
  it('keeps what reads and leaves out what does not', () => {
    const good = thread('t1', { type: 'card', id: 'c1' }, [comment('k1', ANA, 1)]);
    const read = readThreads([good, { id: 'bad id!', target: { type: 'card', id: 'x' } }, 'nonsense', { ...good, id: 't2', target: { type: 'sticker', id: 'x' } }]);
    expect(read.map((t) => t.id)).toEqual(['t1']);
    expect(readThreads('not a list')).toEqual([]);
  });
});

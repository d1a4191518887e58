// Comments and the comment link, on a real server with real y-websocket clients and the SQLite file
// read directly: a comment key reads the map live and can never change it (whatever its client
// sends), can comment; a view key comments only when the editors allow it; only a comment's author
// edits or deletes it, only the edit key resolves; a retried post adds nothing; everyone connected
// hears message 102 after each change; comments survive a restart, travel in the map file, and go
// with their map; hostile bodies store nothing.
import Database from 'better-sqlite3';
import * as decoding from 'lib0/decoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard } from '../src/doc/commands';
import { COMMENTS_PROTOCOL, MESSAGE_COMMENTS, readCommentsMessage } from '../src/doc/commentsNudge';
import { newParticipantSecret, participantIdOf } from '../src/journey/participant';
import {
  api,
  cardTexts,
  contentOf,
  createMap,
  firstCell,
  mapCount,
  nextClose,
  openClient,
  rawSocket,
  readStored,
  sqliteFile,
  syncStep2Message,
  testResources,
  updateMessage,
  waitFor,
  type CreatedMap,
  type RawSocket,
  type TestServer,
} from './testing/harness';

const FORBIDDEN_WRITES = 3;
const { track, serve, finish } = testResources();
let server: TestServer;
const sockets: RawSocket[] = [];

beforeAll(async () => {
  server = await serve({ limits: { forbiddenWrites: FORBIDDEN_WRITES } });
});
afterAll(async () => {
  for (const s of sockets.splice(0)) s.ws.terminate();
  await finish();
});

const raw = async (id: string, protocols: string[]) => {
  const s = await rawSocket(server.ws, id, protocols);
  sockets.push(s);
  return s;
};

/** Someone with a browser of their own: their secret, and their public id. */
function person(name: string) {
  const secret = newParticipantSecret();
  return { name, secret, id: participantIdOf(secret), headers: { 'x-participant': secret } };
}
type Person = ReturnType<typeof person>;

let ids = 0;
const newId = (prefix: string) => `${prefix}-${++ids}-${Math.random().toString(36).slice(2, 8)}`;

/** Posts a comment as `who` with `key`; a new thread on the map unless `threadId` is given. */
function post(map: CreatedMap, key: string, who: Person, fields: Record<string, unknown> = {}, base = server.http) {
  const json = { threadId: newId('t'), commentId: newId('c'), target: { type: 'map', id: map.id }, name: who.name, text: `Said by ${who.name}`, ...fields };
  return api(base, `/api/maps/${map.id}/comments`, { key, json, headers: who.headers });
}
const list = (map: CreatedMap, key: string, base = server.http) => api(base, `/api/maps/${map.id}/comments`, { key });

interface Row {
  id: string;
  thread_id: string;
  author_id: string;
  author_name: string;
  text: string;
  edited_at: number | null;
  deleted_at: number | null;
}
/** What the SQLite file holds for a map's comments and threads, and its revision, read directly. */
function stored(mapId: string, dataDir = server.dataDir) {
  const db = new Database(sqliteFile(dataDir), { readonly: true, fileMustExist: true });
  try {
    return {
      comments: db.prepare('SELECT id, thread_id, author_id, author_name, text, edited_at, deleted_at FROM comments WHERE map_id = ? ORDER BY rowid').all(mapId) as Row[],
      threads: db.prepare('SELECT id, resolved_at, resolved_by FROM comment_threads WHERE map_id = ? ORDER BY rowid').all(mapId) as { id: string; resolved_at: number | null; resolved_by: string | null }[],
      rev: (db.prepare('SELECT comments_rev AS rev FROM maps WHERE id = ?').get(mapId) as { rev: number } | undefined)?.rev,
    };
  } finally {
    db.close();
  }
}

describe('the comment link', () => {
  it('a new map has a comment key beside the edit and view keys; it opens the role "comment"; editors read and share it', async () => {
    const map = await createMap(server.http);
    expect(map.commentKey).toMatch(/^[\w-]{24}$/);
    expect(new Set([map.editKey, map.viewKey, map.commentKey]).size).toBe(3);
    expect(map.links.comment).toMatch(new RegExp(`/#/map/${map.id}\\?key=${map.commentKey}$`));
    expect((await api(server.http, `/api/maps/${map.id}`, { key: map.commentKey })).body).toEqual({ id: map.id, role: 'comment' });
    expect((await api(server.http, `/api/maps/${map.id}`, { key: map.editKey })).body).toEqual({ id: map.id, role: 'edit', viewKey: map.viewKey, commentKey: map.commentKey });

    expect((await api(server.http, `/api/maps/${map.id}/sharing`, { key: map.editKey })).body).toEqual({ viewKey: map.viewKey, commentKey: map.commentKey, viewersComment: false });
    for (const key of [map.commentKey, map.viewKey]) {
      const res = await api(server.http, `/api/maps/${map.id}/sharing`, { key });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('needsEditKey');
      expect((await api(server.http, `/api/maps/${map.id}/sharing`, { method: 'PATCH', key, json: { viewersComment: true } })).status).toBe(403);
    }
    expect((await api(server.http, `/api/maps/${map.id}/sharing`, { key: 'wrong-key-wrong-key' })).status).toBe(401);
    const bad = await api(server.http, `/api/maps/${map.id}/sharing`, { method: 'PATCH', key: map.editKey, json: { viewersComment: 'yes' } });
    expect(bad).toMatchObject({ status: 400, body: { code: 'badField', params: { field: 'viewersComment' } } });
    expect(stored(map.id).rev).toBe(0);
  });

  it('follows the map live, and its document updates, from its client or a raw socket, change nothing stored; it can comment', async () => {
    const map = await createMap(server.http, { template: 'currentJourney' });
    const editor = track(await openClient(server.ws, map.id, map.editKey));
    const commenter = track(await openClient(server.ws, map.id, map.commentKey));
    expect(contentOf(commenter.doc)).toEqual(contentOf(editor.doc));
    const title = editor.doc.getMap('meta').get('title');
    const { stageId, laneId } = firstCell(editor.doc, { cardLane: true });
    const live = addCard(editor.doc, stageId, laneId, { text: 'seen live' })!;
    await waitFor(() => cardTexts(commenter.doc).get(live) === 'seen live', 'the comment link to see the editor’s card');

    // Its own client writes a card (one update: under the threshold, so it stays connected) …
    addCard(commenter.doc, stageId, laneId, { text: 'forged by the comment link' });
    // … and a modified client sends real updates against the map's state, as update and as step 2.
    const local = new Y.Doc();
    Y.applyUpdate(local, Y.encodeStateAsUpdate(editor.doc));
    const forged: Uint8Array[] = [];
    local.on('update', (u: Uint8Array) => forged.push(u));
    addCard(local, stageId, laneId, { text: 'forged by a raw socket' });
    local.getMap('meta').set('title', 'Forged title');
    const socket = await raw(map.id, [`key.${map.commentKey}`]);
    socket.send(updateMessage(forged[0]!));
    socket.send(syncStep2Message(forged[1]!));
    await socket.roundTrip(); // handled, and the socket is still open

    const marker = addCard(editor.doc, stageId, laneId, { text: 'marker' })!;
    await waitFor(() => cardTexts(readStored(server.dataDir, map.id).doc).has(marker), 'the editor’s marker to be stored');
    for (const doc of [readStored(server.dataDir, map.id).doc, editor.doc]) {
      expect([...cardTexts(doc).values()].filter((t) => t.startsWith('forged'))).toEqual([]);
      expect(doc.getMap('meta').get('title')).toBe(title);
    }

    // It comments, with its key.
    const ana = person('Ana');
    const res = await post(map, map.commentKey, ana, { text: 'Why two steps here?' });
    expect(res.status).toBe(201);
    expect(res.body.thread.comments).toMatchObject([{ authorId: ana.id, authorName: 'Ana', text: 'Why two steps here?', deleted: false }]);
    expect(stored(map.id).comments.map((c) => c.text)).toEqual(['Why two steps here?']);

    // Past the threshold it is closed for good, as a view link is.
    const closed = nextClose(commenter.provider);
    for (let i = 0; i < FORBIDDEN_WRITES; i++) addCard(commenter.doc, stageId, laneId, { text: `forged ${i}` });
    expect((await closed).code).toBe(4403);
  });

  it('a view key comments only while the editors allow view links to comment', async () => {
    const map = await createMap(server.http);
    const vera = person('Vera');
    const refused = await post(map, map.viewKey, vera);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('cannotComment');
    expect((await list(map, map.viewKey)).body).toEqual({ rev: 0, viewersComment: false, threads: [] });

    const allowed = await api(server.http, `/api/maps/${map.id}/sharing`, { method: 'PATCH', key: map.editKey, json: { viewersComment: true } });
    expect(allowed.body).toEqual({ viewKey: map.viewKey, commentKey: map.commentKey, viewersComment: true });
    expect((await list(map, map.viewKey)).body).toMatchObject({ viewersComment: true, threads: [] });
    const posted = await post(map, map.viewKey, vera, { text: 'Looks right to me' });
    expect(posted.status).toBe(201);
    const own = posted.body.thread.comments[0].id as string;
    expect((await api(server.http, `/api/maps/${map.id}/comments/${own}`, { method: 'PATCH', key: map.viewKey, json: { text: 'Looks right', name: 'Vera' }, headers: vera.headers })).status).toBe(200);

    await api(server.http, `/api/maps/${map.id}/sharing`, { method: 'PATCH', key: map.editKey, json: { viewersComment: false } });
    expect((await post(map, map.viewKey, vera)).status).toBe(403);
    expect((await api(server.http, `/api/maps/${map.id}/comments/${own}`, { method: 'DELETE', key: map.viewKey, headers: vera.headers })).status).toBe(403);
    expect(stored(map.id).comments.map((c) => [c.text, c.deleted_at])).toEqual([['Looks right', null]]);
  });
});

describe('who may change a comment', () => {
  it('only its author edits or deletes it: anyone else gets 403 and nothing stored changes', async () => {
    const map = await createMap(server.http);
    const ana = person('Ana');
    const bob = person('Bob');
    const first = await post(map, map.commentKey, ana, { text: 'Ana’s words', mentions: ['Bob'] });
    const commentId = first.body.thread.comments[0].id as string;
    const path = `/api/maps/${map.id}/comments/${commentId}`;
    const was = stored(map.id);

    // Bob holds the edit key, and still cannot touch Ana's comment.
    const edit = await api(server.http, path, { method: 'PATCH', key: map.editKey, json: { text: 'Bob’s words', name: 'Bob' }, headers: bob.headers });
    expect(edit.status).toBe(403);
    expect(edit.body.code).toBe('notYours');
    const del = await api(server.http, path, { method: 'DELETE', key: map.editKey, headers: bob.headers });
    expect(del).toMatchObject({ status: 403, body: { code: 'notYours' } });
    // Without a participant secret nobody is anybody.
    expect((await api(server.http, path, { method: 'DELETE', key: map.editKey })).body.code).toBe('noParticipant');
    expect(stored(map.id)).toEqual(was);

    const edited = await api(server.http, path, { method: 'PATCH', key: map.commentKey, json: { text: 'Ana’s better words', name: 'Ana P.' }, headers: ana.headers });
    expect(edited.status).toBe(200);
    expect(edited.body.thread.comments[0]).toMatchObject({ text: 'Ana’s better words', authorName: 'Ana P.', mentions: [], editedAt: expect.any(Number), deleted: false });
    expect(edited.body.rev).toBe(was.rev! + 1);

    const deleted = await api(server.http, path, { method: 'DELETE', key: map.commentKey, headers: ana.headers });
    expect(deleted.status).toBe(200);
    expect(deleted.body.thread.comments).toEqual([expect.objectContaining({ id: commentId, text: '', deleted: true, mentions: [] })]);
    // Its words are gone from the disk, its place kept.
    expect(stored(map.id).comments).toEqual([expect.objectContaining({ id: commentId, text: '', deleted_at: expect.any(Number) })]);
    // A retried delete changes nothing; an edit of a deleted comment finds nothing.
    const again = await api(server.http, path, { method: 'DELETE', key: map.commentKey, headers: ana.headers });
    expect(again).toMatchObject({ status: 200, body: { rev: deleted.body.rev } });
    expect((await api(server.http, path, { method: 'PATCH', key: map.commentKey, json: { text: 'back', name: 'Ana' }, headers: ana.headers })).body.code).toBe('noSuchComment');
    expect((await list(map, map.viewKey)).body.threads[0].comments[0]).toMatchObject({ deleted: true, text: '' });
  });

  it('only the edit key resolves and reopens a thread', async () => {
    const map = await createMap(server.http);
    const ana = person('Ana');
    const threadId = (await post(map, map.commentKey, ana)).body.thread.id as string;
    const was = stored(map.id);
    for (const key of [map.commentKey, map.viewKey]) {
      const res = await api(server.http, `/api/maps/${map.id}/threads/${threadId}/resolve`, { key, json: { name: 'Ana' } });
      expect(res).toMatchObject({ status: 403, body: { code: 'needsEditKey' } });
    }
    expect(stored(map.id)).toEqual(was);

    const resolved = await api(server.http, `/api/maps/${map.id}/threads/${threadId}/resolve`, { key: map.editKey, json: { name: 'Eva' } });
    expect(resolved.body.thread).toMatchObject({ resolvedAt: expect.any(Number), resolvedBy: 'Eva' });
    const twice = await api(server.http, `/api/maps/${map.id}/threads/${threadId}/resolve`, { key: map.editKey, json: { name: 'Eva' } });
    expect(twice.body).toEqual(resolved.body);
    const reopened = await api(server.http, `/api/maps/${map.id}/threads/${threadId}/reopen`, { key: map.editKey, json: { name: 'Eva' } });
    expect(reopened.body.thread).toMatchObject({ resolvedAt: null, resolvedBy: null });
    expect(reopened.body.rev).toBe(resolved.body.rev + 1);
    expect((await api(server.http, `/api/maps/${map.id}/threads/nope/resolve`, { key: map.editKey, json: { name: 'Eva' } })).body.code).toBe('noSuchThread');
  });
});

describe('posting', () => {
  it('a retried post with the same ids answers the same thread and adds nothing, even when the retries race', async () => {
    const map = await createMap(server.http);
    const ana = person('Ana');
    const fields = { threadId: 'thread-1', commentId: 'comment-1', target: { type: 'card', id: 'card-1' }, stageId: 'stage-1', text: 'Once' };
    const first = await post(map, map.commentKey, ana, fields);
    expect(first.status).toBe(201);
    expect(first.body.thread).toMatchObject({ id: 'thread-1', target: { type: 'card', id: 'card-1' }, stageId: 'stage-1', createdBy: ana.id, resolvedAt: null });
    const again = await post(map, map.commentKey, ana, fields);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);

    const racing = await Promise.all(Array.from({ length: 5 }, () => post(map, map.commentKey, ana, { ...fields, threadId: 'thread-2', commentId: 'comment-2' })));
    expect(racing.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(stored(map.id).comments.map((c) => c.id)).toEqual(['comment-1', 'comment-2']);

    // The same comment id from someone else, or into another thread, is refused.
    expect((await post(map, map.commentKey, person('Bob'), fields)).body.code).toBe('commentIdTaken');
    expect((await post(map, map.commentKey, ana, { ...fields, threadId: 'thread-2' })).status).toBe(409);
    // A reply needs no target; a reply to a thread that does not exist is refused.
    const reply = await post(map, map.editKey, person('Eva'), { threadId: 'thread-1', target: undefined, text: 'Twice?' });
    expect(reply.status).toBe(201);
    expect(reply.body.thread.comments.map((c: { text: string }) => c.text)).toEqual(['Once', 'Twice?']);
    expect((await post(map, map.editKey, ana, { threadId: 'no-thread', target: undefined })).body.code).toBe('noSuchThread');
    expect(stored(map.id).comments).toHaveLength(3);
  });

  it('a thread on a card keeps its stage, and stays when the card is deleted', async () => {
    const map = await createMap(server.http, { template: 'currentJourney' });
    const editor = track(await openClient(server.ws, map.id, map.editKey));
    const { stageId, laneId } = firstCell(editor.doc, { cardLane: true });
    const cardId = addCard(editor.doc, stageId, laneId, { text: 'Card to discuss' })!;
    await post(map, map.commentKey, person('Ana'), { target: { type: 'card', id: cardId }, stageId });
    editor.doc.getMap('cards').delete(cardId);
    await waitFor(() => !cardTexts(readStored(server.dataDir, map.id).doc).has(cardId), 'the deletion to be stored');
    expect((await list(map, map.editKey)).body.threads).toEqual([expect.objectContaining({ target: { type: 'card', id: cardId }, stageId })]);
  });

  it('GET ?since= answers only the threads changed after that revision', async () => {
    const map = await createMap(server.http);
    const ana = person('Ana');
    const a = await post(map, map.commentKey, ana, { threadId: 'a' });
    await post(map, map.commentKey, ana, { threadId: 'b' });
    const since = await api(server.http, `/api/maps/${map.id}/comments?since=${a.body.rev}`, { key: map.viewKey });
    expect(since.body.threads.map((t: { id: string }) => t.id)).toEqual(['b']);
    expect(since.body.rev).toBe(a.body.rev + 1);
    expect((await api(server.http, `/api/maps/${map.id}/comments?since=-1`, { key: map.viewKey })).status).toBe(400);
  });
});

describe('the live nudge (message 102)', () => {
  it('reaches a connected editor and a comment-link client with the new revision after each change; a client without the protocol gets none', async () => {
    const map = await createMap(server.http);
    const heard = { editor: [] as number[], commenter: [] as number[] };
    const listen = (who: keyof typeof heard) => (_encoder: unknown, decoder: decoding.Decoder) => heard[who].push(decoding.readVarUint(decoder));
    const editor = track(await openClient(server.ws, map.id, map.editKey, { protocols: [`key.${map.editKey}`, COMMENTS_PROTOCOL] }));
    editor.provider.messageHandlers[MESSAGE_COMMENTS] = listen('editor');
    const commenter = track(await openClient(server.ws, map.id, map.commentKey, { protocols: [`key.${map.commentKey}`, COMMENTS_PROTOCOL] }));
    commenter.provider.messageHandlers[MESSAGE_COMMENTS] = listen('commenter');
    const stock = await raw(map.id, [`key.${map.viewKey}`]);

    const ana = person('Ana');
    const posted = await post(map, map.commentKey, ana);
    await waitFor(() => heard.editor.length === 1 && heard.commenter.length === 1, 'both to hear of the new comment');
    expect(heard).toEqual({ editor: [posted.body.rev], commenter: [posted.body.rev] });

    const resolved = await api(server.http, `/api/maps/${map.id}/threads/${posted.body.thread.id}/resolve`, { key: map.editKey, json: { name: 'Eva' } });
    await waitFor(() => heard.commenter.length === 2, 'the comment link to hear of the resolve');
    expect(heard.commenter[1]).toBe(resolved.body.rev);
    // A request that changes nothing (a retried resolve) says nothing.
    await api(server.http, `/api/maps/${map.id}/threads/${posted.body.thread.id}/resolve`, { key: map.editKey, json: { name: 'Eva' } });
    await post(map, map.commentKey, ana);
    await waitFor(() => heard.editor.length === 3, 'the editor to hear of the next comment');
    expect(heard.editor).toEqual([1, 2, 3]);

    await stock.roundTrip(); // anything sent to it before this answer has arrived
    expect(stock.received.filter((m) => readCommentsMessage(m) !== undefined)).toEqual([]);
    expect(stock.ws.readyState).toBe(stock.ws.OPEN);
  });
});

describe('keys and bodies', () => {
  it('a request without a key, with a wrong key, or for an unknown map is refused as the other routes refuse it', async () => {
    const map = await createMap(server.http);
    const ana = person('Ana');
    const threadId = (await post(map, map.commentKey, ana)).body.thread.id as string;
    const was = stored(map.id);
    const requests: [string, string, unknown?][] = [
      ['GET', `/api/maps/${map.id}/comments`],
      ['POST', `/api/maps/${map.id}/comments`, { threadId: 'x', commentId: 'y', target: { type: 'map', id: map.id }, name: 'Ana', text: 'hi' }],
      ['PATCH', `/api/maps/${map.id}/comments/c1`, { text: 'hi', name: 'Ana' }],
      ['DELETE', `/api/maps/${map.id}/comments/c1`],
      ['POST', `/api/maps/${map.id}/threads/${threadId}/resolve`, { name: 'Ana' }],
      ['GET', `/api/maps/no-such-map/comments`],
    ];
    for (const [method, path, json] of requests) {
      for (const key of [undefined, 'wrong-key-wrong-key', map.viewKey.slice(1)]) {
        const res = await api(server.http, path, { method, key, json, headers: ana.headers });
        expect(res.status, `${method} ${path} ${key}`).toBe(401);
        expect(res.body.code).toBe('unknownMapOrKey');
      }
    }
    expect(stored(map.id)).toEqual(was);
  });

  it('hostile bodies are refused with 400 naming the field, and store nothing', async () => {
    const map = await createMap(server.http);
    const ana = person('Ana');
    const posted = await post(map, map.commentKey, ana);
    const commentId = posted.body.thread.comments[0].id as string;
    const was = stored(map.id);
    const huge = 'x'.repeat(1024 * 1024);
    const nested = (levels: number): unknown => (levels === 0 ? 1 : { a: nested(levels - 1) });
    const good = { threadId: 'ok', commentId: 'ok', target: { type: 'card', id: 'card' }, name: 'Ana', text: 'fine' };
    const comments = `/api/maps/${map.id}/comments`;
    // [method, path, body, the field the refusal must name, its code]
    const cases: [string, string, unknown, string, string][] = [
      ['POST', comments, { ...good, text: huge }, 'text', 'commentTooLong'],
      ['POST', comments, { ...good, text: 'x'.repeat(4001) }, 'text', 'commentTooLong'],
      ['POST', comments, { ...good, text: '   ' }, 'text', 'badField'],
      ['POST', comments, { ...good, text: 42 }, 'text', 'badField'],
      ['POST', comments, { ...good, text: nested(20) }, 'text', 'badField'],
      ['POST', comments, { ...good, name: 'n'.repeat(81) }, 'name', 'badField'],
      ['POST', comments, { ...good, name: ['Ana'] }, 'name', 'badField'],
      ['POST', comments, { ...good, mentions: 'Bob' }, 'mentions', 'badField'],
      ['POST', comments, { ...good, mentions: Array.from({ length: 21 }, (_, i) => `P${i}`) }, 'mentions', 'badField'],
      ['POST', comments, { ...good, mentions: ['m'.repeat(81)] }, 'mentions', 'badField'],
      ['POST', comments, { ...good, threadId: '../../etc' }, 'threadId', 'badField'],
      ['POST', comments, { ...good, commentId: huge }, 'commentId', 'badField'],
      ['POST', comments, { ...good, target: { type: 'sticker', id: 'x' } }, 'target', 'badField'],
      ['POST', comments, { ...good, target: { type: 'card', id: 'x', owner: 'me' } }, 'target', 'badField'],
      ['POST', comments, { ...good, stageId: 7 }, 'stageId', 'badField'],
      ['POST', comments, { ...good, authorId: ana.id }, 'authorId', 'unknownFields'],
      ['POST', comments, { ...good, createdAt: 0 }, 'createdAt', 'unknownFields'],
      ['PATCH', `${comments}/${commentId}`, { text: huge, name: 'Ana' }, 'text', 'commentTooLong'],
      ['PATCH', `${comments}/${commentId}`, { text: 'new', name: 'Ana', deleted: true }, 'deleted', 'unknownFields'],
      ['PATCH', `${comments}/${commentId}`, { text: 'new' }, 'name', 'badField'],
      ['DELETE', `${comments}/${commentId}`, { really: true }, 'really', 'unknownFields'],
      ['POST', `/api/maps/${map.id}/threads/${posted.body.thread.id}/resolve`, { name: 'Eva', at: 0 }, 'at', 'unknownFields'],
      ['POST', `/api/maps/${map.id}/threads/${posted.body.thread.id}/resolve`, { name: nested(20) }, 'name', 'badField'],
    ];
    for (const [method, path, json, field, code] of cases) {
      const what = `${method} ${path} ${field}`;
      const res = await api(server.http, path, { method, json, key: map.editKey, headers: ana.headers });
      expect(res.status, what).toBe(400);
      expect(res.body.code, what).toBe(code);
      expect(res.body.error.toLowerCase(), what).toContain(field.toLowerCase());
      expect(res.body.error.length, what).toBeLessThan(500); // a huge value is never sent back
    }
    expect(stored(map.id)).toEqual(was);
  });

  it('the quotas: threads per map, comments per thread and per map (429, nothing stored)', async () => {
    const small = await serve({ limits: { maxCommentThreads: 2, maxCommentsPerThread: 3, maxCommentsPerMap: 5 } });
    const map = await createMap(small.http);
    const ana = person('Ana');
    const at = (fields: Record<string, unknown>) => post(map, map.commentKey, ana, fields, small.http);
    expect((await at({ threadId: 'one' })).status).toBe(201);
    expect((await at({ threadId: 'two' })).status).toBe(201);
    expect((await at({ threadId: 'three' })).body).toMatchObject({ code: 'tooManyThreads', params: { max: 2 } });
    await at({ threadId: 'one', target: undefined });
    await at({ threadId: 'one', target: undefined });
    expect(await at({ threadId: 'one', target: undefined })).toMatchObject({ status: 429, body: { code: 'tooManyComments', params: { max: 3 } } });
    await at({ threadId: 'two', target: undefined });
    expect((await at({ threadId: 'two', target: undefined })).body).toMatchObject({ code: 'tooManyCommentsOnMap', params: { max: 5 } });
    expect(stored(map.id, small.dataDir).comments).toHaveLength(5);
  });
});

describe('comments last', () => {
  it('survive a restart; a map made before comment keys gets one at the start', async () => {
    const first = await serve();
    const map = await createMap(first.http);
    const ana = person('Ana');
    const posted = await post(map, map.commentKey, ana, {}, first.http);
    await api(first.http, `/api/maps/${map.id}/threads/${posted.body.thread.id}/resolve`, { key: map.editKey, json: { name: 'Eva' } });
    const before = (await list(map, map.viewKey, first.http)).body;
    const old = await createMap(first.http);
    await first.shutdown();
    // As a map from before comment keys has it.
    const db = new Database(sqliteFile(first.dataDir));
    db.prepare("UPDATE maps SET comment_key_hash = '', comment_key = '' WHERE id = ?").run(old.id);
    db.close();

    const second = await serve({ dataDir: first.dataDir });
    expect((await list(map, map.viewKey, second.http)).body).toEqual(before);
    expect(before.threads[0]).toMatchObject({ resolvedBy: 'Eva', comments: [{ authorId: ana.id }] });
    const sharing = (await api(second.http, `/api/maps/${old.id}/sharing`, { key: old.editKey })).body;
    expect(sharing.commentKey).toMatch(/^[\w-]{24}$/);
    expect(sharing.commentKey).not.toBe(old.commentKey);
    expect((await api(second.http, `/api/maps/${old.id}`, { key: sharing.commentKey })).body.role).toBe('comment');
    expect((await api(second.http, `/api/maps/${old.id}`, { key: old.commentKey })).status).toBe(401);
  });

  it('travel in the map file: the export has them, a map made from it keeps them (ids and authors); a bad thread refuses the file', async () => {
    const map = await createMap(server.http, { template: 'currentJourney' });
    const ana = person('Ana');
    const posted = await post(map, map.commentKey, ana, { threadId: 'file-thread', commentId: 'file-comment', text: 'Exported with the map', mentions: ['Bob'] });
    await post(map, map.commentKey, ana, { threadId: 'file-thread', commentId: 'file-gone', target: undefined, text: 'Deleted before export' });
    await api(server.http, `/api/maps/${map.id}/comments/file-gone`, { method: 'DELETE', key: map.commentKey, headers: ana.headers });
    const file = (await api(server.http, `/api/maps/${map.id}/export.json`, { key: map.viewKey })).body;
    expect(file.comments).toEqual([expect.objectContaining({ id: 'file-thread', comments: [expect.objectContaining({ id: 'file-comment', authorName: 'Ana', mentions: ['Bob'] }), expect.objectContaining({ id: 'file-gone', text: '', deleted: true })] })]);

    const copy = await createMap(server.http, { file });
    const threads = (await list(copy, copy.viewKey)).body.threads;
    expect(threads).toEqual(file.comments);
    expect(threads[0].comments[0]).toMatchObject({ id: posted.body.thread.comments[0].id, authorId: ana.id });
    // Its author is still its author in the new map.
    const edited = await api(server.http, `/api/maps/${copy.id}/comments/file-comment`, { method: 'PATCH', key: copy.commentKey, json: { text: 'Edited in the copy', name: 'Ana' }, headers: ana.headers });
    expect(edited.status).toBe(200);
    expect((await list(map, map.viewKey)).body.threads[0].comments[0].text).toBe('Exported with the map');

    // A large file (read in a worker) keeps them too.
    const long = { ...file, comments: [{ ...file.comments[0], comments: Array.from({ length: 40 }, (_, i) => ({ ...file.comments[0].comments[0], id: `long-${i}`, text: 'y'.repeat(3000) })) }] };
    const big = await createMap(server.http, { file: long });
    expect((await list(big, big.editKey)).body.threads[0].comments).toHaveLength(40);

    const maps = mapCount(server.dataDir);
    const blank = { ...file, comments: [{ ...file.comments[0], comments: [{ ...file.comments[0].comments[0], text: '  ' }] }] };
    const twice = { ...file, comments: [file.comments[0], file.comments[0]] };
    for (const [bad, path, reason] of [
      [blank, 'comments[0].comments[0].text', 'missing'],
      [twice, 'comments[1].id', 'duplicate'],
    ] as const) {
      const res = await api(server.http, '/api/maps', { json: { file: bad } });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'badMapFile', params: { file: 'invalid', path, reason } });
    }
    expect(mapCount(server.dataDir)).toBe(maps);
  });

  it('stay with their map: a duplicate has none, and deleting the map removes them', async () => {
    const map = await createMap(server.http);
    await post(map, map.commentKey, person('Ana'));
    const copy = await api(server.http, `/api/maps/${map.id}/duplicate`, { key: map.editKey, json: {} });
    expect(copy.body).toMatchObject({ commentKey: expect.any(String), links: { comment: expect.stringContaining(copy.body.commentKey) } });
    expect((await list(copy.body, copy.body.viewKey)).body).toEqual({ rev: 0, viewersComment: false, threads: [] });

    expect(stored(map.id).comments).toHaveLength(1);
    expect((await api(server.http, `/api/maps/${map.id}`, { method: 'DELETE', key: map.editKey })).status).toBe(204);
    expect(stored(map.id)).toEqual({ comments: [], threads: [], rev: undefined });
    expect((await list(map, map.commentKey)).status).toBe(401);
  });
});

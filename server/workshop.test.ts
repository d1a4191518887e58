// Workshop votes and silent rounds through the HTTP API against a real server with a real SQLite
// file and real y-websocket clients: only the edit key and only the facilitator may run them, a
// ballot is one per person however many tabs send it, ballots and private cards never reach any
// browser's document before the close or reveal, and the result lands in the document exactly once.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readJourney } from '../src/doc/bindDoc';
import { sortByIndex } from '../src/journey/order';
import { newParticipantSecret, participantIdOf } from '../src/journey/participant';
import type { Card, Journey, LaneKind } from '../src/journey/types';
import { api, cardTexts, createMap, openClient, readStored, sqliteFile, testResources, waitFor, type CreatedMap, type TestServer } from './testing/harness';
import { MAX_PRIVATE_CARDS } from './workshop';

const { track, serve, finish } = testResources();
let server: TestServer;

beforeAll(async () => {
  server = await serve();
});
afterAll(finish);

interface Call {
  method?: string;
  json?: unknown;
  /** The X-Participant secret; null sends none. */
  secret: string | null;
  /** The map's edit key unless given; null sends none. */
  key?: string | null;
}

const call = (map: CreatedMap, path: string, c: Call) =>
  api(server.http, `/api/maps/${map.id}${path}`, {
    method: c.method,
    json: c.json,
    key: c.key === null ? undefined : (c.key ?? map.editKey),
    headers: c.secret === null ? {} : { 'x-participant': c.secret },
  });

/** Rows of a workshop table for a map, read through a separate connection. */
function rows(table: 'votes' | 'ballots' | 'rounds' | 'private_cards', mapId: string): number {
  const db = new Database(sqliteFile(server.dataDir), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM ${table} WHERE map_id = ?`).get(mapId) as { n: number }).n;
  } finally {
    db.close();
  }
}

/** Whether `needle` occurs anywhere in the whole encoded state of a document. */
const docHolds = (doc: Y.Doc, needle: string) => Buffer.from(Y.encodeStateAsUpdate(doc)).includes(Buffer.from(needle, 'utf8'));

const voteOf = (doc: Y.Doc, id: string) => doc.getMap('votes').get(id) as Record<string, unknown> | undefined;
const roundOf = (doc: Y.Doc) => doc.getMap('workshop').get('round') as Record<string, unknown> | undefined;

/**
 * A current-state map with an editor (who names the facilitator in the document, as the app does)
 * and a second browser, connected with the view key, that only watches. Alice and Bob are participants.
 */
async function workshop() {
  const map = await createMap(server.http, { template: 'currentJourney' });
  const editor = track(await openClient(server.ws, map.id, map.editKey));
  const watcher = track(await openClient(server.ws, map.id, map.viewKey));
  const fay = newParticipantSecret();
  const alice = newParticipantSecret();
  const bob = newParticipantSecret();
  const fayId = participantIdOf(fay);
  editor.doc.getMap('workshop').set('facilitator', { participantId: fayId, name: 'Fay', since: Date.now() });
  // The server broadcasts an update after applying it: once the watcher has it, so has the server.
  await waitFor(() => watcher.doc.getMap('workshop').has('facilitator'), 'the facilitator to reach the server');
  const journey = readJourney(editor.doc);
  const lane = (kind: LaneKind) => [...journey.lanes.values()].find((l) => l.kind === kind)!;
  const stages = sortByIndex(journey.stages.values());
  const cardsIn = (kind: LaneKind) => [...journey.cards.values()].filter((c) => c.laneId === lane(kind).id);
  return { map, editor, watcher, fay, alice, bob, fayId, journey, lane, stages, cardsIn };
}

describe('GET /api/time', () => {
  it('answers the server clock without a key', async () => {
    const before = Date.now();
    const res = await api(server.http, '/api/time');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body.now).toBeGreaterThanOrEqual(before);
    expect(res.body.now).toBeLessThanOrEqual(Date.now());
    expect((await api(server.http, '/api/time', { json: {} })).status).toBe(405);
  });
});

describe('access', () => {
  it('every route needs the edit key (view key 403, wrong or no key 401) and a participant secret (400)', async () => {
    const w = await workshop();
    const actions = w.cardsIn('actions');
    const vote = await call(w.map, '/votes', { secret: w.fay, json: { laneIds: [w.lane('actions').id] } });
    expect(vote.status).toBe(201);
    const round = await call(w.map, '/rounds', { secret: w.fay, json: { durationMs: 60_000 } });
    expect(round.status).toBe(201);
    const v = vote.body.id as string;
    const r = round.body.id as string;
    const routes: [string, string, unknown][] = [
      ['POST', '/votes', { laneIds: [w.lane('actions').id] }],
      ['PUT', `/votes/${v}/ballot`, { cards: [actions[0]!.id] }],
      ['GET', `/votes/${v}/ballot`, undefined],
      ['POST', `/votes/${v}/close`, {}],
      ['POST', '/rounds', { durationMs: 60_000 }],
      ['PUT', `/rounds/${r}/cards/card-1`, { stageId: w.stages[0]!.id, laneId: w.lane('actions').id, text: 'Hidden' }],
      ['GET', `/rounds/${r}/cards`, undefined],
      ['DELETE', `/rounds/${r}/cards/card-1`, undefined],
      ['POST', `/rounds/${r}/reveal`, {}],
    ];
    for (const [method, path, json] of routes) {
      const what = `${method} ${path}`;
      const view = await call(w.map, path, { method, json, secret: w.fay, key: w.map.viewKey });
      expect(view.status, what).toBe(403);
      expect(view.body.error, what).toBe('This needs the edit key.');
      expect((await call(w.map, path, { method, json, secret: w.fay, key: 'not-the-key' })).status, what).toBe(401);
      expect((await call(w.map, path, { method, json, secret: w.fay, key: null })).status, what).toBe(401);
      const none = await call(w.map, path, { method, json, secret: null });
      expect(none.status, what).toBe(400);
      expect(none.body.error, what).toMatch(/X-Participant header/);
      for (const bad of ['short', 'has spaces in it, see', 'x'.repeat(65), 'plus+and/slash=padding']) {
        const res = await call(w.map, path, { method, json, secret: bad });
        expect(res.status, `${what} with ${bad}`).toBe(400);
        expect(res.body.error).toMatch(/X-Participant header must be one participant secret/);
      }
    }
    // None of it changed anything: the vote is open with no ballot, the round open with no card.
    expect((await call(w.map, `/votes/${v}/ballot`, { secret: w.fay })).body).toEqual({ cards: [], remaining: 3, status: 'open', voters: 0 });
    expect((await call(w.map, `/rounds/${r}/cards`, { secret: w.fay })).body).toEqual({ status: 'open', cards: 0, writers: 0, mine: [] });
    expect(rows('ballots', w.map.id)).toBe(0);
    expect(rows('private_cards', w.map.id)).toBe(0);
    // Unknown maps are as unknown here as everywhere.
    expect((await api(server.http, '/api/maps/no-such-map/votes', { key: w.map.editKey, json: {}, headers: { 'x-participant': w.fay } })).status).toBe(401);
  });

  it('only the facilitator opens and closes votes and opens and reveals rounds', async () => {
    const w = await workshop();
    const laneIds = [w.lane('actions').id];
    for (const secret of [w.alice, w.bob]) {
      const res = await call(w.map, '/votes', { secret, json: { laneIds } });
      expect(res.status).toBe(403);
      expect(res.body.error).toBe('Only the facilitator can open a vote.');
      expect((await call(w.map, '/rounds', { secret, json: { durationMs: 60_000 } })).body.error).toBe('Only the facilitator can start a silent round.');
    }
    const vote = (await call(w.map, '/votes', { secret: w.fay, json: { laneIds } })).body;
    const round = (await call(w.map, '/rounds', { secret: w.fay, json: { durationMs: 60_000 } })).body;
    const close = await call(w.map, `/votes/${vote.id}/close`, { method: 'POST', secret: w.alice });
    expect(close.status).toBe(403);
    expect(close.body.error).toBe('Only the facilitator can close a vote.');
    const reveal = await call(w.map, `/rounds/${round.id}/reveal`, { method: 'POST', secret: w.bob });
    expect(reveal.status).toBe(403);
    expect(reveal.body.error).toBe('Only the facilitator can reveal a round.');
    // Knowing the facilitator's public id is no use: it is the secret that counts.
    expect((await call(w.map, `/votes/${vote.id}/close`, { method: 'POST', secret: w.fayId.padEnd(16, 'x') })).status).toBe(403);

    // With nobody facilitator, nobody may; an editor who takes the role in the document may.
    w.editor.doc.getMap('workshop').delete('facilitator');
    await waitFor(() => !w.watcher.doc.getMap('workshop').has('facilitator'), 'the facilitator to be removed');
    const nobody = await call(w.map, `/votes/${vote.id}/close`, { method: 'POST', secret: w.fay });
    expect(nobody.status).toBe(403);
    expect(nobody.body.error).toMatch(/nobody is facilitator on this map yet/);
    w.editor.doc.getMap('workshop').set('facilitator', { participantId: participantIdOf(w.alice), name: 'Alice', since: Date.now() });
    await waitFor(() => w.watcher.doc.getMap('workshop').has('facilitator'), 'the new facilitator to reach the server');
    expect((await call(w.map, `/votes/${vote.id}/close`, { method: 'POST', secret: w.fay })).status).toBe(403);
    expect((await call(w.map, `/votes/${vote.id}/close`, { method: 'POST', secret: w.alice })).status).toBe(200);
    expect((await call(w.map, `/rounds/${round.id}/reveal`, { method: 'POST', secret: w.alice })).status).toBe(200);
  });

  it('a view link cannot take the facilitator role or fake a tally: its writes reach nobody, and the server still refuses its secret', async () => {
    const w = await workshop();
    const vote = (await call(w.map, '/votes', { secret: w.fay, json: { laneIds: [w.lane('painPoints').id] } })).body;
    // A modified viewer client writes itself in as facilitator and closes the vote with a tally of its own.
    const eveId = participantIdOf(w.bob);
    w.watcher.doc.transact(() => {
      w.watcher.doc.getMap('workshop').set('facilitator', { participantId: eveId, name: 'Eve', since: Date.now() });
      w.watcher.doc.getMap('votes').set(vote.id, { ...vote, status: 'closed', tally: { [w.cardsIn('painPoints')[0]!.id]: 99 } });
    });
    // The editor's next change reaches the server and comes back to the viewer; the viewer's never left it.
    w.editor.doc.getMap('meta').set('title', 'After the viewer tried');
    await waitFor(() => w.watcher.doc.getMap('meta').get('title') === 'After the viewer tried', 'the editor’s change to reach the viewer');
    const facilitator = w.editor.doc.getMap('workshop').get('facilitator') as { participantId: string };
    expect(facilitator.participantId).toBe(w.fayId);
    expect(voteOf(w.editor.doc, vote.id)?.status).toBe('open');
    // And with the view key, the secret of the person it named counts for nothing.
    const close = await call(w.map, `/votes/${vote.id}/close`, { method: 'POST', secret: w.bob, key: w.map.viewKey });
    expect(close.status).toBe(403);
    expect(voteOf(w.editor.doc, vote.id)?.status).toBe('open');
  });

  it('answers 404 for unknown votes, rounds and routes, and 405 for wrong methods', async () => {
    const w = await workshop();
    expect((await call(w.map, '/votes/nope/ballot', { secret: w.alice })).status).toBe(404);
    expect((await call(w.map, '/votes/nope/ballot', { secret: w.alice })).body.error).toBe('This map has no such vote.');
    expect((await call(w.map, '/votes/nope/close', { method: 'POST', secret: w.fay })).status).toBe(404);
    expect((await call(w.map, '/rounds/nope/cards', { secret: w.alice })).body.error).toBe('This map has no such round.');
    expect((await call(w.map, '/rounds/nope/cards/c1', { method: 'PUT', secret: w.alice, json: { stageId: 's', laneId: 'l', text: '' } })).status).toBe(404);
    expect((await call(w.map, '/rounds/nope/reveal', { method: 'POST', secret: w.fay })).status).toBe(404);
    expect((await call(w.map, '/votes/a.b/ballot', { secret: w.alice })).status).toBe(404);
    expect((await call(w.map, '/votes/x/ballot/more', { secret: w.alice })).status).toBe(404);
    expect((await call(w.map, '/votes', { secret: w.alice })).status).toBe(405);
    expect((await call(w.map, '/votes/x/close', { secret: w.fay })).status).toBe(405);
  });
});

describe('votes', () => {
  it('checks what opens a vote, and keeps one open at a time', async () => {
    const w = await workshop();
    const actions = w.lane('actions').id;
    const refusals: [unknown, RegExp][] = [
      [{}, /"laneIds" must be a list of ids/],
      [{ laneIds: [] }, /at least one lane/],
      [{ laneIds: ['no-such-lane'] }, /no lane "no-such-lane"/],
      [{ laneIds: [actions], stageIds: ['no-such-stage'] }, /no stage "no-such-stage"/],
      [{ laneIds: [actions], votesPerPerson: 0 }, /from 1 to 20/],
      [{ laneIds: [actions], votesPerPerson: 21 }, /from 1 to 20/],
      [{ laneIds: [actions], votesPerPerson: 2.5 }, /from 1 to 20/],
      [{ laneIds: [actions], allowMultiple: 'yes' }, /"allowMultiple" must be true or false/],
    ];
    for (const [json, error] of refusals) {
      const res = await call(w.map, '/votes', { secret: w.fay, json });
      expect(res.status, JSON.stringify(json)).toBe(400);
      expect(res.body.error).toMatch(error);
    }
    expect(rows('votes', w.map.id)).toBe(0);
    const res = await call(w.map, '/votes', { secret: w.fay, json: { laneIds: [actions] } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'open', votesPerPerson: 3, allowMultiple: false, laneIds: [actions], stageIds: [], openedBy: w.fayId });
    expect(res.body.id).toMatch(/^[0-9A-Za-z]{12}$/);
    const again = await call(w.map, '/votes', { secret: w.fay, json: { laneIds: [actions] } });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatch(/already open/);
    // Every browser sees the vote and that it is the current one.
    await waitFor(() => w.watcher.doc.getMap('workshop').get('vote') === res.body.id, 'the vote to reach the watcher');
    expect(voteOf(w.watcher.doc, res.body.id)).toEqual(res.body);
  });

  it('refuses more than N votes, duplicates (unless allowed), and cards outside the vote', async () => {
    const w = await workshop();
    const [a, b, c] = w.cardsIn('actions');
    const touchpoint = w.cardsIn('touchpoints')[0]!;
    const vote = (await call(w.map, '/votes', { secret: w.fay, json: { laneIds: [w.lane('actions').id], votesPerPerson: 2 } })).body;
    const ballot = (cards: unknown) => call(w.map, `/votes/${vote.id}/ballot`, { method: 'PUT', secret: w.alice, json: { cards } });
    const refusals: [unknown, RegExp][] = [
      [[a!.id, b!.id, c!.id], /gives each person 2 votes; the ballot has 3/],
      [[a!.id, a!.id], /one vote per card/],
      [[touchpoint.id], /is not one this vote is about/],
      [['no-such-card'], /"no-such-card" is not one this vote is about/],
      ['everything', /"cards" must be a list of card ids/],
      [[42], /"cards" must be a list of card ids/],
    ];
    for (const [cards, error] of refusals) {
      const res = await ballot(cards);
      expect(res.status, JSON.stringify(cards)).toBe(400);
      expect(res.body.error).toMatch(error);
    }
    expect(rows('ballots', w.map.id)).toBe(0);
    expect((await ballot([a!.id, b!.id])).body).toEqual({ cards: [a!.id, b!.id], remaining: 0 });
    expect((await ballot([b!.id])).body).toEqual({ cards: [b!.id], remaining: 1 });

    // A vote on some stages only: a card of the lane in another stage is out.
    await call(w.map, `/votes/${vote.id}/close`, { method: 'POST', secret: w.fay });
    const first = w.stages[0]!.id;
    const staged = (await call(w.map, '/votes', { secret: w.fay, json: { laneIds: [w.lane('actions').id], stageIds: [first] } })).body;
    const inFirst = w.cardsIn('actions').find((card) => card.stageId === first)!;
    const elsewhere = w.cardsIn('actions').find((card) => card.stageId !== first)!;
    expect((await call(w.map, `/votes/${staged.id}/ballot`, { method: 'PUT', secret: w.alice, json: { cards: [elsewhere.id] } })).status).toBe(400);
    expect((await call(w.map, `/votes/${staged.id}/ballot`, { method: 'PUT', secret: w.alice, json: { cards: [inFirst.id] } })).status).toBe(200);
  });

  it('counts one ballot per person: two tabs and retries of one secret, several people, the tally in every document', async () => {
    const w = await workshop();
    const [a, b, c, d] = w.cardsIn('actions');
    const vote = (await call(w.map, '/votes', { secret: w.fay, json: { laneIds: [w.lane('actions').id], votesPerPerson: 3 } })).body;
    const put = (secret: string, cards: string[]) => call(w.map, `/votes/${vote.id}/ballot`, { method: 'PUT', secret, json: { cards } });
    // Alice's two tabs send at once, then a retry: still one ballot of at most three votes.
    const tabs = await Promise.all([put(w.alice, [a!.id, b!.id, c!.id]), put(w.alice, [a!.id, b!.id, c!.id]), put(w.alice, [a!.id, b!.id, c!.id])]);
    expect(tabs.map((t) => t.status)).toEqual([200, 200, 200]);
    expect((await put(w.alice, [a!.id, b!.id, c!.id])).body.remaining).toBe(0);
    const alice = await call(w.map, `/votes/${vote.id}/ballot`, { secret: w.alice });
    expect(alice.body).toEqual({ cards: [a!.id, b!.id, c!.id], remaining: 0, status: 'open', voters: 1 });
    // Bob is another participant: his own ballot, and Alice's is not his to see.
    expect((await call(w.map, `/votes/${vote.id}/ballot`, { secret: w.bob })).body).toEqual({ cards: [], remaining: 3, status: 'open', voters: 1 });
    await put(w.bob, [a!.id, d!.id]);
    await put(w.fay, [a!.id]);
    await put(w.fay, []); // changed her mind: an empty ballot is no voter
    expect((await call(w.map, `/votes/${vote.id}/ballot`, { secret: w.bob })).body).toEqual({ cards: [a!.id, d!.id], remaining: 1, status: 'open', voters: 2 });
    expect(rows('ballots', w.map.id)).toBe(3);

    const closed = await call(w.map, `/votes/${vote.id}/close`, { method: 'POST', secret: w.fay });
    expect(closed.status).toBe(200);
    const tally = { [a!.id]: 2, [b!.id]: 1, [c!.id]: 1, [d!.id]: 1 };
    expect(closed.body).toMatchObject({ id: vote.id, status: 'closed', voters: 2, tally });
    expect(closed.body.closedAt).toBeGreaterThanOrEqual(vote.openedAt);
    for (const client of [w.editor, w.watcher]) await waitFor(() => voteOf(client.doc, vote.id)?.status === 'closed', 'the closed vote to reach a client');
    for (const client of [w.editor, w.watcher]) expect(voteOf(client.doc, vote.id)).toEqual(closed.body);
    const twice = await call(w.map, `/votes/${vote.id}/close`, { method: 'POST', secret: w.fay });
    expect(twice.status).toBe(409);
    expect(twice.body.error).toBe('This vote is already closed.');
    expect((await call(w.map, `/votes/${vote.id}/ballot`, { secret: w.alice })).body).toEqual({ cards: [a!.id, b!.id, c!.id], remaining: 0, status: 'closed', voters: 2 });
    // The next vote may open now.
    expect((await call(w.map, '/votes', { secret: w.fay, json: { laneIds: [w.lane('actions').id] } })).status).toBe(201);
  });

  it('allows several votes on one card when the vote says so, and counts them', async () => {
    const w = await workshop();
    const [a, b] = w.cardsIn('actions');
    const vote = (await call(w.map, '/votes', { secret: w.fay, json: { laneIds: [w.lane('actions').id], votesPerPerson: 3, allowMultiple: true } })).body;
    const res = await call(w.map, `/votes/${vote.id}/ballot`, { method: 'PUT', secret: w.alice, json: { cards: [a!.id, a!.id, b!.id] } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ cards: [a!.id, a!.id, b!.id], remaining: 0 });
    expect((await call(w.map, `/votes/${vote.id}/ballot`, { method: 'PUT', secret: w.alice, json: { cards: [a!.id, a!.id, a!.id, a!.id] } })).status).toBe(400);
    await call(w.map, `/votes/${vote.id}/ballot`, { method: 'PUT', secret: w.bob, json: { cards: [a!.id, a!.id] } });
    const closed = await call(w.map, `/votes/${vote.id}/close`, { method: 'POST', secret: w.fay });
    expect(closed.body.tally).toEqual({ [a!.id]: 4, [b!.id]: 1 });
    expect(closed.body.voters).toBe(2);
  });

  it('counts only cards still in the vote at close: a card deleted meanwhile counts for nothing', async () => {
    const w = await workshop();
    const [a, b] = w.cardsIn('actions');
    const vote = (await call(w.map, '/votes', { secret: w.fay, json: { laneIds: [w.lane('actions').id] } })).body;
    await call(w.map, `/votes/${vote.id}/ballot`, { method: 'PUT', secret: w.alice, json: { cards: [a!.id, b!.id] } });
    await call(w.map, `/votes/${vote.id}/ballot`, { method: 'PUT', secret: w.bob, json: { cards: [b!.id] } });
    w.editor.doc.getMap('cards').delete(b!.id);
    await waitFor(() => !w.watcher.doc.getMap('cards').has(b!.id), 'the deletion to reach the server');
    const closed = await call(w.map, `/votes/${vote.id}/close`, { method: 'POST', secret: w.fay });
    expect(closed.body.tally).toEqual({ [a!.id]: 1 });
    expect(closed.body.voters).toBe(1);
  });

  it('refuses a ballot after the close even when an editor rewrites the vote as open in the document', async () => {
    const w = await workshop();
    const [a] = w.cardsIn('actions');
    const vote = (await call(w.map, '/votes', { secret: w.fay, json: { laneIds: [w.lane('actions').id] } })).body;
    await call(w.map, `/votes/${vote.id}/close`, { method: 'POST', secret: w.fay });
    await waitFor(() => voteOf(w.editor.doc, vote.id)?.status === 'closed', 'the close to reach the editor');
    w.editor.doc.getMap('votes').set(vote.id, { ...vote, status: 'open' });
    await waitFor(() => voteOf(w.watcher.doc, vote.id)?.status === 'open', 'the rewrite to reach the server');
    const res = await call(w.map, `/votes/${vote.id}/ballot`, { method: 'PUT', secret: w.alice, json: { cards: [a!.id] } });
    expect(res.status).toBe(409);
    expect(res.body.error).toBe('This vote is closed.');
    expect(rows('ballots', w.map.id)).toBe(0);
  });

  it('never puts a ballot into any document while the vote is open', async () => {
    const w = await workshop();
    const [a, b] = w.cardsIn('actions');
    const aliceId = participantIdOf(w.alice);
    const vote = (await call(w.map, '/votes', { secret: w.fay, json: { laneIds: [w.lane('actions').id] } })).body;
    await waitFor(() => voteOf(w.watcher.doc, vote.id) !== undefined, 'the vote to reach the watcher');
    const before = Y.encodeStateVector(w.watcher.doc);
    expect((await call(w.map, `/votes/${vote.id}/ballot`, { method: 'PUT', secret: w.alice, json: { cards: [a!.id, b!.id] } })).status).toBe(200);
    expect((await call(w.map, `/votes/${vote.id}/ballot`, { secret: w.bob })).body.voters).toBe(1);
    // Nothing was sent to the other browser: its document is exactly as before, holds no trace of
    // Alice, and the stored document neither.
    await new Promise((done) => setTimeout(done, 200));
    expect(Y.encodeStateVector(w.watcher.doc)).toEqual(before);
    expect(voteOf(w.watcher.doc, vote.id)).toEqual(vote);
    expect(docHolds(w.watcher.doc, aliceId)).toBe(false);
    expect(docHolds(w.editor.doc, aliceId)).toBe(false);
    const stored = readStored(server.dataDir, w.map.id);
    expect(docHolds(stored.doc, aliceId)).toBe(false);
    stored.doc.destroy();
    // After the close, only the counts arrive, still not who voted.
    await call(w.map, `/votes/${vote.id}/close`, { method: 'POST', secret: w.fay });
    await waitFor(() => voteOf(w.watcher.doc, vote.id)?.status === 'closed', 'the tally to reach the watcher');
    expect(voteOf(w.watcher.doc, vote.id)?.tally).toEqual({ [a!.id]: 1, [b!.id]: 1 });
    expect(docHolds(w.watcher.doc, aliceId)).toBe(false);
  });
});

describe('silent rounds', () => {
  it('checks the duration, keeps one round open at a time, and shows the timer to everyone', async () => {
    const w = await workshop();
    for (const durationMs of [undefined, 9_999, 2 * 60 * 60 * 1000 + 1, '60000']) {
      const res = await call(w.map, '/rounds', { secret: w.fay, json: { durationMs } });
      expect(res.status, String(durationMs)).toBe(400);
      expect(res.body.error).toMatch(/from 10000 \(10 seconds\) to 7200000 \(2 hours\)/);
    }
    const res = await call(w.map, '/rounds', { secret: w.fay, json: { durationMs: 90_000 } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'open' });
    expect(res.body.endsAt - res.body.openedAt).toBe(90_000);
    expect((await call(w.map, '/rounds', { secret: w.fay, json: { durationMs: 90_000 } })).status).toBe(409);
    await waitFor(() => roundOf(w.watcher.doc)?.id === res.body.id, 'the round to reach the watcher');
    expect(roundOf(w.watcher.doc)).toEqual(res.body);
  });

  it('keeps private cards private, each its author’s, then reveals them onto the map once', async () => {
    const w = await workshop();
    const [s0, s1] = w.stages;
    const actions = w.lane('actions').id;
    const touchpoints = w.lane('touchpoints').id;
    const emotions = w.lane('emotions').id;
    const cardsBefore = w.editor.doc.getMap('cards').size;
    const round = (await call(w.map, '/rounds', { secret: w.fay, json: { durationMs: 60_000 } })).body;
    await waitFor(() => roundOf(w.watcher.doc)?.id === round.id, 'the round to reach the watcher');
    const before = Y.encodeStateVector(w.watcher.doc);
    const put = (secret: string, id: string, json: unknown) => call(w.map, `/rounds/${round.id}/cards/${id}`, { method: 'PUT', secret, json });

    // Refusals.
    const place = { stageId: s0!.id, laneId: actions };
    expect((await put(w.alice, 'bad.id', { ...place, text: 'x' })).body.error).toMatch(/card id is 1 to 64/);
    expect((await put(w.alice, 'a'.repeat(65), { ...place, text: 'x' })).status).toBe(400);
    expect((await put(w.alice, 'c1', { ...place, text: 'x'.repeat(4001) })).body.error).toMatch(/at most 4000 characters/);
    expect((await put(w.alice, 'c1', { ...place, text: 42 })).status).toBe(400);
    expect((await put(w.alice, 'c1', { laneId: actions, text: 'x' })).body.error).toMatch(/"stageId"/);

    // Alice writes three cards and rewrites one; Bob writes one; Bob cannot touch Alice's.
    expect((await put(w.alice, 'alice-1', { ...place, text: 'SECRET-first draft' })).body).toEqual({ revealed: false });
    expect((await put(w.alice, 'alice-1', { ...place, text: 'SECRET-ALICE-ONE' })).body).toEqual({ revealed: false });
    await put(w.alice, 'alice-2', { stageId: s1!.id, laneId: touchpoints, text: 'SECRET-ALICE-TWO' });
    await put(w.alice, 'alice-3', { stageId: s1!.id, laneId: emotions, text: 'SECRET-ALICE-FEELS' });
    await put(w.alice, 'alice-4', { stageId: 'gone-stage', laneId: actions, text: 'SECRET-ALICE-UNPLACED' });
    await put(w.alice, 'alice-5', { ...place, text: 'SECRET-ALICE-DELETED' });
    await put(w.bob, 'bob-1', { ...place, text: 'SECRET-BOB-ONE' });
    const stolen = await put(w.bob, 'alice-1', { ...place, text: 'Bob was here' });
    expect(stolen.status).toBe(403);
    expect(stolen.body.error).toBe('This card belongs to someone else.');
    expect((await call(w.map, `/rounds/${round.id}/cards/alice-1`, { method: 'DELETE', secret: w.bob })).status).toBe(403);
    expect((await call(w.map, `/rounds/${round.id}/cards/alice-5`, { method: 'DELETE', secret: w.alice })).status).toBe(204);
    expect((await call(w.map, `/rounds/${round.id}/cards/alice-5`, { method: 'DELETE', secret: w.alice })).status).toBe(204); // a retry

    // Each sees their own cards and the counts only.
    const mine = await call(w.map, `/rounds/${round.id}/cards`, { secret: w.alice });
    expect(mine.body).toEqual({
      status: 'open',
      cards: 5,
      writers: 2,
      mine: [
        { id: 'alice-1', ...place, text: 'SECRET-ALICE-ONE' },
        { id: 'alice-2', stageId: s1!.id, laneId: touchpoints, text: 'SECRET-ALICE-TWO' },
        { id: 'alice-3', stageId: s1!.id, laneId: emotions, text: 'SECRET-ALICE-FEELS' },
        { id: 'alice-4', stageId: 'gone-stage', laneId: actions, text: 'SECRET-ALICE-UNPLACED' },
      ],
    });
    expect((await call(w.map, `/rounds/${round.id}/cards`, { secret: w.bob })).body.mine).toEqual([{ id: 'bob-1', ...place, text: 'SECRET-BOB-ONE' }]);
    expect((await call(w.map, `/rounds/${round.id}/cards`, { secret: w.fay })).body).toEqual({ status: 'open', cards: 5, writers: 2, mine: [] });

    // Nothing of it reached any browser or the stored document.
    await new Promise((done) => setTimeout(done, 200));
    expect(Y.encodeStateVector(w.watcher.doc)).toEqual(before);
    for (const doc of [w.watcher.doc, w.editor.doc]) expect(docHolds(doc, 'SECRET')).toBe(false);
    const stored = readStored(server.dataDir, w.map.id);
    expect(docHolds(stored.doc, 'SECRET')).toBe(false);
    stored.doc.destroy();

    // The reveal: every card once, in one transaction, at the end of its cell.
    let transactions = 0;
    // A map's observer runs once per transaction that changes it.
    w.watcher.doc.getMap('cards').observe(() => transactions++);
    const revealed = await call(w.map, `/rounds/${round.id}/reveal`, { method: 'POST', secret: w.fay });
    expect(revealed.status).toBe(200);
    expect(revealed.body).toMatchObject({ id: round.id, status: 'revealed', cards: 5, writers: 2 });
    for (const client of [w.editor, w.watcher]) await waitFor(() => roundOf(client.doc)?.status === 'revealed', 'the reveal to reach a client');
    expect(transactions).toBe(1);
    expect(roundOf(w.watcher.doc)).toEqual(revealed.body);
    const texts = cardTexts(w.watcher.doc);
    expect(w.watcher.doc.getMap('cards').size).toBe(cardsBefore + 5);
    expect(texts.get('alice-1')).toBe('SECRET-ALICE-ONE');
    expect(texts.get('bob-1')).toBe('SECRET-BOB-ONE');
    expect(texts.has('alice-5')).toBe(false);
    const journey: Journey = readJourney(w.watcher.doc);
    expect(journey.unreadable).toEqual([]);
    const card = (id: string) => journey.cards.get(id)!;
    expect(card('alice-1')).toMatchObject({ kind: 'note', stageId: s0!.id, laneId: actions });
    expect(card('alice-2')).toMatchObject({ kind: 'touchpoint', channel: 'web', stageId: s1!.id, laneId: touchpoints, text: 'SECRET-ALICE-TWO' });
    expect(card('alice-3')).toMatchObject({ kind: 'note', laneId: emotions }); // the emotions lane makes no cards
    expect(card('alice-4')).toMatchObject({ kind: 'note', stageId: 'gone-stage', laneId: actions }); // the unplaced tray
    // Written after the cell's own cards, in the order they were first written.
    const cell = (c: Card) => sortByIndex([...journey.cards.values()].filter((x) => x.stageId === c.stageId && x.laneId === c.laneId)).map((x) => x.id);
    expect(cell(card('alice-1')).slice(-2)).toEqual(['alice-1', 'bob-1']);
    expect(cell(card('alice-1')).length).toBeGreaterThan(2);
    expect(cell(card('alice-2')).at(-1)).toBe('alice-2');

    // Once: a second reveal is refused, a card sent again is not doubled, deleting is over.
    const again = await call(w.map, `/rounds/${round.id}/reveal`, { method: 'POST', secret: w.fay });
    expect(again.status).toBe(409);
    expect(again.body.error).toBe('This round has already been revealed.');
    expect((await put(w.alice, 'alice-1', { ...place, text: 'SECRET-ALICE-ONE' })).body).toEqual({ revealed: true });
    const gone = await call(w.map, `/rounds/${round.id}/cards/alice-1`, { method: 'DELETE', secret: w.alice });
    expect(gone.status).toBe(409);
    expect(gone.body.error).toMatch(/has been revealed/);

    // A card written offline and sent after the reveal goes straight onto the map.
    expect((await put(w.bob, 'bob-late', { stageId: s1!.id, laneId: actions, text: 'SECRET-BOB-LATE' })).body).toEqual({ revealed: true });
    for (const client of [w.editor, w.watcher]) await waitFor(() => cardTexts(client.doc).get('bob-late') === 'SECRET-BOB-LATE', 'the late card to reach a client');
    expect(w.watcher.doc.getMap('cards').size).toBe(cardsBefore + 6);
    expect(cardTexts(w.watcher.doc).get('alice-1')).toBe('SECRET-ALICE-ONE');
    expect(readJourney(w.watcher.doc).cards.get('bob-late')).toMatchObject({ kind: 'note', stageId: s1!.id, laneId: actions });
    // A new round may start now.
    expect((await call(w.map, '/rounds', { secret: w.fay, json: { durationMs: 60_000 } })).status).toBe(201);
  });

  it('a card sent again after the reveal is not doubled, nor a card id already on the map taken over', async () => {
    const w = await workshop();
    const existing = w.cardsIn('actions')[0]!;
    const round = (await call(w.map, '/rounds', { secret: w.fay, json: { durationMs: 60_000 } })).body;
    const json = { stageId: existing.stageId, laneId: existing.laneId, text: 'Not the original' };
    expect((await call(w.map, `/rounds/${round.id}/cards/${existing.id}`, { method: 'PUT', secret: w.alice, json })).status).toBe(200);
    const size = w.editor.doc.getMap('cards').size;
    await call(w.map, `/rounds/${round.id}/reveal`, { method: 'POST', secret: w.fay });
    await waitFor(() => roundOf(w.editor.doc)?.status === 'revealed', 'the reveal to reach the editor');
    expect(w.editor.doc.getMap('cards').size).toBe(size);
    expect(cardTexts(w.editor.doc).get(existing.id)).toBe(existing.text);
  });

  it(`refuses more than ${MAX_PRIVATE_CARDS} private cards per person in a round`, { timeout: 60_000 }, async () => {
    const w = await workshop();
    const round = (await call(w.map, '/rounds', { secret: w.fay, json: { durationMs: 60_000 } })).body;
    const json = { stageId: w.stages[0]!.id, laneId: w.lane('actions').id, text: 'idea' };
    for (let i = 0; i < MAX_PRIVATE_CARDS; i += 20) {
      const batch = await Promise.all(Array.from({ length: 20 }, (_, j) => call(w.map, `/rounds/${round.id}/cards/flood-${i + j}`, { method: 'PUT', secret: w.alice, json })));
      expect(batch.every((r) => r.status === 200)).toBe(true);
    }
    const over = await call(w.map, `/rounds/${round.id}/cards/flood-x`, { method: 'PUT', secret: w.alice, json });
    expect(over.status).toBe(429);
    expect(over.body.error).toBe(`At most ${MAX_PRIVATE_CARDS} private cards per person in a round.`);
    // Changing a card one has is still fine, and others are not affected.
    expect((await call(w.map, `/rounds/${round.id}/cards/flood-0`, { method: 'PUT', secret: w.alice, json: { ...json, text: 'better' } })).status).toBe(200);
    expect((await call(w.map, `/rounds/${round.id}/cards/bob-1`, { method: 'PUT', secret: w.bob, json })).status).toBe(200);
    expect(rows('private_cards', w.map.id)).toBe(MAX_PRIVATE_CARDS + 1);
  });
});

describe('deleting a map', () => {
  it('removes its votes, ballots, rounds and private cards', async () => {
    const w = await workshop();
    const vote = (await call(w.map, '/votes', { secret: w.fay, json: { laneIds: [w.lane('actions').id] } })).body;
    await call(w.map, `/votes/${vote.id}/ballot`, { method: 'PUT', secret: w.alice, json: { cards: [w.cardsIn('actions')[0]!.id] } });
    const round = (await call(w.map, '/rounds', { secret: w.fay, json: { durationMs: 60_000 } })).body;
    await call(w.map, `/rounds/${round.id}/cards/c1`, { method: 'PUT', secret: w.alice, json: { stageId: w.stages[0]!.id, laneId: w.lane('actions').id, text: 'idea' } });
    // Another map's rows stay.
    const other = await workshop();
    await call(other.map, '/votes', { secret: other.fay, json: { laneIds: [other.lane('actions').id] } });
    for (const table of ['votes', 'ballots', 'rounds', 'private_cards'] as const) expect(rows(table, w.map.id), table).toBe(1);
    expect((await api(server.http, `/api/maps/${w.map.id}`, { method: 'DELETE', key: w.map.editKey })).status).toBe(204);
    for (const table of ['votes', 'ballots', 'rounds', 'private_cards'] as const) expect(rows(table, w.map.id), table).toBe(0);
    expect(rows('votes', other.map.id)).toBe(1);
    expect((await call(w.map, `/votes/${vote.id}/ballot`, { secret: w.alice })).status).toBe(401);
  });
});

// Hostile bodies against every route that takes one, on a real server: wrong types, fields the route
// does not take, huge strings and nested objects are each refused with 400 naming the field, and
// none of them writes anything: no map, no vote, ballot, round, private card or survey answer, and
// not a byte of any map's document.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readJourney } from '../../src/doc/bindDoc';
import { newParticipantSecret, participantIdOf } from '../../src/journey/participant';
import { api, createMap, mapCount, openClient, sqliteFile, testResources, waitFor, type TestServer } from '../testing/harness';

const { track, serve, finish } = testResources();
let server: TestServer;

beforeAll(async () => {
  server = await serve();
});
afterAll(finish);

function rows(table: 'votes' | 'ballots' | 'rounds' | 'private_cards' | 'responses'): number {
  const db = new Database(sqliteFile(server.dataDir), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

const huge = 'x'.repeat(1024 * 1024);
const nested = (levels: number): unknown => (levels === 0 ? 1 : { a: nested(levels - 1) });

describe('hostile bodies', () => {
  it('are refused with 400 naming the field, and write nothing anywhere', async () => {
    const map = await createMap(server.http, { template: 'currentJourney' });
    const editor = track(await openClient(server.ws, map.id, map.editKey));
    const watcher = track(await openClient(server.ws, map.id, map.viewKey));
    const fay = newParticipantSecret();
    editor.doc.getMap('workshop').set('facilitator', { participantId: participantIdOf(fay), name: 'Fay', since: Date.now() });
    await waitFor(() => watcher.doc.getMap('workshop').has('facilitator'), 'the facilitator to reach the server');
    const journey = readJourney(editor.doc);
    const lane = [...journey.lanes.values()].find((l) => l.kind === 'actions')!.id;
    const stage = [...journey.stages.values()][0]!.id;
    // A vote and a round already open, so the ballot and card routes get as far as their bodies.
    const vote = (await api(server.http, `/api/maps/${map.id}/votes`, { key: map.editKey, json: { laneIds: [lane] }, headers: { 'x-participant': fay } })).body.id as string;
    const round = (await api(server.http, `/api/maps/${map.id}/rounds`, { key: map.editKey, json: { durationMs: 60_000 }, headers: { 'x-participant': fay } })).body.id as string;
    await waitFor(() => (watcher.doc.getMap('workshop').get('round') as { id?: string } | undefined)?.id === round, 'the round to reach the watcher');

    const before = { maps: mapCount(server.dataDir), votes: rows('votes'), ballots: rows('ballots'), rounds: rows('rounds'), cards: rows('private_cards'), answers: rows('responses') };
    const state = Y.encodeStateVector(watcher.doc);
    const answer = { date: '2026-07-01', stageId: stage, metric: 'NPS', score: 9 };
    const card = { stageId: stage, laneId: lane, text: 'x' };
    // [method, path, body, the field the refusal must name]
    const cases: [string, string, unknown, string][] = [
      ['POST', '/api/maps', { template: 42 }, 'template'],
      ['POST', '/api/maps', { template: huge }, 'template'],
      ['POST', '/api/maps', { locale: nested(20) }, 'locale'],
      ['POST', '/api/maps', { template: 'blank', extra: huge }, 'extra'],
      ['POST', `/api/maps/${map.id}/duplicate`, { title: nested(20) }, 'title'],
      ['POST', `/api/maps/${map.id}/duplicate`, { variant: huge }, 'variant'],
      ['POST', `/api/maps/${map.id}/duplicate`, { title: 'Copy', owner: 'me' }, 'owner'],
      ['POST', `/api/maps/${map.id}/responses`, { responses: nested(20) }, 'responses'],
      ['POST', `/api/maps/${map.id}/responses`, { responses: [answer, { ...answer, score: '9' }] }, 'score'],
      ['POST', `/api/maps/${map.id}/responses`, { responses: [answer, { ...answer, comment: huge }] }, 'comment'],
      ['POST', `/api/maps/${map.id}/responses`, { responses: [answer, { ...answer, segment: nested(20) }] }, 'segment'],
      ['POST', `/api/maps/${map.id}/responses`, { responses: [answer], source: huge }, 'source'],
      ['POST', `/api/maps/${map.id}/votes`, { laneIds: [lane], votesPerPerson: nested(20) }, 'votesPerPerson'],
      ['POST', `/api/maps/${map.id}/votes`, { laneIds: huge }, 'laneIds'],
      ['POST', `/api/maps/${map.id}/votes`, { laneIds: [lane, nested(20)] }, 'laneIds'],
      ['POST', `/api/maps/${map.id}/votes`, { laneIds: [lane], allowMultiple: 'true' }, 'allowMultiple'],
      ['PUT', `/api/maps/${map.id}/votes/${vote}/ballot`, { cards: [nested(20)] }, 'cards'],
      ['PUT', `/api/maps/${map.id}/votes/${vote}/ballot`, { cards: [], weight: 3 }, 'weight'],
      ['POST', `/api/maps/${map.id}/votes/${vote}/close`, { force: true }, 'force'],
      ['POST', `/api/maps/${map.id}/rounds`, { durationMs: huge }, 'durationMs'],
      ['PUT', `/api/maps/${map.id}/rounds/${round}/cards/c1`, { ...card, text: huge }, 'text'],
      ['PUT', `/api/maps/${map.id}/rounds/${round}/cards/c1`, { ...card, laneId: nested(20) }, 'laneId'],
      ['PUT', `/api/maps/${map.id}/rounds/${round}/cards/c1`, { ...card, stageId: huge }, 'stageId'],
      ['PUT', `/api/maps/${map.id}/rounds/${round}/cards/c1`, { ...card, author: 'someone' }, 'author'],
      ['DELETE', `/api/maps/${map.id}/rounds/${round}/cards/c1`, { all: true }, 'all'],
      ['POST', `/api/maps/${map.id}/rounds/${round}/reveal`, { now: 1 }, 'now'],
      ['DELETE', `/api/maps/${map.id}`, { really: true }, 'really'],
    ];
    for (const [method, path, json, field] of cases) {
      const what = `${method} ${path} ${field}`;
      const res = await api(server.http, path, { method, json, key: map.editKey, headers: { 'x-participant': fay } });
      expect(res.status, what).toBe(400);
      expect(res.body.error.toLowerCase(), what).toContain(field.toLowerCase());
      expect(res.body.error.length, what).toBeLessThan(500); // a huge value is never sent back
      expect(res.body.code, what).toMatch(/^(badField|unknownFields|unknownTemplate|unknownLocale|badAnswer|textTooLong)$/);
    }

    // Nothing was written: no map, no workshop row, no answer, and the document is as it was.
    expect(mapCount(server.dataDir)).toBe(before.maps);
    expect({ maps: mapCount(server.dataDir), votes: rows('votes'), ballots: rows('ballots'), rounds: rows('rounds'), cards: rows('private_cards'), answers: rows('responses') }).toEqual(before);
    editor.doc.getMap('meta').set('title', 'After the hostile bodies');
    await waitFor(() => watcher.doc.getMap('meta').get('title') === 'After the hostile bodies', 'the editor’s change to reach the watcher');
    const after = Y.decodeStateVector(Y.encodeStateVector(watcher.doc));
    const was = Y.decodeStateVector(state);
    after.delete(editor.doc.clientID);
    was.delete(editor.doc.clientID);
    expect(after).toEqual(was); // only the editor's own change arrived
    expect((await api(server.http, `/api/maps/${map.id}`, { key: map.editKey })).status).toBe(200);
  });
});

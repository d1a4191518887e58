// Survey answers through the HTTP API against a real server with a real SQLite file: only the edit
// key may send them, bad ones are refused by number, good ones end up as figures and verbatims in
// the live document of every connected client, while the raw answers stay in the database, so the
// document stays small however many answers a map gets (50,000 here, timed).
import Database from 'better-sqlite3';
import type { Answer as Checked } from '../src/journey/voc/answerSchema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readJourney } from '../src/doc/bindDoc';
import type { TouchpointCard } from '../src/journey/types';
import { api, createMap, openClient, readStored, sqliteFile, testResources, waitFor, type CreatedMap, type TestServer } from './testing/harness';

const { track, serve, finish } = testResources();
let server: TestServer;

beforeAll(async () => {
  server = await serve();
});
afterAll(finish);

/** A survey answer as the tests POST it (the one answer schema's fields; comment, segment and line may be left out). */
type Answer = Omit<Checked, 'comment' | 'segment' | 'line'> & Partial<Pick<Checked, 'comment' | 'segment' | 'line'>>;

/** Sends answers with the map's edit key, another key, or (null) none. */
const post = (map: CreatedMap, responses: unknown, key: string | null = map.editKey) =>
  api(server.http, `/api/maps/${map.id}/responses`, { key: key ?? undefined, json: { responses } });

/** How many answers the database holds for a map, read through a separate connection. */
function storedAnswers(mapId: string): number {
  const db = new Database(sqliteFile(server.dataDir), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM responses WHERE map_id = ?').get(mapId) as { n: number }).n;
  } finally {
    db.close();
  }
}

/** A current-state map, a client connected with the edit key, and its touchpoints by text. */
async function currentStateMap() {
  const map = await createMap(server.http, { template: 'currentJourney' });
  const client = track(await openClient(server.ws, map.id, map.editKey));
  const touchpoints = new Map<string, TouchpointCard>();
  for (const c of readJourney(client.doc).cards.values()) if (c.kind === 'touchpoint') touchpoints.set(c.text, c);
  const tp = (text: string) => {
    const found = touchpoints.get(text);
    if (!found) throw new Error(`the template has no touchpoint "${text}"`);
    return found;
  };
  return { map, client, tp, touchpoints: [...touchpoints.values()] };
}

const figure = (doc: Y.Doc, key: string) => doc.getMap('voc').get(key) as { value: number | null; n: number } | undefined;
const verbatims = (doc: Y.Doc) => [...doc.getMap('verbatims').values()] as { touchpointId: string | null; text: string; date: string; score: number }[];

/** NPS by hand: % of 9-10 minus % of 0-6, rounded half away from zero. */
function handNps(scores: number[]): number {
  const promoters = scores.filter((s) => s >= 9).length;
  const detractors = scores.filter((s) => s <= 6).length;
  const x = ((promoters - detractors) * 100) / scores.length;
  return Math.sign(x) * Math.round(Math.abs(x)) || 0;
}

describe('POST /api/maps/:id/responses', () => {
  it('needs the edit key: none is 401, the view key 403, a wrong key 401; nothing is kept', async () => {
    const { map, tp, client } = await currentStateMap();
    const store = tp('Store visit with a sales advisor');
    const answers: Answer[] = [{ date: '2026-07-01', touchpointId: store.id, stageId: store.stageId, metric: 'NPS', score: 9 }];
    expect((await post(map, answers, null)).status).toBe(401);
    const view = await post(map, answers, map.viewKey);
    expect(view.status).toBe(403);
    expect(view.body.error).toMatch(/edit key/);
    expect((await post(map, answers, 'not-the-key')).status).toBe(401);
    expect((await api(server.http, '/api/maps/no-such-map/responses', { key: map.editKey, json: { responses: answers } })).status).toBe(401);
    expect(storedAnswers(map.id)).toBe(0);
    expect(client.doc.getMap('voc').size).toBe(0);
  });

  it('refuses bad answers with 400, naming the answer, and keeps none of the request', async () => {
    const { map, tp, client } = await currentStateMap();
    const store = tp('Store visit with a sales advisor');
    const good: Answer = { date: '2026-07-01', touchpointId: store.id, stageId: store.stageId, metric: 'NPS', score: 9 };
    const cases: [unknown, RegExp][] = [
      [[good, { ...good, score: 11 }], /^Answer 2: score out of range for NPS\.$/],
      [[good, good, { ...good, metric: 'CSAT', score: 0 }], /^Answer 3: score out of range for CSAT\.$/],
      [[{ ...good, score: 7.5 }], /^Answer 1: score out of range/],
      [[good, { ...good, date: '01.07.2026' }], /^Answer 2: date is not YYYY-MM-DD\.$/],
      [[good, { ...good, metric: 'XYZ' }], /^Answer 2: unknown metric\.$/],
      [[good, { ...good, touchpointId: null, stageId: null }], /^Answer 2: no touchpoint or stage\.$/],
      [[good, { ...good, comment: 42 }], /^Answer 2: comment or segment is not text\.$/],
      [[good, 'nine'], /^Answer 2: not an object\.$/],
      ['all of them', /must be a list/],
    ];
    for (const [responses, error] of cases) {
      const res = await post(map, responses);
      expect(res.status, JSON.stringify(responses)).toBe(400);
      expect(res.body.error).toMatch(error);
    }
    expect(storedAnswers(map.id)).toBe(0);
    expect(client.doc.getMap('voc').size).toBe(0);
    expect(client.doc.getMap('verbatims').size).toBe(0);
  });

  it('puts the figures into the live document of every connected client, right against a hand count', async () => {
    const { map, client, tp } = await currentStateMap();
    const viewer = track(await openClient(server.ws, map.id, map.viewKey));
    const store = tp('Store visit with a sales advisor');
    const call = tp('Call centre');
    const ad = tp('Social media ad');
    const storeQ3 = [10, 9, 9, 8, 7, 6, 0, 3, 10, 9]; // 5 promoters, 2 passives, 3 detractors: NPS +20
    const storeQ2 = [10, 6, 5, 8]; // 1 promoter, 2 detractors: NPS -25
    const callQ3 = [5, 4, 3, 1]; // CSAT: 2 of 4 are 4-5 = 50%
    const adQ3 = [7, 1, 2]; // 0 promoters, 2 detractors of 3: -66.7 → -67
    const answers: Answer[] = [
      ...storeQ3.map((score, i): Answer => ({ date: `2026-07-${String(i + 1).padStart(2, '0')}`, touchpointId: store.id, stageId: store.stageId, metric: 'NPS', score })),
      ...storeQ2.map((score, i): Answer => ({ date: `2026-06-${String(i + 10)}`, touchpointId: store.id, stageId: store.stageId, metric: 'NPS', score })),
      ...callQ3.map((score, i): Answer => ({ date: `2026-09-${String(i + 20)}`, touchpointId: call.id, stageId: call.stageId, metric: 'CSAT', score })),
      ...adQ3.map((score): Answer => ({ date: '2026-08-15', touchpointId: ad.id, stageId: ad.stageId, metric: 'NPS', score })),
    ];
    const res = await post(map, answers);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ imported: answers.length, skipped: 0, total: answers.length });
    expect(storedAnswers(map.id)).toBe(answers.length);

    const storeKey = `t:${store.id}|NPS|2026-Q3`;
    for (const c of [client, viewer]) await waitFor(() => figure(c.doc, storeKey) !== undefined, 'the figures to reach a client');
    for (const c of [client, viewer]) {
      expect(figure(c.doc, storeKey)).toEqual({ value: handNps(storeQ3), n: 10 });
      expect(handNps(storeQ3)).toBe(20);
      expect(figure(c.doc, `t:${store.id}|NPS|2026-Q2`)).toEqual({ value: -25, n: 4 });
      expect(figure(c.doc, `t:${ad.id}|NPS|2026-Q3`)).toEqual({ value: -67, n: 3 });
      expect(figure(c.doc, `t:${call.id}|CSAT|2026-Q3`)).toEqual({ value: 50, n: 4 });
      // A touchpoint's answers count for its stage too.
      expect(figure(c.doc, `s:${store.stageId}|NPS|2026-Q3`)).toEqual({ value: 20, n: 10 });
      // Nothing for metrics nobody answered.
      expect(figure(c.doc, `t:${store.id}|CSAT|2026-Q3`)).toBeUndefined();
      expect(c.doc.getMap('voc').size).toBe(8); // 4 touchpoint figures + 4 stage figures
    }
  });

  it('a current-state copy of the map keeps its answers: its next import adds to the figures instead of replacing them', async () => {
    const { map, tp } = await currentStateMap();
    const store = tp('Store visit with a sales advisor');
    const answer = (date: string, score: number, line: number): Answer => ({ date, touchpointId: store.id, stageId: store.stageId, metric: 'NPS', score, line, comment: `Comment ${line}` });
    expect((await post(map, [answer('2026-07-01', 10, 2), answer('2026-07-02', 0, 3)])).status).toBe(201);
    const res = await api(server.http, `/api/maps/${map.id}/duplicate`, { key: map.editKey, json: { title: 'Copy' } });
    expect(res.status).toBe(201);
    const copy = res.body as CreatedMap;
    expect(storedAnswers(copy.id)).toBe(2);
    const copyClient = track(await openClient(server.ws, copy.id, copy.editKey));
    expect(figure(copyClient.doc, `t:${store.id}|NPS|2026-Q3`)).toEqual({ value: 0, n: 2 });
    expect(await post(copy, [answer('2026-07-03', 10, 2)]).then((r) => r.body)).toEqual({ imported: 1, skipped: 0, total: 3 });
    await waitFor(() => figure(copyClient.doc, `t:${store.id}|NPS|2026-Q3`)?.n === 3, 'the copy’s figures to count all three answers');
    expect(figure(copyClient.doc, `t:${store.id}|NPS|2026-Q3`)).toEqual({ value: 33, n: 3 });
    expect(verbatims(copyClient.doc).map((v) => v.text).sort()).toEqual(['Comment 2', 'Comment 2', 'Comment 3']);
    // The original is untouched by the copy's import.
    expect(storedAnswers(map.id)).toBe(2);
  });

  it('a future-state copy does not present its source’s figures as its own: no figures, no verbatims, no answers', async () => {
    const { map, client, tp } = await currentStateMap();
    const store = tp('Store visit with a sales advisor');
    const answers: Answer[] = [2, 3].map((line) => ({ date: '2026-07-01', touchpointId: store.id, stageId: store.stageId, metric: 'NPS', score: 9, line, comment: `Comment ${line}` }));
    expect((await post(map, answers)).status).toBe(201);
    await waitFor(() => client.doc.getMap('verbatims').size > 0, 'the figures to reach the client');
    const res = await api(server.http, `/api/maps/${map.id}/duplicate`, { key: map.editKey, json: { title: 'Future state', variant: 'future' } });
    expect(res.status).toBe(201);
    const copy = res.body as CreatedMap;
    const copyClient = track(await openClient(server.ws, copy.id, copy.editKey));
    expect(readJourney(copyClient.doc).meta.variant).toBe('future');
    expect(copyClient.doc.getMap('voc').size).toBe(0);
    expect(copyClient.doc.getMap('verbatims').size).toBe(0);
    expect(storedAnswers(copy.id)).toBe(0);
    // Its own survey counts its own answers only.
    expect(await post(copy, [{ ...answers[0]!, score: 0 }]).then((r) => r.body)).toEqual({ imported: 1, skipped: 0, total: 1 });
    await waitFor(() => figure(copyClient.doc, `t:${store.id}|NPS|2026-Q3`)?.n === 1, 'the copy’s own figure');
    expect(figure(copyClient.doc, `t:${store.id}|NPS|2026-Q3`)).toEqual({ value: -100, n: 1 });
    // The source keeps everything.
    expect(figure(client.doc, `t:${store.id}|NPS|2026-Q3`)).toEqual({ value: 100, n: 2 });
    expect(storedAnswers(map.id)).toBe(2);
  });

  it('chooses the newest comments, a few per touchpoint, as verbatims; answers without a comment are not quoted', async () => {
    const { map, client, tp } = await currentStateMap();
    const store = tp('Store visit with a sales advisor');
    const call = tp('Call centre');
    const answers: Answer[] = [];
    for (let day = 1; day <= 9; day++)
      answers.push({ date: `2026-08-0${day}`, touchpointId: store.id, stageId: store.stageId, metric: 'NPS', score: day, comment: `  Store comment ${day}  `, segment: 'Prepaid' });
    answers.push({ date: '2026-08-31', touchpointId: store.id, stageId: store.stageId, metric: 'NPS', score: 0, comment: '   ' });
    answers.push({ date: '2026-09-01', touchpointId: call.id, stageId: call.stageId, metric: 'CSAT', score: 2, comment: 'Explained it three times' });
    answers.push({ date: '2026-09-02', touchpointId: call.id, stageId: call.stageId, metric: 'CSAT', score: 5 });
    expect((await post(map, answers)).status).toBe(201);
    await waitFor(() => client.doc.getMap('verbatims').size > 0, 'verbatims to reach the client');
    const quoted = verbatims(client.doc);
    const storeTexts = quoted.filter((v) => v.touchpointId === store.id).map((v) => v.text).sort();
    expect(storeTexts).toEqual(['Store comment 5', 'Store comment 6', 'Store comment 7', 'Store comment 8', 'Store comment 9']);
    expect(quoted.filter((v) => v.touchpointId === call.id).map((v) => [v.text, v.score])).toEqual([['Explained it three times', 2]]);
    expect(quoted).toHaveLength(6);
  });

  it('keeps the raw answers in the database, not in the document: 50,000 answers, timed, and importing again adds', { timeout: 120_000 }, async () => {
    const { map, client, touchpoints } = await currentStateMap();
    const sizeBefore = Y.encodeStateAsUpdate(client.doc).byteLength;
    const quarters = ['2025-11', '2026-02', '2026-05', '2026-08'];
    const metrics = ['NPS', 'CES', 'CSAT'] as const;
    const max = { NPS: 10, CES: 7, CSAT: 5 };
    const min = { NPS: 0, CES: 1, CSAT: 1 };
    const answers: Answer[] = [];
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let i = 0; i < 50_000; i++) {
      // Every touchpoint gets every metric in every quarter.
      const tp = touchpoints[i % touchpoints.length]!;
      const metric = metrics[Math.floor(i / touchpoints.length) % 3]!;
      const score = min[metric] + Math.floor(random() * (max[metric] - min[metric] + 1));
      answers.push({
        line: i + 2,
        date: `${quarters[Math.floor(i / (touchpoints.length * 3)) % 4]}-${String(1 + (i % 28)).padStart(2, '0')}`,
        touchpointId: tp.id,
        stageId: tp.stageId,
        metric,
        score,
        comment: i % 7 === 0 ? `Answer number ${i}: the signal at home is weak and the bill keeps going up.` : '',
        segment: i % 2 ? 'Prepaid' : 'Contract',
      });
    }

    const started = performance.now();
    const res = await post(map, answers);
    const seconds = (performance.now() - started) / 1000;
    console.log(`[voc] 50,000 answers through POST /api/maps/:id/responses in ${seconds.toFixed(2)} s (${(JSON.stringify({ responses: answers }).length / 1e6).toFixed(1)} MB of JSON)`);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toEqual({ imported: 50_000, skipped: 0, total: 50_000 });
    expect(storedAnswers(map.id)).toBe(50_000);

    // The figures reach the client: check one against a hand count.
    const tp0 = touchpoints[0]!;
    const key = `t:${tp0.id}|NPS|2026-Q3`;
    const expectedScores = answers.filter((a) => a.touchpointId === tp0.id && a.metric === 'NPS' && a.date.startsWith('2026-08')).map((a) => a.score);
    expect(expectedScores.length).toBeGreaterThan(500);
    await waitFor(() => figure(client.doc, key)?.n === expectedScores.length, 'the 50k figures to reach the client');
    expect(figure(client.doc, key)).toEqual({ value: handNps(expectedScores), n: expectedScores.length });

    // The document holds figures and a few comments, not the answers.
    const sizeAfter = Y.encodeStateAsUpdate(client.doc).byteLength;
    console.log(`[voc] the document: ${sizeBefore} bytes before, ${sizeAfter} bytes after 50,000 answers; ${client.doc.getMap('voc').size} figures, ${client.doc.getMap('verbatims').size} verbatims`);
    expect(sizeAfter).toBeLessThan(200 * 1024);
    expect(client.doc.getMap('verbatims').size).toBe(5 * touchpoints.length * 4); // five per touchpoint and quarter
    await waitFor(() => readStored(server.dataDir, map.id).doc.getMap('voc').get(key) !== undefined, 'the figures to be stored');
    const stored = readStored(server.dataDir, map.id);
    expect(stored.bytes).toBeLessThan(200 * 1024);
    stored.doc.destroy();

    // A second file adds to what is there.
    const more = answers.slice(0, 1000).map((a) => ({ ...a, date: '2026-09-15' }));
    const again = await post(map, more);
    expect(again.status).toBe(201);
    expect(again.body).toEqual({ imported: 1000, skipped: 0, total: 51_000 });
    expect(storedAnswers(map.id)).toBe(51_000);
    const moreScores = more.filter((a) => a.touchpointId === tp0.id && a.metric === 'NPS').map((a) => a.score);
    const all = [...expectedScores, ...moreScores];
    await waitFor(() => figure(client.doc, key)?.n === all.length, 'the new figures to reach the client');
    expect(figure(client.doc, key)).toEqual({ value: handNps(all), n: all.length });

    // The same file again (or a part sent again after a dropped connection) counts nothing twice.
    const repeat = await post(map, more);
    expect(repeat.body).toEqual({ imported: 0, skipped: 1000, total: 51_000 });
    expect(storedAnswers(map.id)).toBe(51_000);
    expect(figure(client.doc, key)).toEqual({ value: handNps(all), n: all.length });
    expect(Y.encodeStateAsUpdate(client.doc).byteLength).toBeLessThan(200 * 1024);
  });
});

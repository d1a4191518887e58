// The quarterly report's quotes through the HTTP API (GET /api/maps/:id/quotes) against a real
// server with a real SQLite file: out of hundreds of answers over two quarters, a touchpoint's quotes
// are its lowest-scored comments of the asked quarter, each score read within its own metric's scale,
// not the newest few the map document keeps; any key may read them, none may not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer as Checked } from '../src/journey/voc/answerSchema';
import { readJourney } from '../src/doc/bindDoc';
import type { TouchpointCard } from '../src/journey/types';
import { api, createMap, openClient, testResources, type CreatedMap, type TestServer } from './testing/harness';

const { track, serve, finish } = testResources();
let server: TestServer;
let map: CreatedMap;
let store: TouchpointCard;

/** A survey answer as the tests POST it (the one answer schema's fields; comment, segment and line may be left out). */
type Answer = Omit<Checked, 'comment' | 'segment' | 'line'> & Partial<Pick<Checked, 'comment' | 'segment' | 'line'>>;

const day = (month: number, d: number) => `2026-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

beforeAll(async () => {
  server = await serve();
  map = await createMap(server.http, { template: 'currentJourney' });
  const client = track(await openClient(server.ws, map.id, map.editKey));
  store = [...readJourney(client.doc).cards.values()].find((c): c is TouchpointCard => c.kind === 'touchpoint')!;
  const at = (date: string, metric: Answer['metric'], score: number, comment = ''): Answer => ({ date, touchpointId: store.id, stageId: store.stageId, metric, score, comment });
  const answers: Answer[] = [
    // The worst of Q3, said early in the quarter (the map document keeps only the newest few).
    at(day(7, 2), 'NPS', 4, 'NPS four'),
    at(day(7, 3), 'CSAT', 4, 'CSAT four of five'),
    at(day(7, 4), 'CES', 2, 'CES two: very hard'),
    at(day(7, 5), 'CSAT', 2, 'CSAT two'),
    at(day(7, 6), 'CES', 6, 'CES six: easy enough'),
    // Worse still, but with no comment: nothing to quote.
    ...Array.from({ length: 40 }, (_, i) => at(day(8, 1 + (i % 28)), 'NPS', 0)),
    // Hundreds of happy comments, the newest of the quarter.
    ...Array.from({ length: 300 }, (_, i) => at(day(8 + (i % 2), 1 + (i % 28)), (['NPS', 'CSAT', 'CES'] as const)[i % 3]!, [9, 5, 7][i % 3]!, `Happy ${i}`)),
    // Q2: the worst of all, in another quarter.
    ...Array.from({ length: 200 }, (_, i) => at(day(4 + (i % 3), 1 + (i % 28)), 'NPS', 0, `Q2 awful ${i}`)),
  ];
  const sent = await api(server.http, `/api/maps/${map.id}/responses`, { key: map.editKey, json: { responses: answers } });
  expect(sent.status).toBe(201);
});
afterAll(finish);

/** Asks with a key (the view key by default; null: none). */
const quotes = (query: string, key: string | null = map.viewKey) => api(server.http, `/api/maps/${map.id}/quotes?${query}`, { key: key ?? undefined });

describe('GET /api/maps/:id/quotes', () => {
  it('quotes a touchpoint’s lowest comments of the quarter within each scale, not its newest', async () => {
    const res = await quotes('quarter=2026-Q3&per=5');
    expect(res.status).toBe(200);
    expect(res.body.quarter).toBe('2026-Q3');
    expect(res.body.answers).toBe(305); // the quarter's comments, out of 545 answers
    const texts = (res.body.quotes[`t:${store.id}`] as { text: string }[]).map((q) => q.text);
    // CES 2 of 1-7 (0.17) < CSAT 2 of 1-5 (0.25) < NPS 4 of 0-10 (0.4) < CSAT 4 of 5 (0.75) < CES 6 (0.83) < NPS 9 (0.9).
    expect(texts).toEqual(['CES two: very hard', 'CSAT two', 'NPS four', 'CSAT four of five', 'CES six: easy enough']);
    expect(res.body.quotes[`t:${store.id}`][0]).toEqual({ text: 'CES two: very hard', metric: 'CES', score: 2, date: '2026-07-04', segment: '' });
  });

  it('gives three per target by default, and the asked quarter only', async () => {
    const q3 = await quotes('quarter=2026-Q3', map.editKey);
    expect((q3.body.quotes[`t:${store.id}`] as unknown[]).length).toBe(3);
    const q2 = await quotes('quarter=2026-Q2&per=2', map.commentKey);
    expect(q2.body.answers).toBe(200);
    expect((q2.body.quotes[`t:${store.id}`] as { text: string; score: number }[]).map((q) => q.score)).toEqual([0, 0]);
    expect(JSON.stringify(q2.body)).not.toContain('Happy');
    expect((await quotes('quarter=2025-Q4')).body).toEqual({ quarter: '2025-Q4', quotes: {}, answers: 0 });
  });

  it('is refused without a key or with a wrong one', async () => {
    for (const key of [null, 'not-a-key']) {
      const res = await quotes('quarter=2026-Q3', key);
      expect(res.status).toBe(401);
      expect(JSON.stringify(res.body)).not.toContain('CES two');
    }
  });

  it('refuses a quarter, a per or a parameter it does not know with 400', async () => {
    for (const [query, field] of [['quarter=2026-Q5', 'quarter'], ['quarter=Q3-2026', 'quarter'], ['', 'quarter'], ['quarter=2026-Q3&per=0', 'per'], ['quarter=2026-Q3&per=many', 'per']]) {
      const res = await quotes(query!);
      expect(res.status, query).toBe(400);
      expect(res.body).toMatchObject({ code: 'badField', params: { field } });
    }
    const unknown = await quotes('quarter=2026-Q3&sort=newest');
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ code: 'unknownFields', params: { fields: 'sort' } });
  });
});

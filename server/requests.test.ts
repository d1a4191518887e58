// The HTTP API against careless and hostile clients, on a real server: map creation only as JSON
// and only from this server's own pages (Origin), at a bounded rate per address and up to a quota
// per server; every body holding only its route's documented fields; deep nesting refused before
// parsing; HEAD wherever GET is; the Authorization scheme in any case.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newParticipantSecret } from '../src/journey/participant';
import { EXPORT_TYPE, EXPORT_VERSION } from '../src/journey/exchange';
import { limitsFromEnv } from './limits';
import { api, createMap, mapCount, testResources, type CreatedMap, type TestServer } from './testing/harness';

const { serve, finish } = testResources();
let server: TestServer;

beforeAll(async () => {
  server = await serve();
});
afterAll(finish);

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** A request with exactly these headers and body (fetch would decide Origin and Host itself). */
function raw(base: string, path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Raw> {
  return new Promise((done, fail) => {
    const req = request(`${base}${path}`, { method: options.method ?? 'GET', headers: options.headers ?? {} }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.on('error', fail);
    req.end(options.body);
  });
}

const json = { 'content-type': 'application/json' };
const errorOf = (r: Raw) => (JSON.parse(r.text) as { error: string }).error;
const host = () => new URL(server.http).host;

async function exportFile(map: CreatedMap) {
  return (await api(server.http, `/api/maps/${map.id}/export.json`, { key: map.editKey })).body as Record<string, unknown>;
}

describe('creating a map needs JSON', () => {
  it.each([
    ['text/plain', { 'content-type': 'text/plain' }, '{"template":"blank"}'],
    ['a form', { 'content-type': 'application/x-www-form-urlencoded' }, 'template=blank'],
    ['no content type', {}, '{"template":"blank"}'],
    ['no content type and no body', {}, undefined],
  ])('%s: 415 saying what to send, and no map', async (_, headers, body) => {
    const before = mapCount(server.dataDir);
    const res = await raw(server.http, '/api/maps', { method: 'POST', headers, body });
    expect(res.status).toBe(415);
    expect(errorOf(res)).toMatch(/Content-Type: application\/json/);
    expect(mapCount(server.dataDir)).toBe(before);
    // application/json with a charset, in any case, is JSON.
    const ok = await raw(server.http, '/api/maps', { method: 'POST', headers: { 'content-type': 'Application/JSON; charset=UTF-8' }, body: '{}' });
    expect(ok.status).toBe(201);
  });

  it('other bodies must be JSON too (415)', async () => {
    const map = await createMap(server.http);
    const res = await raw(server.http, `/api/maps/${map.id}/duplicate`, { method: 'POST', headers: { authorization: `Bearer ${map.editKey}`, 'content-type': 'text/plain' }, body: '{"title":"x"}' });
    expect(res.status).toBe(415);
  });
});

describe('Origin: state-changing requests only from this server’s own pages', () => {
  it('a page of another site cannot create a map (403), even as JSON', async () => {
    const before = mapCount(server.dataDir);
    for (const origin of ['https://evil.example', 'null', `http://${host()}.evil.example`, `https://${host()}`]) {
      const res = await raw(server.http, '/api/maps', { method: 'POST', headers: { ...json, origin }, body: '{}' });
      expect(res.status, origin).toBe(403);
      expect(errorOf(res)).toMatch(/cross-site request refused/i);
    }
    expect(mapCount(server.dataDir)).toBe(before);
  });

  it('nor delete, duplicate, import answers or vote with a key it got hold of', async () => {
    const map = await createMap(server.http);
    const headers = { ...json, origin: 'https://evil.example', authorization: `Bearer ${map.editKey}`, 'x-participant': newParticipantSecret() };
    const attempts: [string, string, string?][] = [
      ['DELETE', ''],
      ['POST', '/duplicate', '{}'],
      ['POST', '/responses', '{"responses":[]}'],
      ['POST', '/rounds', '{"durationMs":60000}'],
      ['PUT', '/votes/aaaaaaaaaaaa/ballot', '{"cards":[]}'],
      ['POST', '/versions', '{"name":"Q3"}'],
      ['DELETE', '/versions/aaaaaaaaaaaa'],
    ];
    for (const [method, path, body] of attempts) {
      const res = await raw(server.http, `/api/maps/${map.id}${path}`, { method, headers, body });
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(errorOf(res)).toMatch(/cross-site request refused/i);
    }
    expect((await api(server.http, `/api/maps/${map.id}`, { key: map.editKey })).status).toBe(200);
  });

  it('the server’s own origin, PUBLIC_URL’s, and requests without Origin (curl, servers) are allowed; reading is not checked', async () => {
    // The same request from a foreign page is refused...
    expect((await raw(server.http, '/api/maps', { method: 'POST', headers: { ...json, origin: 'http://127.0.0.2:1' }, body: '{}' })).status).toBe(403);
    // ...and from the server's own pages, or with no Origin, it is not.
    expect((await raw(server.http, '/api/maps', { method: 'POST', headers: { ...json, origin: server.http }, body: '{}' })).status).toBe(201);
    expect((await raw(server.http, '/api/maps', { method: 'POST', headers: { ...json, origin: `http://${host().toUpperCase()}` }, body: '{}' })).status).toBe(201);
    expect((await raw(server.http, '/api/maps', { method: 'POST', headers: json, body: '{}' })).status).toBe(201);
    // Behind a proxy that terminates TLS and says so.
    expect((await raw(server.http, '/api/maps', { method: 'POST', headers: { ...json, origin: `https://${host()}`, 'x-forwarded-proto': 'https' }, body: '{}' })).status).toBe(201);
    const before = process.env.PUBLIC_URL;
    process.env.PUBLIC_URL = 'https://maps.example.org/';
    try {
      expect((await raw(server.http, '/api/maps', { method: 'POST', headers: { ...json, origin: 'https://maps.example.org' }, body: '{}' })).status).toBe(201);
    } finally {
      if (before === undefined) delete process.env.PUBLIC_URL;
      else process.env.PUBLIC_URL = before;
    }
    expect((await raw(server.http, '/api/time', { headers: { origin: 'https://evil.example' } })).status).toBe(200);
  });
});

describe('how many maps', () => {
  it('one address creates at most mapsPerMinutePerAddress maps a minute: then 429 with Retry-After', async () => {
    const limited = await serve({ limits: { mapsPerMinutePerAddress: 3 } });
    for (let i = 0; i < 3; i++) expect((await api(limited.http, '/api/maps', { json: {} })).status).toBe(201);
    const refused = await api(limited.http, '/api/maps', { json: {} });
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatch(/at most 3 a minute/);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(20);
    expect(mapCount(limited.dataDir)).toBe(3);
  });

  it('duplicates count as new maps', async () => {
    const limited = await serve({ limits: { mapsPerMinutePerAddress: 2 } });
    const map = (await api(limited.http, '/api/maps', { json: {} })).body as CreatedMap;
    expect((await api(limited.http, `/api/maps/${map.id}/duplicate`, { key: map.editKey, json: {} })).status).toBe(201);
    expect((await api(limited.http, `/api/maps/${map.id}/duplicate`, { key: map.editKey, json: {} })).status).toBe(429);
  });

  it('the server holds at most maxMaps: then 507, until one is deleted', async () => {
    const full = await serve({ limits: { maxMaps: 3 } });
    const maps = [];
    for (let i = 0; i < 3; i++) maps.push((await api(full.http, '/api/maps', { json: {} })).body as CreatedMap);
    const refused = await api(full.http, '/api/maps', { json: {} });
    expect(refused.status).toBe(507);
    expect(refused.body.error).toMatch(/MAX_MAPS/);
    expect((await api(full.http, `/api/maps/${maps[0]!.id}/duplicate`, { key: maps[0]!.editKey, json: {} })).status).toBe(507);
    expect(mapCount(full.dataDir)).toBe(3);
    expect((await api(full.http, `/api/maps/${maps[0]!.id}`, { method: 'DELETE', key: maps[0]!.editKey })).status).toBe(204);
    expect((await api(full.http, '/api/maps', { json: {} })).status).toBe(201);
  });

  it('concurrent creations cannot overshoot the quota', async () => {
    const full = await serve({ limits: { maxMaps: 5 } });
    const answers = await Promise.all(Array.from({ length: 20 }, () => api(full.http, '/api/maps', { json: { template: 'currentJourney' } })));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(5);
    expect(mapCount(full.dataDir)).toBe(5);
  });

  it('the settings come from MAPS_PER_MINUTE_PER_ADDRESS and MAX_MAPS', () => {
    expect(limitsFromEnv({})).toEqual({});
    expect(limitsFromEnv({ MAPS_PER_MINUTE_PER_ADDRESS: '5', MAX_MAPS: '200' })).toEqual({ mapsPerMinutePerAddress: 5, maxMaps: 200 });
    expect(() => limitsFromEnv({ MAX_MAPS: 'lots' })).toThrow(/MAX_MAPS must be a whole number/);
  });
});

describe('bodies hold their documented fields only', () => {
  it('a bare map file posted to POST /api/maps is refused (400), naming a field it does not take', async () => {
    const map = await createMap(server.http, { template: 'currentJourney' });
    const file = await exportFile(map);
    const before = mapCount(server.dataDir);
    const res = await api(server.http, '/api/maps', { json: file });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/Unknown fields? "(type|app|version|exportedAt|journey)"/);
    expect(res.body.error).toMatch(/template, locale, file/);
    expect(mapCount(server.dataDir)).toBe(before);
    // Wrapped as documented, it is a map.
    expect((await api(server.http, '/api/maps', { json: { file } })).status).toBe(201);
  });

  it.each([
    ['an unknown field', { template: 'blank', colour: 'red' }, /Unknown field "colour"/],
    ['a file and a template', { template: 'blank', file: { type: EXPORT_TYPE, version: EXPORT_VERSION, journey: { meta: {} } } }, /either "file" or "template"/],
  ])('POST /api/maps with %s: 400', async (_, body, message) => {
    const res = await api(server.http, '/api/maps', { json: body });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(message);
  });

  it('duplicate: title and variant only, of the documented types', async () => {
    const map = await createMap(server.http);
    for (const [body, message] of [
      [{ title: 'x', owner: 'me' }, /Unknown field "owner"/],
      [{ title: 7 }, /"title" must be text/],
      [{ variant: 'past' }, /"variant" must be "current" or "future"/],
    ] as const) {
      const res = await api(server.http, `/api/maps/${map.id}/duplicate`, { key: map.editKey, json: body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error).toMatch(message);
    }
  });

  it('responses: the body and each answer', async () => {
    const map = await createMap(server.http);
    const answer = { date: '2026-08-14', stageId: 's1', metric: 'NPS', score: 9 };
    const extra = await api(server.http, `/api/maps/${map.id}/responses`, { key: map.editKey, json: { responses: [answer], source: 'x' } });
    expect(extra.status).toBe(400);
    expect(extra.body.error).toMatch(/Unknown field "source"/);
    const inAnswer = await api(server.http, `/api/maps/${map.id}/responses`, { key: map.editKey, json: { responses: [answer, { ...answer, weight: 2 }] } });
    expect(inAnswer.status).toBe(400);
    expect(inAnswer.body.error).toMatch(/Answer 2: unknown field "weight"/);
  });

  it('workshop routes, and routes that take no body', async () => {
    const map = await createMap(server.http);
    const headers = { 'x-participant': newParticipantSecret() };
    const cases: [string, string, Record<string, unknown>, RegExp][] = [
      ['POST', '/votes', { laneIds: ['l'], secret: true }, /Unknown field "secret"\. This request takes: laneIds, stageIds, votesPerPerson, allowMultiple/],
      ['PUT', '/votes/aaaaaaaaaaaa/ballot', { cards: [], weight: 3 }, /Unknown field "weight"/],
      ['POST', '/votes/aaaaaaaaaaaa/close', { force: true }, /Unknown field "force": this request takes no body/],
      ['POST', '/rounds', { durationMs: 60_000, endsAt: 0 }, /Unknown field "endsAt"/],
      ['PUT', '/rounds/aaaaaaaaaaaa/cards/card1', { stageId: 's', laneId: 'l', text: 'x', author: 'someone' }, /Unknown field "author"/],
      ['DELETE', '/rounds/aaaaaaaaaaaa/cards/card1', { all: true }, /Unknown field "all"/],
      ['POST', '/rounds/aaaaaaaaaaaa/reveal', { now: 1 }, /Unknown field "now"/],
      ['DELETE', '', { really: true }, /Unknown field "really"/],
    ];
    for (const [method, path, body, message] of cases) {
      const res = await api(server.http, `/api/maps/${map.id}${path}`, { method, key: map.editKey, json: body, headers });
      expect(res.status, `${method} ${path}`).toBe(400);
      expect(res.body.error, `${method} ${path}`).toMatch(message);
    }
    expect((await api(server.http, `/api/maps/${map.id}`, { key: map.editKey })).status).toBe(200);
  });
});

describe('deep nesting', () => {
  it.each([
    ['a template', (deep: string) => `{"template": ${deep}}`],
    ['a map file', (deep: string) => `{"file": {"type": "${EXPORT_TYPE}", "version": ${EXPORT_VERSION}, "journey": {"meta": {"title": ${deep}}}}}`],
  ])('in %s: 400 before it is parsed, and the server keeps answering', async (_, wrap) => {
    for (const deep of ['['.repeat(100_000) + ']'.repeat(100_000), '{"a":'.repeat(50_000) + '1' + '}'.repeat(50_000)]) {
      const res = await raw(server.http, '/api/maps', { method: 'POST', headers: json, body: wrap(deep) });
      expect(res.status).toBe(400);
      expect(errorOf(res)).toMatch(/nested more than 32 levels/);
    }
    expect((await api(server.http, '/healthz')).status).toBe(200);
    // Brackets inside strings do not count.
    const res = await api(server.http, '/api/maps', { method: 'POST', raw: JSON.stringify({ template: 'blank', locale: '['.repeat(100) }), headers: json });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/Unknown locale/);
  });
});

describe('HEAD wherever GET', () => {
  it('answers the headers of GET, with no body', async () => {
    const map = await createMap(server.http);
    const auth = { authorization: `Bearer ${map.viewKey}` };
    for (const [path, headers] of [
      ['/healthz', {}],
      ['/readyz', {}],
      ['/api/time', {}],
      ['/api/origin', {}],
      [`/api/maps/${map.id}`, auth],
      [`/api/maps/${map.id}/export.json`, auth],
    ] as const) {
      const get = await raw(server.http, path, { headers });
      const head = await raw(server.http, path, { method: 'HEAD', headers });
      expect(head.status, path).toBe(200);
      expect(head.text).toBe('');
      expect(head.headers['content-type'], path).toBe(get.headers['content-type']);
      if (!path.endsWith('export.json') && !path.includes('time') && !path.includes('readyz')) expect(head.headers['content-length'], path).toBe(get.headers['content-length']);
    }
    const ballot = await raw(server.http, `/api/maps/${map.id}/votes/aaaaaaaaaaaa/ballot`, { method: 'HEAD', headers: { authorization: `Bearer ${map.editKey}`, 'x-participant': newParticipantSecret() } });
    expect(ballot.status).toBe(404); // as GET: no such vote
  });

  it('a method a route does not have is 405 with Allow', async () => {
    const map = await createMap(server.http);
    const cases: [string, string, string][] = [
      ['POST', '/api/time', 'GET, HEAD'],
      ['PUT', `/api/maps/${map.id}/export.json`, 'GET, HEAD'],
      ['PUT', `/api/maps/${map.id}`, 'GET, HEAD, DELETE'],
      ['GET', '/api/maps', 'POST'],
      ['POST', `/api/maps/${map.id}/votes/aaaaaaaaaaaa/ballot`, 'GET, HEAD, PUT'],
      ['POST', '/healthz', 'GET, HEAD'],
    ];
    for (const [method, path, allow] of cases) {
      const res = await raw(server.http, path, { method, headers: { authorization: `Bearer ${map.editKey}`, 'x-participant': newParticipantSecret() } });
      expect(res.status, `${method} ${path}`).toBe(405);
      expect(res.headers.allow, `${method} ${path}`).toBe(allow);
    }
    expect((await raw(server.http, `/api/maps/${map.id}/nothing`, { headers: { authorization: `Bearer ${map.editKey}` } })).status).toBe(404);
  });
});

describe('Authorization', () => {
  it('the scheme is read in any case; another scheme, or a key with junk after it, is no key', async () => {
    const map = await createMap(server.http);
    for (const scheme of ['bearer', 'BEARER', 'bEaReR', 'Bearer']) {
      const res = await raw(server.http, `/api/maps/${map.id}`, { headers: { authorization: `${scheme} ${map.editKey}` } });
      expect(res.status, scheme).toBe(200);
      expect(JSON.parse(res.text)).toMatchObject({ role: 'edit' });
    }
    for (const header of [`Basic ${map.editKey}`, `Bearer ${map.editKey} extra`, `Bearer`, map.editKey]) {
      expect((await raw(server.http, `/api/maps/${map.id}`, { headers: { authorization: header } })).status, header).toBe(401);
    }
  });
});

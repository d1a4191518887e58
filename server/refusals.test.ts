// Every refusal of the HTTP API carries a stable code and its params beside the English sentence
// (docs/api.md, "Errors"), so the browser says it in its reader's language and scripts can branch
// on it; and every code has a message in the catalogues (the type checker sees to the rest).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allEnglish as en } from '../src/i18n/allEnglish';
import { REFUSAL_CODES } from '../src/i18n/refusals';
import { newParticipantSecret } from '../src/journey/participant';
import { api, createMap, testResources, type TestServer } from './testing/harness';

const { serve, finish } = testResources();
let server: TestServer;

beforeAll(async () => {
  server = await serve();
});
afterAll(finish);

type Body = { error: string; code: string; params: Record<string, string | number> };

describe('a refusal says what went wrong in three ways', () => {
  it('an unknown template: English for API users, a code and the value for everyone else', async () => {
    const res = await api(server.http, '/api/maps', { json: { template: 'nope' } });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      error: 'Unknown template "nope". Use one of: blank, currentJourney, serviceBlueprint, futureJourney.',
      code: 'unknownTemplate',
      params: { template: 'nope' },
    });
  });

  it('a wrong key, a view key where the edit key is needed, and no such endpoint', async () => {
    const map = await createMap(server.http);
    expect(((await api(server.http, `/api/maps/${map.id}`, { key: 'wrong-key-wrong-key' })).body as Body).code).toBe('unknownMapOrKey');
    const viewer = await api(server.http, `/api/maps/${map.id}`, { method: 'DELETE', key: map.viewKey });
    expect(viewer.status).toBe(403);
    expect((viewer.body as Body).code).toBe('needsEditKey');
    expect(((await api(server.http, '/api/nothing')).body as Body).code).toBe('notFound');
  });

  it('bodies that are not JSON objects, or hold fields the route does not take', async () => {
    expect(((await api(server.http, '/api/maps', { raw: '{"template":', headers: { 'content-type': 'application/json' } })).body as Body).code).toBe('badJson');
    const fields = (await api(server.http, '/api/maps', { json: { template: 'blank', colour: 'red' } })).body as Body;
    expect(fields).toMatchObject({ code: 'unknownFields', params: { fields: 'colour', allowed: 'template, locale, file' } });
  });

  it('a map file that cannot be read names its first problem as the browser reads it', async () => {
    const journey = { stages: [], lanes: [], cards: [{ id: 'c', kind: 'sticker', stageId: 's', laneId: 'l', index: 'a0', text: '' }] };
    const res = await api(server.http, '/api/maps', { json: { file: { type: 'touchpoint.journey', app: 'Touchpoint', version: 2, exportedAt: '', journey } } });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'badMapFile', params: { file: 'invalid', path: 'journey.cards[0].kind', reason: 'unknownValue', value: 'sticker', count: 1 } });
  });

  it('survey answers: which answer and which of its fields', async () => {
    const map = await createMap(server.http);
    const res = await api(server.http, `/api/maps/${map.id}/responses`, { key: map.editKey, json: { responses: [{ date: '31.07.2026', stageId: 's', metric: 'NPS', score: 9 }] } });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: 'Answer 1: date is not YYYY-MM-DD.', code: 'badAnswer', params: { n: 1, field: 'date' } });
  });

  it('workshop steps: who may take them', async () => {
    const map = await createMap(server.http);
    const setup = { laneIds: ['l'], votesPerPerson: 3, allowMultiple: false };
    const anonymous = await api(server.http, `/api/maps/${map.id}/votes`, { key: map.editKey, json: setup });
    expect((anonymous.body as Body).code).toBe('noParticipant');
    const someone = await api(server.http, `/api/maps/${map.id}/votes`, { key: map.editKey, json: setup, headers: { 'x-participant': newParticipantSecret() } });
    expect(someone.status).toBe(403);
    expect((someone.body as Body).code).toBe('noFacilitator');
  });
});

describe('the codes', () => {
  it('every code the server can send has a message in the catalogues', () => {
    for (const code of REFUSAL_CODES) expect(en, code).toHaveProperty([`api.error.${code}`]);
  });
});

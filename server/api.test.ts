// The HTTP API against a real server on port 0 with a real SQLite file: creating maps from templates
// and locales, duplicating, deleting, exporting, health checks, the body size limit, the origin for
// share links, and the rule that an unknown map and a wrong key get the same answer.
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJourney } from '../src/doc/bindDoc';
import { addCard, setCardText, updateMeta } from '../src/doc/commands';
import { translate, type Locale } from '../src/i18n/catalogue';
import { EXPORT_TYPE, EXPORT_VERSION, toPlain } from '../src/journey/exchange';
import { sortByIndex } from '../src/journey/order';
import { instantiateTemplate } from '../src/journey/templates';
import { TEMPLATE_IDS, type TemplateId } from '../src/journey/templateIds';
import { startServer } from './app';
import {
  api,
  appDir,
  connectClient,
  contentOf,
  createMap,
  mapCount,
  mapRowExists,
  nextClose,
  openClient,
  readStored,
  tempDir,
  testResources,
  waitFor,
  within,
  type TestServer,
} from './testing/harness';

const { track, serve, finish } = testResources();
let server: TestServer;

beforeAll(async () => {
  server = await serve({ limits: { maxRequestBytes: 64 * 1024 } });
});
afterAll(finish);

/** What a template instantiates to, read the way the export lists it (ids aside). */
function expected(template: TemplateId, locale: Locale) {
  const j = instantiateTemplate(template, (k) => translate(locale, k), locale, 0);
  return {
    title: j.meta.title,
    variant: j.meta.variant,
    stages: sortByIndex(j.stages.values()).map((s) => s.name),
    lanes: sortByIndex(j.lanes.values()).map((l) => `${l.kind}:${l.name}`),
    cards: [...j.cards.values()].map((c) => c.text).sort(),
    personas: [...j.personas.values()].map((p) => p.name),
  };
}

// The export lists are sorted by index already (toPlain), so they compare in order.
type Exported = ReturnType<typeof toPlain>;
function summary(j: Exported) {
  return {
    title: j.meta.title,
    variant: j.meta.variant,
    stages: j.stages.map((s) => s.name),
    lanes: j.lanes.map((l) => `${l.kind}:${l.name}`),
    cards: j.cards.map((c) => c.text).sort(),
    personas: j.personas.map((p) => p.name),
  };
}

async function exported(id: string, key: string): Promise<Exported> {
  const res = await api(server.http, `/api/maps/${id}/export.json`, { key });
  expect(res.status).toBe(200);
  return res.body.journey as Exported;
}

describe('POST /api/maps', () => {
  it('creates a blank English map by default, with two long random keys and links carrying them in the fragment', async () => {
    const res = await api(server.http, '/api/maps', { json: {} });
    expect(res.status).toBe(201);
    const { id, editKey, viewKey, links } = res.body;
    expect(id).toMatch(/^[\w-]{1,64}$/);
    // 144 bits each, URL-safe, and different from each other.
    expect(editKey).toMatch(/^[\w-]{24}$/);
    expect(viewKey).toMatch(/^[\w-]{24}$/);
    expect(editKey).not.toBe(viewKey);
    expect(links.edit).toBe(`${server.http}/#/map/${id}?key=${editKey}`);
    expect(links.view).toBe(`${server.http}/#/map/${id}?key=${viewKey}`);

    const journey = await exported(id, editKey);
    expect(summary(journey)).toEqual(expected('blank', 'en'));
    expect(journey.meta.locale).toBe('en');
  });

  it('an empty request body means a blank English map too', async () => {
    const res = await api(server.http, '/api/maps', { method: 'POST', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(201);
    expect(summary(await exported(res.body.id, res.body.editKey))).toEqual(expected('blank', 'en'));
  });

  it.each(TEMPLATE_IDS.flatMap((t) => (['en', 'ro', 'it'] as const).map((l) => [t, l] as const)))(
    'seeds template %s in locale %s on the server',
    async (template, locale) => {
      const { id, viewKey } = await createMap(server.http, { template, locale });
      const journey = await exported(id, viewKey);
      expect(summary(journey)).toEqual(expected(template, locale));
      expect(journey.meta.locale).toBe(locale);
    },
  );

  it('gives distinct ids and keys to every map', async () => {
    const maps = await Promise.all(Array.from({ length: 5 }, () => createMap(server.http)));
    expect(new Set(maps.map((m) => m.id)).size).toBe(5);
    expect(new Set(maps.flatMap((m) => [m.editKey, m.viewKey])).size).toBe(10);
  });

  it.each([
    ['an unknown template', { template: 'nope' }, /Unknown template "nope"\. Use one of: blank, currentJourney/],
    ['a template that is not a string', { template: 7 }, /Unknown template "7"/],
    ['an unknown locale', { template: 'blank', locale: 'xx' }, /Unknown locale "xx"\. Use en, ro or it\./],
  ])('refuses %s with 400 and says what is allowed', async (_, body, message) => {
    const res = await api(server.http, '/api/maps', { json: body });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(message);
  });

  it.each([
    ['a body that is not JSON', '{"template": ', /not valid JSON/],
    ['a JSON array', '["blank"]', /must be a JSON object/],
    ['JSON null', 'null', /must be a JSON object/],
  ])('refuses %s with 400 and a message', async (_, raw, message) => {
    const res = await api(server.http, '/api/maps', { method: 'POST', raw, headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(message);
  });

  it('refuses a body over the size limit with 413 and a message, and the requests after it are answered', async () => {
    const huge = JSON.stringify({ template: 'blank', padding: 'x'.repeat(2_000_000) });
    const res = await api(server.http, '/api/maps', { method: 'POST', raw: huge, headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(413);
    expect(res.body.error).toMatch(/larger than 65536 bytes/);
    // The client's next requests (on a reused connection, if the server let it be reused) get answers.
    for (let i = 0; i < 4; i++) expect((await within(api(server.http, '/healthz'), 3000, `request ${i} after the 413`)).status).toBe(200);
    // A body just under the limit is fine.
    const ok = await api(server.http, '/api/maps', { method: 'POST', raw: `{"template": "blank"${' '.repeat(60_000)}}`, headers: { 'content-type': 'application/json' } });
    expect(ok.status).toBe(201);
  });

  it('answers 404 for an unknown endpoint and 405 for a wrong method', async () => {
    expect((await api(server.http, '/api/nothing')).status).toBe(404);
    const { id, editKey } = await createMap(server.http);
    const res = await api(server.http, `/api/maps/${id}/export.json`, { method: 'POST', key: editKey, json: {} });
    expect(res.status).toBe(405);
  });
});

describe('POST /api/maps with an exported file', () => {
  it('creates a map holding exactly the file’s journey', async () => {
    const { id, editKey } = await createMap(server.http, { template: 'currentJourney', locale: 'it' });
    const file = (await api(server.http, `/api/maps/${id}/export.json`, { key: editKey })).body;
    const res = await api(server.http, '/api/maps', { json: { file } });
    expect(res.status).toBe(201);
    expect(res.body.id).not.toBe(id);
    expect(await exported(res.body.id, res.body.viewKey)).toEqual(file.journey);
  });

  it.each([
    // The messages come from src/journey/exchange.ts; these check that the API passes a specific one on.
    ['a file of another type', { type: 'something.else', version: 1, journey: {} }, /Touchpoint map/],
    ['a newer version', { type: EXPORT_TYPE, version: 99, journey: { meta: {} } }, /99/],
    ['no journey', { type: EXPORT_TYPE, version: EXPORT_VERSION }, /journey/],
    ['a card without an id', { type: EXPORT_TYPE, version: 1, journey: { meta: {}, cards: [{ text: 'x' }] } }, /cards.*\bid\b/],
    ['a card of an unknown kind', { type: EXPORT_TYPE, version: 1, journey: { meta: {}, cards: [{ id: 'c1', kind: 'nonsense' }] } }, /kind|nonsense|not valid|could not be read/],
  ])('refuses %s with 400 and a message, creating nothing', async (_, file, message) => {
    const before = mapCount(server.dataDir);
    const res = await api(server.http, '/api/maps', { json: { file } });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(message);
    expect(res.body.id).toBeUndefined();
    expect(mapCount(server.dataDir)).toBe(before);
  });
});

describe('GET /api/maps/:id', () => {
  it('tells what a key opens: an editor also gets the view and comment keys to share, a viewer or commenter only its role', async () => {
    const { id, editKey, viewKey, commentKey } = await createMap(server.http);
    expect((await api(server.http, `/api/maps/${id}`, { key: editKey })).body).toEqual({ id, role: 'edit', viewKey, commentKey });
    expect((await api(server.http, `/api/maps/${id}`, { key: viewKey })).body).toEqual({ id, role: 'view' });
    expect((await api(server.http, `/api/maps/${id}`, { key: commentKey })).body).toEqual({ id, role: 'comment' });
    const wrong = await api(server.http, `/api/maps/${id}`, { key: 'wrong' });
    const unknown = await api(server.http, `/api/maps/unknown-map`, { key: 'wrong' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
  });
});

describe('five people opening a new map at once', () => {
  it('all see the template content exactly once', async () => {
    const { id, editKey } = await createMap(server.http, { template: 'currentJourney', locale: 'en' });
    const template = instantiateTemplate('currentJourney', (k) => translate('en', k), 'en', 0);
    const five = await Promise.all(Array.from({ length: 5 }, () => openClient(server.ws, id, editKey).then(track)));
    for (const c of five) {
      expect(c.doc.getMap('cards').size).toBe(template.cards.size);
      expect(c.doc.getMap('stages').size).toBe(template.stages.size);
      expect(c.doc.getMap('lanes').size).toBe(template.lanes.size);
      expect(contentOf(c.doc)).toEqual(contentOf(five[0]!.doc));
    }
    // And the server holds it once: the stored document has the same number of cards.
    expect((await exported(id, editKey)).cards).toHaveLength(template.cards.size);
  });
});

describe('POST /api/maps/:id/duplicate', () => {
  it('copies the live document, applying the new title and variant, and leaves the original alone', async () => {
    const { id, editKey } = await createMap(server.http, { template: 'currentJourney' });
    const editor = track(await openClient(server.ws, id, editKey));
    // A live edit the copy must include (it is in the room, maybe not yet on disk).
    const journey = readJourney(editor.doc);
    const stage = sortByIndex(journey.stages.values())[0]!;
    const lane = sortByIndex(journey.lanes.values())[0]!;
    const cardId = addCard(editor.doc, stage.id, lane.id, { text: 'written just now' })!;
    await waitForServerCard(id, editKey, cardId);

    const res = await api(server.http, `/api/maps/${id}/duplicate`, { key: editKey, json: { title: 'Future state', variant: 'future' } });
    expect(res.status).toBe(201);
    const copy = res.body;
    expect(copy.id).not.toBe(id);
    expect(copy.editKey).not.toBe(editKey);

    const original = await exported(id, editKey);
    const duplicated = await exported(copy.id, copy.editKey);
    expect(duplicated.meta.title).toBe('Future state');
    expect(duplicated.meta.variant).toBe('future');
    expect(original.meta.variant).toBe('current');
    expect(original.meta.title).not.toBe('Future state');
    expect({ ...duplicated, meta: null }).toEqual({ ...original, meta: null });
    expect(duplicated.cards.find((c) => c.id === cardId)?.text).toBe('written just now');

    // The copy is a map of its own: editing it does not touch the original.
    const copyEditor = track(await openClient(server.ws, copy.id, copy.editKey));
    setCardText(copyEditor.doc, cardId, 'changed in the copy');
    await waitForServerText(copy.id, copy.editKey, cardId, 'changed in the copy');
    expect((await exported(id, editKey)).cards.find((c) => c.id === cardId)?.text).toBe('written just now');
  });

  it('keeps the title and variant when none are given', async () => {
    const { id, editKey } = await createMap(server.http, { template: 'serviceBlueprint', locale: 'it' });
    const res = await api(server.http, `/api/maps/${id}/duplicate`, { key: editKey, method: 'POST' });
    expect(res.status).toBe(201);
    const duplicated = await exported(res.body.id, res.body.editKey);
    expect(duplicated.meta).toEqual((await exported(id, editKey)).meta);
  });

  it('needs the edit key: view key 403, wrong or missing key 401', async () => {
    const { id, viewKey } = await createMap(server.http);
    const asViewer = await api(server.http, `/api/maps/${id}/duplicate`, { key: viewKey, json: {} });
    expect(asViewer.status).toBe(403);
    expect(asViewer.body.error).toMatch(/edit key/);
    expect((await api(server.http, `/api/maps/${id}/duplicate`, { key: 'wrong', json: {} })).status).toBe(401);
    expect((await api(server.http, `/api/maps/${id}/duplicate`, { json: {} })).status).toBe(401);
  });
});

describe('DELETE /api/maps/:id', () => {
  it('needs the edit key: view key 403, wrong key 401, and the map survives both', async () => {
    const { id, editKey, viewKey } = await createMap(server.http);
    expect((await api(server.http, `/api/maps/${id}`, { method: 'DELETE', key: viewKey })).status).toBe(403);
    expect((await api(server.http, `/api/maps/${id}`, { method: 'DELETE', key: 'not-the-key' })).status).toBe(401);
    expect((await api(server.http, `/api/maps/${id}`, { method: 'DELETE' })).status).toBe(401);
    expect((await api(server.http, `/api/maps/${id}/export.json`, { key: editKey })).status).toBe(200);
  });

  it('removes the map: people in it are closed for good, the sync endpoint refuses it with 4401, export says 401, nothing stays on disk', async () => {
    const { id, editKey, viewKey } = await createMap(server.http, { template: 'currentJourney' });
    const editor = track(await openClient(server.ws, id, editKey));
    const viewer = track(await openClient(server.ws, id, viewKey));
    const editorClosed = nextClose(editor.provider);
    const viewerClosed = nextClose(viewer.provider);

    const res = await api(server.http, `/api/maps/${id}`, { method: 'DELETE', key: editKey });
    expect(res.status).toBe(204);

    // Those in the map are told it is gone (a 44xx code: their client stops retrying).
    expect((await editorClosed).code).toBe(4404);
    expect((await viewerClosed).code).toBe(4404);
    expect(editor.provider.shouldConnect).toBe(false);
    expect(viewer.provider.shouldConnect).toBe(false);

    // Anyone arriving now is refused like an unknown map.
    const late = track(connectClient(server.ws, id, editKey));
    expect((await nextClose(late.provider)).code).toBe(4401);
    expect(late.provider.shouldConnect).toBe(false);

    for (const key of [editKey, viewKey]) {
      const exportRes = await api(server.http, `/api/maps/${id}/export.json`, { key });
      expect(exportRes.status).toBe(401);
    }
    expect((await api(server.http, `/api/maps/${id}`, { method: 'DELETE', key: editKey })).status).toBe(401);
    expect(mapRowExists(server.dataDir, id)).toBe(false);
    const stored = readStored(server.dataDir, id);
    expect(stored.hasSnapshot).toBe(false);
    expect(stored.updates).toBe(0);
  });
});

describe('GET /api/maps/:id/export.json', () => {
  it('gives editors and viewers the live document as a versioned file', async () => {
    const { id, editKey, viewKey } = await createMap(server.http, { template: 'futureJourney', locale: 'ro' });
    const editor = track(await openClient(server.ws, id, editKey));
    updateMeta(editor.doc, { title: 'Exported title', scenario: 'A scenario' });
    const cardId = [...editor.doc.getMap('cards').keys()][0]!;
    setCardText(editor.doc, cardId, 'edited before export');
    await waitForServerText(id, editKey, cardId, 'edited before export');

    const before = Date.now();
    for (const key of [editKey, viewKey]) {
      const res = await api(server.http, `/api/maps/${id}/export.json`, { key });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${id}.touchpoint.json"`);
      expect(res.body.type).toBe(EXPORT_TYPE);
      expect(res.body.version).toBe(EXPORT_VERSION);
      const exportedAt = Date.parse(res.body.exportedAt);
      expect(res.body.exportedAt).toBe(new Date(exportedAt).toISOString());
      expect(exportedAt).toBeGreaterThanOrEqual(before - 1000);
      expect(exportedAt).toBeLessThanOrEqual(Date.now() + 1000);
      // Exactly what the live document holds, as an editor's client reads it.
      expect(res.body.journey).toEqual(JSON.parse(JSON.stringify(toPlain(readJourney(editor.doc)))));
    }
  });

  it('does not answer without a key', async () => {
    const { id } = await createMap(server.http);
    expect((await api(server.http, `/api/maps/${id}/export.json`)).status).toBe(401);
  });
});

describe('no discovery of maps', () => {
  it('answers an unknown map exactly as a wrong key, on every endpoint', async () => {
    const { id } = await createMap(server.http);
    const unknown = 'no-such-map-0000';
    const requests: [string, { method: string; json?: unknown }][] = [
      ['', { method: 'GET' }],
      ['/export.json', { method: 'GET' }],
      ['/duplicate', { method: 'POST', json: {} }],
      ['', { method: 'DELETE' }],
      ['/versions', { method: 'GET' }],
      ['/source', { method: 'GET' }],
    ];
    for (const [suffix, init] of requests) {
      const wrongKey = await api(server.http, `/api/maps/${id}${suffix}`, { ...init, key: 'k'.repeat(24) });
      const unknownMap = await api(server.http, `/api/maps/${unknown}${suffix}`, { ...init, key: 'k'.repeat(24) });
      expect(wrongKey.status).toBe(401);
      expect(unknownMap.status).toBe(401);
      expect(unknownMap.body).toEqual(wrongKey.body);
    }
  });
});

describe('health', () => {
  it('/healthz says ok and /readyz reports readiness with room and connection counts', async () => {
    const health = await api(server.http, '/healthz');
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ ok: true });
    const { id, editKey } = await createMap(server.http);
    const before = (await api(server.http, '/readyz')).body;
    const client = track(await openClient(server.ws, id, editKey));
    const ready = await api(server.http, '/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body.ready).toBe(true);
    expect(ready.body.connections).toBe(before.connections + 1);
    expect(ready.body.rooms).toBeGreaterThanOrEqual(1);
    client.destroy();
  });

  it('serves the web app for any other path', async () => {
    const res = await fetch(`${server.http}/some/route`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>Touchpoint</title>');
  });
});

describe('GET /api/origin', () => {
  it('is null when the server listens on this computer only: share links would open nowhere else', async () => {
    const res = await api(server.http, '/api/origin');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body).toEqual({ origin: null });
    expect((await api(server.http, '/api/origin', { json: {} })).status).toBe(405);
  });

  it('is PUBLIC_URL when set, without a trailing slash', async () => {
    const before = process.env.PUBLIC_URL;
    process.env.PUBLIC_URL = 'https://maps.example.org/';
    try {
      expect((await api(server.http, '/api/origin')).body).toEqual({ origin: 'https://maps.example.org' });
    } finally {
      if (before === undefined) delete process.env.PUBLIC_URL;
      else process.env.PUBLIC_URL = before;
    }
  });

  it('is this machine’s first network address and the port when the server listens on every interface', async () => {
    const open = await startServer({ port: 0, host: '0.0.0.0', dataDir: tempDir(), distDir: appDir() });
    try {
      const lan = Object.values(networkInterfaces())
        .flat()
        .find((i) => i && i.family === 'IPv4' && !i.internal);
      const res = await api(`http://127.0.0.1:${open.port}`, '/api/origin');
      expect(res.status).toBe(200);
      // A machine with no network at all has nothing better to offer than null.
      expect(res.body).toEqual({ origin: lan ? `http://${lan.address}:${open.port}` : null });
    } finally {
      await open.shutdown();
    }
  });
});

// ---- helpers ------------------------------------------------------------------------------------

/** Waits until the server's copy of the map (through export) has this card. */
async function waitForServerCard(id: string, key: string, cardId: string) {
  await waitForExport(id, key, (j) => j.cards.some((c) => c.id === cardId), `card ${cardId} on the server`);
}

async function waitForServerText(id: string, key: string, cardId: string, text: string) {
  await waitForExport(id, key, (j) => j.cards.find((c) => c.id === cardId)?.text === text, `"${text}" on the server`);
}

async function waitForExport(id: string, key: string, ok: (j: Exported) => boolean, what: string) {
  await waitFor(async () => ok(await exported(id, key)), what);
}

// The versions client against a stand-in for the server's answers: a version's map file read as a
// journey, the server's refusals kept as refusals (the panel says them translated), a copy without a
// source said as "none" rather than as a failure, and list entries checked field by field.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { toExportFile } from '../journey/exchange';
import { instantiateTemplate } from '../journey/templates';
import { refusalOf } from '../i18n/refusals';
import { createVersionsClient, readVersion } from './versionsClient';

const journey = instantiateTemplate('currentJourney', (k) => k, 'en', 0);
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

function serve(answer: (url: string, init: RequestInit) => Response) {
  const calls: { url: string; init: RequestInit }[] = [];
  vi.stubGlobal('fetch', (url: string, init: RequestInit = {}) => {
    calls.push({ url, init });
    return Promise.resolve(answer(url, init));
  });
  return calls;
}

afterEach(() => vi.unstubAllGlobals());

describe('versions client', () => {
  it('reads a version as a journey, sending the key', async () => {
    const calls = serve(() => json(200, toExportFile(journey, new Date())));
    const read = await createVersionsClient('m1', 'k1', () => {}).journey('v1');
    expect(read.cards.size).toBe(journey.cards.size);
    expect(calls[0]!.url).toBe('/api/maps/m1/versions/v1');
    expect(new Headers(calls[0]!.init.headers).get('authorization')).toBe('Bearer k1');
  });

  it('names a version with its name; asks for one before a restore with its reason', async () => {
    const version = { id: 'v2', createdAt: 5, name: 'Q3 baseline', kind: 'named', reason: 'named', editors: ['Ana'], bytes: 10, cards: 3 };
    const calls = serve(() => json(201, version));
    const client = createVersionsClient('m1', 'k1', () => {});
    expect(await client.create({ name: 'Q3 baseline' })).toEqual(version);
    await client.create({ reason: 'beforeRestore' });
    expect(calls.map((c) => [c.init.method, JSON.parse(String(c.init.body))])).toEqual([
      ['POST', { name: 'Q3 baseline' }],
      ['POST', { reason: 'beforeRestore' }],
    ]);
  });

  it('keeps the server’s refusal, and says "no source" as none', async () => {
    serve((url) => (url.endsWith('/source') ? json(404, { error: 'No source', code: 'noSource', params: {} }) : json(403, { error: 'Needs the edit key', code: 'needsEditKey', params: {} })));
    const client = createVersionsClient('m1', 'view-key', () => {});
    expect(await client.source()).toBeNull();
    const failure = await client.remove('v1').catch((e: unknown) => e);
    expect(refusalOf(failure)).toEqual({ code: 'needsEditKey', params: {} });
  });

  it('a version file it cannot read is refused as an unreadable map file', async () => {
    serve(() => new Response('{"type":"something else"}', { status: 200 }));
    const failure = await createVersionsClient('m1', 'k1', () => {}).journey('v1').catch((e: unknown) => e);
    expect(refusalOf(failure)?.code).toBe('badMapFile');
  });

  it('checks every listed version, newest first as the server sends them', async () => {
    serve(() => json(200, { versions: [{ id: 'b', createdAt: 2, name: null, kind: 'auto', reason: 'quiet', editors: ['Ana', 3], bytes: 1, cards: 2 }, { id: 7 }, { id: 'a', createdAt: '2026-11-12T14:03:00Z', name: 'Q3' }] }));
    const list = await createVersionsClient('m1', 'k1', () => {}).list();
    expect(list.map((v) => v.id)).toEqual(['b', 'a']);
    expect(list[0]!.editors).toEqual(['Ana']);
    expect(list[1]).toMatchObject({ kind: 'named', reason: 'named', createdAt: Date.parse('2026-11-12T14:03:00Z') });
    expect(readVersion(null)).toBeNull();
  });
});

// A map moved to another server with its survey figures (map file version 4, "with survey figures"):
// the new map shows them, a client that connects later (the room loaded again from disk) still gets
// them, and this server's own survey import keeps them, replacing only the figures it has answers for.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readJourney } from '../src/doc/bindDoc';
import { toExportFile } from '../src/journey/exchange';
import { surveyOfMap } from '../src/journey/surveyFile';
import { figureKey, stageTarget, touchpointTarget, type MapFigure, type Verbatim } from '../src/journey/voc/onMap';
import { instantiateTemplate } from '../src/journey/templates';
import { translate } from '../src/i18n/catalogue';
import { api, createMap, openClient, readyz, testResources, waitFor, type TestServer } from './testing/harness';

const { track, serve, finish } = testResources();
let server: TestServer;

beforeAll(async () => {
  // Rooms unload soon after the last client leaves, so a test can see a map loaded again from disk.
  server = await serve({ limits: { idleUnloadMs: 150 } });
});
afterAll(finish);

const figure = (doc: Y.Doc, key: string) => doc.getMap('voc').get(key) as { value: number | null; n: number; file?: boolean } | undefined;

/** A current-state map's file with figures for two touchpoints and a stage, and a comment. */
function fileWithFigures() {
  const journey = instantiateTemplate('currentJourney', (key) => translate('en', key), 'en', Date.UTC(2026, 0, 1));
  const tp = (text: string) => [...journey.cards.values()].find((c) => c.text === text)!;
  const store = tp('Store visit with a sales advisor');
  const call = tp('Call centre');
  const keys = {
    store: figureKey(touchpointTarget(store.id), 'NPS', '2026-Q1'),
    call: figureKey(touchpointTarget(call.id), 'CSAT', '2026-Q1'),
    stage: figureKey(stageTarget(store.stageId), 'CES', '2026-Q1'),
  };
  const figures = new Map<string, MapFigure>([
    [keys.store, { value: 12, n: 40 }],
    [keys.call, { value: 60, n: 50 }],
    [keys.stage, { value: 5.2, n: 90 }],
  ]);
  const quote: Verbatim = { id: 'q1', touchpointId: call.id, stageId: call.stageId, metric: 'CSAT', score: 1, date: '2026-02-03', text: 'I had to explain it three times', segment: '' };
  const file = toExportFile(journey, new Date(), [], surveyOfMap(journey, { figures, verbatims: new Map([['q1', quote]]) }));
  return { file, keys, store, call };
}

describe('a map file with survey figures', () => {
  it('makes a map that shows them, for a client now and one that connects after the map was unloaded', async () => {
    const { file, keys } = fileWithFigures();
    const map = await createMap(server.http, { file });
    const first = track(await openClient(server.ws, map.id, map.editKey));
    expect(figure(first.doc, keys.store)).toEqual({ value: 12, n: 40, file: true });
    expect(figure(first.doc, keys.stage)).toMatchObject({ value: 5.2, n: 90 });
    expect([...first.doc.getMap('verbatims').values()]).toMatchObject([{ text: 'I had to explain it three times', file: true }]);
    first.provider.destroy();
    // The room is dropped from memory once nobody is in it; the next client loads it from disk.
    await waitFor(async () => (await readyz(server.http)).rooms === 0, 'the room to unload');
    const later = track(await openClient(server.ws, map.id, map.editKey));
    expect(figure(later.doc, keys.store)).toMatchObject({ value: 12, n: 40 });
    expect(readJourney(later.doc).cards.size).toBe(file.journey.cards.length);
  });

  it('keeps them through this server’s own survey import, except the figure its answers replace', async () => {
    const { file, keys, store } = fileWithFigures();
    const map = await createMap(server.http, { file });
    const client = track(await openClient(server.ws, map.id, map.editKey));
    // Answers for the store visit in the same quarter: 10, 9, 3 → NPS +33 from 3 answers.
    const responses = [10, 9, 3].map((score, i) => ({ date: `2026-02-0${i + 1}`, touchpointId: store.id, stageId: store.stageId, metric: 'NPS', score, comment: '' }));
    const res = await api(server.http, `/api/maps/${map.id}/responses`, { key: map.editKey, json: { responses } });
    expect(res.status).toBe(201);
    await waitFor(() => figure(client.doc, keys.store)?.n === 3, 'the store visit’s figure from this server’s answers');
    expect(figure(client.doc, keys.store)).toEqual({ value: 33, n: 3 });
    // The others came with the file and have no answers here: they stay.
    expect(figure(client.doc, keys.call)).toEqual({ value: 60, n: 50, file: true });
    expect(figure(client.doc, keys.stage)).toMatchObject({ value: 5.2, n: 90, file: true });
    expect([...client.doc.getMap('verbatims').values()]).toMatchObject([{ text: 'I had to explain it three times' }]);
  });
});
